package verify

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// op is one step of an alignment of a quotation's words with a passage's.
type op struct {
	kind int // equal, quoteOnly or sourceOnly
	q    []token
	s    []token
	// gap reports an ellipsis or bracketed word of the quotation before
	// this step.
	gap bool
}

const (
	equal = iota
	quoteOnly
	sourceOnly
)

// alignment is how a quotation's pieces align with a passage's words.
type alignment struct {
	ops     []op
	matched int
	// exact reports that every piece is a run of the passage's words, in
	// order.
	exact bool
	// first and last are the indexes in the window of the passage's first
	// and last word; -1 when nothing matched.
	first, last int
}

// verbatim reports whether the alignment is of every one of the
// quotation's n words, in runs of the passage's words.
func (al alignment) verbatim(n int) bool { return al.exact && al.matched == n }

// edits counts the words only the quotation or only the passage has.
func (al alignment) edits() int {
	n := 0
	for _, o := range al.ops {
		if o.kind != equal {
			n += len(o.q) + len(o.s)
		}
	}
	return n
}

// nearer reports whether al is nearer a quotation of n words than b:
// verbatim where b is not, or more words matched, or as many with fewer
// words changed. A tie is not nearer.
func (al alignment) nearer(b alignment, n int) bool {
	if av, bv := al.verbatim(n), b.verbatim(n); av != bv {
		return av
	}
	if al.matched != b.matched {
		return al.matched > b.matched
	}
	return al.edits() < b.edits()
}

// align aligns each piece, in order, with the window's words after the
// previous piece's, as a diff whose source-only words before and after
// it are left out: a quotation leaves out what comes before and after.
func align(ps []piece, window []token) alignment {
	al := alignment{exact: true, first: -1, last: -1}
	from := 0
	for pi, p := range ps {
		ops, start, end, matched := alignPiece(p.toks, window[from:])
		if matched == 0 {
			al.exact = false
			al.ops = append(al.ops, op{kind: quoteOnly, q: p.toks, gap: pi > 0})
			continue
		}
		if len(ops) > 0 {
			ops[0].gap = pi > 0
		}
		for _, o := range ops {
			if o.kind != equal {
				al.exact = false
			}
		}
		al.ops = append(al.ops, ops...)
		al.matched += matched
		if al.first < 0 {
			al.first = from + start
		}
		al.last = from + end - 1
		from += end
	}
	return al
}

// alignPiece diffs a piece's words against words, drops the words only
// the source has before the first and after the last shared word, and
// returns the steps, the range [start, end) of words the piece covers, and
// how many words match.
func alignPiece(q, words []token) (ops []op, start, end, matched int) {
	// Each distinct word becomes a rune of the private use area, so that
	// go-diff aligns words, not letters.
	ids := map[uint64]rune{}
	runes := func(ts []token) []rune {
		rs := make([]rune, len(ts))
		for i, t := range ts {
			r, ok := ids[t.h]
			if !ok {
				r = rune(0xF0000 + len(ids))
				ids[t.h] = r
			}
			rs[i] = r
		}
		return rs
	}
	qr, sr := runes(q), runes(words)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // deterministic: never cut short by the clock
	diffs := dmp.DiffMainRunes(sr, qr, false)
	si, qi := 0, 0
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			ops = append(ops, op{kind: equal, q: q[qi : qi+n], s: words[si : si+n]})
			matched += n
			si, qi = si+n, qi+n
		case diffmatchpatch.DiffDelete: // in the source only
			ops = append(ops, op{kind: sourceOnly, s: words[si : si+n]})
			si += n
		case diffmatchpatch.DiffInsert: // in the quotation only
			ops = append(ops, op{kind: quoteOnly, q: q[qi : qi+n]})
			qi += n
		}
	}
	ops = compactEnds(slideRight(ops))
	// The passage: from the first shared word to the last; the source's
	// words around it are not the quotation's business.
	// Where the quotation's first words replace the source's (scale for
	// extent), the passage keeps as many of the source's as replace them.
	start, end = 0, len(words)
	if len(ops) > 0 && ops[0].kind == sourceOnly {
		keep := 0
		if len(ops) > 1 && ops[1].kind == quoteOnly {
			keep = min(len(ops[0].s), len(ops[1].q))
		}
		drop := len(ops[0].s) - keep
		start += drop
		if keep == 0 {
			ops = ops[1:]
		} else {
			ops[0].s = ops[0].s[drop:]
		}
	}
	if k := len(ops) - 1; k >= 0 && ops[k].kind == sourceOnly {
		keep := 0
		if k > 0 && ops[k-1].kind == quoteOnly {
			keep = min(len(ops[k].s), len(ops[k-1].q))
		}
		end -= len(ops[k].s) - keep
		if keep == 0 {
			ops = ops[:k]
		} else {
			ops[k].s = ops[k].s[:keep]
		}
	}
	// The same where the replaced words come after the quotation's
	// (go-diff puts a deletion before the insertion that replaces it).
	if k := len(ops) - 1; k > 0 && ops[k].kind == quoteOnly && ops[k-1].kind == sourceOnly {
		keep := min(len(ops[k-1].s), len(ops[k].q))
		end -= len(ops[k-1].s) - keep
		ops[k-1].s = ops[k-1].s[:keep]
	}
	if len(ops) > 1 && ops[0].kind == quoteOnly && ops[1].kind == sourceOnly {
		keep := min(len(ops[1].s), len(ops[0].q))
		drop := len(ops[1].s) - keep
		start += drop
		ops[1].s = ops[1].s[drop:]
	}
	return ops, start, end, matched
}

// slideRight moves each run of words only the quotation has past the
// shared words that repeat it, so that a doubled word shows as the second
// of the two: "in particular {+particular+} crimes", whatever the diff
// chose.
func slideRight(ops []op) []op {
	for i := 0; i+1 < len(ops); i++ {
		ins, eq := ops[i], ops[i+1]
		if ins.kind != quoteOnly || eq.kind != equal {
			continue
		}
		n := 0
		for n < len(eq.q) && n < len(ins.q) && eq.q[n].h == ins.q[n].h {
			n++
		}
		if n == 0 || n != len(ins.q) {
			continue
		}
		// [+X] [=X Y] becomes [=X] [+X] [=Y]: the quotation's words in
		// order, the inserted run now the later copy.
		moved := []op{
			{kind: equal, q: ins.q, s: eq.s[:n], gap: ins.gap},
			{kind: quoteOnly, q: eq.q[:n]},
		}
		if len(eq.q) > n {
			moved = append(moved, op{kind: equal, q: eq.q[n:], s: eq.s[n:]})
		}
		ops = append(ops[:i], append(moved, ops[i+2:]...)...)
	}
	return ops
}

// compactEnds matches the quotation's first shared words with their last
// copy in the source words that follow them, and its last shared words
// with their first copy in those before them (and before the quotation's
// words that replace them), when a diff matched them further out: "the
// scale of" against "the ferries … The extent of" shares "the" with the
// second "The", so that the passage starts there and the diff reads
// [-extent-]{+scale+}; "and counter-terrorism strategies" against "and
// counter-"extremism" strategies. The implementation of these strategies"
// ends at the first "strategies". The words matched are as many; the
// passage is shorter.
func compactEnds(ops []op) []op {
	// The source's words before the first shared ones, if any, and after
	// the last.
	var head, tail []token
	if len(ops) > 0 && ops[0].kind == sourceOnly {
		head, ops = ops[0].s, ops[1:]
	}
	if k := len(ops) - 1; k >= 0 && ops[k].kind == sourceOnly {
		tail, ops = ops[k].s, ops[:k]
	}
	if len(ops) >= 2 && ops[0].kind == equal && ops[1].kind == sourceOnly {
		e, d := ops[0], ops[1]
		if j := lastRun(d.s, e.q); j >= 0 {
			head = slices.Concat(head, e.s, d.s[:j])
			ops = slices.Concat([]op{{kind: equal, q: e.q, s: d.s[j : j+len(e.q)]}}, nonEmpty(d.s[j+len(e.q):]), ops[2:])
		}
	}
	if k := len(ops) - 1; k >= 1 && ops[k].kind == equal {
		// The source's words before the last shared ones, and the
		// quotation's that replace them (go-diff puts a deletion first).
		e, d, ins := ops[k], k-1, []op(nil)
		if ops[d].kind == quoteOnly && d >= 1 {
			ins, d = ops[d:d+1], d-1
		}
		if ops[d].kind == sourceOnly {
			if j := firstRun(ops[d].s, e.q); j >= 0 {
				ds := ops[d].s
				tail = slices.Concat(ds[j+len(e.q):], e.s, tail)
				ops = slices.Concat(ops[:d:d], nonEmpty(ds[:j]), ins, []op{{kind: equal, q: e.q, s: ds[j : j+len(e.q)]}})
			}
		}
	}
	return slices.Concat(nonEmpty(head), ops, nonEmpty(tail))
}

// nonEmpty returns the step of the source's words ts, none if there are
// none.
func nonEmpty(ts []token) []op {
	if len(ts) == 0 {
		return nil
	}
	return []op{{kind: sourceOnly, s: ts}}
}

// lastRun returns where the last run of words in ts with the hashes of
// run's starts, or -1.
func lastRun(ts, run []token) int {
	for j := len(ts) - len(run); j >= 0; j-- {
		if sameWords(ts[j:j+len(run)], run) {
			return j
		}
	}
	return -1
}

// firstRun returns where the first run of words in ts with the hashes of
// run's starts, or -1.
func firstRun(ts, run []token) int {
	for j := 0; j+len(run) <= len(ts); j++ {
		if sameWords(ts[j:j+len(run)], run) {
			return j
		}
	}
	return -1
}

// sameWords reports whether two runs of words are the same words.
func sameWords(a, b []token) bool {
	for i := range a {
		if a[i].h != b[i].h {
			return false
		}
	}
	return true
}

// render writes the alignment as docqa diff writes a word diff, the
// quotation's words as the article has them and the source's as the
// source has them: [-source-]{+quotation+}; an ellipsis of the quotation
// shows as "…". qt holds the quotation's text from its offset qfrom on.
// It returns too the two texts compared, for a reader to see side by
// side: the source's passage as written (punctuation kept) but for the
// words an ellipsis or bracket of the quotation stands for, which are
// "…", and the quotation as written; white space runs are one space.
func (al alignment) render(qt []byte, qfrom int, st []byte) (diff, source, quote string) {
	var b, sb strings.Builder
	text := func(t []byte, from int, ts []token) string {
		if len(ts) == 0 {
			return ""
		}
		return strings.Join(strings.Fields(string(t[ts[0].start-from:ts[len(ts)-1].end-from])), " ")
	}
	qd := func(ts []token) string { return text(qt, qfrom, ts) }
	sd := func(ts []token) string { return text(st, 0, ts) }
	add := func(s string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	// The source side: each run of its words with what lies between them,
	// but where the quotation skipped words.
	prevEnd, gap := -1, false
	sourceRun := func(ts []token) {
		if len(ts) == 0 {
			return
		}
		start := ts[0].start
		switch {
		case prevEnd > start: // not in the source's order: no text between
			sb.WriteByte(' ')
		case prevEnd < 0 && gap:
			sb.WriteString("… ")
		case prevEnd >= 0 && gap && hasWord(st[prevEnd:start]):
			sb.WriteString(" … ")
		case prevEnd >= 0:
			sb.Write(st[prevEnd:start])
		}
		sb.Write(st[start:ts[len(ts)-1].end])
		prevEnd, gap = ts[len(ts)-1].end, false
	}
	for i := 0; i < len(al.ops); i++ {
		o := al.ops[i]
		if o.gap {
			add("…")
			gap = true
		}
		switch o.kind {
		case equal:
			add(qd(o.q))
			sourceRun(o.s)
		case sourceOnly:
			add("[-" + sd(o.s) + "-]")
			sourceRun(o.s)
			if i+1 < len(al.ops) && al.ops[i+1].kind == quoteOnly && !al.ops[i+1].gap {
				b.WriteString("{+" + qd(al.ops[i+1].q) + "+}")
				i++
			}
		case quoteOnly:
			add("{+" + qd(o.q) + "+}")
		}
	}
	if gap && prevEnd >= 0 {
		sb.WriteString(" …")
	} else if prevEnd >= 0 {
		// The punctuation that ends the source's sentence or clause.
		end := prevEnd
		for n := 0; n < 3 && end < len(st); n++ {
			r, size := utf8.DecodeRune(st[end:])
			if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsLetter(r) || unicode.IsNumber(r) {
				break
			}
			end += size
		}
		sb.Write(st[prevEnd:end])
	}
	oneSpace := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return b.String(), oneSpace(sb.String()), oneSpace(string(qt))
}
