package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// JUnitSuite is one test suite of a JUnit XML report, the format CI
// systems (Jenkins, GitLab, GitHub test reporters) read test results in.
type JUnitSuite struct {
	// Name names the suite, e.g. "docqa golden".
	Name string
	// Cases are the suite's test cases, in the order to write them.
	Cases []JUnitCase
}

// JUnitCase is one test case: passed when it has neither a Failure nor an
// Error.
type JUnitCase struct {
	// Classname groups cases in a CI system's display, e.g. "docqa.golden".
	Classname string
	// Name names the case, e.g. a document's path.
	Name string
	// Failure, if not nil, says how the case failed.
	Failure *JUnitProblem
	// Error, if not nil, says why the case could not run.
	Error *JUnitProblem
}

// JUnitProblem is a test case's failure or error.
type JUnitProblem struct {
	// Message is a one-line summary.
	Message string
	// Type classifies the problem, e.g. "drift".
	Type string
	// Body is the full text: a diff, findings.
	Body string
}

// counts returns the number of cases, failed cases and cases in error.
func (s *JUnitSuite) counts() (tests, failures, errors int) {
	for _, c := range s.Cases {
		tests++
		if c.Failure != nil {
			failures++
		}
		if c.Error != nil {
			errors++
		}
	}
	return tests, failures, errors
}

type junitTestsuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Suites   []junitTestsuite `xml:"testsuite"`
}

type junitTestsuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Cases    []junitTestcase `xml:"testcase"`
}

type junitTestcase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string
	Type    string
	Body    string
}

// MarshalXML writes the problem as an element with message and type
// attributes and the body as its text. It writes the body's line breaks as
// they are, where encoding/xml's chardata fields would write "&#xA;", so
// that the XML stays readable.
func (p *junitProblem) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{
		{Name: xml.Name{Local: "message"}, Value: p.Message},
		{Name: xml.Name{Local: "type"}, Value: p.Type},
	}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if p.Body != "" {
		if err := e.EncodeToken(xml.CharData(p.Body)); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// WriteJUnit writes suites as one JUnit XML document,
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<testsuites tests="N" failures="F" errors="E">
//	  <testsuite name="..." tests="N" failures="F" errors="E">
//	    <testcase classname="..." name="..."></testcase>
//	    <testcase classname="..." name="...">
//	      <failure message="..." type="...">body</failure>
//	    </testcase>
//	  </testsuite>
//	</testsuites>
//
// indented by two spaces, in the order given, with the counts computed from
// the cases. Text is escaped as XML requires, and characters XML cannot
// hold (control characters, invalid UTF-8) become U+FFFD, so the output
// always parses.
func WriteJUnit(w io.Writer, suites ...JUnitSuite) error {
	out := junitTestsuites{Suites: make([]junitTestsuite, 0, len(suites))}
	for i := range suites {
		s := &suites[i]
		tests, failures, errors := s.counts()
		js := junitTestsuite{Name: s.Name, Tests: tests, Failures: failures, Errors: errors,
			Cases: make([]junitTestcase, 0, len(s.Cases))}
		for _, c := range s.Cases {
			js.Cases = append(js.Cases, junitTestcase{
				Classname: c.Classname, Name: c.Name,
				Failure: junitProblemOf(c.Failure), Error: junitProblemOf(c.Error),
			})
		}
		out.Tests += tests
		out.Failures += failures
		out.Errors += errors
		out.Suites = append(out.Suites, js)
	}
	data, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding JUnit XML: %w", err)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	data = append(data, '\n')
	_, err = w.Write(data)
	return err
}

func junitProblemOf(p *JUnitProblem) *junitProblem {
	if p == nil {
		return nil
	}
	return &junitProblem{Message: p.Message, Type: p.Type, Body: p.Body}
}

// JUnit writes lint findings as a JUnit XML report (see WriteJUnit), for
// CI systems that show test results: one test suite per document, named by
// its path, with one failed test case per finding,
//
//	<testcase classname="PATH" name="RULE at L:C">
//	  <failure message="MESSAGE" type="SEVERITY">PATH:L:C: SEVERITY: MESSAGE [RULE]</failure>
//	</testcase>
//
// and a document without findings has one passing case, named "no
// findings", so that every document linted is listed. Lines and columns
// are 1-based and columns count Unicode code points. The root holds the
// counts, so JUnit keeps the suites, not the documents, until End.
type JUnit struct {
	w      io.Writer
	suites []JUnitSuite
}

// NewJUnit returns a JUnit printer writing to w.
func NewJUnit(w io.Writer) *JUnit { return &JUnit{w: w} }

// Begin implements Printer: it forgets the suites of an earlier run.
func (p *JUnit) Begin() error {
	p.suites = p.suites[:0]
	return nil
}

// File implements Printer: it makes the document's suite, to write at End.
func (p *JUnit) File(doc *document.Document, findings []rules.Finding) error {
	name := filepath.ToSlash(doc.Path)
	if len(findings) > 0 {
		name = path(doc, &findings[0])
	}
	s := JUnitSuite{Name: name, Cases: make([]JUnitCase, 0, max(len(findings), 1))}
	if len(findings) == 0 {
		s.Cases = append(s.Cases, JUnitCase{Classname: name, Name: "no findings"})
	}
	cur := doc.Cursor()
	for i := range findings {
		f := &findings[i]
		pos := cur.Position(f.Span.Start)
		sev := level(f.Severity)
		s.Cases = append(s.Cases, JUnitCase{
			Classname: name,
			Name:      fmt.Sprintf("%s at %d:%d", f.Rule, pos.Line, pos.Column),
			Failure: &JUnitProblem{
				Message: f.Message,
				Type:    sev,
				Body:    fmt.Sprintf("%s:%d:%d: %s: %s [%s]\n", path(doc, f), pos.Line, pos.Column, sev, oneLine(f.Message), f.Rule),
			},
		})
	}
	p.suites = append(p.suites, s)
	return nil
}

// End implements Printer: it writes the report.
func (p *JUnit) End(Summary) error { return WriteJUnit(p.w, p.suites...) }
