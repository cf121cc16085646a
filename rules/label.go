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

// spokenParagraphs marks the paragraphs that are a speaker's own words, in
// which a quotation is the speaker quoting someone, not the writer
// quoting the speaker:
//   - in a transcript, every paragraph from its first speaker label in
//     capitals (THE PRESIDENT:, Q:; see spokenFrom);
//   - in an interview that labels its answers (Adams:, Diana Acosta:,
//     Question:), each labelled paragraph and the ones after it that go on
//     with the answer, up to the next heading or headline-like line, or
//     answerParagraphs paragraphs at most.
//
// A single labelled paragraph marks only itself. A short line with no
// closing punctuation is a heading or a field (Name: Kate A. McGinnis),
// not a label.
func spokenParagraphs(d *document.Document) []bool {
	spoken := make([]bool, len(d.Paragraphs))
	for i := spokenFrom(d); i < len(d.Paragraphs); i++ {
		spoken[i] = true
	}
	var labelled []int
	for pi, p := range d.Paragraphs {
		if _, _, ok := paragraphLabel(d, p); ok && !p.Heading && !headlineLike(d, pi) {
			labelled = append(labelled, pi)
		}
	}
	for _, pi := range labelled {
		spoken[pi] = true
		if len(labelled) < 2 {
			break
		}
		for j := pi + 1; j < len(d.Paragraphs) && j <= pi+answerParagraphs; j++ {
			if d.Paragraphs[j].Heading || headlineLike(d, j) {
				break
			}
			spoken[j] = true
		}
	}
	return spoken
}

// answerParagraphs is how many paragraphs after a labelled one an
// interview's answer may go on.
const answerParagraphs = 8
