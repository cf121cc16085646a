// Package report writes lint findings in docqa's output formats.
//
// A Printer receives the findings one document at a time, in the order they
// are to appear, so a run never needs to hold every finding in memory:
//
//	p, err := report.New("json", os.Stdout)
//	p.Begin()
//	for each document, in path order {
//		p.File(doc, findings)
//		sum.Add(findings)
//	}
//	p.End(sum)
//
// Findings carry byte offsets; a printer converts them to lines and columns
// with the document (document.Document.Position) as it writes them, in each
// format's own units. Paths are written with "/" separators whatever the
// operating system.
package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// Printer writes the findings of a run in one format.
//
// Begin is called once before any File, End once after the last; File is
// called once for every document linted, findings or none, in the order
// the documents are to be reported, with the document's findings sorted
// (rules.SortFindings). A Printer is not safe for concurrent use.
type Printer interface {
	// Begin starts the output.
	Begin() error
	// File writes the findings of one document.
	File(doc *document.Document, findings []rules.Finding) error
	// End finishes the output with the run's summary.
	End(sum Summary) error
}

// Summary counts the documents linted and their findings by severity.
type Summary struct {
	// Files is the number of documents linted.
	Files int
	// Error, Warning and Info count the findings of each severity.
	Error, Warning, Info int
}

// Add counts one document and its findings.
func (s *Summary) Add(findings []rules.Finding) {
	s.Files++
	for _, f := range findings {
		switch f.Severity {
		case rules.Error:
			s.Error++
		case rules.Warning:
			s.Warning++
		case rules.Info:
			s.Info++
		}
	}
}

// AtLeast returns the number of findings of severity sev or above.
func (s Summary) AtLeast(sev rules.Severity) int {
	n := 0
	if sev <= rules.Error {
		n += s.Error
	}
	if sev <= rules.Warning {
		n += s.Warning
	}
	if sev <= rules.Info {
		n += s.Info
	}
	return n
}

// Formats returns the names of the formats New accepts, in the order a
// help text lists them.
func Formats() []string { return []string{"text", "json"} }

// New returns a printer writing format to w. It fails for a format it does
// not know.
func New(format string, w io.Writer) (Printer, error) {
	switch format {
	case "text":
		return NewText(w), nil
	case "json":
		return NewJSON(w), nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), " or "))
}

// path returns the name a finding is reported under, with "/" separators.
func path(doc *document.Document, f *rules.Finding) string {
	p := f.Path
	if p == "" {
		p = doc.Path
	}
	return filepath.ToSlash(p)
}
