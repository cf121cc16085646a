package fix

import (
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// Result is what ApplyDocument did to a document's text.
type Result struct {
	// Text is the text with the fixes applied; the document's own Text if
	// none was.
	Text []byte
	// Applied are the findings whose fixes were applied, in their order.
	Applied []rules.Finding
	// Refused are the findings whose fixes Apply would have applied but
	// that would change the structure of a Markdown document, in their
	// order. Their offsets are those of the document's text.
	Refused []rules.Finding

	moves offsetMap
}

// Before returns the offset in the document's text of offset off of the
// fixed Text: off moved back over the edits before it. An offset inside an
// edit's replacement goes back to the start of the edit.
func (r *Result) Before(off int) int { return r.moves.back(off) }

// ApplyDocument applies the fixes of findings to the text of d as Apply
// does, and for a Markdown document keeps its structure: it parses the
// text before and after, and if the blocks and their nesting (reference
// definitions among them), or the inlines that are not plain text
// (emphasis, links with their destinations and labels, code spans, HTML,
// hard line breaks), changed beyond the words the fixes edited, it finds
// the fixes that change them and applies the others only. Those fixes are Refused: a fix that takes a
// link's bracket or an emphasis mark along with a word, or changes a word
// of a reference label ([the the][]) so that it no longer matches its
// definition, damages the document. A fix that deletes whole lines may
// take the blocks and inlines of those lines with it.
//
// The text is parsed again only when a fix applies, so a document without
// fixes costs nothing more; finding the fixes that change the structure
// costs a parse of the text for each half of the fixes tried, a few for
// each such fix.
func ApplyDocument(d *document.Document, findings []rules.Finding, unsafe bool) Result {
	out, took, moves := apply(d.Text, findings, unsafe)
	r := Result{Text: out, moves: moves}
	if len(took) > 0 && d.Format == document.Markdown {
		before := structure(d.Text)
		if !sameStructure(before, structure(out), &moves) {
			c := &checker{text: d.Text, findings: findings, unsafe: unsafe, before: before}
			kept := c.keep(nil, took, true)
			r.Text, r.moves = c.out, c.moves
			took = kept
			for _, i := range c.refused {
				r.Refused = append(r.Refused, findings[i])
			}
		}
	}
	for _, i := range took {
		r.Applied = append(r.Applied, findings[i])
	}
	return r
}

// checker finds the fixes that change the structure of a Markdown text.
type checker struct {
	text     []byte
	findings []rules.Finding
	unsafe   bool
	before   []shape // the structure of text

	refused []int // indexes of the findings whose fixes change it, in order

	// The text with the fixes kept so far, and its offset map.
	out   []byte
	moves offsetMap
}

// keep returns the findings of kept and of tries whose fixes, applied
// together, keep the structure of the text, given that those of kept do.
// tries are findings whose fixes apply together with those of kept; known
// reports that all of them together are known to change the structure. It
// tries them all, then each half in turn, down to single fixes, which it
// refuses if they change the structure.
func (c *checker) keep(kept, tries []int, known bool) []int {
	if len(tries) == 0 {
		if kept == nil { // nothing kept: the text as it was
			c.out, c.moves = c.text, offsetMap{}
		}
		return kept
	}
	all := merge(kept, tries)
	if !known {
		fs := make([]rules.Finding, len(all))
		for k, i := range all {
			fs[k] = c.findings[i]
		}
		out, took, moves := apply(c.text, fs, c.unsafe)
		if len(took) == len(all) && sameStructure(c.before, structure(out), &moves) {
			c.out, c.moves = out, moves
			return all
		}
	}
	if len(tries) == 1 {
		c.refused = merge(c.refused, tries)
		if kept == nil {
			c.out, c.moves = c.text, offsetMap{}
		}
		return kept
	}
	h := len(tries) / 2
	kept = c.keep(kept, tries[:h], false)
	return c.keep(kept, tries[h:], false)
}

// merge returns the sorted union of two sorted slices of distinct indexes.
func merge(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}
