// Package verify checks quotations against their sources: does each
// quotation of an article say what the report, statement, speech or
// transcript it comes from says?
//
// An Index holds the sources' words, normalised (case folded, typographic
// apostrophes straightened, soft hyphens dropped), and an inverted index
// of their word trigrams. Match looks a quotation's trigrams up, takes the
// densest run of hits in one source as the candidate passage, and aligns
// the quotation's words with it word by word: an ellipsis (… or ...) in the
// quotation stands for any run of omitted words, a bracketed word
// ([Bachelet's]) for an editorial insertion or replacement, and brackets
// inside a word ([t]he) are dropped. A quotation whose every word is found,
// in order, is verbatim; one whose closest passage shares most of its
// words but not all is altered, with the word diff; one with no such
// passage is not found.
package verify

import (
	"bytes"
	"hash/maphash"
	"sort"
	"strings"
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

// token is a word of a text: its normalised form and where it lies.
type token struct {
	norm       string
	start, end int // byte offsets in the text
}

// Source is one source document and its words.
type Source struct {
	Doc    *document.Document
	tokens []token
}

// Index holds the sources and the trigrams of their words. It is safe for
// concurrent use once built.
type Index struct {
	sources []*Source
	seed    maphash.Seed
	// grams holds the word trigrams, bigrams the word pairs: a quotation
	// altered every third word shares no trigram with its source.
	grams, bigrams map[uint64][]posting
}

// posting is where a trigram starts: a source and a word index in it.
type posting struct {
	src, at int32
}

// NewIndex indexes the source documents, in the order given: on a tie
// between two sources, the earlier wins.
func NewIndex(docs []*document.Document) *Index {
	x := &Index{seed: maphash.MakeSeed(), grams: map[uint64][]posting{}, bigrams: map[uint64][]posting{}}
	for i, d := range docs {
		s := &Source{Doc: d, tokens: tokens(d, document.Span{Start: 0, End: len(d.Text)}, nil)}
		x.sources = append(x.sources, s)
		for k := 0; k+2 <= len(s.tokens); k++ {
			h := x.gram(s.tokens[k : k+2])
			x.bigrams[h] = append(x.bigrams[h], posting{int32(i), int32(k)})
			if k+3 <= len(s.tokens) {
				h := x.gram(s.tokens[k : k+3])
				x.grams[h] = append(x.grams[h], posting{int32(i), int32(k)})
			}
		}
	}
	return x
}

// Sources returns the indexed sources.
func (x *Index) Sources() []*Source { return x.sources }

// gram hashes three normalised words.
func (x *Index) gram(ts []token) uint64 {
	var h maphash.Hash
	h.SetSeed(x.seed)
	for _, t := range ts {
		h.WriteString(t.norm)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// tokens returns the words of d inside span, normalised; skip, if not nil,
// reports words to leave out.
func tokens(d *document.Document, span document.Span, skip func(document.Word) bool) []token {
	words := d.WordsIn(span)
	out := make([]token, 0, len(words))
	for _, w := range words {
		if skip != nil && skip(w) {
			continue
		}
		n := normalise(d.Slice(w.Span()))
		if n == "" {
			continue
		}
		out = append(out, token{norm: n, start: int(w.Start), end: int(w.End)})
	}
	return out
}

// normalise folds a word for comparison: lower case, typographic
// apostrophes straightened, soft hyphens and brackets dropped.
func normalise(w []byte) string {
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); {
		r, n := utf8.DecodeRune(w[i:])
		i += n
		switch r {
		case '\u00ad', '[', ']':
			continue
		case '’', '‘', 'ʼ', '′':
			r = '\''
		case '‐', '‑', '–':
			r = '-'
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

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
	ts := tokens(d, q.Content, nil)
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
				pending = token{norm: t.norm, start: gaps[g].start, end: t.end}
				havePending = true
				continue
			}
			// A word wholly in brackets: an editorial word, a gap.
			out = append(out, cur)
			cur = piece{}
			continue
		}
		if havePending && pending.end <= t.start {
			t = token{norm: pending.norm + t.norm, start: pending.start, end: t.end}
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
	src, lo, hi, ok := x.candidate(ps)
	if !ok {
		return Match{Class: NotFound, Words: n}
	}
	s := x.sources[src]
	al := align(ps, s.tokens[lo:hi])
	m := Match{Source: s, Words: n, Matched: al.matched}
	if al.first >= 0 {
		m.Passage = document.Span{Start: s.tokens[lo+al.first].start, End: s.tokens[lo+al.last].end}
	}
	switch {
	case al.matched == n && al.exact:
		m.Class = Verbatim
	case 2*al.matched >= n && al.matched >= MinWords:
		m.Class = Altered
		m.Diff = al.render(d, s.Doc, s.tokens[lo:hi])
	default:
		m.Class, m.Source = NotFound, nil
	}
	return m
}

// candidate returns the source and the word range [lo, hi) of its
// densest run of the quotation's trigrams, with room around it for the
// words the trigrams miss.
func (x *Index) candidate(ps []piece) (src, lo, hi int, ok bool) {
	type hit = posting
	collect := func(grams map[uint64][]posting, k int) []hit {
		var hits []hit
		for _, p := range ps {
			for i := 0; i+k <= len(p.toks); i++ {
				hits = append(hits, grams[x.gram(p.toks[i:i+k])]...)
			}
		}
		return hits
	}
	n, gaps := 0, 0
	for i, p := range ps {
		n += len(p.toks)
		if i > 0 && p.ellipsis {
			gaps++
		}
	}
	hits := collect(x.grams, 3)
	if len(hits) == 0 {
		// Altered every third word: look for its word pairs.
		if hits = collect(x.bigrams, 2); len(hits) < 2 {
			return 0, 0, 0, false
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].src != hits[j].src {
			return hits[i].src < hits[j].src
		}
		return hits[i].at < hits[j].at
	})
	// The densest window: most hits within the quotation's reach (twice
	// its words, and what its ellipses may leave out), the earliest
	// source and place on a tie.
	width := int32(2*n + 3 + ellipsisReach*gaps)
	best, bestI, bestJ := 0, 0, 0
	j := 0
	for i := range hits {
		if j < i {
			j = i
		}
		for j+1 < len(hits) && hits[j+1].src == hits[i].src && hits[j+1].at-hits[i].at < width {
			j++
		}
		if c := j - i + 1; c > best {
			best, bestI, bestJ = c, i, j
		}
	}
	s := int(hits[bestI].src)
	slack := n/2 + 3
	lo = max(0, int(hits[bestI].at)-slack)
	hi = min(len(x.sources[s].tokens), int(hits[bestJ].at)+3+slack+ellipsisReach*gaps)
	return s, lo, hi, true
}

// ellipsisReach is how many words of a source an ellipsis of a quotation
// may leave out.
const ellipsisReach = 200
