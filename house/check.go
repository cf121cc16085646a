package house

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// check checks one document.
func (c *compiled) check(p *rules.Pass) {
	if c.def.Kind == Pattern {
		c.checkPattern(p)
		return
	}
	all := c.matcher.matches(p.Doc)
	if all == nil {
		return
	}
	var ms []match
	for _, mt := range all[c.index] {
		if c.inScope(p.Doc, mt.span) {
			ms = append(ms, mt)
		}
	}
	if len(ms) == 0 {
		return
	}
	switch c.def.Kind {
	case Existence:
		for _, mt := range ms {
			p.Report(mt.span, c.message(p.Doc, mt.span, ""))
		}
	case Substitution:
		for _, mt := range ms {
			if fix, ok := rewrite(p.Doc, mt, mt.ph.repl); ok {
				p.Report(mt.span, c.message(p.Doc, mt.span, fix.Replacement+ending(p.Doc, mt)), rules.WordFix(p.Doc, fix)...)
			}
		}
	case Consistency:
		if p.Counting() {
			for _, mt := range ms {
				p.Count(mt.ph.set, mt.ph.vari)
			}
			return
		}
		chosen := append([]int(nil), c.prefer...)
		for s := range chosen {
			if chosen[s] < 0 {
				if v, _, ok := p.Majority(s, c.nvar[s]); ok {
					chosen[s] = v // the run's most used form
				}
			}
		}
		for _, mt := range ms {
			if chosen[mt.ph.set] < 0 {
				chosen[mt.ph.set] = mt.ph.vari // the first use chooses
			}
		}
		for _, mt := range ms {
			want := chosen[mt.ph.set]
			if mt.ph.vari == want {
				continue
			}
			if fix, ok := rewrite(p.Doc, mt, c.def.Sets[mt.ph.set][want]); ok {
				p.Report(mt.span, c.message(p.Doc, mt.span, fix.Replacement+ending(p.Doc, mt)), rules.WordFix(p.Doc, fix)...)
			}
		}
	}
}

// rewrite returns the fix that writes repl, in the case of the text it
// replaces, over the phrase of mt (its possessive ending stays as
// written), and false if the text already reads so.
func rewrite(d *document.Document, mt match, repl string) (rules.Fix, bool) {
	stem := mt.stem()
	text := d.String(stem)
	repl = keepCase(text, repl)
	return rules.Fix{Span: stem, Replacement: repl}, repl != text
}

// ending returns the possessive ending of a match, as written, or "".
func ending(d *document.Document, mt match) string {
	return d.String(document.Span{Start: mt.stem().End, End: mt.span.End})
}

// checkPattern reports the matches of a pattern rule in the prose: none
// that holds a masked byte (code, markup, a URL) nor any out of scope.
func (c *compiled) checkPattern(p *rules.Pass) {
	d := p.Doc
	for _, loc := range c.re.FindAllIndex(d.Prose, -1) {
		span := document.Span{Start: loc[0], End: loc[1]}
		if span.Len() == 0 || bytes.IndexByte(d.Prose[span.Start:span.End], document.Masked) >= 0 {
			continue
		}
		if !c.inScope(d, span) {
			continue
		}
		p.Report(span, c.message(d, span, ""))
	}
}

// inScope reports whether a match lies where the rule looks.
func (c *compiled) inScope(d *document.Document, s document.Span) bool {
	switch c.def.Scope {
	case ScopeQuotes:
		return d.InQuote(s.Start)
	case ScopeAll:
		return true
	}
	return !d.InQuote(s.Start) && !d.InQuote(s.End-1)
}

// message fills in the rule's message with the matched text, its white
// space collapsed, and repl.
func (c *compiled) message(d *document.Document, s document.Span, repl string) string {
	text := strings.Join(strings.Fields(d.String(s)), " ")
	return format(c.def.Message, text, repl)
}

// keepCase returns repl in the case of text: upper case if text is, with a
// capital first letter if text has one and is otherwise lower case, lower
// case if text is. A replacement in mixed case ("GitHub", "JavaScript")
// is a name, kept as written; so is repl for text in mixed case.
func keepCase(text, repl string) string {
	if caseOf(repl) == mixedCase {
		return repl
	}
	switch caseOf(text) {
	case upperCase:
		return strings.ToUpper(repl)
	case lowerCase:
		return strings.ToLower(repl)
	case titleCase:
		r, n := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(r)) + repl[n:]
	}
	return repl
}

type letterCase int

const (
	mixedCase letterCase = iota
	lowerCase            // "kiev", "per cent"
	upperCase            // "KIEV"; a single capital letter is title case
	titleCase            // "Kiev", "Per cent", "Kyiv"
)

// caseOf returns the capitalisation of s, by its letters.
func caseOf(s string) letterCase {
	upper, lower, first := 0, 0, true
	firstUpper := false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if first {
			firstUpper, first = unicode.IsUpper(r), false
		}
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	switch {
	case upper == 0:
		return lowerCase
	case lower == 0 && upper > 1:
		return upperCase
	case firstUpper && upper == 1:
		return titleCase
	}
	return mixedCase
}
