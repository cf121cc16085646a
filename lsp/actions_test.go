package lsp

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// A suppression directive is inserted only where it leaves the document
// as a reader sees it, in GitHub's Markdown (tables among it) as in
// CommonMark, and where docqa then reads it: the edit, applied, must give
// want, or no suppression must be offered when want is "".
func TestSuppressionKeepsStructure(t *testing.T) {
	const d = "<!-- docqa-disable-next-line repetition/doubled-word -- TODO: say why -->"
	tests := []struct {
		name, text, want string
	}{
		{"paragraph", "Intro line,\nit was the the end.\n", "Intro line, " + d + "\nit was the the end.\n"},
		{"after a table's delimiter row", "| a | b |\n|---|---|\n| it was the the end | x |\n", ""},
		{"after a table's row", "| a | b |\n|---|---|\n| x | y |\n| it was the the end | z |\n", "| a | b |\n|---|---|\n| x | y | " + d + "\n| it was the the end | z |\n"},
		{"after a closing fence", "```\ncode\n```\nit was the the end.\n", "```\ncode\n```\n" + d + "\nit was the the end.\n"},
		{"blockquote", "> First line,\n> it was the the end.\n", "> First line, " + d + "\n> it was the the end.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := start(t, t.TempDir(), Options{})
			c.initialize(map[string]any{}, nil)
			uri := c.open("a.md", tt.text)
			ds := byRule(c.diagnosticsFor(uri, 1), "repetition/doubled-word")
			if len(ds) != 1 {
				t.Fatalf("diagnostics %+v", ds)
			}
			got := ""
			for _, a := range c.actions(uri, ds[0].Range, KindQuickFix) {
				if strings.HasPrefix(a.Title, "Suppress") {
					got = clientApply(tt.text, a.Edit.Changes[uri], "utf-16")
				}
			}
			if got != tt.want {
				t.Fatalf("suppressed:\n%q\nwant\n%q", got, tt.want)
			}
			if got == "" {
				return
			}
			c.notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": uri, "version": 2},
				"contentChanges": []any{map[string]any{"text": got}},
			})
			if ds := c.diagnosticsFor(uri, 2); len(ds) != 0 {
				t.Errorf("after the suppression: %+v, want none", ds)
			}
		})
	}
}

// The code actions of a selection that spans a large document with many
// findings (select all, in an editor that asks for the selection's code
// actions) are answered, and a cancelled request stops: the editor asks
// again each time the selection changes.
func TestCodeActionsOfALargeSelection(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: checks a 1 MB document")
	}
	c := start(t, t.TempDir(), Options{})
	c.initialize(map[string]any{}, nil)
	var text strings.Builder
	for i := 0; text.Len() < 1<<20; i++ {
		if i%40 == 0 {
			fmt.Fprintf(&text, "Paragraph %d says that it was the the end of a long week.\n\n", i)
		} else {
			fmt.Fprintf(&text, "Paragraph %d says that the week went well.\n\n", i)
		}
	}
	uri := c.open("big.md", text.String())
	if n := len(c.diagnosticsFor(uri, 1)); n < 500 {
		t.Fatalf("%d diagnostics, want one every 40 paragraphs", n)
	}
	all := rng(0, 0, 1<<30, 0)
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": all, "context": map[string]any{"diagnostics": []any{}}}
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": "textDocument/codeAction", "params": params})
	c.notify("$/cancelRequest", map[string]any{"id": id})
	t0 := time.Now()
	if m := c.response(id); m.Error == nil || m.Error.Code != CodeRequestCancelled {
		t.Errorf("the cancelled request: %+v, want RequestCancelled", m.Error)
	}
	t.Logf("cancelled in %v", time.Since(t0))
	t0 = time.Now()
	m := c.call("textDocument/codeAction", params)
	if m.Error != nil {
		t.Fatalf("codeAction: %+v", m.Error)
	}
	t.Logf("answered in %v", time.Since(t0))
}
