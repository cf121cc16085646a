package checks

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/docqa/docqa/document"
)

// symbols maps each distinct token to a rune, so that go-diff can align
// sequences of tokens as it aligns characters.
type symbols struct {
	ids  map[string]rune
	next rune
}

func newSymbols() *symbols { return &symbols{ids: map[string]rune{}, next: 0x100} }

// id returns the rune that stands for token s. Runes are valid code points
// (surrogates are skipped), so that go-diff's conversions to strings and
// back keep one rune per token.
func (s *symbols) id(tok []byte) rune {
	if r, ok := s.ids[string(tok)]; ok {
		return r
	}
	r := s.next
	s.next++
	if s.next == 0xD800 {
		s.next = 0xE000
	}
	if s.next > unicode.MaxRune {
		s.next = 0x100 // more distinct tokens than code points: ids repeat, the diff only gets coarser
	}
	s.ids[string(tok)] = r
	return r
}

// diffRunes aligns two rune sequences deterministically: no time limit, so
// the result never depends on the machine's load.
func diffRunes(a, b []rune) []diffmatchpatch.Diff {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	return dmp.DiffMainRunes(a, b, false)
}

// alignment pairs the words of two documents: oldToNew[i] is the index in
// the new document's Words of the word equal to old word i in the
// alignment, or -1; newToOld is its inverse.
type alignment struct {
	oldToNew, newToOld []int
	diffs              []diffmatchpatch.Diff
}

// alignWords aligns the words of two documents.
func alignWords(old, new *document.Document) alignment {
	syms := newSymbols()
	a := make([]rune, len(old.Words))
	for i, w := range old.Words {
		a[i] = syms.id(old.Slice(w.Span()))
	}
	b := make([]rune, len(new.Words))
	for i, w := range new.Words {
		b[i] = syms.id(new.Slice(w.Span()))
	}
	al := alignment{oldToNew: make([]int, len(a)), newToOld: make([]int, len(b))}
	for i := range al.oldToNew {
		al.oldToNew[i] = -1
	}
	for i := range al.newToOld {
		al.newToOld[i] = -1
	}
	al.diffs = diffRunes(a, b)
	oi, ni := 0, 0
	for _, d := range al.diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for k := 0; k < n; k++ {
				al.oldToNew[oi+k] = ni + k
				al.newToOld[ni+k] = oi + k
			}
			oi += n
			ni += n
		case diffmatchpatch.DiffDelete:
			oi += n
		case diffmatchpatch.DiffInsert:
			ni += n
		}
	}
	return al
}

// tokenize splits text into words (letters and digits with their inner
// apostrophes and hyphens), runs of white space, and single other
// characters.
func tokenize(text string) []string {
	var toks []string
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		j := i + n
		switch {
		case strings.HasPrefix(text[i:], "..."):
			j = i + 3
		case strings.HasPrefix(text[i:], ". . ."):
			j = i + 5
		case document.IsWordRune(r):
			for j < len(text) {
				c, m := utf8.DecodeRuneInString(text[j:])
				if document.IsWordRune(c) {
					j += m
					continue
				}
				if c == '\'' || c == '’' || c == '-' {
					if k := j + m; k < len(text) {
						if d, _ := utf8.DecodeRuneInString(text[k:]); document.IsWordRune(d) {
							j = k
							continue
						}
					}
				}
				break
			}
		case unicode.IsSpace(r):
			for j < len(text) {
				c, m := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(c) {
					break
				}
				j += m
			}
		}
		toks = append(toks, text[i:j])
		i = j
	}
	return toks
}

// diffText returns the token-level diff of two texts as Ops, adjacent
// pieces of one kind merged.
func diffText(old, new string) []Op { return diffTokens(old, new, false) }

// DiffWords returns the word-level diff of two texts, as docqa diff and
// docqa verify show a change: blind to typography (straight and curly
// marks, "..." and "…", kinds of white space compare equal), each equal
// piece as new writes it, adjacent pieces of one kind merged.
func DiffWords(old, new string) []Op { return diffWords(old, new) }

// diffWords is diffText blind to typography: straight and curly marks,
// "..." and "…", and kinds of white space compare equal, and equal pieces
// are the new text as written.
func diffWords(old, new string) []Op { return diffTokens(old, new, true) }

// typography maps each token that typography alone changes to one form.
var typography = map[string]string{
	"“": `"`, "”": `"`, "„": `"`, "«": `"`, "»": `"`, "‘": "'", "’": "'", "‚": "'", "...": "…", ". . .": "…",
}

func diffTokens(old, new string, blind bool) []Op {
	syms := newSymbols()
	ot, nt := tokenize(old), tokenize(new)
	key := func(t string) []byte {
		if !blind {
			return []byte(t)
		}
		if k, ok := typography[t]; ok {
			return []byte(k)
		}
		if strings.TrimSpace(t) == "" {
			return []byte(" ")
		}
		return []byte(strings.ReplaceAll(t, "’", "'"))
	}
	a := make([]rune, len(ot))
	for i, t := range ot {
		a[i] = syms.id(key(t))
	}
	b := make([]rune, len(nt))
	for i, t := range nt {
		b[i] = syms.id(key(t))
	}
	var ops []Op
	oi, ni := 0, 0
	add := func(kind OpKind, toks []string) {
		for _, t := range toks {
			if len(ops) > 0 && ops[len(ops)-1].Kind == kind {
				ops[len(ops)-1].Text += t
				continue
			}
			ops = append(ops, Op{Kind: kind, Text: t})
		}
	}
	for _, d := range diffRunes(a, b) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			add(Equal, nt[ni:ni+n])
			oi += n
			ni += n
		case diffmatchpatch.DiffDelete:
			add(Delete, ot[oi:oi+n])
			oi += n
		case diffmatchpatch.DiffInsert:
			add(Insert, nt[ni:ni+n])
			ni += n
		}
	}
	return joinChanges(ops)
}

// joinChanges makes a run of changed words one change: where only white
// space stands between two changes, it moves into both sides, so that
// "[-John-]{+Sophie+} [-Fisher-]{+Richardson+}" reads
// "[-John Fisher-]{+Sophie Richardson+}".
func joinChanges(ops []Op) []Op {
	out := ops[:0:0]
	for i := 0; i < len(ops); i++ {
		op := ops[i]
		if op.Kind == Equal && strings.TrimSpace(op.Text) == "" && len(out) > 0 && out[len(out)-1].Kind != Equal &&
			i+1 < len(ops) && ops[i+1].Kind != Equal {
			// Fold the space into the pending delete and insert, then
			// merge what follows into them.
			del, ins := pendingChange(&out)
			del.Text += op.Text
			ins.Text += op.Text
			for i+1 < len(ops) && ops[i+1].Kind != Equal {
				i++
				if ops[i].Kind == Delete {
					del.Text += ops[i].Text
				} else {
					ins.Text += ops[i].Text
				}
			}
			out = append(out, del, ins)
			continue
		}
		out = append(out, op)
	}
	// White space alone is no change worth marking: an inserted space or
	// line break reads as the new text has it, a deleted one goes (this
	// also drops the empty partners made above).
	kept := out[:0]
	for _, op := range out {
		if op.Kind != Equal && strings.TrimSpace(op.Text) == "" {
			if op.Kind == Delete || op.Text == "" {
				continue
			}
			op.Kind = Equal
		}
		if n := len(kept); n > 0 && kept[n-1].Kind == Equal && op.Kind == Equal {
			kept[n-1].Text += op.Text
			continue
		}
		kept = append(kept, op)
	}
	return kept
}

// pendingChange removes the change at the end of out and returns it as a
// deletion and an insertion (either may be empty).
func pendingChange(out *[]Op) (del, ins Op) {
	del, ins = Op{Kind: Delete}, Op{Kind: Insert}
	for len(*out) > 0 {
		last := (*out)[len(*out)-1]
		if last.Kind == Equal {
			break
		}
		if last.Kind == Delete {
			del.Text = last.Text + del.Text
		} else {
			ins.Text = last.Text + ins.Text
		}
		*out = (*out)[:len(*out)-1]
	}
	return del, ins
}
