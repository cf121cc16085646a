package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// QuotesUnbalanced is the quotes/unbalanced rule.
var QuotesUnbalanced = &Rule{
	ID:       "quotes/unbalanced",
	Severity: Error,
	Summary:  "A quotation mark that pairs with nothing",
	Explanation: `Reports an opening quotation mark that is never closed, a closing mark that
closes nothing, and a quotation still open when the one around it closes
(“ ‘ ”, or crossed: “ ‘ ” ’). The message says where the quotation opened and
where its paragraph ended, and, when an attribution inside it gives it away
("…the evidence, he added"), where the missing mark probably belongs.

Curly and straight marks are paired, double and single, and so are „…“ „…”
‚…‘ «…» »…« ‹…› and 「…」 『…』. Straight double marks do not say whether
they open or close, so they are paired in turn within a paragraph, the first
opening, and spacing only decides between pairings when their number is odd:
text from a tokenizer or OCR (who" was the first ") pairs as well as clean
copy. A mark after a number (27", 5 ") is an inch mark.

Accepted as correct:
- apostrophes: report’s, Uyghurs’, the Joneses' car, ’90s, rock ’n’ roll,
  'scopes (a mark before a word that nothing later could close), and a mark
  after markup or a closing quotation mark: ` + "`x`'s" + `, [NSQ](…)'s,
  *Nature*’s, "go get"'s;
- a quotation that runs over several paragraphs, each opening it again and
  only the last closing it (the newsroom convention), in Markdown too over
  block-quote paragraphs and list items; and the same convention in text
  whose paragraph breaks were lost: an open quotation reopened after the end
  of a sentence ("We will appeal. "The ruling is wrong," he added.);
- quotation marks in Markdown code, HTML, link targets, front matter,
  template and shortcode tags ({{ }}, {{< >}}, {% %}) and admonition titles
  (!!! note "Title"), which are not prose.`,
	Bad:  "The report said the “scale of arbitrary detention may constitute crimes against humanity.",
	Good: "The report said the “scale of arbitrary detention may constitute crimes against humanity.”",
	New: func(Options) (Check, error) {
		return checkUnbalanced, nil
	},
}

func checkUnbalanced(p *Pass) {
	d := p.Doc
	for _, q := range d.QuoteProblems {
		mark := d.String(q.Mark)
		switch q.Kind {
		case document.Unclosed:
			p.Report(q.Mark, unclosedMessage(d, q, mark))
		case document.Unopened:
			msg := fmt.Sprintf("closing %s has no opening mark", mark)
			if at, ok := likelyOpening(d, q.Mark.Start); ok {
				msg += fmt.Sprintf("; the opening mark probably belongs at %s", describeAt(d, at))
			}
			p.Report(q.Mark, msg)
		case document.NestedUnclosed:
			at := d.Position(q.Other.Start)
			p.Report(q.Mark, fmt.Sprintf("%s is still open when the quotation around it closes at %d:%d", mark, at.Line, at.Column))
		}
	}
}

// unclosedMessage says where an unclosed quotation opened, where the
// paragraph, or the run of paragraphs that reopened it, ended without
// closing it, and, when an attribution inside it gives it away, where the
// closing mark probably belongs.
func unclosedMessage(d *document.Document, q document.QuoteProblem, mark string) string {
	quote, ok := quoteAt(d, q.Mark.Start)
	if !ok {
		return fmt.Sprintf("opening %s is never closed", mark)
	}
	end := d.Position(lastProseEnd(d, quote.Content))
	var msg string
	if n := quote.LastParagraph - quote.FirstParagraph + 1; n > 1 {
		msg = fmt.Sprintf("quotation opened with %s runs over %d paragraphs, each reopening it, and is never closed: the last ends at %d:%d",
			mark, n, end.Line, end.Column)
	} else {
		msg = fmt.Sprintf("opening %s is never closed: its paragraph ends at %d:%d with no closing mark", mark, end.Line, end.Column)
	}
	if at, before, ok := likelyClosing(d, quote); ok {
		msg += fmt.Sprintf("; it probably closes at %s, before “%s”", describeAt(d, at), before)
	}
	return msg
}

// quoteAt returns the quotation whose opening mark is at off.
func quoteAt(d *document.Document, off int) (document.Quote, bool) {
	for _, q := range d.Quotes {
		if q.Open == off {
			return q, true
		}
	}
	return document.Quote{}, false
}

// lastProseEnd returns the offset just after the last character of s that
// is not white space.
func lastProseEnd(d *document.Document, s document.Span) int {
	end := s.End
	for end > s.Start && (d.Text[end-1] == ' ' || d.Text[end-1] == '\n' || d.Text[end-1] == '\r' || d.Text[end-1] == '\t') {
		end--
	}
	return end
}

// describeAt names the place at offset off for a message: "3:58, after
// “evidence,”".
func describeAt(d *document.Document, off int) string {
	pos := d.Position(off)
	words := d.WordsIn(document.Span{Start: max(0, off-64), End: off})
	if len(words) == 0 {
		return fmt.Sprintf("%d:%d", pos.Line, pos.Column)
	}
	w := words[len(words)-1]
	return fmt.Sprintf("%d:%d, after “%s”", pos.Line, pos.Column,
		strings.TrimSpace(d.String(document.Span{Start: int(w.Start), End: off})))
}

// attributionWords are the speech verbs that give away where a quotation
// ends when its closing mark is missing: "…the evidence, he added".
var attributionWords = map[string]bool{
	"said": true, "says": true, "added": true, "adds": true, "asked": true, "asks": true, "told": true,
	"wrote": true, "writes": true, "explained": true, "noted": true, "continued": true, "replied": true,
	"insisted": true, "warned": true, "stated": true, "argued": true, "recalled": true, "declared": true,
}

// pronouns that stand for the speaker before a speech verb.
var speakerPronouns = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "it": true}

// likelyClosing finds, inside an unclosed quotation's first paragraph, an
// attribution that must lie outside it: a word ending in , . ? or !
// followed by a speaker (a pronoun or up to three capitalised words) and a
// speech verb, or by the verb and then the speaker. The closing mark
// probably belongs after that punctuation. It returns the offset there and
// the attribution's words.
func likelyClosing(d *document.Document, q document.Quote) (at int, before string, ok bool) {
	p := d.Paragraphs[q.FirstParagraph]
	words := d.WordsIn(document.Span{Start: q.Content.Start, End: p.End})
	for k := 0; k+1 < len(words); k++ {
		end := int(words[k].End)
		if end >= len(d.Text) || !strings.ContainsRune(",.?!", rune(d.Text[end])) {
			continue
		}
		// The speaker and the verb, in either order.
		j := k + 1
		for n := 0; j < len(words) && n < 3 && isSpeaker(d, words[j]); n++ {
			j++
		}
		if j == k+1 && j < len(words) && attributionWords[strings.ToLower(d.String(words[j].Span()))] &&
			j+1 < len(words) && isSpeaker(d, words[j+1]) {
			j += 2 // "said Smith"
		} else if j == k+1 || j >= len(words) || !attributionWords[strings.ToLower(d.String(words[j].Span()))] {
			continue
		} else {
			j++
		}
		return end + 1, d.String(document.Span{Start: int(words[k+1].Start), End: int(words[j-1].End)}), true
	}
	return 0, "", false
}

// isSpeaker reports whether a word can name a speaker: a pronoun or a
// capitalised word.
func isSpeaker(d *document.Document, w document.Word) bool {
	s := d.String(w.Span())
	if speakerPronouns[strings.ToLower(s)] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// likelyOpening finds where the opening mark of a quotation whose closing
// mark at off closes nothing probably belongs: after a colon, or after a
// speech verb and a comma, earlier in the same sentence.
func likelyOpening(d *document.Document, off int) (int, bool) {
	start := 0
	for _, s := range d.Sentences {
		if s.Start <= off && off < s.End {
			start = s.Start
			break
		}
	}
	words := d.WordsIn(document.Span{Start: start, End: off})
	for k := len(words) - 1; k >= 0; k-- {
		end := int(words[k].End)
		if end >= off {
			continue
		}
		c := d.Text[end]
		if c == ':' || (c == ',' && attributionWords[strings.ToLower(d.String(words[k].Span()))]) {
			at := end + 1
			for at < off && d.Text[at] == ' ' {
				at++
			}
			return at, true
		}
	}
	return 0, false
}
