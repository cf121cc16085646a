package document

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// otherCloser gives, for each opening mark of a quotation style that
// pairQuotes does not pair, the marks that may close it: German and
// Central European „…“ and „…”, ‚…‘ and ‚…’; French and Russian «…»;
// Danish and German »…« and Swedish »…»; the single guillemets ‹…› and
// ›…‹; CJK corner brackets 「…」 and 『…』, and 〝…〞.
var otherCloser = map[rune]string{
	'„':      "“”",
	'‚':      "‘’",
	'«':      "»",
	'»':      "«»",
	'‹':      "›",
	'›':      "‹›",
	'「':      "」",
	'『':      "』",
	'\u301D': "\u301E\u301F",
}

// isOtherQuoteLead reports whether byte c can start the encoding of a mark
// in otherCloser: each is two bytes from 0xC2 or three from 0xE2 or 0xE3.
func isOtherQuoteLead(c byte) bool { return c == 0xC2 || c == 0xE2 || c == 0xE3 }

// otherQuotes finds the quotations in the styles of otherCloser, each
// from its opening mark to the end of its closing mark, outermost only and
// in order. Marks pair within a paragraph, nested ones inside; a
// quotation still open at the end of its paragraph runs to that end, so
// that text after a lone opening mark is taken for quoted rather than
// edited. A closing mark of a style with a distinct opener that closes
// nothing is ignored.
func (d *Document) otherQuotes() []Span {
	var out []Span
	type open struct {
		at     int
		closer string
	}
	var stack []open
	for _, p := range d.Paragraphs {
		stack = stack[:0]
		for i := p.Start; i < p.End; i++ {
			if !isOtherQuoteLead(d.Prose[i]) {
				continue
			}
			r, n := utf8.DecodeRune(d.Prose[i:p.End])
			closes := false
			if k := len(stack); k > 0 {
				for _, c := range stack[k-1].closer {
					// A right single quotation mark followed by a letter
					// is an apostrophe (‚Peter’s‘), not the closer.
					if c == r && !(r == '’' && i+n < p.End && isLetterAt(d.Prose, i+n)) {
						closes = true
					}
				}
			}
			switch {
			case closes:
				k := len(stack) - 1
				if k == 0 {
					out = append(out, Span{stack[0].at, i + n})
				}
				stack = stack[:k]
			case otherCloser[r] != "":
				stack = append(stack, open{i, otherCloser[r]})
			}
			i += n - 1
		}
		if len(stack) > 0 {
			out = append(out, Span{stack[0].at, p.End})
		}
	}
	return out
}

// isLetterAt reports whether the rune at b[i] is a letter.
func isLetterAt(b []byte, i int) bool {
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsLetter(r)
}

// Quoted reports whether offset off lies inside a quotation, its marks
// included: one that Quotes holds (see InQuote), or one in a style that
// docqa does not pair yet, such as „…“, «…», »…«, ‹…› and 「…」. Fixes
// use it: a speaker's words in any style are not edited without asking.
func (d *Document) Quoted(off int) bool {
	if d.InQuote(off) {
		return true
	}
	d.otherOnce.Do(func() { d.other = d.otherQuotes() })
	i := sort.Search(len(d.other), func(i int) bool { return d.other[i].End > off })
	return i < len(d.other) && d.other[i].Contains(off)
}
