// Package verify checks quotations against their sources: does each
// quotation of an article say what the report, statement, speech or
// transcript it comes from says?
//
// An Index holds the sources' texts and where each word trigram and word
// pair of them starts; words are compared normalised (case folded,
// typographic apostrophes and hyphens made one, soft hyphens dropped).
// Match looks a quotation's trigrams up (its pairs, when no trigram hits:
// a quotation altered every third word), takes the densest run of hits in
// one source as the candidate passage, and aligns the quotation's words
// with it word by word: an ellipsis (… or ...) in the quotation stands for
// any run of omitted words, a bracketed word ([Bachelet's]) for an
// editorial insertion or replacement, and brackets inside a word ([t]he)
// are dropped. A quotation whose every word is found, in order, is
// verbatim; one whose closest passage shares most of its words but not
// all is altered, with the word diff; one with no such passage is not
// found.
package verify

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// Class is what Match found for a quotation.
type Class int

// The classes of a quotation.
const (
	// NotFound: no source has a passage close to the quotation.
	NotFound Class = iota
	// Verbatim: a passage of a source says the quotation's words.
	Verbatim
	// Altered: the closest passage is clearly the same statement, but
	// words differ.
	Altered
)

// String returns the class's name.
func (c Class) String() string {
	switch c {
	case Verbatim:
		return "verbatim"
	case Altered:
		return "altered"
	}
	return "not found"
}

// MinWords is the fewest words a quotation needs to be looked up: fewer
// are a term or a scare quote, found anywhere.
const MinWords = 3

// token is a word of a text: the hash of its normalised form and where
// it lies.
type token struct {
	h          uint64
	start, end int // byte offsets in the text
}

// tokens returns the words of text[from:to].
func tokens(text []byte, from, to int) []token {
	var out []token
	scan(text, from, to, func(start, end int, h uint64) {
		out = append(out, token{h: h, start: start, end: end})
	})
	return out
}

// Sources returns the indexed sources.
func (x *Index) Sources() []*Source { return x.sources }

// Match is what the index found for one quotation.
type Match struct {
	Class Class
	// Source is the source of the passage; nil when not found.
	Source *Source
	// Passage is the passage's span in the source's text.
	Passage document.Span
	// Diff is the word diff from the source's words to the quotation's,
	// [-source-]{+quotation+}, for an altered quotation.
	Diff string
	// Words counts the quotation's words looked up, Matched those found
	// in the passage in order.
	Words, Matched int
}

// piece is a run of a quotation's words between gaps: an ellipsis or a
// bracketed word.
type piece struct {
	toks []token
	// ellipsis reports that an ellipsis, not a bracketed word, comes
	// before the piece.
	ellipsis bool
}

// pieces splits the quotation q of d into runs of words between its
// ellipses and bracketed words.
func pieces(d *document.Document, q document.Quote) []piece {
	content := d.Slice(q.Content)
	// Bracketed regions and ellipses, as offsets in the text.
	type region struct {
		start, end int
		ellipsis   bool
	}
	var gaps []region
	for i := 0; i < len(content); i++ {
		switch {
		case content[i] == '[':
			if j := bytes.IndexByte(content[i:], ']'); j > 0 {
				gaps = append(gaps, region{q.Content.Start + i, q.Content.Start + i + j + 1, false})
				i += j
			}
		case bytes.HasPrefix(content[i:], []byte("…")):
			gaps = append(gaps, region{q.Content.Start + i, q.Content.Start + i + len("…"), true})
			i += len("…") - 1
		case bytes.HasPrefix(content[i:], []byte("...")):
			gaps = append(gaps, region{q.Content.Start + i, q.Content.Start + i + 3, true})
			i += 2
		}
	}
	ts := tokens(d.Text, q.Content.Start, q.Content.End)
	var out []piece
	cur := piece{}
	g := 0
	var pending token // the bracketed letters of a word ([t]he), to join to the rest
	havePending := false
	for _, t := range ts {
		// Gaps before this word close the current piece.
		for g < len(gaps) && gaps[g].end <= t.start {
			if gaps[g].ellipsis {
				out = append(out, cur)
				cur = piece{ellipsis: true}
			}
			g++
		}
		if g < len(gaps) && !gaps[g].ellipsis && gaps[g].start <= t.start && t.end <= gaps[g].end {
			if gaps[g].end < q.Content.End && isLetterAt(d, gaps[g].end) {
				// Brackets inside a word ([t]he): the letters, not a gap.
				pending = token{start: gaps[g].start, end: t.end}
				havePending = true
				continue
			}
			// A word wholly in brackets: an editorial word, a gap.
			out = append(out, cur)
			cur = piece{}
			continue
		}
		if havePending && pending.end <= t.start {
			t = token{h: hashWord(d.Text[pending.start:t.end]), start: pending.start, end: t.end}
			havePending = false
		}
		cur.toks = append(cur.toks, t)
	}
	out = append(out, cur)
	kept := out[:0]
	for _, p := range out {
		if len(p.toks) > 0 {
			kept = append(kept, p)
		}
	}
	return kept
}

// isLetterAt reports whether a letter starts at offset i of d's text.
func isLetterAt(d *document.Document, i int) bool {
	r, _ := utf8.DecodeRune(d.Text[i:])
	return unicode.IsLetter(r)
}

// Match looks the quotation q of d up in the sources. A quotation of
// fewer than MinWords words is NotFound with Words 0.
func (x *Index) Match(d *document.Document, q document.Quote) Match {
	ps := pieces(d, q)
	n := 0
	for _, p := range ps {
		n += len(p.toks)
	}
	if n < MinWords {
		return Match{Class: NotFound}
	}
	s, lo, hi, ok := x.candidate(ps, q.Content.Len())
	if !ok {
		return Match{Class: NotFound, Words: n}
	}
	window := tokens(s.Text, lo, hi)
	al := align(ps, window)
	m := Match{Source: s, Words: n, Matched: al.matched}
	if al.first >= 0 {
		m.Passage = document.Span{Start: window[al.first].start, End: window[al.last].end}
	}
	switch {
	case al.matched == n && al.exact:
		m.Class = Verbatim
	case 2*al.matched >= n && al.matched >= MinWords:
		m.Class = Altered
		m.Diff = al.render(d.Text, s.Text)
	default:
		m.Class, m.Source = NotFound, nil
	}
	return m
}

// candidate returns the source and the byte range [lo, hi) of its
// densest run of the quotation's trigrams (pairs, when no trigram hits),
// with room around it for the words the grams miss. size is the
// quotation's length in bytes.
func (x *Index) candidate(ps []piece, size int) (s *Source, lo, hi int, ok bool) {
	collect := func(t *gramTable, k int) []uint32 {
		var hits []uint32
		for _, p := range ps {
			for i := 0; i+k <= len(p.toks); i++ {
				hs := make([]uint64, k)
				for j := range hs {
					hs[j] = p.toks[i+j].h
				}
				hits = t.lookup(hits, mix(hs...))
			}
		}
		return hits
	}
	gaps := 0
	for i, p := range ps {
		if i > 0 && p.ellipsis {
			gaps++
		}
	}
	hits := collect(&x.tri, 3)
	if len(hits) == 0 {
		// Altered every third word: look for its word pairs.
		if hits = collect(&x.bi, 2); len(hits) < 2 {
			return nil, 0, 0, false
		}
	}
	slices.Sort(hits)
	// The densest window: most hits within the quotation's reach (twice
	// its length, and what its ellipses may leave out), the earliest
	// source and place on a tie. Offsets are global, so a window never
	// spans two sources unless they are both within reach: checked below.
	width := uint32(2*size + 64 + ellipsisReach*gaps)
	best, bestI, bestJ := 0, 0, 0
	j := 0
	for i := range hits {
		if j < i {
			j = i
		}
		for j+1 < len(hits) && hits[j+1]-hits[i] < width {
			j++
		}
		if c := j - i + 1; c > best {
			best, bestI, bestJ = c, i, j
		}
	}
	s = x.source(hits[bestI])
	slack := size/2 + 48
	lo = max(0, int(hits[bestI]-s.base)-slack)
	hi = min(len(s.Text), int(hits[bestJ]-s.base)+size+slack+ellipsisReach*gaps)
	return s, lo, hi, true
}

// ellipsisReach is how many bytes of a source an ellipsis of a quotation
// may leave out: about 200 words.
const ellipsisReach = 1200
