package main

import (
	"io"

	"github.com/docqa/docqa/baseline"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// recordBaseline returns, with --write-baseline, a printer that records
// the findings it prints on their way to p, and the function that writes
// them to dest, the baseline file's destination, once the run is over. It
// records what is reported, after suppression and fixes, whatever the
// number of workers. The file is written only if every input was linted
// (complete): a baseline missing a document's findings would report them
// all as new. Without --write-baseline (dest nil) it returns p and a
// function that does nothing.
func recordBaseline(p report.Printer, dest *writeplan.Destination, stderr io.Writer) (report.Printer, func(complete bool) error) {
	if dest == nil {
		return p, func(bool) error { return nil }
	}
	rec := &recordingPrinter{Printer: p, base: baseline.New()}
	return rec, func(complete bool) error {
		if !complete {
			warn(stderr, "%s: not written: not every input was linted", dest.Path())
			return nil
		}
		return dest.Write(rec.base.Marshal())
	}
}

// recordingPrinter is a printer that records each document's findings in a
// baseline before printing them.
type recordingPrinter struct {
	report.Printer
	base *baseline.Baseline
}

// File records the findings of doc, then prints them.
func (r *recordingPrinter) File(doc *document.Document, findings []rules.Finding) error {
	r.base.Add(doc, findings)
	return r.Printer.File(doc, findings)
}
