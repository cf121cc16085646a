package rules

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// paragraphLabel reads the label a paragraph may open with, as transcripts
// and interviews name who speaks: one to four words, the first
// capitalised, then a colon (THE PRESIDENT:, Q:, MS. JEAN-PIERRE:, Diana
// Acosta:). It returns the label's number of words and whether they are
// all in capitals, and false for a paragraph without one.
func paragraphLabel(d *document.Document, p document.Paragraph) (words int, capitals, ok bool) {
	capitals = true
	for i := p.FirstWord; i < min(p.EndWord, p.FirstWord+4); i++ {
		w := d.Slice(d.Words[i].Span())
		if r, _ := utf8.DecodeRune(w); i == p.FirstWord && !unicode.IsUpper(r) {
			return 0, false, false
		}
		capitals = capitals && !bytes.ContainsFunc(w, unicode.IsLower)
		after := int(d.Words[i].End)
		for after < len(d.Text) && d.Text[after] == '.' {
			after++
		}
		if after < len(d.Text) && d.Text[after] == ':' {
			return i - p.FirstWord + 1, capitals, true
		}
	}
	return 0, false, false
}
