// Package report writes lint findings in docqa's output formats.
//
// A Printer receives the findings one document at a time, in the order they
// are to appear, so a run never needs to hold every finding in memory:
//
//	p, err := report.New("json", os.Stdout, report.Options{Registry: reg})
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
//
// The formats: text, json, sarif (SARIF 2.1.0, for GitHub code scanning),
// github (GitHub Actions workflow commands), checkstyle, junit and rdjsonl
// (reviewdog's diagnostic JSON lines), and html (one self-contained page
// to read in a browser; see HTML). Those whose document has one root
// holding counts or the rule list (sarif, junit) keep what they are to
// write, not the documents, until End; the others write each document's
// findings as File receives them. Every format's output depends only on
// the findings and documents it is given, in the order given.
package report

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
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
func Formats() []string {
	return []string{"text", "json", "sarif", "github", "checkstyle", "junit", "rdjsonl", "html"}
}

// Options are what some formats need besides the findings.
type Options struct {
	// Registry documents the rules: SARIF lists every rule in it, with its
	// descriptions and default level. It may be nil; then SARIF lists only
	// the IDs of the rules that found something.
	Registry *rules.Registry
	// Version is docqa's version, which SARIF records as the tool's;
	// empty stands for "(devel)".
	Version string
	// SrcRoot is the absolute folder that relative paths are relative to,
	// which SARIF records as %SRCROOT%. It may be empty.
	SrcRoot string
	// Command is the docqa command a report is of ("lint", "verify"),
	// which the HTML page names; empty stands for "lint".
	Command string
}

// New returns a printer writing format to w. It fails for a format it does
// not know, with the message
//
//	unknown format "x" (want text, json, sarif, github, checkstyle, junit, rdjsonl, html)
func New(format string, w io.Writer, opts Options) (Printer, error) {
	switch format {
	case "text":
		return NewText(w), nil
	case "json":
		return NewJSON(w), nil
	case "sarif":
		return NewSARIF(w, opts), nil
	case "github":
		return NewGitHub(w), nil
	case "checkstyle":
		return NewCheckstyle(w), nil
	case "junit":
		return NewJUnit(w), nil
	case "rdjsonl":
		return NewRDJSONL(w), nil
	case "html":
		return NewHTML(w, opts), nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
}

// Multi returns a printer that passes every call on to each of ps, in
// order. A call stops at the first printer that fails and returns its
// error.
func Multi(ps ...Printer) Printer { return multi(slices.Clone(ps)) }

type multi []Printer

// Begin implements Printer.
func (m multi) Begin() error {
	for _, p := range m {
		if err := p.Begin(); err != nil {
			return err
		}
	}
	return nil
}

// File implements Printer.
func (m multi) File(doc *document.Document, findings []rules.Finding) error {
	for _, p := range m {
		if err := p.File(doc, findings); err != nil {
			return err
		}
	}
	return nil
}

// End implements Printer.
func (m multi) End(sum Summary) error {
	for _, p := range m {
		if err := p.End(sum); err != nil {
			return err
		}
	}
	return nil
}

// path returns the name a finding is reported under, with "/" separators.
func path(doc *document.Document, f *rules.Finding) string {
	p := f.Path
	if p == "" {
		p = doc.Path
	}
	return filepath.ToSlash(p)
}

// level names a severity in the vocabulary most formats share: "error",
// "warning" and "info".
func level(sev rules.Severity) string {
	switch sev {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "info"
}
