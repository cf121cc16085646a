package rules

import (
	"fmt"
	"sort"
	"strings"
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
	// Two cursors convert the messages' positions, each over offsets that
	// move little from one problem to the next (the likely places, and the
	// ends of paragraphs), so that a long line costs time linear in it.
	near, ends := d.Cursor(), d.Cursor()
	for _, q := range d.QuoteProblems {
		mark := d.String(q.Mark)
		switch q.Kind {
		case document.Unclosed:
			p.Report(q.Mark, unclosedMessage(d, q, mark, near, ends))
		case document.Unopened:
			msg := fmt.Sprintf("closing %s has no opening mark", mark)
			var related []Related
			if at, ok := likelyOpening(d, q.Mark.Start); ok {
				msg += fmt.Sprintf("; the opening mark probably belongs at %s", describeAt(d, near, at))
				related = []Related{{Span: document.Span{Start: at, End: at}, Message: "where the opening mark probably belongs"}}
			}
			p.ReportRelated(q.Mark, msg, related)
		case document.NestedUnclosed:
			at := near.Position(q.Other.Start)
			p.ReportRelated(q.Mark, fmt.Sprintf("%s is still open when the quotation around it closes at %d:%d", mark, at.Line, at.Column),
				[]Related{{Span: q.Other, Message: "the closing mark of the quotation around it"}})
		}
	}
}

// unclosedMessage says where an unclosed quotation opened, where the
// paragraph, or the run of paragraphs that reopened it, ended without
// closing it, and, when an attribution inside it gives it away, where the
// closing mark probably belongs.
func unclosedMessage(d *document.Document, q document.QuoteProblem, mark string, near, ends *document.Cursor) string {
	quote, ok := quoteAt(d, q.Mark.Start)
	if !ok {
		return fmt.Sprintf("opening %s is never closed", mark)
	}
	end := ends.Position(lastProseChar(d, quote.Content))
	var msg string
	if n := quote.LastParagraph - quote.FirstParagraph + 1; n > 1 {
		msg = fmt.Sprintf("quotation opened with %s runs over %d paragraphs, each reopening it, and is never closed: the last ends at %d:%d",
			mark, n, end.Line, end.Column)
	} else {
		msg = fmt.Sprintf("opening %s is never closed: its paragraph ends at %d:%d with no closing mark", mark, end.Line, end.Column)
	}
	// The missing mark is looked for up to the next quotation, and within
	// a few sentences' length: a paragraph of thousands of unclosed
	// quotations stays linear.
	reach := min(d.Paragraphs[quote.FirstParagraph].End, quote.Content.Start+likelyReach)
	if i := sort.Search(len(d.Quotes), func(i int) bool { return d.Quotes[i].Open > quote.Open }); i < len(d.Quotes) {
		reach = min(reach, d.Quotes[i].Open)
	}
	if at, attr, ok := d.AttributionIn(document.Span{Start: quote.Content.Start, End: max(reach, quote.Content.Start)}); ok {
		msg += fmt.Sprintf("; it probably closes at %s, before “%s”", describeAt(d, near, at), d.String(attr))
	}
	return msg
}

// likelyReach is how many bytes after an unclosed quotation's opening
// mark, or before an unopened closing mark, the likely place of the
// missing mark is looked for.
const likelyReach = 2000

// quoteAt returns the quotation whose opening mark is at off.
func quoteAt(d *document.Document, off int) (document.Quote, bool) {
	i := sort.Search(len(d.Quotes), func(i int) bool { return d.Quotes[i].Open >= off })
	if i < len(d.Quotes) && d.Quotes[i].Open == off {
		return d.Quotes[i], true
	}
	return document.Quote{}, false
}

// lastProseChar returns the offset of the last character of s that is not
// white space, or s.Start.
func lastProseChar(d *document.Document, s document.Span) int {
	end := s.End
	for end > s.Start && (d.Text[end-1] == ' ' || d.Text[end-1] == '\n' || d.Text[end-1] == '\r' || d.Text[end-1] == '\t') {
		end--
	}
	if end == s.Start {
		return s.Start
	}
	_, n := utf8.DecodeLastRune(d.Text[s.Start:end])
	return end - n
}

// describeAt names the place at offset off, converted by c, for a message: "3:58, after
// “evidence,”".
func describeAt(d *document.Document, c *document.Cursor, off int) string {
	pos := c.Position(off)
	words := d.WordsIn(document.Span{Start: max(0, off-64), End: off})
	if len(words) == 0 {
		return fmt.Sprintf("%d:%d", pos.Line, pos.Column)
	}
	w := words[len(words)-1]
	return fmt.Sprintf("%d:%d, after “%s”", pos.Line, pos.Column,
		strings.TrimSpace(d.String(document.Span{Start: int(w.Start), End: off})))
}

// sayings are the verbs after which a comma introduces a quotation.
var sayings = map[string]bool{"said": true, "says": true, "added": true, "asked": true, "wrote": true, "replied": true, "declared": true}

// likelyOpening finds where the opening mark of a quotation whose closing
// mark at off closes nothing probably belongs: after a colon, or after a
// speech verb and a comma, earlier in the same sentence.
func likelyOpening(d *document.Document, off int) (int, bool) {
	start := 0
	if i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > off }); i < len(d.Sentences) && d.Sentences[i].Start <= off {
		start = d.Sentences[i].Start
	}
	words := d.WordsIn(document.Span{Start: max(start, off-likelyReach), End: off})
	for k := len(words) - 1; k >= 0; k-- {
		end := int(words[k].End)
		if end >= off {
			continue
		}
		c := d.Text[end]
		if c == ':' || (c == ',' && sayings[strings.ToLower(d.String(words[k].Span()))]) {
			at := end + 1
			for at < off && d.Text[at] == ' ' {
				at++
			}
			return at, true
		}
	}
	return 0, false
}
