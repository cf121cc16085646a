package verify

import (
	"bytes"
	"math/bits"
	"os"
	"runtime"
	"slices"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// Source is one source document: its text, and its document model, read
// only when a quotation is found in it.
type Source struct {
	// Path names the source in messages.
	Path string
	// File is the file the source was read from (see ReadSources), "" if
	// none.
	File string
	// Text is the source's text (see the function Text).
	Text []byte
	// Times are, for a subtitle transcript, the start time of each line's
	// cue: a place in it is given as a time; nil for other sources.
	Times []string
	base  uint32 // Text's offset in the index's concatenation

	once sync.Once
	doc  *document.Document

	pageOnce sync.Once
	page     *document.Document // an HTML page's or a transcript's file, nil if not read
	words    []htmlWord         // the page's words: where they lie in it
}

// Doc returns the source's document model, read on first use.
func (s *Source) Doc() *document.Document {
	s.once.Do(func() { s.doc = document.Load(s.Path, s.Text) })
	return s.doc
}

// Shown returns the document a passage of the source (a span of its
// Text) is shown in, and the passage's span there: for an HTML page or a
// transcript read from a file, the file itself, read again (a line and
// column of the file, not of the text drawn from it); otherwise Doc() and
// span.
func (s *Source) Shown(span document.Span) (*document.Document, document.Span) {
	if s.File == "" || !isHTML(s.Path) && !isSubtitles(s.Path) {
		return s.Doc(), span
	}
	s.pageOnce.Do(func() {
		data, err := os.ReadFile(s.File)
		if err != nil {
			return
		}
		if isHTML(s.Path) {
			data = pageUTF8(data)
		}
		s.page = document.Load(s.Path, data)
		if isHTML(s.Path) {
			s.words = htmlWords(data, s.Text)
		} else if _, _, s.words = subtitleCues(data, true); len(s.words) == 0 {
			s.page = nil
		}
	})
	if s.page == nil || len(s.words) == 0 {
		return s.Doc(), span
	}
	// The words of the page that hold the passage's ends, and the ends'
	// places in them (a word of the text may begin with a mark, &ldquo;).
	holding := func(off int) (htmlWord, []byte, []byte) {
		i, found := slices.BinarySearchFunc(s.words, off, func(w htmlWord, off int) int { return w.text - off })
		if !found && i > 0 {
			i--
		}
		w := s.words[i]
		end := w.text
		for end < len(s.Text) && !isSpaceByte(s.Text[end]) {
			end++
		}
		return w, s.page.Text[w.start:w.end], s.Text[w.text:end]
	}
	first, markup, word := holding(span.Start)
	start := first.start
	if d := span.Start - first.text; d > 0 && d < len(word) {
		if k := bytes.Index(markup, alnumRun(word[d:], false)); k >= 0 {
			start += k
		}
	}
	last, markup, word := holding(max(span.End-1, span.Start))
	end := last.end
	if d := span.End - last.text; d > 0 && d < len(word) {
		if run := alnumRun(word[:d], true); len(run) > 0 {
			if k := bytes.LastIndex(markup, run); k >= 0 {
				end = last.start + k + len(run)
			}
		}
	}
	return s.page, document.Span{Start: start, End: max(end, start)}
}

// alnumRun returns the run of ASCII letters and digits that starts b (that
// ends it, if last): a part of a word spelled the same in HTML markup.
func alnumRun(b []byte, last bool) []byte {
	isAlnum := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }
	if last {
		i := len(b)
		for i > 0 && isAlnum(b[i-1]) {
			i--
		}
		return b[i:]
	}
	i := 0
	for i < len(b) && isAlnum(b[i]) {
		i++
	}
	return b[:i]
}

// Index holds the sources and where each word trigram and word pair of
// them starts: two tables of 6 bytes a word, beside the texts themselves,
// so that the index of a 50 MB archive stays under three times its size.
// It is safe for concurrent use once built.
type Index struct {
	sources []*Source
	// tri and bi map the hash of a word trigram or pair to the offsets,
	// in the concatenation of the texts, of their first word.
	tri, bi gramTable
}

// gramTable is a hash table in flat arrays: the entries of a bucket (the
// top bits of a hash) are keys[offsets[b]:offsets[b+1]], each key the low
// 16 bits of a hash, its value the offset of its first word. One lookup in
// about ten thousand gets, beside a gram's places, those of another gram
// whose hash has the same top and low bits: a stray hit, which the
// alignment of the passage it points to then rejects.
type gramTable struct {
	shift   uint
	offsets []uint32
	keys    []uint16
	vals    []uint32
}

// maxPostings is the most places of one gram a lookup gives, the first
// in the sources' order: a gram found more often says little about where
// a quotation comes from, and a bound keeps a lookup in a repetitive
// archive cheap.
const maxPostings = 256

// lookup appends the offsets of the gram whose hash is h, at most
// maxPostings of them.
func (t *gramTable) lookup(dst []uint32, h uint64) []uint32 {
	if len(t.offsets) == 0 {
		return dst
	}
	b := h >> t.shift
	lo, hi := t.offsets[b], t.offsets[b+1]
	key := uint16(h)
	n := 0
	for i := lo; i < hi && n < maxPostings; i++ {
		if t.keys[i] == key {
			dst = append(dst, t.vals[i])
			n++
		}
	}
	return dst
}

// NewIndex indexes the sources, in the order given: on a tie between two
// sources the earlier wins. Sources past MaxIndex bytes in all are left
// out (ReadSources reports them and gives no more).
func NewIndex(sources []*Source) *Index {
	x := &Index{}
	var base uint64
	words := 0
	for _, src := range sources {
		if base+uint64(len(src.Text)) >= 1<<32 {
			break
		}
		src.base = uint32(base)
		x.sources = append(x.sources, src)
		base += uint64(len(src.Text)) + 1
		words += len(src.Text) / 6 // a guess, for the tables' size
	}
	nb := 1 << max(4, bits.Len(uint(words/32))) // 16 to 32 entries a bucket
	shift := uint(64 - bits.Len(uint(nb-1)))
	x.tri = gramTable{shift: shift, offsets: make([]uint32, nb+1)}
	x.bi = gramTable{shift: shift, offsets: make([]uint32, nb+1)}
	// The sources split into one share a worker, by size; each counts its
	// share's entries by bucket, then places them after the earlier
	// shares' in each bucket, so that a bucket's offsets stay sorted.
	shares := split(x.sources, runtime.GOMAXPROCS(0))
	type counts struct{ tri, bi []uint32 }
	cs := make([]counts, len(shares))
	var wg sync.WaitGroup
	for w, share := range shares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := counts{make([]uint32, nb), make([]uint32, nb)}
			eachGram(share, func(tri, bi uint64, hasTri bool, _ uint32) {
				if hasTri {
					c.tri[tri>>shift]++
				}
				c.bi[bi>>shift]++
			})
			cs[w] = c
		}()
	}
	wg.Wait()
	// Bucket b's entries start at offsets[b]; share w's, within it,
	// after the earlier shares'. The cursors reuse the counts.
	for _, t := range []struct {
		table *gramTable
		count func(w int) []uint32
	}{{&x.tri, func(w int) []uint32 { return cs[w].tri }}, {&x.bi, func(w int) []uint32 { return cs[w].bi }}} {
		var total uint32
		for b := range nb {
			t.table.offsets[b] = total
			for w := range shares {
				c := t.count(w)
				n := c[b]
				c[b] = total // share w's cursor in bucket b
				total += n
			}
		}
		t.table.offsets[nb] = total
		t.table.keys, t.table.vals = make([]uint16, total), make([]uint32, total)
	}
	for w, share := range shares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := cs[w]
			eachGram(share, func(tri, bi uint64, hasTri bool, at uint32) {
				if hasTri {
					b := tri >> shift
					x.tri.keys[c.tri[b]], x.tri.vals[c.tri[b]] = uint16(tri), at
					c.tri[b]++
				}
				b := bi >> shift
				x.bi.keys[c.bi[b]], x.bi.vals[c.bi[b]] = uint16(bi), at
				c.bi[b]++
			})
		}()
	}
	wg.Wait()
	return x
}

// split returns the sources in at most n runs of about equal size, in
// order.
func split(sources []*Source, n int) [][]*Source {
	total := 0
	for _, s := range sources {
		total += len(s.Text)
	}
	var out [][]*Source
	start, size := 0, 0
	for i, s := range sources {
		size += len(s.Text)
		if len(out) < n-1 && size >= total/n {
			out = append(out, sources[start:i+1])
			start, size = i+1, 0
		}
	}
	if start < len(sources) || len(out) == 0 {
		out = append(out, sources[start:])
	}
	return out
}

// eachGram calls fn for each word pair of sources, with the hash of the
// trigram starting at the same word when there is one, and the global
// offset of the first word, in text order.
func eachGram(sources []*Source, fn func(tri, bi uint64, hasTri bool, at uint32)) {
	for _, s := range sources {
		var h [3]uint64
		var at [3]uint32
		n := 0
		scan(s.Text, 0, len(s.Text), func(start, end int, w uint64) {
			h[0], h[1], h[2] = h[1], h[2], w
			at[0], at[1], at[2] = at[1], at[2], s.base+uint32(start)
			n++
			if n >= 3 {
				fn(mix(h[0], h[1], h[2]), mix(h[0], h[1]), true, at[0])
			}
		})
		if n >= 2 { // the last pair, which starts no trigram
			fn(0, mix(h[1], h[2]), false, at[1])
		}
	}
}

// mix combines word hashes into a gram's.
func mix(ws ...uint64) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range ws {
		h ^= w
		h *= 1099511628211
		h ^= h >> 29
	}
	return h
}

// source returns the source holding global offset off.
func (x *Index) source(off uint32) *Source {
	i := sort.Search(len(x.sources), func(i int) bool { return x.sources[i].base > off }) - 1
	return x.sources[i]
}

// scan calls fn for each word of text[from:to] with its span and the hash
// of its normalised form (see normalise). A word is a run of letters,
// digits and marks, with apostrophes and hyphens inside it; soft hyphens
// are dropped.
func scan(text []byte, from, to int, fn func(start, end int, h uint64)) {
	i := from
	for i < to {
		// Skip to a word's start.
		r, n := decode(text[i:to])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		h := uint64(14695981039346656037)
		end := i
		for i < to {
			r, n = decode(text[i:to])
			switch {
			case isWordRune(r):
			case r == '\u00ad':
				i += n
				continue
			case isJoiner(r):
				// Inside a word only: a letter must follow.
				if next, _ := decode(text[i+n : to]); i+n < to && isWordRune(next) {
					break
				}
				fallthrough
			default:
				goto done
			}
			h = hashRune(h, fold(r))
			i += n
			end = i
		}
	done:
		fn(start, end, h)
	}
}

// decode decodes the first rune of b, a byte at a time for ASCII.
func decode(b []byte) (rune, int) {
	if len(b) == 0 {
		return utf8.RuneError, 1
	}
	if b[0] < utf8.RuneSelf {
		return rune(b[0]), 1
	}
	return utf8.DecodeRune(b)
}

// isWordRune reports whether r makes words.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports whether r joins the letters around it into one word:
// apostrophes and hyphens, and the dashes typed for a hyphen (en dash,
// figure dash, minus sign); an em dash parts words.
func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '-', '‐', '‑', '–', '‒', '−':
		return true
	}
	return false
}

// fold normalises a rune of a word: lower case, one apostrophe, one
// hyphen (for the dashes isJoiner takes for one).
func fold(r rune) rune {
	switch r {
	case '’', 'ʼ':
		return '\''
	case '‐', '‑', '–', '‒', '−':
		return '-'
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// hashRune adds r to an FNV-1a hash.
func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		h ^= uint64(r)
		return h * 1099511628211
	}
	var b [4]byte
	n := utf8.EncodeRune(b[:], r)
	for _, c := range b[:n] {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// hashWord returns the hash of the word in b, brackets and soft hyphens
// left out ([t]he is the): what scan gives the word written plainly.
func hashWord(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for len(b) > 0 {
		r, n := decode(b)
		b = b[n:]
		if r == '[' || r == ']' || r == '\u00ad' {
			continue
		}
		h = hashRune(h, fold(r))
	}
	return h
}
