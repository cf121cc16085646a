package rules

import "github.com/docqa/docqa/document"

// secondPersonWords are the second-person pronouns and their contractions,
// folded (lower case, ASCII apostrophe).
var secondPersonWords = []string{
	"you", "your", "yours", "yourself", "yourselves",
	"you're", "you've", "you'll", "you'd",
}

// SecondPerson is the style/second-person rule: "you", "your", "yourself"
// and the like in narration, outside quotations.
var SecondPerson = &Rule{
	ID:       "style/second-person",
	Severity: Info,
	Summary:  "Second person (“you”, “your”, “yourself”) in narration",
	Explanation: "News prose reports in the third person; \"you\" in narration addresses the reader " +
		"and turns reporting into conversation (\"no invitation for free entry to see for yourself\"). " +
		"The rule reports you, your, yours, yourself, yourselves, you're, you've, you'll and you'd " +
		"(with either apostrophe) outside quotations: a speaker's words are theirs to keep, and so are " +
		"those of a transcript in speaker-label or Q&A form (THE PRESIDENT:, Q:, MS. SMITH:), where " +
		"there is no narration. " +
		"Compounds such as do-it-yourself and thank-you, and lines of web page residue " +
		"(\"Your email address will not be published.\", reported by boilerplate/web), are left alone. " +
		"There is no fix: the sentence needs rewriting.",
	Bad:  "Beijing gave no invitation for free entry to see for yourself.",
	Good: "Beijing gave no invitation for free entry to see the camps. “You can see for yourself,” he said.",
	New:  newSecondPerson,
}

func newSecondPerson(Options) (Check, error) {
	words := make(map[string]bool, len(secondPersonWords))
	for _, w := range secondPersonWords {
		words[w] = true
	}
	web := builtinWebPhrases()
	return func(p *Pass) {
		doc := p.Doc
		var spoken []bool
		spokenDone := false // spoken is computed at the first "you"
		var found []document.Span
		paragraphs, last := 0, -1 // paragraphs with a finding
		var buf [16]byte
		skipLine := 0 // a boilerplate line whose words are not narration
		for _, w := range doc.Words {
			// Every word of the list starts with y and is at most 10 bytes
			// (yourselves; you’re with a curly apostrophe is 8).
			if c := doc.Text[w.Start]; (c != 'y' && c != 'Y') || w.Len() > len(buf) {
				continue
			}
			s := w.Span()
			if !words[string(wordFold(buf[:0], doc.Slice(s)))] || doc.InQuote(s.Start) {
				continue
			}
			if !spokenDone {
				spoken, spokenDone = p.spokenParagraphs(), true
			}
			if pi := int(w.Paragraph); spoken != nil && spoken[pi] {
				continue // a speaker's words, not narration
			}
			line := doc.LineOf(s.Start)
			if line == skipLine {
				continue
			}
			if _, ok := web.boilerplateLine(doc, line); ok {
				skipLine = line
				continue
			}
			found = append(found, s)
			if pi := int(w.Paragraph); pi != last {
				paragraphs, last = paragraphs+1, pi
			}
		}
		if len(found) == 0 || speech(doc, paragraphs) {
			return // a speech or a letter: its "you" is its speaker's
		}
		for _, s := range found {
			p.Reportf(s, "“%s”: second person in news prose addresses the reader; report in the third person", doc.String(s))
		}
	}, nil
}

// speech reports whether the document is a speech, a letter or an essay
// in its author's voice, not news narration, given how many of its
// paragraphs say "you": its "you" is the speaker's, addressed to an
// audience, not the reader. It speaks in the first person singular (I, me,
// my outside quotations) in three paragraphs of prose or more, a third of
// them at least, or in two or more while addressing "you" in three or
// more, a quarter of them at least (I'm pleased to welcome you all; I want
// to thank every nation for your commitment). An institution's "we" and
// "our" are no sign: a government's releases speak of "our nation".
func speech(d *document.Document, you int) bool {
	n, first := 0, 0
	for pi, p := range d.Paragraphs {
		if p.Heading || p.EndWord-p.FirstWord < 8 {
			continue
		}
		n++
		if firstPerson(d, pi, true) {
			first++
		}
	}
	return first >= 3 && 3*first >= n || first >= 2 && you >= 3 && 4*you >= n
}
