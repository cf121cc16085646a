package main

import (
	"io"

	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// openPrinter opens the outputs of --format: FORMAT or FORMAT:PATH,
// repeatable. close flushes and closes the files written. (Stub: one
// format on stdout.)
func (o *lintOptions) openPrinter(reg *rules.Registry, stdout io.Writer) (p report.Printer, close func() error, err error) {
	format := "text"
	if len(o.formats) > 0 {
		format = o.formats[len(o.formats)-1]
	}
	p, err = report.New(format, stdout)
	return p, func() error { return nil }, err
}
