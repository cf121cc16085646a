package document

import (
	"bytes"
	"sort"
	"unicode"
	"unicode/utf8"
)

// segment splits the paragraphs into sentences and words. It returns the
// number of curly opening quotation marks (“ ‘ «) in the paragraphs.
func (d *Document) segment() (opening int) {
	// A word is about six bytes of prose, and a word ends at a space, a
	// line break or the end of a paragraph: presize from the smaller
	// guess to avoid regrowth and waste.
	wordGuess := min(len(d.Prose)/6, bytes.Count(d.Prose, []byte(" "))+len(d.lines)+len(d.Paragraphs))
	d.Words = make([]Word, 0, wordGuess+1)
	// A sentence ends at a full stop, question or exclamation mark, or at
	// the end of its paragraph.
	sentenceGuess := len(d.Paragraphs) + min(len(d.Prose)/16,
		bytes.Count(d.Prose, []byte("."))+bytes.Count(d.Prose, []byte("?"))+bytes.Count(d.Prose, []byte("!")))
	if len(d.Paragraphs) > 0 {
		d.Sentences = make([]Span, 0, sentenceGuess)
	}
	ends := newByteFinder(d.Prose, sentenceEndLeads)
	for pi := range d.Paragraphs {
		p := &d.Paragraphs[pi]
		p.FirstWord = len(d.Words)
		var n int
		d.Words, n = d.words(d.Words, p.Span, pi)
		opening += n
		p.EndWord = len(d.Words)
		p.FirstSentence = len(d.Sentences)
		d.Sentences = d.sentences(d.Sentences, p.Span, ends)
		p.EndSentence = len(d.Sentences)
	}
	return opening
}

// runeAt decodes the prose rune at i; masked bytes decode as Masked.
func (d *Document) runeAt(i int) (rune, int) {
	c := d.Prose[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(d.Prose[i:])
}

// runeBefore decodes the prose rune that ends at i, or returns ' ' at lo.
func (d *Document) runeBefore(lo, i int) rune {
	if i <= lo {
		return ' '
	}
	c := d.Prose[i-1]
	if c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRune(d.Prose[lo:i])
	return r
}

// IsWordRune reports whether r can be part of a word.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if generalPunctuation(r) {
		return false // no letter, digit or mark there: dashes, quotation marks, spaces
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// generalPunctuation reports whether r is in the Unicode block of that
// name (U+2000 to U+206F), where prose finds its dashes, curly quotation
// marks, ellipsis and special spaces.
func generalPunctuation(r rune) bool { return 0x2000 <= r && r <= 0x206F }

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// sentenceEndLeads are the bytes that can start a sentence's final mark:
// . ! ? and the lead byte of … (0xE2).
var sentenceEndLeads = []byte{'.', '!', '?', 0xE2}

// byteFinder finds the next of up to five bytes in a text. It looks for each
// with bytes.IndexByte and remembers where each occurs next, so finding
// them in order costs little more than one fast search per occurrence.
type byteFinder struct {
	text []byte
	set  []byte
	from [5]int // where the last search for each byte started
	next [5]int // where it found it, or len(text)
}

// newByteFinder returns a finder of the bytes of set, at most five.
func newByteFinder(text []byte, set []byte) *byteFinder {
	f := &byteFinder{text: text, set: set}
	for k := range f.from {
		f.from[k] = len(text) + 1 // no search yet
	}
	return f
}

// index returns the offset of the first byte at or after i that is in the
// set, or len(text) if there is none.
func (f *byteFinder) index(i int) int {
	j := len(f.text)
	for k, c := range f.set {
		if f.next[k] < i || i < f.from[k] {
			f.from[k] = i
			f.next[k] = indexByteFrom(f.text, i, c)
		}
		j = min(j, f.next[k])
	}
	return j
}

// asciiWord marks the ASCII bytes that are word runes.
var asciiWord = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = IsWordRune(rune(c))
	}
	return t
}()

// asciiSeparator marks the ASCII bytes that are not word runes and never
// join two into one word nor start one: white space, most punctuation and
// Masked. After a word, one ends it; between words, one starts nothing.
var asciiSeparator = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		r := rune(c)
		t[c] = !IsWordRune(r) && !IsJoiner('0', r, '0') && !IsJoiner('a', r, 'a') && !isSigil(r)
	}
	return t
}()

// IsJoiner reports whether r joins the word runes on each side of it into
// one word, so that a word is a token as written: an apostrophe
// (report’s), a hyphen (counter-terrorism), a full stop (U.S., e.g.,
// main.exe, gophercon.in, os.Open, v1.2.3), an underscore (snake_case,
// my_file.go), an at sign (an e-mail address) or, with digits on both
// sides, a thousands separator (1,000). A full stop after the last letter
// ("U.S.") is not part of the word: it may end a sentence too.
func IsJoiner(prev, r, next rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '‑', '.', '_', '@':
		return IsWordRune(prev) && IsWordRune(next)
	case ',':
		return isDigit(prev) && isDigit(next)
	}
	return false
}

// isSigil reports whether r can start a word before a word rune: the at
// sign of a handle (@docqa) and the number sign of a hashtag (#GopherCon).
func isSigil(r rune) bool { return r == '@' || r == '#' }

// SigilStarts reports whether r is a sigil that, not written after a
// word, starts a word with next: a handle's at sign before any word rune,
// a hashtag's number sign before a letter ("#1" is a number, not a tag).
func SigilStarts(r, next rune) bool {
	switch r {
	case '#':
		return IsWordRune(next) && !unicode.IsDigit(next)
	case '@':
		return IsWordRune(next)
	}
	return false
}

// words appends the words of one paragraph to ws. It also counts the curly
// opening quotation marks it passes, which it decodes anyway.
func (d *Document) words(ws []Word, s Span, para int) (_ []Word, opening int) {
	start := -1
	var prev rune
	prose := d.Prose[:s.End]
	for i := s.Start; i < s.End; {
		if start < 0 {
			// Fast path: between words, white space, punctuation and
			// masked bytes start nothing.
			for i < s.End && asciiSeparator[prose[i]] {
				i++
			}
			if i >= s.End {
				break
			}
			if asciiWord[prose[i]] {
				start = i
				i++
				continue
			}
		} else {
			// Fast path: inside a word, ASCII letters and digits need no
			// decoding and no joiner check, and white space ends it.
			for i < s.End && asciiWord[prose[i]] {
				i++
			}
			if i >= s.End {
				break
			}
			if asciiSeparator[prose[i]] {
				ws = append(ws, newWord(start, i, para))
				start = -1
				i++
				continue
			}
			prev = rune(prose[i-1])
			if prose[i-1] >= utf8.RuneSelf {
				prev, _ = utf8.DecodeLastRune(prose[s.Start:i])
			}
		}
		r, n := d.runeAt(i)
		if r == '“' || r == '‘' || r == '«' {
			opening++
		}
		switch {
		case IsWordRune(r):
			if start < 0 {
				start = i
			}
		case start < 0:
			// Between words, a handle's or hashtag's sigil starts one.
			if isSigil(r) && i+n < s.End {
				if next, _ := d.runeAt(i + n); SigilStarts(r, next) {
					start = i
				}
			}
		case i+n < s.End:
			next, _ := d.runeAt(i + n)
			if IsJoiner(prev, r, next) {
				break
			}
			ws = append(ws, newWord(start, i, para))
			start = -1
		default:
			ws = append(ws, newWord(start, i, para))
			start = -1
		}
		i += n
	}
	if start >= 0 {
		ws = append(ws, newWord(start, s.End, para))
	}
	return ws, opening
}

// newWord returns the word [start, end) of paragraph para. Every offset
// fits an int32: Load models no text longer than MaxSize.
func newWord(start, end, para int) Word {
	return Word{Start: int32(start), End: int32(end), Paragraph: int32(para)}
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "capt": true, "sgt": true, "st": true,
	"jr": true, "sr": true, "inc": true, "ltd": true, "co": true, "corp": true, "vs": true,
	"etc": true, "e.g": true, "i.e": true, "no": true, "jan": true, "feb": true, "aug": true,
	"sept": true, "sep": true, "oct": true, "nov": true, "dec": true, "rev": true, "hon": true,
	"approx": true, "dept": true, "est": true, "fig": true, "mt": true, "ft": true, "pres": true,
}

func isOpener(r rune) bool {
	switch r {
	case '“', '‘', '"', '\'', '(', '[', '«', '¿', '¡':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', ')', ']', '»':
		return true
	}
	return false
}

// sentences appends the sentences of one paragraph to ss. A sentence ends at . ! ? or
// … (with any closing quotation marks and brackets after it) followed by
// white space and a capital, a digit or an opening mark; a full stop after
// a known abbreviation or a single capital (an initial) ends none.
func (d *Document) sentences(ss []Span, s Span, ends *byteFinder) []Span {
	start := s.Start
	prose := d.Prose[:s.End]
	for i := s.Start; i < s.End; {
		// Skip to the next byte that can end a sentence.
		if i = ends.index(i); i >= s.End {
			break
		}
		r, n := d.runeAt(i)
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += n
			continue
		}
		end := i + n
		for end < s.End {
			c, m := d.runeAt(end)
			if c != '.' && c != '!' && c != '?' && c != '…' && !isCloser(c) {
				break
			}
			end += m
		}
		if end >= s.End {
			break
		}
		next := end
		for next < s.End && isSpaceByte(prose[next]) {
			next++
		}
		if next == end || next >= s.End {
			i = end
			continue
		}
		c, _ := d.runeAt(next)
		if !(unicode.IsUpper(c) || isDigit(c) || isOpener(c)) || (r == '.' && d.abbreviationBefore(s.Start, i)) {
			i = end
			continue
		}
		ss = append(ss, Span{start, end})
		start = next
		i = next
	}
	if start < s.End {
		ss = append(ss, Span{start, s.End})
	}
	return ss
}

// abbreviationBefore reports whether the full stop at i follows an
// abbreviation or an initial.
func (d *Document) abbreviationBefore(lo, i int) bool {
	j := i
	for j > lo {
		r := d.runeBefore(lo, j)
		if !IsWordRune(r) && r != '.' {
			break
		}
		j -= utf8.RuneLen(r)
	}
	w := d.Prose[j:i]
	if len(w) == 0 {
		return false
	}
	if r, n := utf8.DecodeRune(w); n == len(w) && unicode.IsUpper(r) {
		return true // an initial: John F. Kennedy
	}
	var lower [16]byte
	if len(w) > len(lower) {
		return false
	}
	for k, c := range w {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[k] = c
	}
	return abbreviations[string(lower[:len(w)])]
}

// ParagraphAt returns the index of the paragraph holding offset off, or -1.
func (d *Document) ParagraphAt(off int) int {
	lo, hi := 0, len(d.Paragraphs)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Paragraphs[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Paragraphs) && d.Paragraphs[lo].Start <= off {
		return lo
	}
	return -1
}

// OnlySpaceBetween reports whether nothing but white space (line breaks
// included, masked text excluded) lies between offsets a and b of the prose.
func (d *Document) OnlySpaceBetween(a, b int) bool {
	for i := a; i < b; i++ {
		if !isSpaceByte(d.Prose[i]) {
			// A no-break space between words is space too.
			if r, n := d.runeAt(i); r == '\u00a0' || r == '\u202f' {
				i += n - 1
				continue
			}
			return false
		}
	}
	return true
}

// WordsIn returns the words that lie wholly inside span s.
func (d *Document) WordsIn(s Span) []Word {
	lo := sort.Search(len(d.Words), func(i int) bool { return int(d.Words[i].Start) >= s.Start })
	// Words do not overlap, so their ends are in order too.
	hi := lo + sort.Search(len(d.Words)-lo, func(i int) bool { return int(d.Words[lo+i].End) > s.End })
	return d.Words[lo:hi]
}
