package document

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// segment splits the prose blocks into paragraphs, sentences and words.
func (d *Document) segment(blocks []block) {
	d.Paragraphs = make([]Paragraph, 0, len(blocks))
	// A word is about six bytes of prose; guess capacity to avoid regrowth.
	d.Words = make([]Word, 0, len(d.Prose)/6+1)
	for _, b := range blocks {
		p := Paragraph{Span: b.Span, Heading: b.heading}
		p.FirstWord = len(d.Words)
		d.words(b.Span, len(d.Paragraphs))
		p.EndWord = len(d.Words)
		p.FirstSentence = len(d.Sentences)
		d.sentences(b.Span)
		p.EndSentence = len(d.Sentences)
		d.Paragraphs = append(d.Paragraphs, p)
	}
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
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// sentenceEndLead marks the bytes that can start a sentence's final mark.
var sentenceEndLead = [256]bool{'.': true, '!': true, '?': true, 0xE2: true}

// asciiWord marks the ASCII bytes that are word runes.
var asciiWord = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = IsWordRune(rune(c))
	}
	return t
}()

// isJoiner reports whether r joins the word runes on each side of it into
// one word: an apostrophe (report’s), a hyphen (counter-terrorism) or, with
// digits on both sides, a decimal point or thousands separator.
func isJoiner(prev, r, next rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '‑':
		return IsWordRune(prev) && IsWordRune(next)
	case '.', ',':
		return isDigit(prev) && isDigit(next)
	}
	return false
}

// words appends the words of one block.
func (d *Document) words(s Span, para int) {
	start := -1
	var prev rune
	prose := d.Prose
	for i := s.Start; i < s.End; {
		// Fast path: inside a word, ASCII letters and digits need no
		// decoding and no joiner check.
		if start >= 0 {
			for i < s.End && asciiWord[prose[i]] {
				i++
			}
			if i >= s.End {
				break
			}
			prev = rune(prose[i-1])
			if prose[i-1] >= utf8.RuneSelf {
				prev, _ = utf8.DecodeLastRune(prose[s.Start:i])
			}
		}
		r, n := d.runeAt(i)
		switch {
		case IsWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && i+n < s.End:
			next, _ := d.runeAt(i + n)
			if isJoiner(prev, r, next) {
				break
			}
			d.Words = append(d.Words, Word{Span: Span{start, i}, Paragraph: para})
			start = -1
		case start >= 0:
			d.Words = append(d.Words, Word{Span: Span{start, i}, Paragraph: para})
			start = -1
		}
		prev = r
		i += n
	}
	if start >= 0 {
		d.Words = append(d.Words, Word{Span: Span{start, s.End}, Paragraph: para})
	}
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

// sentences appends the sentences of one block. A sentence ends at . ! ? or
// … (with any closing quotation marks and brackets after it) followed by
// white space and a capital, a digit or an opening mark; a full stop after
// a known abbreviation or a single capital (an initial) ends none.
func (d *Document) sentences(s Span) {
	start := s.Start
	for i := s.Start; i < s.End; {
		// Skip to the next byte that can end a sentence: . ! ? or the lead
		// byte of … (0xE2).
		for i < s.End && !sentenceEndLead[d.Prose[i]] {
			i++
		}
		if i >= s.End {
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
		for next < s.End && isSpaceByte(d.Prose[next]) {
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
		d.Sentences = append(d.Sentences, Span{start, end})
		start = next
		i = next
	}
	if start < s.End {
		d.Sentences = append(d.Sentences, Span{start, s.End})
	}
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
	lo := sort.Search(len(d.Words), func(i int) bool { return d.Words[i].Start >= s.Start })
	hi := lo
	for hi < len(d.Words) && d.Words[hi].End <= s.End {
		hi++
	}
	return d.Words[lo:hi]
}
