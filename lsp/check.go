package lsp

import (
	"path/filepath"

	"github.com/docqa/docqa/internal/files"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/rules"
)

// check lints one version of a document into a: the findings its
// configuration's pipeline reports (with the workspace's census for the
// rules that look across documents) and its drift from its golden copy,
// then their diagnostics.
func (s *Server) check(a *analysis, name string, format document.Format, text []byte) {
	s.mu.Lock()
	enc, golden := s.enc, s.goldenDir
	s.mu.Unlock()
	p := s.ws.pipelineFor(name)
	if p == nil {
		return
	}
	cc := &checkContext{pipe: p, root: s.rootOf(name), golden: golden}
	a.ctx = cc
	doc := p.Documents.LoadFormat(name, text, format)
	a.doc = doc
	if notice := refusal(name, text); notice != "" {
		a.diags = []Diagnostic{{Severity: SeverityInformation, Code: "docqa/input", Source: "docqa", Message: notice}}
		return
	}
	lint := p
	if c := s.ws.censusFor(p); c != nil {
		abs, _ := filepath.Abs(name)
		if inFolder(s.ws.dir(), abs) && c.replace(abs, p.Tally(doc)) {
			// The workspace's spellings changed: the other open documents
			// counted with them are checked again.
			defer s.recheckOthers(name, p)
		}
		lint = p.WithCensus(&c.c) // a document out of the folder is checked with its counts
	}
	findings, err := lint.Lint(doc)
	if err != nil {
		s.logf(msgError, "%v", err)
	}
	for _, n := range p.SourceNotices() {
		s.logf(msgInfo, "%v", n) // a source skipped, or read with a problem
	}
	findings = append(findings, s.drift(cc, doc)...)
	a.findings = findings
	a.diags = diagnostics(doc, findings, enc, p.Registry)
}

// refusal says why a text is not checked (binary, or in an encoding
// other than UTF-8), as docqa lint would; "" if it is checked.
func refusal(name string, text []byte) string {
	in := inputs.Input{File: files.File{Name: filepath.ToSlash(name), Path: name}}
	if _, err := inputs.Refuse(in, text, document.MaxSize, "checked", true); err != nil {
		return err.Error()
	}
	return ""
}

// drift compares a document with its golden copy, if it has one, and
// returns what changed that an editor must see: quotations, speakers,
// figures, markup. The new findings a comparison reports are left out:
// the document's own diagnostics show them already. A finding that lies
// in the golden copy (a quotation removed) is shown at the start of the
// document, with the copy's place as related information.
func (s *Server) drift(cc *checkContext, doc *document.Document) []rules.Finding {
	goldenName, data := s.ws.golden(doc.Path, cc)
	if data == nil {
		return nil
	}
	c, err := cc.pipe.Comparer()
	if err != nil {
		s.logf(msgError, "%v", err)
		return nil
	}
	old := cc.pipe.Documents.LoadFormat(goldenName, data, doc.Format)
	res, err := pipeline.Compare(c, old, doc)
	if err != nil {
		s.logf(msgError, "%v", err)
		return nil
	}
	var out []rules.Finding
	for _, f := range res.Findings {
		if f.Rule == "checks/new-finding" {
			continue
		}
		if f.Path != doc.Path {
			f.Related = append([]rules.Related{{Path: old.Path, Doc: old, Span: f.Span, Message: "in the golden copy"}}, f.Related...)
			f.Path, f.Span, f.Fixes = doc.Path, document.Span{}, nil
		}
		f.Message += " (since the golden copy " + relativeTo(cc.root, goldenName) + ")"
		out = append(out, f)
	}
	return out
}

// relativeTo returns path relative to dir if it lies below it.
func relativeTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return path
}

// diagnostics converts findings of doc to diagnostics, with columns in
// unit enc.
func diagnostics(doc *document.Document, findings []rules.Finding, enc document.Unit, reg *rules.Registry) []Diagnostic {
	out := make([]Diagnostic, 0, len(findings))
	cur := doc.CursorIn(enc)
	bom := bomWidth(doc.Text, enc)
	for _, f := range findings {
		d := Diagnostic{
			Range:    Range{Start: position(cur.Position(f.Span.Start), bom), End: position(cur.Position(f.Span.End), bom)},
			Severity: severity(f.Severity),
			Code:     f.Rule,
			Source:   "docqa",
			Message:  f.Message,
		}
		if r, ok := reg.Lookup(f.Rule); ok && r.Link != "" {
			d.CodeDescription = &CodeDescription{Href: r.Link}
		}
		for _, rel := range f.Related {
			loc := Location{URI: pathURI(absPath(doc.Path))}
			rd := doc
			if rel.Doc != nil {
				rd = rel.Doc
				loc.URI = pathURI(absPath(rel.Doc.Path))
			} else if rel.Path != "" && rel.Path != doc.Path {
				continue // a place in a document the finding does not carry
			}
			loc.Range = rangeOf(rd, rel.Span, enc)
			d.RelatedInformation = append(d.RelatedInformation, DiagnosticRelatedInformation{Location: loc, Message: rel.Message})
		}
		out = append(out, d)
	}
	return out
}

// absPath returns path made absolute.
func absPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	return abs
}

// position converts a document's 1-based position to the protocol's, in
// a text whose byte order mark, if any, is bom units wide: the client
// counts it as a character of line 0.
func position(p document.Position, bom uint32) Position {
	c := uint32(p.Column - 1)
	if p.Line == 1 {
		c += bom
	}
	return Position{Line: uint32(p.Line - 1), Character: c}
}

// severity converts a finding's severity to a diagnostic's.
func severity(s rules.Severity) int {
	switch s {
	case rules.Error:
		return SeverityError
	case rules.Warning:
		return SeverityWarning
	}
	return SeverityInformation
}
