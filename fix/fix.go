// Package fix applies the fixes of docqa's findings to a text and shows
// the result as a unified diff.
//
// A finding's Fixes are the edits of one fix: all of them are applied or
// none. Apply resolves fixes that overlap deterministically, so the same
// findings always give the same text whatever order they come in:
//
//	out, applied := fix.Apply(text, findings, false)
//	os.Stdout.Write(fix.Unified("a.md", text, out))
package fix

import (
	"bytes"
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/docqa/docqa/rules"
)

// edit replaces the bytes [start, end) of a text with repl.
type edit struct {
	start, end int
	repl       string
}

// compare orders edits by start, end and replacement.
func (e edit) compare(f edit) int {
	if c := cmp.Compare(e.start, f.start); c != 0 {
		return c
	}
	if c := cmp.Compare(e.end, f.end); c != 0 {
		return c
	}
	return cmp.Compare(e.repl, f.repl)
}

// conflicts reports whether two edits cannot both be applied: they share a
// byte, or one inserts strictly inside the other's range, or both insert
// different text at one place (whose would come first?). Identical edits
// do not conflict: they are one edit, applied once. Edits that only touch
// (one ends where the other starts) do not conflict either.
func (e edit) conflicts(f edit) bool {
	if e == f {
		return false
	}
	switch {
	case e.start == e.end && f.start == f.end:
		return e.start == f.start
	case e.start == e.end:
		return f.start < e.start && e.start < f.end
	case f.start == f.end:
		return e.start < f.start && f.start < e.end
	}
	return e.start < f.end && f.start < e.end
}

// group is the edits of one finding's fix, sorted, each once.
type group struct {
	index int // of the finding in Apply's argument
	rule  string
	edits []edit
}

// compare orders groups by their first edit's start and end, the rule,
// the first edit's replacement, then the remaining edits, then the order
// the findings came in.
func (g *group) compare(h *group) int {
	a, b := g.edits[0], h.edits[0]
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.end, b.end); c != 0 {
		return c
	}
	if c := cmp.Compare(g.rule, h.rule); c != 0 {
		return c
	}
	if c := cmp.Compare(a.repl, b.repl); c != 0 {
		return c
	}
	if c := slices.CompareFunc(g.edits[1:], h.edits[1:], edit.compare); c != 0 {
		return c
	}
	return cmp.Compare(g.index, h.index)
}

// Apply applies the fixes of findings to text and returns the new text and
// the findings whose fixes it applied, in their order in findings. text is
// not modified.
//
// A finding's Fixes are the edits of one fix, applied all or none. A fix
// with an unsafe edit (inside a quotation) is skipped unless unsafe is set.
// A fix whose edits are out of range, split a UTF-8 sequence, or overlap
// one another is skipped. Fixes are then taken in order of their first
// edit's start and end, the rule, and the replacement; a fix that
// conflicts with an edit of one taken before it is dropped: two edits
// conflict if they share a byte (two deletions of the same word), if one
// inserts inside the other, or if both insert different text at one place.
// An edit identical to one already taken is applied once, and its fix
// counts as applied. Edits that only touch are both applied.
//
// A fix that deletes whole lines can leave the blank lines around them
// doubled, or blank lines at the start or end of the text: Apply tidies
// them. Where a line was deleted between blank lines, the longest of the
// original gaps is kept, and blank lines left at the very start or end of
// the text are removed (a text whose last line was deleted ends with the
// line break of the line before it).
func Apply(text []byte, findings []rules.Finding, unsafe bool) (out []byte, applied []rules.Finding) {
	out, took, _ := apply(text, findings, unsafe)
	for _, i := range took {
		applied = append(applied, findings[i])
	}
	return out, applied
}

// apply is Apply. It returns the indexes in findings of the findings it
// applied, in order, and how it moved the text's offsets.
func apply(text []byte, findings []rules.Finding, unsafe bool) (out []byte, took []int, moves offsetMap) {
	groups := make([]*group, 0, len(findings))
	for i := range findings {
		if g := newGroup(text, i, &findings[i], unsafe); g != nil {
			groups = append(groups, g)
		}
	}
	slices.SortFunc(groups, (*group).compare)

	var kept []edit // sorted, pairwise free of conflicts
	for _, g := range groups {
		if conflictsWith(kept, g.edits) {
			continue
		}
		for _, e := range g.edits {
			i, found := slices.BinarySearchFunc(kept, e, edit.compare)
			if !found {
				kept = slices.Insert(kept, i, e)
			}
		}
		took = append(took, g.index)
	}
	if len(took) == 0 {
		return text, nil, offsetMap{}
	}
	slices.Sort(took)

	out = make([]byte, 0, len(text))
	var deleted []int  // offsets in out where whole lines were deleted
	var lines []change // and those lines in text
	edited := make([]change, len(kept))
	last := 0
	for i, e := range kept {
		out = append(out, text[last:e.start]...)
		if e.repl == "" && e.start < e.end && lineStart(text, e.start) && (e.end == len(text) || lineStart(text, e.end)) &&
			lineStart(out, len(out)) {
			deleted = append(deleted, len(out))
			lines = append(lines, change{e.start, e.end, 0})
		}
		out = append(out, e.repl...)
		last = e.end
		edited[i] = change{e.start, e.end, len(e.repl)}
	}
	out = append(out, text[last:]...)
	cuts := tidy(out, deleted)
	tidied := make([]change, len(cuts))
	for i, c := range cuts {
		tidied[i] = change{c.start, c.end, 0}
	}
	return cutOut(out, cuts), took, newOffsetMap(lines, edited, tidied)
}

// newGroup returns the edits of finding f's fix, or nil if there are none
// or they cannot be applied.
func newGroup(text []byte, index int, f *rules.Finding, unsafe bool) *group {
	if len(f.Fixes) == 0 {
		return nil
	}
	g := &group{index: index, rule: f.Rule}
	for _, x := range f.Fixes {
		if x.Unsafe && !unsafe {
			return nil
		}
		s, e := x.Span.Start, x.Span.End
		if s < 0 || e < s || e > len(text) || !runeStart(text, s) || !runeStart(text, e) {
			return nil
		}
		g.edits = append(g.edits, edit{s, e, x.Replacement})
	}
	slices.SortFunc(g.edits, edit.compare)
	g.edits = slices.Compact(g.edits)
	for i := 1; i < len(g.edits); i++ {
		if g.edits[i-1].conflicts(g.edits[i]) {
			return nil
		}
	}
	return g
}

// conflictsWith reports whether any of edits conflicts with one of kept,
// which is sorted and free of conflicts, so that its ends never decrease.
func conflictsWith(kept, edits []edit) bool {
	for _, e := range edits {
		// The first kept edit that could reach e: edits ending before e
		// starts cannot conflict with it.
		i, _ := slices.BinarySearchFunc(kept, e.start, func(k edit, start int) int {
			return cmp.Compare(k.end, start)
		})
		for ; i < len(kept) && kept[i].start <= e.end; i++ {
			if kept[i].conflicts(e) {
				return true
			}
		}
	}
	return false
}

// runeStart reports whether offset i of text is not inside a UTF-8
// sequence. Invalid bytes each count as a sequence of their own.
func runeStart(text []byte, i int) bool {
	if i == 0 || i == len(text) || utf8.RuneStart(text[i]) {
		return true
	}
	// A continuation byte: inside a sequence unless the bytes before it do
	// not make a valid start for it.
	for j := i - 1; j >= 0 && j >= i-utf8.UTFMax+1; j-- {
		if utf8.RuneStart(text[j]) {
			_, n := utf8.DecodeRune(text[j:])
			return j+n <= i
		}
	}
	return true
}

// bom is the UTF-8 byte order mark.
var bom = []byte("\uFEFF")

// lineStart reports whether offset i of text starts a line: it is the
// start of the text (after a byte order mark) or follows a line break (LF,
// CRLF or a lone CR).
func lineStart(text []byte, i int) bool {
	switch {
	case i == 0:
		return true
	case i == len(bom) && bytes.HasPrefix(text, bom):
		return true
	case text[i-1] == '\n':
		return true
	case text[i-1] == '\r':
		return i == len(text) || text[i] != '\n'
	}
	return false
}

// textStart returns the offset where text starts after a byte order mark.
func textStart(text []byte) int {
	if bytes.HasPrefix(text, bom) {
		return len(bom)
	}
	return 0
}

// blankLineAfter returns the end (after its line break) of the blank line
// starting at i, which is a line start; ok is false if the line is not
// blank. A blank line holds nothing but spaces and tabs; the last line may
// lack a line break.
func blankLineAfter(text []byte, i int) (end int, ok bool) {
	if i >= len(text) {
		return 0, false
	}
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	switch {
	case j == len(text):
		return j, true
	case text[j] == '\n':
		return j + 1, true
	case text[j] == '\r':
		if j+1 < len(text) && text[j+1] == '\n' {
			return j + 2, true
		}
		return j + 1, true
	}
	return 0, false
}

// blankLineBefore returns the start of the blank line that ends (after its
// line break) at i; ok is false if there is none.
func blankLineBefore(text []byte, i int) (start int, ok bool) {
	if i <= textStart(text) {
		return 0, false
	}
	j := i - 1
	switch text[j] {
	case '\n':
		if j > 0 && text[j-1] == '\r' {
			j--
		}
	case '\r':
	default:
		return 0, false // a last line without a break: it ends at the text's end only
	}
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if !lineStart(text, j) {
		return 0, false
	}
	return j, true
}

// cut is a range of bytes [start, end) tidy removes.
type cut struct{ start, end int }

// tidy returns the blank lines that whole-line deletions left behind, to
// remove, in order. deleted holds the offsets in text where lines were
// deleted, in order. Around each, the run of blank lines it lies in is
// found; deletions in one run split it into the gaps the text had between
// the deleted lines and the text around them. A run that reaches the start
// or end of the text is removed; any other keeps as many blank lines as
// its longest gap.
func tidy(text []byte, deleted []int) []cut {
	var cuts []cut
	for k := 0; k < len(deleted); {
		p := deleted[k]
		// The run of blank lines around p: [a, b).
		a := p
		var lines []int // starts of the blank lines in [a, b)
		for {
			s, ok := blankLineBefore(text, a)
			if !ok {
				break
			}
			a = s
			lines = append(lines, s)
		}
		slices.Reverse(lines)
		b := p
		for {
			e, ok := blankLineAfter(text, b)
			if !ok {
				break
			}
			lines = append(lines, b)
			b = e
		}
		// Gaps between a, each deletion in [a, b], and b, in lines.
		longest, prev := 0, a
		for ; k < len(deleted) && deleted[k] <= b; k++ {
			longest = max(longest, countFrom(lines, prev, deleted[k]))
			prev = deleted[k]
		}
		longest = max(longest, countFrom(lines, prev, b))
		switch {
		case len(lines) == 0:
		case a == textStart(text) || b == len(text):
			cuts = append(cuts, cut{a, b})
		case len(lines) > longest:
			cuts = append(cuts, cut{lines[longest], b})
		}
	}
	return cuts
}

// cutOut returns text without the bytes of cuts, which are in order and
// do not overlap.
func cutOut(text []byte, cuts []cut) []byte {
	if len(cuts) == 0 {
		return text
	}
	out := text[:0:0]
	last := 0
	for _, c := range cuts {
		out = append(out, text[last:c.start]...)
		last = c.end
	}
	return append(out, text[last:]...)
}

// countFrom returns how many of the sorted line starts lie in [from, to).
func countFrom(starts []int, from, to int) int {
	i, _ := slices.BinarySearch(starts, from)
	j, _ := slices.BinarySearch(starts, to)
	return j - i
}
