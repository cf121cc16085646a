package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docqa/docqa/pipeline"
)

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Len()
}

// analysisOf waits for the server to check the open document at uri and
// returns the check.
func analysisOf(t *testing.T, s *Server, uri string) *analysis {
	t.Helper()
	for deadline := time.Now().Add(guard); time.Now().Before(deadline); time.Sleep(50 * time.Microsecond) {
		s.mu.Lock()
		d := s.docs[uri]
		s.mu.Unlock()
		if d != nil && d.a != nil {
			return d.a
		}
	}
	t.Fatalf("%s was not checked in %v", uri, guard)
	return nil
}

// waitDone waits for a check to end.
func waitDone(t *testing.T, a *analysis) {
	t.Helper()
	select {
	case <-a.done:
	case <-time.After(guard):
		t.Fatalf("the check did not end in %v", guard)
	}
}

// Once Run has returned, the server writes nothing more: a check still
// running when the client exited or went away does not publish its
// diagnostics afterwards, on a stream the process no longer owns.
func TestNothingWrittenAfterRun(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: checks a 2 MB document")
	}
	para := "“The committee met on Tuesday,” the chair said. It was the the end of a long week.\n\n"
	text := strings.Repeat(para, 2<<20/len(para))
	for _, how := range []string{"shutdown and exit", "exit", "close"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			in, toServer := io.Pipe()
			out := &lockedBuffer{}
			s := NewServer(in, out, Options{Debounce: -1, Settings: pipeline.Settings{WorkDir: dir}})
			done := make(chan error, 1)
			go func() { done <- s.Run(context.Background()) }()
			id := 0
			send := func(method string, params any) {
				m := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
				if method == "initialize" || method == "shutdown" {
					id++
					m["id"] = id
				}
				body, _ := json.Marshal(m)
				fmt.Fprintf(toServer, "Content-Length: %d\r\n\r\n%s", len(body), body)
			}
			send("initialize", map[string]any{"rootUri": pathURI(dir), "capabilities": map[string]any{}})
			send("initialized", map[string]any{})
			uri := pathURI(filepath.Join(dir, "big.md"))
			send("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
			a := analysisOf(t, s, uri)
			if strings.Contains(how, "shutdown") {
				send("shutdown", nil)
			}
			if how == "close" {
				toServer.Close()
			} else {
				send("exit", nil)
			}
			select {
			case <-done:
			case <-time.After(guard):
				t.Fatal("the server did not stop")
			}
			written := out.Len()
			select {
			case <-a.done:
				t.Log("the check ended before Run returned: nothing to see")
			default:
			}
			waitDone(t, a)
			if n := out.Len(); n != written {
				t.Errorf("%d bytes written after Run returned", n-written)
			}
		})
	}
}

// A check that panics (a bug in a rule) does not take the server down:
// the panic is logged, the document gets a diagnostic that says it could
// not be checked, and the server goes on.
func TestCheckPanicIsContained(t *testing.T) {
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	w := c.s.ws
	w.mu.Lock()
	w.res = nil // every check now panics
	w.mu.Unlock()
	uri := c.open("a.md", "It was the the end.\n")
	ds := c.diagnosticsFor(uri, 1)
	if len(ds) != 1 || ds[0].Code != "docqa/internal" || !strings.Contains(ds[0].Message, "internal error") {
		t.Errorf("diagnostics %+v, want one saying docqa could not check the document", ds)
	}
	c.await("window/logMessage", func(m message) bool { return strings.Contains(string(m.Params), "internal error") })
	if m := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": Position{0, 8}}); m.Error != nil {
		t.Errorf("hover after the panic: %+v", m.Error)
	}
	w.reset()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(0, 0, 0, 0), "text": "So "}},
	})
	if ds := byRule(c.diagnosticsFor(uri, 2), "repetition/doubled-word"); len(ds) != 1 {
		t.Errorf("after the bug went away: %+v, want the doubled word", ds)
	}
}

// A document closed while its diagnostics are being sent has none in the
// end: the empty diagnostics of its closing come after them, never
// before. (The diagnostics of a large document take long to encode.)
func TestCloseWhilePublishing(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: checks a 1 MB document")
	}
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	text := strings.Repeat("It was the the end.\n\n", 1<<20/21)
	uri := c.open("big.md", text)
	a := analysisOf(t, c.s, uri)
	// Wait until the server has decided to push the diagnostics, then
	// close the document.
	for deadline := time.Now().Add(guard); ; {
		c.s.mu.Lock()
		d := c.s.docs[uri]
		sending := d != nil && d.sent == a
		c.s.mu.Unlock()
		if sending {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the diagnostics were never sent")
		}
		time.Sleep(50 * time.Microsecond)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	waitDone(t, a)
	c.call("shutdown", nil) // answered after every message the check wrote
	last := -1
	for _, m := range c.queue {
		var p PublishDiagnosticsParams
		if m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == uri {
			last = len(p.Diagnostics)
		}
	}
	if last != 0 {
		t.Errorf("the last diagnostics of the closed document hold %d, want 0", last)
	}
}

// --config names a file relative to the folder the server was started in,
// as every flag of docqa does (--log among them), not relative to the
// client's workspace folder.
func TestConfigFlagRelativeToWorkingFolder(t *testing.T) {
	cwd := t.TempDir()
	os.WriteFile(filepath.Join(cwd, "house.yaml"), []byte("rules:\n  repetition/doubled-word: off\n"), 0o644)
	c := start(t, t.TempDir(), Options{Settings: pipeline.Settings{WorkDir: cwd, Config: "house.yaml"}})
	c.initialize(map[string]any{}, nil)
	uri := c.open("a.md", "It was the the end.\n")
	if ds := c.diagnosticsFor(uri, 1); len(ds) != 0 {
		t.Errorf("diagnostics %+v, want none (house.yaml turns the rule off)", ds)
	}
	for _, m := range c.queue {
		if strings.Contains(string(m.Params), "house.yaml") {
			t.Errorf("%s %s", m.Method, m.Params)
		}
	}
}
