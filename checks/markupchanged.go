package checks

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
	"github.com/yuin/goldmark/util"

	"github.com/docqa/docqa/document"
)

// excerptLen is the number of characters of a region a message quotes.
const excerptLen = 60

// markup pairs the regions of the two revisions that are not prose and
// reports, as checks/markup-changed, each one that changed, and each block
// (code, HTML, front matter, link reference definition) added or removed.
//
// The regions are aligned in order by kind and text; an unaligned region
// equal to an unaligned one elsewhere moved and did not change. Between
// two aligned regions, the first unaligned old region of a kind pairs with
// the first unaligned new one of that kind, and so on: those changed. A
// block left over was added or removed; an inline region left over (a
// link, code span or web address added or removed) lies in a paragraph the
// word diff shows.
func (cmp *comparison) markup() {
	if _, on := cmp.c.sev[MarkupChanged.ID]; !on {
		return
	}
	olds, news := regions(cmp.old, cmp.c.md), regions(cmp.new, cmp.c.md)
	if len(olds) == 0 && len(news) == 0 {
		return
	}
	pairKey := func(r region) string { return string(rune('a'+r.kind)) + r.key }
	syms := newSymbols()
	a := make([]rune, len(olds))
	for i, r := range olds {
		a[i] = syms.id([]byte(pairKey(r)))
	}
	b := make([]rune, len(news))
	for j, r := range news {
		b[j] = syms.id([]byte(pairKey(r)))
	}

	// The gaps between aligned regions, each with its unaligned regions.
	type gap struct{ olds, news []int }
	var gaps []gap
	var cur gap
	oldDone, newDone := make([]bool, len(olds)), make([]bool, len(news))
	oi, ni := 0, 0
	for _, d := range diffRunes(a, b) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			if len(cur.olds)+len(cur.news) > 0 {
				gaps = append(gaps, cur)
				cur = gap{}
			}
			for k := range n {
				oldDone[oi+k], newDone[ni+k] = true, true
			}
			oi += n
			ni += n
		case diffmatchpatch.DiffDelete:
			for k := range n {
				cur.olds = append(cur.olds, oi+k)
			}
			oi += n
		case diffmatchpatch.DiffInsert:
			for k := range n {
				cur.news = append(cur.news, ni+k)
			}
			ni += n
		}
	}
	if len(cur.olds)+len(cur.news) > 0 {
		gaps = append(gaps, cur)
	}

	// Moved unchanged.
	moved := map[string][]int{}
	for _, g := range gaps {
		for _, j := range g.news {
			k := pairKey(news[j])
			moved[k] = append(moved[k], j)
		}
	}
	for _, g := range gaps {
		for _, i := range g.olds {
			k := pairKey(olds[i])
			if js := moved[k]; len(js) > 0 {
				oldDone[i], newDone[js[0]] = true, true
				moved[k] = js[1:]
			}
		}
	}
	// Changed.
	for _, g := range gaps {
		byKind := map[regionKind][]int{} // the gap's new regions left, by kind
		for _, j := range g.news {
			if !newDone[j] {
				byKind[news[j].kind] = append(byKind[news[j].kind], j)
			}
		}
		for _, i := range g.olds {
			if js := byKind[olds[i].kind]; !oldDone[i] && len(js) > 0 {
				j := js[0]
				byKind[olds[i].kind] = js[1:]
				oldDone[i], newDone[j] = true, true
				cmp.markupChanged(olds[i], news[j])
			}
		}
	}
	// Added and removed blocks.
	for i, r := range olds {
		if !oldDone[i] && r.kind.block() {
			cmp.report(MarkupChanged, cmp.old, r.span, blockName(r, r)+" removed"+blockExcerpt(r), r.text, "")
		}
	}
	for j, r := range news {
		if !newDone[j] && r.kind.block() {
			cmp.report(MarkupChanged, cmp.new, r.span, blockName(r, r)+" added"+blockExcerpt(r), "", r.text)
		}
	}
}

// markupChanged reports region o of the old revision, now n: what changed,
// if anything a reader of the rendered document would see.
func (cmp *comparison) markupChanged(o, n region) {
	report := func(span document.Span, msg, oldText, newText string) {
		cmp.report(MarkupChanged, cmp.new, span, msg, oldText, newText)
	}
	switch n.kind {
	case link, image:
		name := n.kind.String()
		switch {
		case o.dest != n.dest:
			what := name + " target"
			if n.kind == image {
				what = name
			}
			report(n.span, fmt.Sprintf("%s changed from %s to %s", what, target(o.dest), target(n.dest)), o.dest, n.dest)
		case o.title != n.title:
			report(n.span, changeText(name+" title", o.title, n.title, false), o.title, n.title)
		case n.kind == image && collapse(o.alt) != collapse(n.alt):
			report(n.altSpan, changeText("image description", o.alt, n.alt, false), o.alt, n.alt)
		}
		// Else the same target, written another way (inline or by
		// reference): the rendered link is the same.
	case webAddress:
		report(n.span, fmt.Sprintf("web address changed from %s to %s", o.dest, n.dest), o.dest, n.dest)
	case heading:
		if o.level != n.level {
			report(n.span, fmt.Sprintf("heading level changed from %d to %d", o.level, n.level), o.text, n.text)
		}
	case template, admonition, otherMarkup:
		report(n.span, changeText(n.kind.String(), o.text, n.text, false), o.text, n.text)
	case codeSpan, inlineHTML:
		name := n.kind.String()
		if n.kind == inlineHTML && isComment(o.text) && isComment(n.text) {
			name = "HTML comment"
		}
		report(n.span, changeText(name, o.text, n.text, false), o.text, n.text)
	case linkDefinition:
		var msg string
		switch {
		case util.ToLinkReference([]byte(o.label)) != util.ToLinkReference([]byte(n.label)):
			msg = fmt.Sprintf("link reference definition changed from [%s]: %s to [%s]: %s", o.label, target(o.dest), n.label, target(n.dest))
		case o.dest != n.dest:
			msg = fmt.Sprintf("link target of [%s] changed from %s to %s", n.label, target(o.dest), target(n.dest))
		default:
			msg = changeText("link title of ["+n.label+"]", o.title, n.title, false)
		}
		report(n.span, msg, o.text, n.text)
	default: // code block, HTML block, front matter
		span, msg := blockChange(o, n)
		report(span, msg, o.text, n.text)
	}
}

// blockChange describes how block o changed into n: the first line that
// changed, and the line counts if more did; or the info string.
func blockChange(o, n region) (document.Span, string) {
	name := blockName(o, n)
	infoName := "language"
	if n.kind == frontMatter {
		infoName = "fence"
	}
	infoChange := ""
	if o.info != n.info {
		infoChange = changeText(infoName, o.info, n.info, false)
	}
	ol, nl := lineTexts(o.lines), lineTexts(n.lines)
	if strings.Join(ol, "\n") == strings.Join(nl, "\n") {
		return document.Span{Start: n.span.Start, End: n.span.Start}, name + " " + infoChange
	}
	syms := newSymbols()
	a := make([]rune, len(ol))
	for i, l := range ol {
		a[i] = syms.id([]byte(l))
	}
	b := make([]rune, len(nl))
	for i, l := range nl {
		b[i] = syms.id([]byte(l))
	}
	var (
		dels, ins         []string // the first change's lines
		at                int      // the index of the new line where it lies
		started, finished bool     // the first change
		deleted, added    int      // lines in all
		oi, ni            int
	)
	for _, d := range diffRunes(a, b) {
		k := utf8.RuneCountInString(d.Text)
		if d.Type != diffmatchpatch.DiffEqual && !started {
			started, at = true, ni
		}
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			finished = started
			oi += k
			ni += k
		case diffmatchpatch.DiffDelete:
			if !finished {
				dels = append(dels, ol[oi:oi+k]...)
			}
			deleted += k
			oi += k
		case diffmatchpatch.DiffInsert:
			if !finished {
				ins = append(ins, nl[ni:ni+k]...)
			}
			added += k
			ni += k
		}
	}
	var msg string
	switch {
	case len(dels) > 0 && len(ins) > 0:
		msg = changeText(name, dels[0], ins[0], true)
	case len(ins) > 0:
		msg = fmt.Sprintf("%s changed: line “%s” added", name, excerpt(ins[0]))
	default:
		msg = fmt.Sprintf("%s changed: line “%s” removed", name, excerpt(dels[0]))
	}
	if described := min(len(dels), 1) + min(len(ins), 1); deleted+added > described {
		msg += fmt.Sprintf(" (%d %s removed, %d added in all)", deleted, plural(deleted, "line", "lines"), added)
	}
	if infoChange != "" {
		msg += "; " + infoChange
	}
	span := document.Span{Start: n.end, End: n.end}
	if at < len(n.lines) {
		l := n.lines[at]
		span = document.Span{Start: l.start, End: l.start + len(l.text)}
	}
	return span, msg
}

func lineTexts(ls []regionLine) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// blockName names a block in a message: its kind, or "HTML comment" for
// an HTML block that is a comment in both revisions.
func blockName(o, n region) string {
	if n.kind == htmlBlock && isComment(o.text) && isComment(n.text) {
		return "HTML comment"
	}
	return n.kind.String()
}

// blockExcerpt is ": “FIRST LINE”" for a block added or removed, its first
// line that is not blank, or "" for an empty block; for a link reference
// definition, ": [label]: target".
func blockExcerpt(r region) string {
	if r.kind == linkDefinition {
		return fmt.Sprintf(": [%s]: %s", r.label, target(r.dest))
	}
	for _, l := range r.lines {
		if strings.TrimSpace(l.text) != "" {
			return ": “" + excerpt(l.text) + "”"
		}
	}
	return ""
}

func isComment(s string) bool {
	return strings.HasPrefix(strings.TrimSpace(s), "<!--")
}

// excerpt shortens s for a message, its white space collapsed.
func excerpt(s string) string { return ellipsize(s, excerptLen) }

// changeText says that what changed from old to new: "WHAT changed from
// “OLD” to “NEW”", or with line set "WHAT changed: “OLD” is now “NEW”",
// when both are short; else "WHAT changed: “…”" with a word diff of the
// two around the change, since shortened texts may hide it.
func changeText(what, old, new string, line bool) string {
	o, n := collapse(old), collapse(new)
	switch {
	case utf8.RuneCountInString(o) > excerptLen || utf8.RuneCountInString(n) > excerptLen:
		return fmt.Sprintf("%s changed: “%s”", what, describeChange(diffText(o, n)))
	case line:
		return fmt.Sprintf("%s changed: “%s” is now “%s”", what, o, n)
	}
	return fmt.Sprintf("%s changed from “%s” to “%s”", what, o, n)
}

// target writes a link target in a message: as it is, or "(none)".
func target(dest string) string {
	if dest == "" {
		return "(none)"
	}
	return dest
}
