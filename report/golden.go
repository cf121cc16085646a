package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/goldenfile"
	"github.com/docqa/docqa/rules"
)

// GoldenPrinter writes the outcome of a golden run (docqa golden) in one
// format.
type GoldenPrinter interface {
	// Begin starts the output.
	Begin() error
	// Entry writes (or records) one document's outcome.
	Entry(e *goldenfile.Entry) error
	// End finishes the output with the run's summary.
	End(sum goldenfile.Summary) error
}

// GoldenOptions are what the golden printers need beyond Options.
type GoldenOptions struct {
	Options
	// Update reports a run that approves documents (docqa golden --update).
	Update bool
	// Color colours the word and line diffs of the text format.
	Color bool
	// Approve returns the command that approves the document named name,
	// for the hint of a missing golden copy.
	Approve func(name string) string
}

// NewGolden returns a golden printer writing format to w: text, json,
// junit and html in their golden form (html: one page with every
// document's status and each drifted one's changes);
// sarif, github, checkstyle and rdjsonl as lint writes them, with the
// revision findings of each drifted document.
func NewGolden(format string, w io.Writer, opts GoldenOptions) (GoldenPrinter, error) {
	switch format {
	case "text":
		return &goldenText{w: w, opts: opts}, nil
	case "json":
		return &goldenJSON{w: w}, nil
	case "junit":
		return &goldenJUnit{w: w, opts: opts}, nil
	case "html":
		return &goldenHTML{w: w, opts: opts}, nil
	}
	p, err := New(format, w, opts.Options)
	if err != nil {
		return nil, err
	}
	return &goldenFindings{p: p}, nil
}

// MultiGolden returns a golden printer that passes every call on to each
// of ps, in order, stopping at the first error.
func MultiGolden(ps ...GoldenPrinter) GoldenPrinter { return multiGolden(slices.Clone(ps)) }

type multiGolden []GoldenPrinter

func (m multiGolden) Begin() error {
	for _, p := range m {
		if err := p.Begin(); err != nil {
			return err
		}
	}
	return nil
}

func (m multiGolden) Entry(e *goldenfile.Entry) error {
	for _, p := range m {
		if err := p.Entry(e); err != nil {
			return err
		}
	}
	return nil
}

func (m multiGolden) End(sum goldenfile.Summary) error {
	for _, p := range m {
		if err := p.End(sum); err != nil {
			return err
		}
	}
	return nil
}

// RevisionFile is one revision of a comparison and the findings that lie
// in it.
type RevisionFile struct {
	Doc      *document.Document
	Findings []rules.Finding
}

// SplitFindings returns both revisions of a comparison, ordered by path,
// each with the findings that lie in it, in the comparison's (sorted)
// order: a finding lies in Old when its path is Old's and not New's (a
// removed quotation), else in New.
func SplitFindings(res *checks.Result) []RevisionFile {
	oldFile, newFile := RevisionFile{Doc: res.Old}, RevisionFile{Doc: res.New}
	for _, f := range res.Findings {
		if res.Old != nil && f.Path == res.Old.Path && (res.New == nil || f.Path != res.New.Path) {
			oldFile.Findings = append(oldFile.Findings, f)
		} else {
			newFile.Findings = append(newFile.Findings, f)
		}
	}
	if res.Old != nil && res.New != nil && res.Old.Path < res.New.Path {
		return []RevisionFile{oldFile, newFile}
	}
	return []RevisionFile{newFile, oldFile}
}

// WriteChanges writes a comparison as the golden harness shows a drifted
// document: the word diff, the line diff of what the word diff does not
// show, then the revision findings in lint's text form, with a blank line
// between each part that is not empty.
func WriteChanges(w io.Writer, r *checks.Result, color bool) error {
	if r == nil {
		return nil
	}
	var words, lines, findings bytes.Buffer
	if err := r.WriteDiff(&words, color); err != nil {
		return err
	}
	if err := r.WriteLineDiff(&lines, color); err != nil {
		return err
	}
	p := NewText(&findings)
	for _, f := range SplitFindings(r) {
		if len(f.Findings) == 0 {
			continue
		}
		if err := p.File(f.Doc, f.Findings); err != nil {
			return err
		}
	}
	sep := false
	for _, part := range []*bytes.Buffer{&words, &lines, &findings} {
		if part.Len() == 0 {
			continue
		}
		if sep {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := part.WriteTo(w); err != nil {
			return err
		}
		sep = true
	}
	return nil
}

// WriteDiffText writes a comparison as docqa diff prints it: the word diff
// of the changed paragraphs, then, after a blank line if there was a diff,
// the findings in lint's text format.
func WriteDiffText(w io.Writer, res *checks.Result, color bool) error {
	if res.Changed() {
		if err := res.WriteDiff(w, color); err != nil {
			return err
		}
	}
	printer := NewText(w)
	wroteBlank := !res.Changed()
	for _, f := range SplitFindings(res) {
		if len(f.Findings) == 0 {
			continue
		}
		if !wroteBlank {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
			wroteBlank = true
		}
		if err := printer.File(f.Doc, f.Findings); err != nil {
			return err
		}
	}
	return nil
}

// goldenText writes one line a document, the diff and findings of a
// drifted one under its line, and a summary line:
//
//	PASS a.md
//	FAIL b.md: differs from golden/b.md
//	<word diff>
//
//	<line diff>
//
//	<findings, as docqa lint prints them>
//	FAIL c.md: no golden copy at golden/c.md (run 'docqa golden --update c.md' to approve it)
//	3 documents: 1 passed, 1 drifted, 1 missing
//
// With Update, a document written over its golden copy has the line
// "wrote golden/b.md". A document that could not be checked is left to the
// caller to report (on stderr).
type goldenText struct {
	w    io.Writer
	opts GoldenOptions
	buf  bytes.Buffer
}

func (p *goldenText) Begin() error { return nil }

func (p *goldenText) Entry(e *goldenfile.Entry) error {
	p.buf.Reset()
	switch e.Status {
	case goldenfile.Pass:
		fmt.Fprintf(&p.buf, "PASS %s\n", e.Name)
	case goldenfile.Drift:
		fmt.Fprintf(&p.buf, "FAIL %s: differs from %s\n", e.Name, e.Golden)
		if err := WriteChanges(&p.buf, e.Changes, p.opts.Color); err != nil {
			return err
		}
	case goldenfile.Missing:
		fmt.Fprintf(&p.buf, "FAIL %s: no golden copy at %s (run '%s' to approve it)\n",
			e.Name, e.Golden, p.opts.approve(e.Name))
	case goldenfile.Written:
		fmt.Fprintf(&p.buf, "wrote %s\n", e.Golden)
	case goldenfile.Unchecked:
		return nil // on stderr
	}
	_, err := p.w.Write(p.buf.Bytes())
	return err
}

func (p *goldenText) End(sum goldenfile.Summary) error {
	_, err := io.WriteString(p.w, sum.String(p.opts.Update)+"\n")
	return err
}

// approve returns the command that approves the document named name.
func (o GoldenOptions) approve(name string) string {
	if o.Approve == nil {
		return "docqa golden --update " + name
	}
	return o.Approve(name)
}

// goldenJSON writes one JSON object,
//
//	{"documents": [{"path", "golden", "status", "diff", "line_diff", "findings", "error"}],
//	 "summary": {"documents", "passed", "drifted", "missing", "written", "errors"}}
//
// indented by two spaces. "status" is pass, drift, missing, written (with
// --update) or error. "diff" (drift only) is the word diff as the text
// format prints it, without colour, and "line_diff" the unified diff of
// the lines that differ in more than words (code, markup, white space),
// each left out when empty; "findings" are the revision findings of a
// drifted document in the schema of "docqa lint --format json", an empty
// list otherwise; "error" (error only) says why the document could not be
// checked. "golden" is left out when the document has no place in the
// golden folder.
type goldenJSON struct {
	w    io.Writer
	docs []goldenJSONEntry
}

type goldenJSONEntry struct {
	Path     string `json:"path"`
	Golden   string `json:"golden,omitempty"`
	Status   string `json:"status"`
	Diff     string `json:"diff,omitempty"`
	LineDiff string `json:"line_diff,omitempty"`
	Findings []any  `json:"findings"`
	Error    string `json:"error,omitempty"`
}

func (p *goldenJSON) Begin() error { return nil }

func (p *goldenJSON) Entry(e *goldenfile.Entry) error {
	je := goldenJSONEntry{Path: e.Name, Golden: e.Golden, Status: e.Status.String(), Findings: []any{}}
	if e.Err != nil {
		je.Error = e.Err.Error()
	}
	if r := e.Changes; r != nil {
		var diff bytes.Buffer
		if err := r.WriteDiff(&diff, false); err != nil {
			return err
		}
		je.Diff = diff.String()
		var lines bytes.Buffer
		if err := r.WriteLineDiff(&lines, false); err != nil {
			return err
		}
		je.LineDiff = lines.String()
		for _, f := range SplitFindings(r) {
			if len(f.Findings) > 0 {
				je.Findings = append(je.Findings, JSONFindings(f.Doc, f.Findings)...)
			}
		}
	}
	p.docs = append(p.docs, je)
	return nil
}

func (p *goldenJSON) End(sum goldenfile.Summary) error {
	v := struct {
		Documents []goldenJSONEntry  `json:"documents"`
		Summary   goldenfile.Summary `json:"summary"`
	}{Documents: p.docs, Summary: sum}
	if v.Documents == nil {
		v.Documents = []goldenJSONEntry{}
	}
	enc := json.NewEncoder(p.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// goldenJUnit writes a JUnit XML report with one test case a document, in
// the suite "docqa golden", class "docqa.golden", named by the document's
// path. A drifted document's case fails with type "drift" and the word
// diff, the line diff and the findings as its text; a missing one with
// type "missing"; one that could not be checked has an error of type
// "error". Written documents pass.
type goldenJUnit struct {
	w     io.Writer
	opts  GoldenOptions
	cases []JUnitCase
}

func (p *goldenJUnit) Begin() error { return nil }

func (p *goldenJUnit) Entry(e *goldenfile.Entry) error {
	c := JUnitCase{Classname: "docqa.golden", Name: e.Name}
	switch e.Status {
	case goldenfile.Drift:
		var body bytes.Buffer
		if err := WriteChanges(&body, e.Changes, false); err != nil {
			return err
		}
		c.Failure = &JUnitProblem{Message: "differs from " + e.Golden, Type: "drift", Body: body.String()}
	case goldenfile.Missing:
		c.Failure = &JUnitProblem{
			Message: "no golden copy at " + e.Golden, Type: "missing",
			Body: "to approve it, run: " + p.opts.approve(e.Name) + "\n",
		}
	case goldenfile.Unchecked:
		c.Error = &JUnitProblem{Message: e.Err.Error(), Type: "error"}
	}
	p.cases = append(p.cases, c)
	return nil
}

func (p *goldenJUnit) End(goldenfile.Summary) error {
	return WriteJUnit(p.w, JUnitSuite{Name: "docqa golden", Cases: p.cases})
}

// goldenFindings writes a golden run in one of lint's formats: the
// revision findings of each drifted document, both revisions as files,
// and the summary of those findings.
type goldenFindings struct {
	p   Printer
	sum Summary
}

func (g *goldenFindings) Begin() error { return g.p.Begin() }

func (g *goldenFindings) Entry(e *goldenfile.Entry) error {
	if e.Changes == nil {
		return nil
	}
	for _, f := range SplitFindings(e.Changes) {
		if f.Doc == nil {
			continue
		}
		g.sum.Add(f.Findings)
		if err := g.p.File(f.Doc, f.Findings); err != nil {
			return err
		}
	}
	return nil
}

func (g *goldenFindings) End(goldenfile.Summary) error { return g.p.End(g.sum) }
