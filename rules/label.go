package rules

import (
	"bytes"
	"strings"
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
	if p.EndWord <= p.FirstWord {
		return 0, false, false
	}
	// Most paragraphs have no colon after their first four words: turn
	// them away with one scan.
	last := min(p.EndWord, p.FirstWord+4) - 1
	if end := min(p.End, int(d.Words[last].End)+8); bytes.IndexByte(d.Text[d.Words[p.FirstWord].Start:end], ':') < 0 {
		return 0, false, false
	}
	capitals = true
	for i := p.FirstWord; i <= last; i++ {
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
			if i+1 >= p.EndWord {
				return 0, false, false // an introduction (Here’s what you missed:), no label
			}
			return i - p.FirstWord + 1, capitals, true
		}
	}
	return 0, false, false
}

// spokenParagraphs marks the paragraphs that are a speaker's own words, in
// which a quotation is the speaker quoting someone, not the writer
// quoting the speaker:
//   - in a transcript, every paragraph from its first speaker label in
//     capitals (THE PRESIDENT:, Q:), in a document with three of them, or
//     with one of two words or more, as a speech's transcript opens;
//   - in an interview that labels its answers (Adams:, Diana Acosta:,
//     Question:), each labelled paragraph and the ones after it that go on
//     with the answer, up to the next heading or headline-like line, or
//     answerParagraphs paragraphs at most;
//   - in an interview printed without labels, its questions and answers
//     (see markQA).
//
// A single labelled paragraph marks only itself. A short line with no
// closing punctuation is a heading or a field (Name: Kate A. McGinnis),
// not a label, and one word in mixed case is a label of the text (Note:,
// Update:) unless it comes back (Adams:, Question:). It returns nil when
// no paragraph is spoken.
func spokenParagraphs(d *document.Document) []bool {
	var spoken []bool
	mark := func(pi int) {
		if spoken == nil {
			spoken = make([]bool, len(d.Paragraphs))
		}
		spoken[pi] = true
	}
	type labelled struct {
		pi, words          int
		capitals, headline bool
		label              document.Span
	}
	var buf [16]labelled
	ls := buf[:0]
	for pi, p := range d.Paragraphs {
		n, capitals, ok := paragraphLabel(d, p)
		if !ok {
			continue
		}
		label := document.Span{Start: int(d.Words[p.FirstWord].Start), End: int(d.Words[p.FirstWord+n-1].End)}
		ls = append(ls, labelled{pi, n, capitals, p.Heading || headlineLike(d, pi), label})
	}
	// comesBack reports whether a label stands before more than one paragraph.
	comesBack := func(l labelled) bool {
		for _, o := range ls {
			if o.pi != l.pi && bytes.Equal(d.Slice(o.label), d.Slice(l.label)) {
				return true
			}
		}
		return false
	}
	// A transcript: every paragraph from the first label in capitals, in
	// a document with three of them or one of two words or more.
	first, caps, long := -1, 0, false
	for _, l := range ls {
		if l.capitals {
			if first < 0 {
				first = l.pi
			}
			caps++
			long = long || l.words > 1
		}
	}
	if first >= 0 && (caps >= 3 || long) {
		for i := first; i < len(d.Paragraphs); i++ {
			mark(i)
		}
	}
	// An interview: each speaker's label and the answer after it.
	n := 0
	for _, l := range ls {
		if !l.headline {
			n++
		}
	}
	for _, l := range ls {
		if l.headline || !l.capitals && l.words == 1 && !comesBack(l) {
			continue // Note:, Update: — a label of the text, not a speaker
		}
		mark(l.pi)
		if n < 2 {
			continue
		}
		for j := l.pi + 1; j < len(d.Paragraphs) && j <= l.pi+answerParagraphs; j++ {
			if d.Paragraphs[j].Heading || headlineLike(d, j) {
				break
			}
			mark(j)
		}
	}
	markQA(d, mark)
	return spoken
}

// markQA marks the questions and answers of an interview printed without
// labels, as profiles print them: a paragraph that is one short question
// (What brought you to Goddard?) and, after it, answers in the first
// person (I graduated from …), up to the next question or heading. It
// marks nothing unless two questions or more are answered so: a
// rhetorical question in narration is followed by narration.
func markQA(d *document.Document, mark func(pi int)) {
	var questions []int
	for pi := range d.Paragraphs {
		if pi+1 < len(d.Paragraphs) && isQuestionLine(d, pi) && firstPerson(d, pi+1, false) {
			questions = append(questions, pi)
		}
	}
	if len(questions) < 2 {
		return
	}
	for _, pi := range questions {
		mark(pi)
		for j := pi + 1; j < len(d.Paragraphs) && j <= pi+answerParagraphs; j++ {
			if d.Paragraphs[j].Heading || headlineLike(d, j) || isQuestionLine(d, j) {
				break
			}
			mark(j)
		}
	}
}

// isQuestionLine reports whether paragraph pi is one short question: at
// most 30 words, ending in a question mark, with no other sentence end.
func isQuestionLine(d *document.Document, pi int) bool {
	p := d.Paragraphs[pi]
	if p.EndWord-p.FirstWord > 30 || p.EndWord == p.FirstWord {
		return false
	}
	e := p.End
	for e > p.Start && strings.IndexByte(" \t\r\n", d.Text[e-1]) >= 0 {
		e--
	}
	if e == p.Start || d.Text[e-1] != '?' {
		return false
	}
	return !bytes.ContainsAny(d.Text[p.Start:e-1], ".!?\n")
}

// firstPerson reports whether paragraph pi speaks in the first person: a
// word of it outside quotations is I, me, my, we, us or our (or only the
// singular ones, when singular is set).
func firstPerson(d *document.Document, pi int, singular bool) bool {
	p := d.Paragraphs[pi]
	for i := p.FirstWord; i < p.EndWord; i++ {
		w := d.Words[i]
		if n := w.Len(); n > len("I’ve") || !strings.ContainsRune("ImMwWuoO", rune(d.Text[w.Start])) {
			continue
		}
		t := d.Slice(w.Span())
		switch string(t) {
		case "I", "me", "my", "My", "I’m", "I've", "I’ve", "I'm", "I’d", "I'd", "I’ll", "I'll":
		case "we", "We", "us", "our", "Our":
			if singular {
				continue
			}
		default:
			continue
		}
		if !d.InQuote(int(w.Start)) {
			return true
		}
	}
	return false
}

// answerParagraphs is how many paragraphs after a labelled one an
// interview's answer may go on.
const answerParagraphs = 8
