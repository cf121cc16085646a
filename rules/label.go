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
//     capitals (THE PRESIDENT:, Q:; see spokenFrom);
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
	for i := spokenFrom(d); i < len(d.Paragraphs); i++ {
		mark(i)
	}
	var labelled []int
	labels := map[string]int{}
	for pi, p := range d.Paragraphs {
		if n, _, ok := paragraphLabel(d, p); ok && !p.Heading && !headlineLike(d, pi) {
			labelled = append(labelled, pi)
			labels[d.String(document.Span{Start: int(d.Words[p.FirstWord].Start), End: int(d.Words[p.FirstWord+n-1].End)})]++
		}
	}
	for _, pi := range labelled {
		p := d.Paragraphs[pi]
		n, capitals, _ := paragraphLabel(d, p)
		label := d.String(document.Span{Start: int(d.Words[p.FirstWord].Start), End: int(d.Words[p.FirstWord+n-1].End)})
		if !capitals && n == 1 && labels[label] < 2 {
			continue // Note:, Update: — a label of the text, not a speaker
		}
		mark(pi)
		if len(labelled) < 2 {
			continue
		}
		for j := pi + 1; j < len(d.Paragraphs) && j <= pi+answerParagraphs; j++ {
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
	t := bytes.TrimRight(d.Slice(p.Span), " \t\r\n")
	if len(t) == 0 || t[len(t)-1] != '?' {
		return false
	}
	return !bytes.ContainsAny(t[:len(t)-1], ".!?\n")
}

// firstPerson reports whether paragraph pi speaks in the first person: a
// word of it outside quotations is I, me, my, we, us or our (or only the
// singular ones, when singular is set).
func firstPerson(d *document.Document, pi int, singular bool) bool {
	p := d.Paragraphs[pi]
	for i := p.FirstWord; i < p.EndWord; i++ {
		w := d.Words[i]
		switch d.String(w.Span()) {
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
