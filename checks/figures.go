package checks

import (
	"sort"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// numberWords are the spelled-out numbers a figure can be written as.
var numberWords = map[string]bool{
	"zero": true, "one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true,
	"thirteen": true, "fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true,
	"eighteen": true, "nineteen": true, "twenty": true, "thirty": true, "forty": true, "fifty": true,
	"sixty": true, "seventy": true, "eighty": true, "ninety": true, "hundred": true, "thousand": true,
	"million": true, "billion": true, "trillion": true, "dozen": true,
}

// isFigure reports whether a word is a number: digits, or a number spelled
// out ("forty", "twenty-six").
func isFigure(w string) bool {
	if strings.ContainsAny(w, "0123456789") {
		return true
	}
	for _, part := range strings.Split(strings.ToLower(w), "-") {
		if !numberWords[part] {
			return false
		}
	}
	return true
}

// figure is a number in a sentence, outside quotations.
type figure struct {
	span document.Span
	text string
}

func figuresIn(d *document.Document, u unit) []figure {
	var fs []figure
	for w := u.lo; w < u.hi; w++ {
		word := d.Words[w].Span()
		if d.InQuote(word.Start) {
			continue // a changed number in a quotation is a changed quotation
		}
		if t := d.String(word); isFigure(t) {
			fs = append(fs, figure{word, t})
		}
	}
	return fs
}

func sentenceUnits(d *document.Document) []unit {
	us := make([]unit, len(d.Sentences))
	for i, s := range d.Sentences {
		lo, hi := wordRange(d, s)
		us[i] = unit{span: s, lo: lo, hi: hi}
	}
	return us
}

// figures pairs the sentences and reports the numbers that changed in
// sentences that otherwise match.
func (cmp *comparison) figures() {
	if _, on := cmp.c.sev[FigureChanged.ID]; !on {
		return
	}
	olds, news := sentenceUnits(cmp.old), sentenceUnits(cmp.new)
	pair := cmp.pairUnits(olds, news, 0.5, false)
	for i, j := range pair {
		if j < 0 {
			continue
		}
		of, nf := figuresIn(cmp.old, olds[i]), figuresIn(cmp.new, news[j])
		if len(of) == 0 || len(nf) == 0 {
			continue
		}
		// The figures of each side that the other lacks, in order, pair up.
		gone, came := unmatchedFigures(of, nf), unmatchedFigures(nf, of)
		for k := 0; k < len(gone) && k < len(came); k++ {
			cmp.report(FigureChanged, cmp.new, came[k].span,
				"figure changed: “"+gone[k].text+"” is now “"+came[k].text+"”: check it", gone[k].text, came[k].text)
		}
	}
}

// unmatchedFigures returns the figures of a that b does not have, counting
// repeats.
func unmatchedFigures(a, b []figure) []figure {
	count := map[string]int{}
	for _, f := range b {
		count[strings.ToLower(f.text)]++
	}
	var out []figure
	for _, f := range a {
		k := strings.ToLower(f.text)
		if count[k] > 0 {
			count[k]--
			continue
		}
		out = append(out, f)
	}
	return out
}

// maxFindingReach bounds how far before a place newFindings looks for an old
// finding that covers it: findings are a sentence or a paragraph long.
const maxFindingReach = 4096

// newFindings lints both revisions and reports the findings of the new one
// that the old one did not have: a new finding is old if an old finding of
// the same rule lies where the alignment maps its first word (its text may
// have changed with the quotation it is about), or else if an old finding
// of the same rule has the same text anywhere.
func (cmp *comparison) newFindings() {
	sev, on := cmp.c.sev[NewFinding.ID] // zero: each keeps its rule's
	if !on {
		return
	}
	text := func(d *document.Document, f rules.Finding) string {
		return strings.Join(strings.Fields(d.String(f.Span)), " ")
	}
	olds := cmp.c.lint(cmp.old)
	news := cmp.c.lint(cmp.new)
	used := make([]bool, len(olds))
	matched := make([]bool, len(news))
	// Pass 1: the same rule at the same place, through the alignment.
	for i, f := range news {
		lo, _ := wordRange(cmp.new, f.Span)
		if lo >= len(cmp.new.Words) || cmp.al.newToOld[lo] < 0 {
			continue
		}
		at := int(cmp.old.Words[cmp.al.newToOld[lo]].Start)
		// Old findings are sorted by start: look at those starting at or
		// before the place, nearest first.
		j := sort.Search(len(olds), func(j int) bool { return olds[j].Span.Start > at })
		for j--; j >= 0 && at-olds[j].Span.Start < maxFindingReach; j-- {
			if o := olds[j]; !used[j] && o.Rule == f.Rule && at < max(o.Span.End, o.Span.Start+1) {
				used[j], matched[i] = true, true
				break
			}
		}
	}
	// Pass 2: the same rule and text anywhere, in order.
	byKey := map[string][]int{}
	for j, o := range olds {
		if !used[j] {
			k := o.Rule + "\x00" + text(cmp.old, o)
			byKey[k] = append(byKey[k], j)
		}
	}
	for i, f := range news {
		if matched[i] {
			continue
		}
		k := f.Rule + "\x00" + text(cmp.new, f)
		if js := byKey[k]; len(js) > 0 {
			byKey[k] = js[1:]
			matched[i] = true
			continue
		}
		if sev != 0 {
			f.Severity = sev
		}
		cmp.findings = append(cmp.findings, rules.Finding{
			Path: cmp.new.Path, Rule: NewFinding.ID, Severity: f.Severity, Span: f.Span,
			Message: "new in this revision: " + f.Message + " [" + f.Rule + "]",
			Fixes:   f.Fixes, NewText: cmp.new.String(f.Span),
		})
	}
}
