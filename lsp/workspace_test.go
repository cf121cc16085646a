package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// variantsAfter waits for diagnostics of uri with want
// consistency/variants findings.
func (c *client) variantsAfter(uri string, want int) {
	c.t.Helper()
	c.await("textDocument/publishDiagnostics", func(m message) bool {
		var p PublishDiagnosticsParams
		json.Unmarshal(m.Params, &p)
		return p.URI == uri && len(byRule(p.Diagnostics, "consistency/variants")) == want
	})
}

// The census of a rule that looks across documents follows the workspace
// folder as it changes: documents created and deleted on disk, and an open
// document closed without saving, which counts again as it is on disk. A
// document the walk of the folder leaves out, open in the editor, is not
// one of its.
func TestAcrossDocumentsFollowsTheWorkspace(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *client) // after new.md, Uighur among three Uyghur, is reported
	}{
		{"documents deleted", func(c *client) {
			// Without the three, new.md's one spelling is the workspace's.
			var changes []any
			for i := range 3 {
				path := filepath.Join(c.dir, fmt.Sprintf("old%d.md", i))
				os.Remove(path)
				changes = append(changes, map[string]any{"uri": pathURI(path), "type": 3})
			}
			c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": changes})
			c.variantsAfter(pathURI(filepath.Join(c.dir, "new.md")), 0)
		}},
		{"a document created", func(c *client) {
			path := filepath.Join(c.dir, "tip.md")
			os.WriteFile(path, []byte("Uighur, Uighur, Uighur and Uighur.\n"), 0o644)
			c.changedOnDisk(path, 1)
			c.variantsAfter(pathURI(filepath.Join(c.dir, "new.md")), 0)
		}},
		{"an unsaved document closed", func(c *client) {
			// old0.md, edited in the editor to tip the workspace to
			// Uighur, then closed without saving: on disk it says Uyghur.
			path := filepath.Join(c.dir, "old0.md")
			uri := pathURI(path)
			c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": "Uighur, Uighur, Uighur and Uighur.\n"}})
			c.variantsAfter(pathURI(filepath.Join(c.dir, "new.md")), 0)
			c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
			c.variantsAfter(pathURI(filepath.Join(c.dir, "new.md")), 1)
		}},
		{"an unsaved buffer closed", func(c *client) {
			uri := "untitled:Untitled-1"
			c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": "Uighur, Uighur, Uighur and Uighur.\n"}})
			c.variantsAfter(pathURI(filepath.Join(c.dir, "new.md")), 0)
			c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
			c.variantsAfter(pathURI(filepath.Join(c.dir, "new.md")), 1)
		}},
		{"a document the walk leaves out opened", func(c *client) {
			// In a hidden folder, it is not one of the workspace's
			// documents (docqa lint . would not read it): new.md's Uighur
			// is still the odd one out.
			path := filepath.Join(c.dir, ".drafts", "elsewhere.md")
			uri := pathURI(path)
			c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "markdown", "version": 1, "text": "Uighur, Uighur, Uighur and Uighur.\n"}})
			c.diagnosticsFor(uri, 1)
			news := pathURI(filepath.Join(c.dir, "new.md"))
			c.notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": news, "version": 2},
				"contentChanges": []any{map[string]any{"text": "The Uighur community met again.\n"}},
			})
			if ds := byRule(c.diagnosticsFor(news, 2), "consistency/variants"); len(ds) != 1 {
				c.t.Errorf("new.md: %+v, want Uighur still reported", ds)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644)
			os.WriteFile(filepath.Join(dir, ".docqa.yaml"), []byte("rules:\n  consistency/variants:\n    across: documents\n"), 0o644)
			for i := range 3 {
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("old%d.md", i)), []byte("The Uyghur community met.\n"), 0o644)
			}
			c := start(t, dir, Options{})
			c.initialize(map[string]any{}, nil)
			uri := c.open("new.md", "The Uighur community met.\n")
			if ds := byRule(c.diagnosticsFor(uri, 1), "consistency/variants"); len(ds) != 1 {
				t.Fatalf("variants %+v, want Uighur reported", ds)
			}
			tt.change(c)
		})
	}
}

// A configuration that is still broken after it changed keeps its
// diagnostic, with its new error, whether the client pulls diagnostics or
// has them pushed; one fixed loses it.
func TestConfigErrorsFollowTheFile(t *testing.T) {
	for _, pull := range []bool{false, true} {
		t.Run(fmt.Sprintf("pull=%v", pull), func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644)
			cfg := filepath.Join(dir, ".docqa.yaml")
			os.WriteFile(cfg, []byte("rules:\n  repetition/doubled-word: sometimes\n"), 0o644)
			c := start(t, dir, Options{})
			caps := map[string]any{}
			if pull {
				caps["textDocument"] = map[string]any{"diagnostic": map[string]any{}}
			}
			c.initialize(caps, nil)
			uri := c.open("a.md", "It was the the end.\n")
			if pull {
				c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}})
			}
			configDiagnostics := func() []Diagnostic {
				t.Helper()
				m := c.await("textDocument/publishDiagnostics", func(m message) bool { return strings.Contains(string(m.Params), ".docqa.yaml") })
				var p PublishDiagnosticsParams
				json.Unmarshal(m.Params, &p)
				return p.Diagnostics
			}
			if ds := configDiagnostics(); len(ds) != 1 || !strings.Contains(ds[0].Message, "sometimes") {
				t.Fatalf("config diagnostics %+v, want the bad value named", ds)
			}
			os.WriteFile(cfg, []byte("rules:\n  repetition/doubled-word: often\n"), 0o644)
			c.changedOnDisk(cfg, 2)
			if ds := configDiagnostics(); len(ds) != 1 || !strings.Contains(ds[0].Message, "often") {
				t.Errorf("after a change that leaves it broken: %+v, want the new bad value named", ds)
			}
			os.WriteFile(cfg, []byte("rules:\n  repetition/doubled-word: off\n"), 0o644)
			c.changedOnDisk(cfg, 2)
			if ds := configDiagnostics(); len(ds) != 0 {
				t.Errorf("after the fix: %+v, want none", ds)
			}
		})
	}
}

// TestSourcesFollowTheDisk: a source of quotations edited on disk is read
// again when the client says so, and the documents that quote it are
// checked against its new words.
func TestSourcesFollowTheDisk(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".docqa.yaml"), []byte("sources:\n  \"news/*.md\": [reports/]\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "reports"), 0o755)
	report := filepath.Join(dir, "reports", "report.html")
	os.WriteFile(report, []byte("<p>The report found a pattern of grave abuses in the region.</p>\n"), 0o644)
	c := start(t, dir, Options{})
	reg := c.initializeWatching()
	if !strings.Contains(string(reg.Params), "html") {
		t.Errorf("registration %s, want HTML sources watched", reg.Params)
	}
	uri := c.open("news/a.md", "The report called it “a pattern of grave abuses in the region” today.\n")
	if n := len(byRule(c.diagnosticsFor(uri, 1), "sources/altered")); n != 0 {
		t.Fatalf("%d altered quotations before the change, want 0", n)
	}
	os.WriteFile(report, []byte("<p>The report found a pattern of serious abuses in the region.</p>\n"), 0o644)
	c.changedOnDisk(report, 2)
	if n := len(byRule(c.diagnosticsFor(uri, 1), "sources/altered")); n != 1 {
		t.Errorf("%d altered quotations after the source changed, want 1", n)
	}
}
