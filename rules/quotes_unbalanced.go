package rules

import (
	"fmt"

	"github.com/docqa/docqa/document"
)

// QuotesUnbalanced is the quotes/unbalanced rule.
var QuotesUnbalanced = &Rule{
	ID:       "quotes/unbalanced",
	Severity: Error,
	Summary:  "A quotation mark that pairs with nothing",
	Explanation: `Reports an opening quotation mark that is never closed, a closing mark that
closes nothing, and a single quotation still open when the double quotation
around it closes (“ ‘ ”, or crossed: “ ‘ ” ’). Curly and straight marks are
both paired, double and single.

An apostrophe is not a quotation mark: report’s, Uyghurs’, ’90s and rock ’n’
roll (curly or straight) are words. A quotation that runs over several
paragraphs, each opening it again and only the last closing it, is the
newsroom convention and is correct; it is reported only if it never closes.
Quotation marks inside Markdown code are not prose.`,
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
			if q.Continued {
				p.Report(q.Mark, fmt.Sprintf("quotation opened with %s runs over several paragraphs and is never closed", mark))
			} else {
				p.Report(q.Mark, fmt.Sprintf("opening %s is never closed", mark))
			}
		case document.Unopened:
			p.Report(q.Mark, fmt.Sprintf("closing %s has no opening mark", mark))
		case document.NestedUnclosed:
			at := d.Position(q.Other.Start)
			p.Report(q.Mark, fmt.Sprintf("%s is still open when the quotation around it closes at %d:%d", mark, at.Line, at.Column))
		}
	}
}
