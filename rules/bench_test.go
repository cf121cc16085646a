package rules

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/docqa/docqa/document"
)

// benchDocs are the testdata documents, concatenated a few times over, in
// each format.
func benchText(b *testing.B) []byte {
	b.Helper()
	var text []byte
	for _, name := range []string{"article.txt", "newsroom.md"} {
		t, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		text = append(text, t...)
		text = append(text, "\n\n"...)
	}
	out := make([]byte, 0, 64*len(text))
	for range 64 {
		out = append(out, text...)
	}
	return out
}

// BenchmarkLoad measures building the document model.
func BenchmarkLoad(b *testing.B) {
	text := benchText(b)
	for _, name := range []string{"bench.txt", "bench.md"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				document.Load(name, text)
			}
		})
	}
}

// BenchmarkRules measures each built-in rule alone over a loaded document.
func BenchmarkRules(b *testing.B) {
	text := benchText(b)
	d := document.Load("bench.txt", text)
	for _, r := range Builtin().Rules() {
		if r.New == nil {
			continue
		}
		b.Run(r.ID, func(b *testing.B) {
			l, err := NewLinter(NewRegistry(r), Config{})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				l.Lint(d)
			}
		})
	}
}

// BenchmarkEngine measures loading and linting with every rule.
func BenchmarkEngine(b *testing.B) {
	text := benchText(b)
	l, err := NewLinter(Builtin(), Config{})
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"bench.txt", "bench.md"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				l.Lint(document.Load(name, text))
			}
		})
	}
}

// BenchmarkNewLinter measures preparing the rules: part of every cold start.
func BenchmarkNewLinter(b *testing.B) {
	reg := Builtin()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewLinter(reg, Config{}); err != nil {
			b.Fatal(err)
		}
	}
}
