package document

import (
	"os"
	"path/filepath"
	"testing"
)

// benchFiles reads the repository's testdata documents.
func benchFiles(b *testing.B) (txt, md []byte) {
	b.Helper()
	txt, err := os.ReadFile(filepath.Join("..", "testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	md, err = os.ReadFile(filepath.Join("..", "testdata", "newsroom.md"))
	if err != nil {
		b.Fatal(err)
	}
	return txt, md
}

// BenchmarkLoad measures building the document model of a large document
// (the testdata documents, concatenated 64 times over) in each format, and
// of each small testdata document alone, as a lint run over many files
// loads them.
func BenchmarkLoad(b *testing.B) {
	txt, md := benchFiles(b)
	var one []byte
	one = append(one, txt...)
	one = append(one, "\n\n"...)
	one = append(one, md...)
	one = append(one, "\n\n"...)
	large := make([]byte, 0, 64*len(one))
	for range 64 {
		large = append(large, one...)
	}
	for _, bm := range []struct {
		name   string
		text   []byte
		format Format
	}{
		{"large.txt", large, Plain},
		{"large.md", large, Markdown},
		{"article.txt", txt, Plain},
		{"newsroom.md", md, Markdown},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.text)))
			b.ReportAllocs()
			for b.Loop() {
				LoadFormat(bm.name, bm.text, bm.format)
			}
		})
	}
}
