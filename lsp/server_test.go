package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/pipeline"
)

// guard bounds every wait of a test for a message: a deadlock guard, not a
// measure of speed.
const guard = 20 * time.Second

// client is a test's side of a server over in-memory pipes.
type client struct {
	t      testing.TB
	w      *io.PipeWriter
	in     chan message
	done   chan error
	nextID int
	queue  []message // notifications and server requests read while waiting for a response
	dir    string
	s      *Server
}

// start starts a server on a workspace folder dir and returns its client,
// not yet initialized. The server's working folder is dir unless
// opts.Settings names another.
func start(t testing.TB, dir string, opts Options) *client {
	t.Helper()
	toServer, fromClient := io.Pipe()
	fromServer, toClient := io.Pipe()
	if opts.Debounce == 0 {
		opts.Debounce = -1
	}
	if opts.Settings.WorkDir == "" {
		opts.Settings.WorkDir = dir
	}
	s := NewServer(toServer, toClient, opts)
	c := &client{t: t, w: fromClient, in: make(chan message, 1000), done: make(chan error, 1), dir: dir, s: s}
	go func() {
		err := s.Run(context.Background())
		toClient.Close()
		c.done <- err
	}()
	go func() {
		r := bufio.NewReader(fromServer)
		for {
			body, err := ReadMessage(r)
			if err != nil {
				close(c.in)
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server sent a message that is not JSON: %q", body)
				continue
			}
			c.in <- m
		}
	}()
	t.Cleanup(func() {
		fromClient.Close()
		select {
		case <-c.done:
		case <-time.After(guard):
			t.Errorf("the server did not stop when its input closed")
		}
	})
	return c
}

// send writes a raw message.
func (c *client) send(v any) {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

// raw writes bytes to the server.
func (c *client) raw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.w, s); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

// notify sends a notification.
func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// call sends a request and returns its response.
func (c *client) call(method string, params any) message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	return c.response(id)
}

// response waits for the response to request id.
func (c *client) response(id int) message {
	c.t.Helper()
	want := fmt.Sprint(id)
	for {
		m := c.next()
		if m.Method == "" && string(m.ID) == want {
			return m
		}
		c.queue = append(c.queue, m)
	}
}

// next returns the next message from the server.
func (c *client) next() message {
	c.t.Helper()
	select {
	case m, ok := <-c.in:
		if !ok {
			c.t.Fatalf("the server closed its output")
		}
		return m
	case <-time.After(guard):
		c.t.Fatalf("no message from the server in %v", guard)
	}
	panic("unreachable")
}

// await returns the first notification (or server request) with method
// for which ok reports true, queued or to come.
func (c *client) await(method string, ok func(m message) bool) message {
	c.t.Helper()
	for i, m := range c.queue {
		if m.Method == method && (ok == nil || ok(m)) {
			c.queue = append(c.queue[:i], c.queue[i+1:]...)
			return m
		}
	}
	for {
		m := c.next()
		if m.Method == method && (ok == nil || ok(m)) {
			return m
		}
		c.queue = append(c.queue, m)
	}
}

// diagnosticsFor waits for the diagnostics published for uri at version.
func (c *client) diagnosticsFor(uri string, version int32) []Diagnostic {
	c.t.Helper()
	m := c.await("textDocument/publishDiagnostics", func(m message) bool {
		var p PublishDiagnosticsParams
		json.Unmarshal(m.Params, &p)
		return p.URI == uri && (p.Version == nil || *p.Version == version)
	})
	var p PublishDiagnosticsParams
	if err := json.Unmarshal(m.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	return p.Diagnostics
}

// initializeWatching initializes the server with a client that registers
// file watchers, and returns the server's registration request.
func (c *client) initializeWatching() message {
	c.t.Helper()
	c.initialize(map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}, nil)
	return c.await("client/registerCapability", nil)
}

// changedOnDisk tells the server that the file at path changed (kind 2;
// 1 created, 3 deleted).
func (c *client) changedOnDisk(path string, kind int) {
	c.t.Helper()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": pathURI(path), "type": kind}}})
}

// initialize initializes the server with capabilities caps.
func (c *client) initialize(caps map[string]any, initOpts map[string]any) InitializeResult {
	c.t.Helper()
	params := map[string]any{
		"processId":        nil,
		"rootUri":          pathURI(c.dir),
		"workspaceFolders": []map[string]any{{"uri": pathURI(c.dir), "name": "ws"}},
		"capabilities":     caps,
	}
	if initOpts != nil {
		params["initializationOptions"] = initOpts
	}
	m := c.call("initialize", params)
	if m.Error != nil {
		c.t.Fatalf("initialize: %v", m.Error)
	}
	var res InitializeResult
	if err := json.Unmarshal(m.Result, &res); err != nil {
		c.t.Fatal(err)
	}
	c.notify("initialized", map[string]any{})
	return res
}

// open writes a document into the workspace and opens it.
func (c *client) open(name, text string) string {
	c.t.Helper()
	path := filepath.Join(c.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		c.t.Fatal(err)
	}
	uri := pathURI(path)
	lang := "markdown"
	if strings.HasSuffix(name, ".txt") {
		lang = "plaintext"
	}
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": lang, "version": 1, "text": text}})
	return uri
}

// byRule returns the diagnostics of one rule.
func byRule(ds []Diagnostic, rule string) []Diagnostic {
	var out []Diagnostic
	for _, d := range ds {
		if d.Code == rule {
			out = append(out, d)
		}
	}
	return out
}

func rng(l1, c1, l2, c2 uint32) Range {
	return Range{Start: Position{l1, c1}, End: Position{l2, c2}}
}

// The positions of a finding after curly quotes and an emoji, in each
// encoding a client can negotiate: “ and ” are one UTF-16 unit and three
// UTF-8 bytes; 😀 is two UTF-16 units, one code point, four bytes.
func TestDiagnosticPositionsInEachEncoding(t *testing.T) {
	text := "# Notes\n\n“Fine 😀 words,” she said. It was the the end.\n"
	tests := []struct {
		offered []string
		viaExt  bool // offered with clangd's offsetEncoding, as Neovim 0.7 does
		want    string
		start   uint32
	}{
		{nil, false, "utf-16", 34},
		{[]string{"utf-16"}, false, "utf-16", 34},
		{[]string{"utf-8", "utf-16"}, false, "utf-8", 40},
		{[]string{"utf-32", "utf-16"}, false, "utf-32", 33},
		{[]string{"latin-1"}, false, "utf-16", 34},
		{[]string{"utf-8", "utf-16"}, true, "utf-8", 40},
	}
	for _, tt := range tests {
		t.Run(tt.want+fmt.Sprint(tt.offered, tt.viaExt), func(t *testing.T) {
			c := start(t, t.TempDir(), Options{})
			caps := map[string]any{}
			if tt.offered != nil && tt.viaExt {
				caps["offsetEncoding"] = tt.offered
			} else if tt.offered != nil {
				caps["general"] = map[string]any{"positionEncodings": tt.offered}
			}
			res := c.initialize(caps, nil)
			got := res.Capabilities.PositionEncoding
			if tt.viaExt {
				got = res.OffsetEncoding
			}
			if got != tt.want {
				t.Fatalf("negotiated %q, want %q", got, tt.want)
			}
			uri := c.open("a.md", text)
			ds := byRule(c.diagnosticsFor(uri, 1), "repetition/doubled-word")
			// "the the", the pair, on the third line (2): 33 code points
			// before it, one more in UTF-16 (the emoji's second half), six
			// more in UTF-8 (two for each curly mark and the emoji).
			if len(ds) != 1 {
				t.Fatalf("doubled-word diagnostics = %+v, want one", ds)
			}
			r := ds[0].Range
			if r.Start.Line != 2 || r.Start.Character != tt.start || r.End.Line != 2 || r.End.Character != tt.start+7 {
				t.Errorf("range %+v, want 2:%d-2:%d", r, tt.start, tt.start+7)
			}
			if ds[0].Source != "docqa" || ds[0].Severity == 0 {
				t.Errorf("diagnostic %+v lacks its source or severity", ds[0])
			}
		})
	}
}

func TestDiagnosticsFollowIncrementalChanges(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	uri := c.open("a.txt", "“Fine words,” she said.\r\nAll is the end.\r\n")
	if ds := c.diagnosticsFor(uri, 1); len(ds) != 0 {
		t.Fatalf("clean text: diagnostics %+v", ds)
	}
	// Two changes in one notification, each in the text the one before
	// left: insert "the " before "the end" on line 2, then replace
	// "Fine" (after the opening mark, UTF-16 column 1) with "Fair".
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{
			map[string]any{"range": rng(1, 7, 1, 7), "text": "the "},
			map[string]any{"range": rng(0, 1, 0, 5), "text": "Fair"},
		},
	})
	ds := byRule(c.diagnosticsFor(uri, 2), "repetition/doubled-word")
	if len(ds) != 1 || ds[0].Range.Start.Line != 1 {
		t.Fatalf("after the changes: %+v, want one doubled word on line 2", ds)
	}
	// A whole-text change replaces everything.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"text": "Nothing to see."}},
	})
	if ds := c.diagnosticsFor(uri, 3); len(ds) != 0 {
		t.Fatalf("after the whole text changed: %+v", ds)
	}
	// A range past the end of its line is the end of the line.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 4},
		"contentChanges": []any{map[string]any{"range": rng(0, 999, 0, 999), "text": " see see"}},
	})
	if ds := byRule(c.diagnosticsFor(uri, 4), "repetition/doubled-word"); len(ds) != 1 {
		t.Fatalf("after appending past the line's end: %+v", ds)
	}
	// Closing clears the diagnostics.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	m := c.await("textDocument/publishDiagnostics", nil)
	var p PublishDiagnosticsParams
	json.Unmarshal(m.Params, &p)
	if p.URI != uri || len(p.Diagnostics) != 0 {
		t.Errorf("after close: %+v, want empty diagnostics for %s", p, uri)
	}
}

func TestPulledDiagnostics(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	res := c.initialize(map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}, nil)
	if res.Capabilities.DiagnosticProvider == nil {
		t.Fatal("a client that pulls diagnostics is not offered diagnosticProvider")
	}
	uri := c.open("a.md", "It was the the end.\n")
	m := c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}})
	var rep DocumentDiagnosticReport
	if err := json.Unmarshal(m.Result, &rep); err != nil || m.Error != nil {
		t.Fatalf("textDocument/diagnostic: %v %v", err, m.Error)
	}
	if rep.Kind != "full" || len(byRule(rep.Items, "repetition/doubled-word")) != 1 || rep.ResultID == "" {
		t.Fatalf("report %+v, want a full report with the doubled word and a result ID", rep)
	}
	m = c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}, "previousResultId": rep.ResultID})
	var again DocumentDiagnosticReport
	json.Unmarshal(m.Result, &again)
	if again.Kind != "unchanged" || again.ResultID != rep.ResultID {
		t.Errorf("second pull %+v, want unchanged", again)
	}
	for _, q := range c.queue {
		if q.Method == "textDocument/publishDiagnostics" {
			t.Errorf("a client that pulls was pushed diagnostics: %s", q.Params)
		}
	}
}

// apply applies a document's edits (UTF-16 positions) to text, as a
// client would: from the last to the first.
func apply(t testing.TB, text string, edits []TextEdit) string {
	t.Helper()
	lines := document.NewLines([]byte(text))
	off := func(p Position) int {
		return lines.OffsetIn(document.Position{Line: int(p.Line) + 1, Column: int(p.Character) + 1}, document.UTF16)
	}
	sort.Slice(edits, func(i, j int) bool { return off(edits[i].Range.Start) > off(edits[j].Range.Start) })
	for _, e := range edits {
		s, en := off(e.Range.Start), off(e.Range.End)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}

// actions returns the code actions for a range.
func (c *client) actions(uri string, r Range, only ...string) []CodeAction {
	c.t.Helper()
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": r, "context": map[string]any{"diagnostics": []any{}}}
	if only != nil {
		params["context"] = map[string]any{"diagnostics": []any{}, "only": only}
	}
	m := c.call("textDocument/codeAction", params)
	if m.Error != nil {
		c.t.Fatalf("codeAction: %v", m.Error)
	}
	var as []CodeAction
	if err := json.Unmarshal(m.Result, &as); err != nil {
		c.t.Fatal(err)
	}
	return as
}

func TestCodeActions(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	text := "# Report\n\nIt was the the end of the year, “and and we knew it,” she said.\n\nThe city recieved aid.\n"
	uri := c.open("a.md", text)
	ds := c.diagnosticsFor(uri, 1)
	doubled := byRule(ds, "repetition/doubled-word")
	if len(doubled) != 2 {
		t.Fatalf("doubled-word diagnostics %+v, want two", doubled)
	}
	// The doubled word outside the quotation: a preferred, safe fix and a
	// suppression.
	as := c.actions(uri, doubled[0].Range)
	var fixA, suppress *CodeAction
	for i := range as {
		switch {
		case as[i].Kind == KindQuickFix && strings.HasPrefix(as[i].Title, "Suppress repetition/doubled-word"):
			suppress = &as[i]
		case as[i].Kind == KindQuickFix && len(as[i].Diagnostics) == 1 && as[i].Diagnostics[0].Code == "repetition/doubled-word":
			fixA = &as[i]
		}
	}
	if fixA == nil || suppress == nil {
		t.Fatalf("actions %+v, want a fix and a suppression for the doubled word", as)
	}
	if !fixA.IsPreferred {
		t.Errorf("the safe fix %q is not preferred", fixA.Title)
	}
	if got := apply(t, text, fixA.Edit.Changes[uri]); !strings.Contains(got, "It was the end of the year") {
		t.Errorf("after the fix:\n%s", got)
	}
	// The suppression keeps the paragraph whole (a comment on a line of
	// its own before a paragraph's first line) and silences the rule on
	// that line only.
	suppressed := apply(t, text, suppress.Edit.Changes[uri])
	want := "# Report\n\n<!-- docqa-disable-next-line repetition/doubled-word -- TODO: say why -->\nIt was the the end"
	if !strings.HasPrefix(suppressed, want) {
		t.Fatalf("after the suppression:\n%s\nwant it to start with\n%s", suppressed, want)
	}
	// The doubled word inside the quotation: its fix is unsafe, never
	// preferred, and says so.
	as = c.actions(uri, doubled[1].Range, KindQuickFix)
	var unsafe *CodeAction
	for i := range as {
		if !strings.HasPrefix(as[i].Title, "Suppress") {
			unsafe = &as[i]
		}
	}
	if unsafe == nil || unsafe.IsPreferred || !strings.Contains(unsafe.Title, "quotation") {
		t.Errorf("the quotation's fix %+v: want one, not preferred, its title naming the quotation", unsafe)
	}
	// Fix all: every safe fix (the doubled word, the misspelling), not the
	// unsafe one.
	as = c.actions(uri, rng(0, 0, 0, 0), "source.fixAll")
	if len(as) != 1 || as[0].Kind != KindFixAll {
		t.Fatalf("fix-all actions %+v, want one source.fixAll.docqa", as)
	}
	all := apply(t, text, as[0].Edit.Changes[uri])
	if !strings.Contains(all, "It was the end") || !strings.Contains(all, "received") || !strings.Contains(all, "and and") {
		t.Errorf("after fix all:\n%s", all)
	}
	// The suppressed document, checked again, no longer reports the line.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": suppressed}},
	})
	after := c.diagnosticsFor(uri, 2)
	if n := len(byRule(after, "repetition/doubled-word")); n != 0 {
		t.Errorf("after the suppression, %d doubled-word diagnostics, want 0 (the directive covers its next line)", n)
	}
	if n := len(byRule(after, "docqa/directive")); n != 0 {
		t.Errorf("the inserted directive is itself reported: %+v", byRule(after, "docqa/directive"))
	}
}

// A finding on a paragraph's second line is suppressed by a comment at
// the end of the first: a comment line there would split the paragraph.
func TestSuppressInsideParagraph(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	text := "- First item,\n  it was the the end.\n"
	uri := c.open("a.md", text)
	ds := byRule(c.diagnosticsFor(uri, 1), "repetition/doubled-word")
	if len(ds) != 1 {
		t.Fatalf("diagnostics %+v", ds)
	}
	for _, a := range c.actions(uri, ds[0].Range, KindQuickFix) {
		if strings.HasPrefix(a.Title, "Suppress") {
			got := apply(t, text, a.Edit.Changes[uri])
			want := "- First item, <!-- docqa-disable-next-line repetition/doubled-word -- TODO: say why -->\n  it was the the end.\n"
			if got != want {
				t.Errorf("suppressed:\n%q\nwant\n%q", got, want)
			}
			return
		}
	}
	t.Error("no suppression offered")
}

// Plain text has no comments: no suppression is offered.
func TestNoSuppressionInPlainText(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	uri := c.open("a.txt", "It was the the end.\n")
	ds := c.diagnosticsFor(uri, 1)
	for _, a := range c.actions(uri, ds[0].Range) {
		if strings.HasPrefix(a.Title, "Suppress") {
			t.Errorf("plain text offered %q", a.Title)
		}
	}
}

func TestHover(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	uri := c.open("a.md", "It was the the end.\n")
	ds := c.diagnosticsFor(uri, 1)
	m := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": ds[0].Range.Start})
	var h Hover
	if err := json.Unmarshal(m.Result, &h); err != nil || m.Error != nil {
		t.Fatalf("hover: %v %v", err, m.Error)
	}
	for _, want := range []string{"repetition/doubled-word", "Reported:", "Accepted:", "```text"} {
		if !strings.Contains(h.Contents.Value, want) || h.Contents.Kind != "markdown" {
			t.Errorf("hover %q lacks %q", h.Contents.Value, want)
		}
	}
	// Nowhere near a finding: no hover.
	m = c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": Position{0, 0}})
	if string(m.Result) != "null" {
		t.Errorf("hover away from findings = %s, want null", m.Result)
	}
}

func TestConfigurationPerDocumentAndReload(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "docs"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644) // the repository's root
	cfg := filepath.Join(dir, "docs", ".docqa.yaml")
	os.WriteFile(cfg, []byte("rules:\n  repetition/doubled-word: off\n"), 0o644)
	c := start(t, dir, Options{})
	reg := c.initializeWatching()
	if !strings.Contains(string(reg.Params), "didChangeWatchedFiles") {
		t.Errorf("registration %s, want file watchers", reg.Params)
	}
	news := c.open("news.md", "It was the the end.\n")
	docs := c.open("docs/guide.md", "It was the the end.\n")
	if n := len(byRule(c.diagnosticsFor(news, 1), "repetition/doubled-word")); n != 1 {
		t.Errorf("news.md (no configuration): %d doubled words, want 1", n)
	}
	if n := len(byRule(c.diagnosticsFor(docs, 1), "repetition/doubled-word")); n != 0 {
		t.Errorf("docs/guide.md (its configuration turns the rule off): %d, want 0", n)
	}
	// A broken configuration: a diagnostic on the file, and the document
	// checked with the defaults meanwhile; the server goes on.
	os.WriteFile(cfg, []byte("rules:\n  repetition/doubled-word: sometimes\n"), 0o644)
	c.changedOnDisk(cfg, 2)
	m := c.await("textDocument/publishDiagnostics", func(m message) bool { return strings.Contains(string(m.Params), ".docqa.yaml") })
	var p PublishDiagnosticsParams
	json.Unmarshal(m.Params, &p)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Range.Start.Line != 1 || !strings.Contains(p.Diagnostics[0].Message, "sometimes") {
		t.Errorf("config diagnostics %+v, want one on line 2 naming the bad value", p.Diagnostics)
	}
	if n := len(byRule(c.diagnosticsFor(docs, 1), "repetition/doubled-word")); n != 1 {
		t.Errorf("docs/guide.md under a broken configuration: %d doubled words, want the defaults' 1", n)
	}
	// Fixed: the config's diagnostics are cleared and it applies again.
	os.WriteFile(cfg, []byte("rules:\n  repetition/doubled-word: off\n"), 0o644)
	c.changedOnDisk(cfg, 2)
	m = c.await("textDocument/publishDiagnostics", func(m message) bool { return strings.Contains(string(m.Params), ".docqa.yaml") })
	json.Unmarshal(m.Params, &p)
	if len(p.Diagnostics) != 0 {
		t.Errorf("after the fix, config diagnostics %+v", p.Diagnostics)
	}
	if n := len(byRule(c.diagnosticsFor(docs, 1), "repetition/doubled-word")); n != 0 {
		t.Errorf("after the fix: %d, want 0", n)
	}
}

func TestAcrossDocumentsUsesTheWorkspace(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".docqa.yaml"), []byte("rules:\n  consistency/variants:\n    across: documents\n"), 0o644)
	for i := range 3 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("old%d.md", i)), []byte("The Uyghur community met.\n"), 0o644)
	}
	c := start(t, dir, Options{})
	c.initialize(map[string]any{}, nil)
	uri := c.open("new.md", "The Uighur community met.\n")
	ds := byRule(c.diagnosticsFor(uri, 1), "consistency/variants")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "Uyghur") {
		t.Errorf("variants %+v, want the one spelling of the other documents (Uyghur) asked for", ds)
	}
	// Another document, as it is in the editor, tips the workspace to
	// Uighur: new.md is checked again, and its spelling is now the one.
	c.open("tip.md", "Uighur, Uighur, Uighur and Uighur.\n")
	m := c.await("textDocument/publishDiagnostics", func(m message) bool {
		var p PublishDiagnosticsParams
		json.Unmarshal(m.Params, &p)
		return p.URI == uri && len(byRule(p.Diagnostics, "consistency/variants")) == 0
	})
	if m.Method == "" {
		t.Error("new.md was not checked again")
	}
}

func TestGoldenCopyDrift(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "golden"), 0o755)
	os.WriteFile(filepath.Join(dir, "golden", "story.md"), []byte("“We will rebuild the bridge,” the mayor said.\n"), 0o644)
	c := start(t, dir, Options{})
	c.initialize(map[string]any{}, nil)
	uri := c.open("story.md", "“We will replace the bridge,” the mayor said.\n")
	ds := byRule(c.diagnosticsFor(uri, 1), "checks/quote-changed")
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "golden/story.md") {
		t.Fatalf("drift %+v, want one quote-changed naming the golden copy", ds)
	}
}

func TestProtocolErrors(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	// Before initialize.
	m := c.call("textDocument/hover", map[string]any{})
	if m.Error == nil || m.Error.Code != CodeServerNotInitialized {
		t.Errorf("hover before initialize: %+v", m.Error)
	}
	c.initialize(map[string]any{}, nil)
	// Not JSON: a parse error, and the server goes on.
	c.raw("Content-Length: 9\r\n\r\n{not json")
	m = c.next()
	if m.Error == nil || m.Error.Code != CodeParseError {
		t.Errorf("malformed JSON: %+v", m)
	}
	// An unknown request; an unknown notification is ignored.
	c.notify("$/unknownNotification", map[string]any{})
	m = c.call("workspace/symbolsOfTheDay", map[string]any{})
	if m.Error == nil || m.Error.Code != CodeMethodNotFound {
		t.Errorf("unknown method: %+v", m.Error)
	}
	// Bad parameters.
	m = c.call("textDocument/codeAction", []int{1, 2})
	if m.Error == nil || m.Error.Code != CodeInvalidParams {
		t.Errorf("bad params: %+v", m.Error)
	}
	// A document never opened.
	m = c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere.md"}, "position": Position{}})
	if m.Error == nil || m.Error.Code != CodeInvalidParams {
		t.Errorf("hover on a document not open: %+v", m.Error)
	}
	// Shutdown, then a request: refused; exit ends Run with nil.
	if m = c.call("shutdown", nil); m.Error != nil || string(m.Result) != "null" {
		t.Errorf("shutdown: %+v", m)
	}
	if m = c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != CodeInvalidRequest {
		t.Errorf("after shutdown: %+v", m.Error)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Run after shutdown and exit = %v, want nil", err)
		}
		c.done <- err
	case <-time.After(guard):
		t.Fatal("exit did not stop the server")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	for _, how := range []string{"exit", "close"} {
		t.Run(how, func(t *testing.T) {
			c := start(t, t.TempDir(), Options{})
			c.initialize(map[string]any{}, nil)
			if how == "exit" {
				c.notify("exit", nil)
			} else {
				c.w.Close()
			}
			select {
			case err := <-c.done:
				if !errors.Is(err, ErrExitWithoutShutdown) {
					t.Errorf("Run = %v, want ErrExitWithoutShutdown", err)
				}
				c.done <- err
			case <-time.After(guard):
				t.Fatal("the server did not stop")
			}
		})
	}
}

func TestBrokenFramingStops(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	c.raw("Content-Length: twelve\r\n\r\n{}")
	m := c.next()
	if m.Error == nil || m.Error.Code != CodeParseError {
		t.Errorf("broken header: %+v", m)
	}
	select {
	case err := <-c.done:
		if !errors.Is(err, ErrFraming) {
			t.Errorf("Run = %v, want ErrFraming", err)
		}
		c.done <- err
	case <-time.After(guard):
		t.Fatal("the server did not stop")
	}
}

// A 5 MB document is checked, and a request about it can be cancelled
// while the check runs.
func TestLargeDocumentAndCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: checks a 5 MB document")
	}
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}, nil)
	para := "“The committee met on Tuesday,” the chair said. It was the the end of a long week.\n\n"
	text := strings.Repeat(para, 5<<20/len(para))
	uri := c.open("big.md", text)
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic", "params": map[string]any{"textDocument": map[string]any{"uri": uri}}})
	c.notify("$/cancelRequest", map[string]any{"id": id})
	m := c.response(id)
	if m.Error == nil || m.Error.Code != CodeRequestCancelled {
		t.Errorf("the cancelled request: %+v, want RequestCancelled", m)
	}
	m = c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}})
	var rep DocumentDiagnosticReport
	json.Unmarshal(m.Result, &rep)
	if got, want := len(byRule(rep.Items, "repetition/doubled-word")), 5<<20/len(para); got != want {
		t.Errorf("%d doubled words in the 5 MB document, want %d", got, want)
	}
}

func TestSettingsFromInitializationOptions(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "approved"), 0o755)
	os.WriteFile(filepath.Join(dir, "approved", "s.rst"), []byte("“We will rebuild the bridge,” the mayor said.\n"), 0o644)
	c := start(t, dir, Options{})
	c.initialize(map[string]any{}, map[string]any{"goldenDir": "approved", "languages": map[string]string{"rst": "text"}, "debounce": 1})
	path := filepath.Join(dir, "s.rst")
	text := "“We will replace the bridge,” the mayor said.\n"
	os.WriteFile(path, []byte(text), 0o644)
	uri := pathURI(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "rst", "version": 1, "text": text}})
	if n := len(byRule(c.diagnosticsFor(uri, 1), "checks/quote-changed")); n != 1 {
		t.Errorf("an rst document mapped to text, golden copy in approved/: %d quote-changed, want 1", n)
	}
	// A bad mapping is refused at initialize.
	c2 := start(t, dir, Options{})
	m := c2.call("initialize", map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"languages": map[string]string{"rst": "html"}}})
	if m.Error == nil || m.Error.Code != CodeInvalidParams {
		t.Errorf("languages → html: %+v", m.Error)
	}
}

// The pipeline the server uses is the one docqa lint uses: the same
// findings for the same text.
func TestSameFindingsAsLint(t *testing.T) {
	data, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c := start(t, dir, Options{})
	c.initialize(map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-32"}}}, nil)
	uri := c.open("article.txt", string(data))
	ds := c.diagnosticsFor(uri, 1)
	res := pipeline.NewResolver(pipeline.Settings{WorkDir: dir})
	p, err := res.For(filepath.Join(dir, "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := p.Load(filepath.Join(dir, "article.txt"), data)
	fs, err := p.Lint(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != len(fs) || len(fs) == 0 {
		t.Fatalf("%d diagnostics, lint finds %d", len(ds), len(fs))
	}
	for i, f := range fs {
		pos := doc.Position(f.Span.Start)
		if ds[i].Code != f.Rule || ds[i].Range.Start.Line != uint32(pos.Line-1) || ds[i].Range.Start.Character != uint32(pos.Column-1) {
			t.Errorf("diagnostic %d: %s at %d:%d, lint: %s at %d:%d", i, ds[i].Code, ds[i].Range.Start.Line+1, ds[i].Range.Start.Character+1, f.Rule, pos.Line, pos.Column)
		}
	}
}

// clientOffset converts a position to a byte offset of text as the
// protocol defines it, independently of package document: lines end at
// LF, CRLF or CR, and a line's characters, a byte order mark among them,
// count in encoding enc ("utf-8", "utf-16" or "utf-32"). A character past
// the line's end is its end.
func clientOffset(text string, p Position, enc string) int {
	off := 0
	for line := uint32(0); line < p.Line; line++ {
		i := strings.IndexAny(text[off:], "\r\n")
		if i < 0 {
			return len(text)
		}
		off += i + 1
		if text[off-1] == '\r' && off < len(text) && text[off] == '\n' {
			off++
		}
	}
	n := uint32(0)
	for i, r := range text[off:] {
		if r == '\r' || r == '\n' || n >= p.Character {
			return off + i
		}
		switch {
		case enc == "utf-8":
			n += uint32(len(string(r)))
		case enc == "utf-16" && r > 0xFFFF:
			n += 2
		default:
			n++
		}
	}
	return len(text)
}

// clientApply applies edits to text as a client that negotiated enc does.
func clientApply(text string, edits []TextEdit, enc string) string {
	edits = slices.Clone(edits)
	sort.SliceStable(edits, func(i, j int) bool {
		return clientOffset(text, edits[i].Range.Start, enc) > clientOffset(text, edits[j].Range.Start, enc)
	})
	for _, e := range edits {
		s, en := clientOffset(text, e.Range.Start, enc), clientOffset(text, e.Range.End, enc)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}

// A byte order mark that the client keeps in its text is, to the client, a
// character of line 0 (the protocol counts every character of the text it
// sent): the server's positions on that line count it, in each encoding,
// in diagnostics and edits it sends and in changes it receives.
func TestByteOrderMark(t *testing.T) {
	tests := []struct {
		enc        string
		bom, start uint32 // the mark's width, and where "the the" starts
	}{
		{"utf-16", 1, 8},
		{"utf-8", 3, 10},
		{"utf-32", 1, 8},
	}
	for _, tt := range tests {
		t.Run(tt.enc, func(t *testing.T) {
			c := start(t, t.TempDir(), Options{})
			c.initialize(map[string]any{"general": map[string]any{"positionEncodings": []string{tt.enc}}}, nil)
			text := "\ufeffIt was the the end.\n\nAll is the the same.\n"
			uri := c.open("a.md", text)
			ds := byRule(c.diagnosticsFor(uri, 1), "repetition/doubled-word")
			if len(ds) != 2 || ds[0].Range != rng(0, tt.start, 0, tt.start+7) || ds[1].Range != rng(2, 7, 2, 14) {
				t.Fatalf("doubled words at %+v, want 0:%d-0:%d and 2:7-2:14", ds, tt.start, tt.start+7)
			}
			as := c.actions(uri, ds[0].Range, KindQuickFix)
			if len(as) != 2 {
				t.Errorf("%d actions, want the fix and the suppression: %+v", len(as), as)
			}
			for _, a := range as {
				got := clientApply(text, a.Edit.Changes[uri], tt.enc)
				want := "\ufeffIt was the end.\n\nAll is the the same.\n"
				if strings.HasPrefix(a.Title, "Suppress") {
					want = "\ufeff<!-- docqa-disable-next-line repetition/doubled-word -- TODO: say why -->\nIt was the the end.\n\nAll is the the same.\n"
				}
				if got != want {
					t.Errorf("%s: %q, want %q", a.Title, got, want)
				}
			}
			// The client deletes the mark: the server's text is then the
			// client's, without it.
			c.notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": uri, "version": 2},
				"contentChanges": []any{map[string]any{"range": rng(0, 0, 0, tt.bom), "text": ""}},
			})
			ds = byRule(c.diagnosticsFor(uri, 2), "repetition/doubled-word")
			if len(ds) != 2 || ds[0].Range != rng(0, 7, 0, 14) {
				t.Errorf("after the mark was deleted: %+v, want the first doubled word at 0:7-0:14", ds)
			}
		})
	}
}

// A message that is JSON but not a request, a notification or a response
// is an invalid request, answered with its id when it has one that can be
// read; one that is not JSON is a parse error. The server goes on.
func TestInvalidMessages(t *testing.T) {
	tests := []struct {
		name, body string
		code       int64
		id         string
	}{
		{"not JSON", `{not json`, CodeParseError, "null"},
		{"an array", `[1,2]`, CodeInvalidRequest, "null"},
		{"a string", `"initialize"`, CodeInvalidRequest, "null"},
		{"a method that is a number", `{"jsonrpc":"2.0","id":7,"method":5}`, CodeInvalidRequest, "7"},
		{"an id that is an object", `{"jsonrpc":"2.0","id":{"n":1},"method":"textDocument/hover","params":{}}`, CodeInvalidRequest, "null"},
		{"an id that is a boolean", `{"jsonrpc":"2.0","id":true,"method":"shutdown"}`, CodeInvalidRequest, "null"},
	}
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	for _, tt := range tests {
		c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(tt.body), tt.body))
		m := c.next()
		if m.Error == nil || m.Error.Code != tt.code || string(m.ID) != tt.id {
			t.Errorf("%s: %s %+v, want code %d for id %s", tt.name, m.ID, m.Error, tt.code, tt.id)
		}
	}
	if m := c.call("shutdown", nil); m.Error != nil {
		t.Errorf("shutdown after the invalid messages: %+v", m.Error)
	}
}

// A message too large to read (a document of 100 MB) is skipped, logged,
// and the server goes on: its length is known, the stream is in step.
func TestTooLargeMessageSkipped(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: sends 65 MB")
	}
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	n := int64(MaxMessageSize + 1<<20)
	go func() {
		// Written from another goroutine: the pipe blocks until the
		// server has read it all.
		fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n", n)
		io.CopyN(c.w, zeros{}, n)
		body := `{"jsonrpc":"2.0","id":99,"method":"shutdown"}`
		fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}()
	if m := c.response(99); m.Error != nil {
		t.Errorf("shutdown after the large message: %+v", m.Error)
	}
	c.await("window/logMessage", func(m message) bool { return strings.Contains(string(m.Params), "limit") })
}

// A project's .docqa.yaml names more language IDs to check (languages:),
// for every editor; an ID it does not name is not checked.
func TestLanguagesFromConfiguration(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".docqa.yaml"), []byte("languages:\n  mdx: markdown\n"), 0o644)
	c := start(t, dir, Options{})
	c.initialize(map[string]any{}, nil)
	for _, tt := range []struct {
		name, lang string
		checked    bool
	}{
		{"page.mdx", "mdx", true},
		{"page.rst", "rst", false},
	} {
		path := filepath.Join(dir, tt.name)
		text := "It was the the end.\n"
		os.WriteFile(path, []byte(text), 0o644)
		uri := pathURI(path)
		c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": tt.lang, "version": 1, "text": text}})
		m := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": Position{0, 8}})
		if checked := m.Error == nil; checked != tt.checked {
			t.Errorf("%s (%s): checked %v, want %v (%+v)", tt.name, tt.lang, checked, tt.checked, m.Error)
		}
		if tt.checked {
			if ds := byRule(c.diagnosticsFor(uri, 1), "repetition/doubled-word"); len(ds) != 1 {
				t.Errorf("%s: diagnostics %+v, want the doubled word", tt.name, ds)
			}
		}
	}
}

func TestFence(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"plain", "```"},
		{"a `code` span", "```"},
		{"```go\nx\n```", "````"},
		{"`````", "``````"},
	} {
		if got := fence(tt.text); got != tt.want {
			t.Errorf("fence(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// Fix all's edits are one a run of changed lines, each trimmed to what
// changed, and together they give the fixed text.
func TestEditsBetween(t *testing.T) {
	tests := []struct {
		old, new string
		edits    int
	}{
		{"a\nb the the c\nd\n", "a\nb the c\nd\n", 1},
		{"the the a\nsame\nsame\nx x y\n", "the a\nsame\nsame\nx y\n", 2},
		{"“é é” end\r\nmore\r\n", "“é” end\r\nmore\r\n", 1},
		{"one\n", "one\nadded\n", 1},
		{"gone\nkept\n", "kept\n", 1},
		{"same\n", "same\n", 0},
	}
	for _, tt := range tests {
		doc := document.Load("a.md", []byte(tt.old))
		edits := editsBetween(doc, []byte(tt.new), document.UTF16)
		if len(edits) != tt.edits {
			t.Errorf("%q → %q: %d edits %+v, want %d", tt.old, tt.new, len(edits), edits, tt.edits)
		}
		if got := apply(t, tt.old, edits); got != tt.new {
			t.Errorf("%q → %q: the edits give %q", tt.old, tt.new, got)
		}
	}
}
