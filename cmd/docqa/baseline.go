package main

import (
	"io"

	"github.com/docqa/docqa/baseline"
	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/report"
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
	base := baseline.New()
	return baseline.Record(p, base), func(complete bool) error {
		if !complete {
			warn(stderr, "%s: not written: not every input was linted", dest.Path())
			return nil
		}
		return dest.Write(base.Marshal())
	}
}
