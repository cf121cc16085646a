package report

import (
	"io"
	"testing"

	"github.com/docqa/docqa/checks"
)

// BenchmarkFormats prints 1,024 findings of one document in every format:
// what the goroutine that writes the output in order spends per document.
func BenchmarkFormats(b *testing.B) {
	doc, fs := sample("dir/a.md")
	for len(fs) < 1024 {
		fs = append(fs, fs...)
	}
	opts := Options{Registry: checks.Registry(), Version: "v1.0.0"}
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			p, err := New(format, io.Discard, opts)
			if err != nil {
				b.Fatal(err)
			}
			var sum Summary
			sum.Add(fs)
			b.ReportAllocs()
			for b.Loop() {
				if err := p.Begin(); err != nil {
					b.Fatal(err)
				}
				if err := p.File(doc, fs); err != nil {
					b.Fatal(err)
				}
				if err := p.End(sum); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
