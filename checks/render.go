package checks

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/docqa/docqa/document"
)

// paragraphs pairs the paragraphs of the two revisions and returns those
// whose words changed, in the new revision's order, with their word diffs.
// White space alone (a re-wrapped line) is no change.
func (cmp *comparison) paragraphs() []ParagraphDiff {
	unitsOf := func(d *document.Document) []unit {
		us := make([]unit, len(d.Paragraphs))
		for i, p := range d.Paragraphs {
			us[i] = unit{span: p.Span, lo: p.FirstWord, hi: p.EndWord}
		}
		return us
	}
	olds, news := unitsOf(cmp.old), unitsOf(cmp.new)
	pair := cmp.pairUnits(olds, news, 0.3, true)
	var out []ParagraphDiff
	paired := make([]bool, len(news))
	for i, j := range pair {
		o := olds[i]
		ot := cmp.old.String(o.span)
		if j < 0 {
			lo, _ := cmp.anchors(o)
			at := len(cmp.new.Text)
			if lo < len(cmp.new.Words) {
				at = int(cmp.new.Words[lo].Start)
			}
			out = append(out, ParagraphDiff{Old: o.span, New: document.Span{Start: at, End: at}, Ops: []Op{{Delete, ot}}})
			continue
		}
		paired[j] = true
		n := news[j]
		nt := cmp.new.String(n.span)
		if sameText(ot, nt) {
			continue
		}
		out = append(out, ParagraphDiff{Old: o.span, New: n.span, Ops: diffText(ot, nt)})
	}
	for j, n := range news {
		if paired[j] {
			continue
		}
		// Place an added paragraph after the old counterpart of the
		// paragraph before it.
		at := 0
		if j > 0 {
			for i, pj := range pair {
				if pj == j-1 {
					at = olds[i].span.End
				}
			}
		}
		out = append(out, ParagraphDiff{Old: document.Span{Start: at, End: at}, New: n.span, Ops: []Op{{Insert, cmp.new.String(n.span)}}})
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].New.Start != out[b].New.Start {
			return out[a].New.Start < out[b].New.Start
		}
		return out[a].Old.Start < out[b].Old.Start
	})
	return out
}

// ANSI colours for a terminal.
const (
	red   = "\x1b[31m"
	green = "\x1b[32m"
	cyan  = "\x1b[36m"
	reset = "\x1b[0m"
)

// WriteDiff writes the changed paragraphs as a word-level diff: each under a
// line "@@ OLD:LINE NEW:LINE @@" naming its place in both revisions, with
// deletions as [-old-] and insertions as {+new+}, or, when color is set, in
// red and green without the markers. Nothing is written when nothing
// changed.
func (r *Result) WriteDiff(w io.Writer, color bool) error {
	bw := bufio.NewWriter(w)
	for i, p := range r.Paragraphs {
		if i > 0 {
			bw.WriteString("\n")
		}
		header := fmt.Sprintf("@@ %s:%d %s:%d @@", r.Old.Path, r.Old.LineOf(p.Old.Start), r.New.Path, r.New.LineOf(p.New.Start))
		if color {
			header = cyan + header + reset
		}
		bw.WriteString(header + "\n")
		bw.WriteString(FormatOps(p.Ops, color))
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// FormatOps renders a word-level diff: deletions as [-old-] and insertions
// as {+new+}, or in red and green when color is set.
func FormatOps(ops []Op, color bool) string {
	var b strings.Builder
	for _, op := range ops {
		switch {
		case op.Kind == Equal:
			b.WriteString(op.Text)
		case color:
			c := green
			if op.Kind == Delete {
				c = red
			}
			// Colour each line on its own, so that a pager keeps it.
			for k, line := range strings.Split(op.Text, "\n") {
				if k > 0 {
					b.WriteString("\n")
				}
				if line != "" {
					b.WriteString(c + line + reset)
				}
			}
		case op.Kind == Delete:
			b.WriteString("[-" + op.Text + "-]")
		default:
			b.WriteString("{+" + op.Text + "+}")
		}
	}
	return b.String()
}
