package lsp

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/rules"
)

// openDoc is a document the client has open: its text as the client has
// it, and the check of its latest version.
type openDoc struct {
	uri     string
	path    string // the file's path, or a name for an unsaved buffer
	format  document.Format
	version int32
	text    []byte
	timer   *time.Timer
	a       *analysis // the check of the current version, nil until asked
	sent    *analysis // the check whose diagnostics were last pushed
}

// stopTimer stops the pending check, if any.
func (d *openDoc) stopTimer() {
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
}

// analysis is the check of one version of a document; done closes when
// its fields are set.
type analysis struct {
	version int32
	done    chan struct{}
	doc     *document.Document
	// findings are the linter's, through the processors, then the drift
	// from the golden copy.
	findings []rules.Finding
	diags    []Diagnostic
	ctx      *checkContext
}

// wait waits for the analysis or for ctx.
func (a *analysis) wait(ctx context.Context) error {
	select {
	case <-a.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// uriPath returns the file path of a file: URI.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if p == "" {
		p = u.Opaque
	}
	return filepath.FromSlash(p), p != ""
}

// pathURI returns the file: URI of an absolute path.
func pathURI(p string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}

// formatOf returns the format of a document the client opened with a
// language ID, and whether docqa checks it: Markdown and plain text, by
// language ID (those of the initialization options too) or by the file's
// extension. configuredFormat adds those of the document's configuration.
func (s *Server) formatOf(name, languageID string) (document.Format, bool) {
	if f, ok := s.languages[languageID]; ok {
		return f, true
	}
	switch languageID {
	case "markdown":
		return document.Markdown, true
	case "plaintext", "text":
		return document.Plain, true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return document.Markdown, true
	case ".txt":
		return document.Plain, true
	}
	return 0, false
}

// configuredFormat returns the format the document's configuration gives
// its language ID (languages: in .docqa.yaml), and whether it gives one.
func (s *Server) configuredFormat(name, languageID string) (document.Format, bool) {
	if languageID == "" {
		return 0, false
	}
	p := s.ws.pipelineFor(name)
	if p == nil || p.Config == nil {
		return 0, false
	}
	f, ok := p.Config.Languages[languageID]
	return f, ok
}

// didOpen starts tracking a document and checks it.
func (s *Server) didOpen(p DidOpenTextDocumentParams) {
	item := p.TextDocument
	name, ok := uriPath(item.URI)
	if !ok {
		// An unsaved buffer: its last segment names it, and the first
		// workspace folder's configuration applies.
		u, _ := url.Parse(item.URI)
		base := "untitled"
		if u != nil {
			base = path.Base(u.Opaque + u.Path)
		}
		name = filepath.Join(s.ws.dir(), base)
	}
	s.mu.Lock()
	format, checked := s.formatOf(name, item.LanguageID)
	s.mu.Unlock()
	if !checked {
		format, checked = s.configuredFormat(name, item.LanguageID)
	}
	if !checked {
		return // YAML, code: not docqa's
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[item.URI]; old != nil {
		old.stopTimer()
	}
	d := &openDoc{uri: item.URI, path: name, format: format, version: item.Version, text: []byte(item.Text)}
	s.docs[item.URI] = d
	s.startLocked(d)
}

// didChange applies a document's changes, in order, and schedules its
// check after the debounce.
func (s *Server) didChange(p DidChangeTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil // not a document docqa checks
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			d.text = []byte(c.Text)
			continue
		}
		lines := document.NewLines(d.text)
		start, end := s.offset(lines, d.text, c.Range.Start), s.offset(lines, d.text, c.Range.End)
		if end < start {
			return fmt.Errorf("%s: a change whose range ends before it starts", d.uri)
		}
		text := make([]byte, 0, len(d.text)-(end-start)+len(c.Text))
		text = append(text, d.text[:start]...)
		text = append(text, c.Text...)
		d.text = append(text, d.text[end:]...)
	}
	d.version = p.TextDocument.Version
	d.a = nil
	s.scheduleLocked(d)
	return nil
}

// didClose stops tracking a document and clears its diagnostics. A
// census that counted it as the editor had it counts it as it is on disk
// again, or not at all if it is not there.
func (s *Server) didClose(uri string) {
	s.pubMu.Lock()
	s.mu.Lock()
	d := s.docs[uri]
	if d != nil {
		d.stopTimer()
		delete(s.docs, uri)
	}
	pull := s.pull
	s.mu.Unlock()
	if d != nil && !pull {
		s.send("textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
	}
	s.pubMu.Unlock()
	if d == nil {
		return
	}
	if s.recount(d.path) {
		s.recheckAll()
	}
}

// scheduleLocked checks d after the debounce, or at once without one. A
// client that pulls diagnostics asks when it wants them: nothing is
// scheduled. The caller holds s.mu.
func (s *Server) scheduleLocked(d *openDoc) {
	d.stopTimer()
	if s.pull {
		return
	}
	if s.debounce < 0 {
		s.startLocked(d)
		return
	}
	version := d.version
	d.timer = time.AfterFunc(s.debounce, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.docs[d.uri] == d && d.version == version {
			d.timer = nil
			s.startLocked(d)
		}
	})
}

// startLocked returns the check of d's current version, starting it if
// need be. The caller holds s.mu.
func (s *Server) startLocked(d *openDoc) *analysis {
	if d.a != nil && d.a.version == d.version {
		return d.a
	}
	a := &analysis{version: d.version, done: make(chan struct{})}
	if s.closed {
		close(a.done) // Run has returned: nothing more is checked
		return a
	}
	d.a = a
	text, name, format := d.text, d.path, d.format
	go func() {
		defer close(a.done)
		s.checkSafely(a, name, format, text)
		s.published(d, a)
	}()
	return a
}

// checkSafely checks a document, turning a panic into a diagnostic that
// says the document could not be checked and a line in the log: a bug in
// one rule must not take the editor's server down.
func (s *Server) checkSafely(a *analysis, name string, format document.Format, text []byte) {
	defer func() {
		if p := recover(); p != nil {
			s.logf(msgError, "checking %s: internal error: %v\n%s", name, p, debug.Stack())
			a.findings = nil
			a.diags = []Diagnostic{{Severity: SeverityWarning, Code: "docqa/internal", Source: "docqa",
				Message: fmt.Sprintf("docqa could not check this document: internal error: %v (the server's log has the details)", p)}}
		}
	}()
	s.check(a, name, format, text)
}

// current returns the check of the current version of the document at
// uri, started if need be, or nil if the client has no such document
// open.
func (s *Server) current(uri string) (*openDoc, *analysis) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		return nil, nil
	}
	d.stopTimer()
	return d, s.startLocked(d)
}

// published pushes a finished check's diagnostics, if it is still the
// current one and the client does not pull them. They are encoded first,
// which takes long when they are many, and written only if the check is
// still the current one then, under pubMu: a newer check's diagnostics,
// or the empty ones of the document's closing, are never followed by
// these.
func (s *Server) published(d *openDoc, a *analysis) {
	current := func() bool {
		return !s.pull && s.docs[d.uri] == d && d.a == a && d.sent != a
	}
	s.mu.Lock()
	push := current()
	s.mu.Unlock()
	if !push {
		return
	}
	v := a.version
	diags := a.diags
	if diags == nil {
		diags = []Diagnostic{}
	}
	body, err := encode(outgoing{JSONRPC: "2.0", Method: "textDocument/publishDiagnostics", Params: PublishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: diags}})
	if err != nil {
		s.logf(msgError, "%v", err)
		return
	}
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	push = current()
	if push {
		d.sent = a
	}
	s.mu.Unlock()
	if push {
		if err := s.out.writeBody(body); err != nil {
			s.logf(msgError, "writing textDocument/publishDiagnostics: %v", err)
		}
	}
}

// recheckAll drops the checks of every open document and checks them
// again: after a configuration or a golden copy changed.
func (s *Server) recheckAll() {
	s.mu.Lock()
	for _, d := range s.docs {
		d.a = nil
		if !s.pull {
			s.startLocked(d)
		}
	}
	pull, refresh := s.pull, s.refresh
	s.mu.Unlock()
	if pull && refresh {
		s.request("workspace/diagnostic/refresh", nil)
	}
}

// recheckOthers checks again the open documents other than the one at
// path that pipeline p checks: a change to one document's spellings
// changes what the rules that look across documents say of the others.
func (s *Server) recheckOthers(path string, p *pipeline.Pipeline) {
	s.mu.Lock()
	stale := false
	defer func() {
		pull, refresh := s.pull, s.refresh
		s.mu.Unlock()
		if stale && pull && refresh {
			s.request("workspace/diagnostic/refresh", nil)
		}
	}()
	for _, d := range s.docs {
		if d.path == path || d.a == nil {
			continue
		}
		select {
		case <-d.a.done:
			if d.a.ctx == nil || d.a.ctx.pipe != p {
				continue
			}
		default:
			// Still being checked: it may have read the census before the
			// change (its diagnostics may even be sent already), and which
			// pipeline it uses is not known yet. Checked again.
		}
		d.a, stale = nil, true
		if !s.pull {
			s.startLocked(d)
		}
	}
}

// offset converts a client's position to a byte offset of text. A
// character past the end of its line is the end of the line, as the
// protocol says; a line past the last is the end of the text. A byte
// order mark is a character of line 0, as it is to the client.
func (s *Server) offset(lines *document.Lines, text []byte, p Position) int {
	if w := bomWidth(text, s.enc); p.Line == 0 && w > 0 {
		if p.Character < w {
			return 0
		}
		p.Character -= w
	}
	n := int(p.Line) + 1
	if n > lines.Count() {
		return len(text)
	}
	off := lines.OffsetIn(document.Position{Line: n, Column: int(p.Character) + 1}, s.enc)
	if end := lines.Line(n).End; off > end {
		off = end
	}
	return off
}

// bomWidth returns the width in unit enc of the byte order mark text
// starts with, 0 if it has none. The client counts the mark as a character
// of line 0, since it is part of the text it sent; package document's
// columns start after it.
func bomWidth(text []byte, enc document.Unit) uint32 {
	if !bytes.HasPrefix(text, bom) {
		return 0
	}
	if enc == document.Bytes {
		return 3
	}
	return 1
}
