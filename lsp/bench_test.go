package lsp

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// BenchmarkChange measures what a writer waits for after a pause in
// typing: from a change to a 100 KB document (one word typed) to its
// diagnostics, with no debounce, over in-memory pipes (the protocol's
// encoding and decoding included).
func BenchmarkChange(b *testing.B) {
	seed, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	var text strings.Builder
	for text.Len() < 100<<10 {
		text.Write(seed)
		text.WriteString("\n")
	}
	c := start(b, b.TempDir(), Options{Debounce: -1})
	c.initialize(map[string]any{}, nil)
	uri := c.open("big.txt", text.String())
	c.diagnosticsFor(uri, 1)
	b.SetBytes(int64(text.Len()))
	b.ResetTimer()
	for i := range b.N {
		v := int32(i + 2)
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"range": rng(0, 0, 0, 0), "text": fmt.Sprintf("w%d ", i%10)}},
		})
		c.diagnosticsFor(uri, v)
		c.queue = c.queue[:0]
	}
}
