// Package verify checks quotations against their sources: does each
// quotation of an article say what the report, statement, speech or
// transcript it comes from says?
//
// ReadSources reads the sources from files and folders (text, Markdown,
// HTML, subtitle transcripts), naming each one it cannot read. An Index
// holds the sources' texts and where each word trigram and word pair of
// them starts; words are compared normalised (case folded, typographic
// apostrophes and hyphens made one, soft hyphens dropped). Match looks a
// quotation's trigrams up (its pairs, when no trigram hits: a quotation
// altered every third word), takes the densest runs of hits, each in one
// source, as the candidate passages, and aligns the quotation's words
// with each word by word, the nearest passage winning: an ellipsis (… or
// ...) in the quotation stands for any run of omitted words, a bracketed
// word ([Bachelet's]) for an editorial insertion or replacement, and
// brackets inside a word ([t]he) are dropped. A quotation whose every
// word is found, in order, is verbatim; one whose closest passage shares
// most of its words but not all is altered, with the word diff; one with
// no such passage is not found.
package verify

import (
	"bytes"
	"slices"
	"sync"
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
	// SourceWords and QuoteWords are the two sides of Diff: the passage's
	// words and the quotation's, "…" standing for what an ellipsis left
	// out, for an altered quotation.
	SourceWords, QuoteWords string
	// Words counts the quotation's words looked up, Matched those found
	// in the passage in order.
	Words, Matched int
}

// piece is a run of a quotation's words between gaps: an ellipsis (…,
// ..., . . ., […], [...]) or a bracketed word.
type piece struct {
	toks []token
	// ellipsis reports that an ellipsis, not a bracketed word, comes
	// before the piece.
	ellipsis bool
}

// pieces splits the quotation q of d into runs of words between its
// ellipses and bracketed words. The words are those of d's prose: the
// markup of a Markdown article (a link's brackets and target, emphasis
// marks) is none.
func pieces(d *document.Document, q document.Quote) []piece {
	content := d.Prose[q.Content.Start:q.Content.End]
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
				// […] and [...] are ellipses; other brackets, editorial words.
				inside := string(bytes.TrimSpace(content[i+1 : i+j]))
				gaps = append(gaps, region{q.Content.Start + i, q.Content.Start + i + j + 1, inside == "…" || inside == "..."})
				i += j
			}
		case bytes.HasPrefix(content[i:], []byte(". . .")):
			gaps = append(gaps, region{q.Content.Start + i, q.Content.Start + i + 5, true})
			i += 4
		case bytes.HasPrefix(content[i:], []byte("…")):
			gaps = append(gaps, region{q.Content.Start + i, q.Content.Start + i + len("…"), true})
			i += len("…") - 1
		case bytes.HasPrefix(content[i:], []byte("...")):
			gaps = append(gaps, region{q.Content.Start + i, q.Content.Start + i + 3, true})
			i += 2
		}
	}
	ts := tokens(d.Prose, q.Content.Start, q.Content.End)
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
			t = token{h: hashWord(d.Prose[pending.start:t.end]), start: pending.start, end: t.end}
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
	r, _ := utf8.DecodeRune(d.Prose[i:])
	return unicode.IsLetter(r)
}

// Match looks the quotation q of d up in the sources. A quotation of
// fewer than MinWords words is NotFound with Words 0. Of the passages its
// word trigrams (or pairs) point to, the nearest wins: the one that says
// it word for word, else the one that shares most of its words, else the
// one with fewest words changed; on a tie, the earliest, in the order of
// the sources.
func (x *Index) Match(d *document.Document, q document.Quote) Match {
	ps := pieces(d, q)
	n := 0
	for _, p := range ps {
		n += len(p.toks)
	}
	if n < MinWords {
		return Match{Class: NotFound}
	}
	var best alignment
	var bestWin window
	var bestWords []token
	found := false
	for _, w := range x.candidates(ps, q.Content.Len()) {
		words := tokens(w.s.Text, w.lo, w.hi)
		al := align(ps, words)
		if !found || al.nearer(best, n) {
			best, bestWin, bestWords, found = al, w, words, true
		}
		if best.verbatim(n) {
			break // none nearer; a later passage loses a tie
		}
	}
	if !found {
		return Match{Class: NotFound, Words: n}
	}
	s := bestWin.s
	m := Match{Source: s, Words: n, Matched: best.matched}
	if best.first >= 0 {
		m.Passage = document.Span{Start: bestWords[best.first].start, End: bestWords[best.last].end}
	}
	switch {
	case best.verbatim(n):
		m.Class = Verbatim
	case 2*best.matched >= n && best.matched >= MinWords:
		m.Class = Altered
		m.Diff, m.SourceWords, m.QuoteWords = best.render(shown(d, q.Content), q.Content.Start, s.Text)
	default:
		m.Class, m.Source = NotFound, nil
	}
	return m
}

// shown returns the text of span of d with the markup that reads as
// nothing (a link's brackets and target, emphasis marks, a block quote's
// marks) made spaces, as in its prose, to show a quotation's words.
func shown(d *document.Document, span document.Span) []byte {
	text := d.Slice(span)
	if len(d.Prose) == 0 || &d.Prose[0] == &d.Text[0] {
		return text
	}
	out := slices.Clone(text)
	for i, c := range d.Prose[span.Start:span.End] {
		if c != document.Masked {
			out[i] = c
		}
	}
	return out
}

// window is a candidate passage: the byte range [lo, hi) of a source.
type window struct {
	s      *Source
	lo, hi int
}

// maxCandidates is the most passages a quotation is aligned with.
const maxCandidates = 4

// hitBuffers holds the buffers of candidates' lookups, for the next
// quotation.
var hitBuffers = sync.Pool{New: func() any { return new([2][]uint32) }}

// candidates returns, in the order of the sources, the passages where the
// quotation's trigrams (pairs, when no trigram hits) are densest, each with
// room around it for the words the grams miss: the hits fall in clusters,
// runs of hits within the quotation's reach of the next in one source; the
// densest window of the densest cluster, and those of the other clusters
// with at least half as many hits, at most maxCandidates in all, the
// earliest first on a tie. size is the quotation's length in bytes.
func (x *Index) candidates(ps []piece, size int) []window {
	bufs := hitBuffers.Get().(*[2][]uint32)
	defer hitBuffers.Put(bufs)
	collect := func(t *gramTable, k int) []uint32 {
		hits := bufs[0][:0]
		var hs [3]uint64
		for _, p := range ps {
			for i := 0; i+k <= len(p.toks); i++ {
				for j := range k {
					hs[j] = p.toks[i+j].h
				}
				hits = t.lookup(hits, mix(hs[:k]...))
			}
		}
		bufs[0] = hits
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
			return nil
		}
	}
	bufs[1] = sortOffsets(hits, bufs[1])
	// The densest window of each cluster: from each hit, the hits within
	// the quotation's reach (twice its length, and what its ellipses may
	// leave out) in the same source.
	width := uint32(2*size + 64 + ellipsisReach*gaps)
	type run struct{ i, j int }
	var dense []run // the densest window of each cluster, in order
	var end uint32  // the end of the current hit's source
	j := 0
	for i, h := range hits {
		newCluster := i == 0 || h-hits[i-1] >= width || h >= end
		if i == 0 || h >= end {
			s := x.source(h)
			end = s.base + uint32(len(s.Text))
		}
		j = max(j, i)
		for j+1 < len(hits) && hits[j+1]-h < width && hits[j+1] < end {
			j++
		}
		switch k := len(dense) - 1; {
		case newCluster:
			dense = append(dense, run{i, j})
		case j-i > dense[k].j-dense[k].i:
			dense[k] = run{i, j}
		}
	}
	// The densest clusters, the earliest first on a tie.
	slices.SortStableFunc(dense, func(a, b run) int { return (b.j - b.i) - (a.j - a.i) })
	n := 0
	for n < min(len(dense), maxCandidates) && 2*(dense[n].j-dense[n].i+1) >= dense[0].j-dense[0].i+1 {
		n++
	}
	dense = dense[:n]
	slices.SortFunc(dense, func(a, b run) int { return a.i - b.i })
	out := make([]window, len(dense))
	for k, r := range dense {
		s := x.source(hits[r.i])
		slack := size/2 + 48
		out[k] = window{s: s,
			lo: max(0, int(hits[r.i]-s.base)-slack),
			hi: min(len(s.Text), int(hits[r.j]-s.base)+size+slack+ellipsisReach*gaps)}
	}
	return out
}

// sortOffsets sorts offs in place, a byte at a time (a radix sort), with
// tmp, grown if need be, as scratch space; it returns tmp.
func sortOffsets(offs, tmp []uint32) []uint32 {
	if len(offs) < 64 {
		slices.Sort(offs)
		return tmp
	}
	if cap(tmp) < len(offs) {
		tmp = make([]uint32, len(offs))
	}
	tmp = tmp[:len(offs)]
	src, dst := offs, tmp
	for shift := 0; shift < 32; shift += 8 {
		var count [257]int
		for _, v := range src {
			count[(v>>shift&0xFF)+1]++
		}
		if count[(src[0]>>shift&0xFF)+1] == len(src) {
			continue // every offset has this byte
		}
		for b := 1; b < len(count); b++ {
			count[b] += count[b-1]
		}
		for _, v := range src {
			b := v >> shift & 0xFF
			dst[count[b]] = v
			count[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &offs[0] {
		copy(offs, src)
	}
	return tmp
}

// ellipsisReach is how many bytes of a source an ellipsis of a quotation
// may leave out: about 200 words.
const ellipsisReach = 1200
