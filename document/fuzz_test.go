package document

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzLoad checks the model's invariants on any input: no panic, every span
// inside the text, words and quotation marks on character boundaries, and
// positions that convert back to their offsets.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"He said “we will stay.”", "“Multi\n\n“para,” he said.", "It isn’t rock ’n’ roll in the ’90s.",
		"# Title\n\n`code` and [link](http://x) <b>html</b>\n", "---\na: b\n---\nBody.", "\uFEFFa\r\nb\rc",
		`5'10" and "straight 'nested' quotes"`, "“‘crossed” ’", "\xff\xfe bad", "a\x00b",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	if b, err := os.ReadFile(filepath.Join("..", "testdata", "article.txt")); err == nil {
		f.Add(string(b), false)
	}
	f.Fuzz(func(t *testing.T, text string, markdown bool) {
		format := Plain
		if markdown {
			format = Markdown
		}
		d := LoadFormat("f", []byte(text), format)
		valid := utf8.ValidString(text)
		inside := func(what string, s Span) {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End {
				t.Fatalf("%s span %v outside text of %d bytes", what, s, len(text))
			}
			if valid && (!utf8.RuneStart(byteAt(text, s.Start)) || !utf8.RuneStart(byteAt(text, s.End))) {
				t.Fatalf("%s span %v splits a character", what, s)
			}
		}
		for _, p := range d.Paragraphs {
			inside("paragraph", p.Span)
		}
		for _, s := range d.Sentences {
			inside("sentence", s)
		}
		for _, w := range d.Words {
			s := w.Span()
			inside("word", s)
			if w.Len() == 0 {
				t.Fatalf("empty word at %d", s.Start)
			}
			if w.Paragraph < 0 || int(w.Paragraph) >= len(d.Paragraphs) {
				t.Fatalf("word %v in paragraph %d of %d", s, w.Paragraph, len(d.Paragraphs))
			}
			if p := d.Paragraphs[w.Paragraph].Span; s.Start < p.Start || s.End > p.End {
				t.Fatalf("word %v outside its paragraph %v", s, p)
			}
		}
		for _, q := range d.Quotes {
			inside("quotation", d.Extent(q))
			inside("quotation content", q.Content)
		}
		for _, p := range d.QuoteProblems {
			inside("quotation mark", p.Mark)
		}
		for _, c := range d.Comments {
			inside("comment", c)
		}
		// Every character's position, through a cursor (linear time); a
		// sample of them checked against Position and back through Offset.
		cur := d.Cursor()
		var last Position
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			p := cur.Position(off)
			if p.Line < last.Line || p.Line == last.Line && p.Column < last.Column {
				t.Fatalf("Position(%d) = %v goes back from %v", off, p, last)
			}
			last = p
			if off%61 != 0 && off != len(text) {
				continue
			}
			if want := d.Position(off); p != want {
				t.Fatalf("Cursor.Position(%d) = %v, Position = %v", off, p, want)
			}
			if off > 0 && off < len(text) && text[off] == '\n' && text[off-1] == '\r' {
				continue // inside a CRLF pair: shares the CR's position
			}
			if off > 0 && off < d.bom {
				continue
			}
			if back := d.Offset(p); back != off && !(off == 0 && back == d.bom) {
				t.Fatalf("Offset(Position(%d) = %v) = %d", off, p, back)
			}
		}
	})
}

func byteAt(s string, i int) byte {
	if i >= len(s) {
		return 0 // the end is a boundary
	}
	return s[i]
}
