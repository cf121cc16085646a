package document

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// quoteStyle is the convention an opening mark belongs to, which decides
// the marks that close it.
type quoteStyle uint8

const (
	// styleEnglish: “…” and ‘…’, straight "…" and '…', «…» and ‹…›.
	styleEnglish quoteStyle = iota
	// styleLow9: German and Central European „…“ „…” and ‚…‘ ‚…’.
	styleLow9
	// styleReversed: Danish and German »…« ›…‹, Swedish »…» ›…›.
	styleReversed
	// styleCorner: CJK 「…」.
	styleCorner
	// styleWhiteCorner: CJK 『…』, nested in 「…」.
	styleWhiteCorner
)

// openMark is a quotation mark still open while a paragraph is paired.
type openMark struct {
	off, n   int
	double   bool
	straight bool
	style    quoteStyle
	quote    int // index in d.Quotes
}

// closes reports whether the mark r can close the quotation m opened.
func (m openMark) closes(r rune) bool {
	switch r {
	case '”', '"':
		return m.double && (m.style == styleEnglish || m.style == styleLow9)
	case '“':
		return m.double && m.style == styleLow9
	case '»':
		return m.double && (m.style == styleEnglish || m.style == styleReversed)
	case '«':
		return m.double && m.style == styleReversed
	case '’', '\'':
		return !m.double && (m.style == styleEnglish || m.style == styleLow9)
	case '‘':
		return !m.double && m.style == styleLow9
	case '›':
		return !m.double && (m.style == styleEnglish || m.style == styleReversed)
	case '‹':
		return !m.double && m.style == styleReversed
	case '」':
		return m.style == styleCorner
	case '』':
		return m.style == styleWhiteCorner
	}
	return false
}

// quoteLeads are the bytes that start a quotation mark in UTF-8: the
// straight marks, the lead byte of “ ” ‘ ’ „ ‚ ‹ › (0xE2), of « » (0xC2)
// and of 「 」 『 』 (0xE3).
var quoteLeads = []byte{'"', '\'', 0xE2, 0xC2, 0xE3}

// isQuoteRune reports whether r is a quotation mark pairQuotes pairs.
func isQuoteRune(r rune) bool {
	switch r {
	case '“', '”', '"', '‘', '’', '\'', '«', '»', '„', '‚', '‹', '›', '「', '」', '『', '』':
		return true
	}
	return false
}

// pairer is the state of pairQuotes: the stack of open marks, which
// carries from one paragraph into the next when the next one reopens the
// quotation, and the per-paragraph facts found on demand.
type pairer struct {
	d     *Document
	stack []openMark
	// reopens is the array the Reopens of all quotations share: only the
	// outermost open quotation is ever reopened, so its reopening marks
	// are the last ones found.
	reopens []int
	para    int  // index of the paragraph being paired
	p       Span // its span
	// roles are the roles of the paragraph's straight double marks.
	roles straightRoles
	// doubles are the offsets of the paragraph's “ and ” marks, found
	// when first needed (doublesFound says whether they have been), and
	// opens whether each is a “.
	doubles      []int
	opens        []bool
	doublesFound bool
	// lastSingle is the offset of the paragraph's last single mark that
	// could close a quotation, or -1; lastSingleFound says whether it has
	// been looked for.
	lastSingle      int
	lastSingleFound bool
}

// pairQuotes finds the quotation marks of every paragraph and pairs them.
// One pass over the document: the stack of open marks carries from one
// paragraph into the next when the next one reopens the quotation.
// Opening is the number of curly opening marks (“ ‘ «) in the paragraphs,
// as segment counts them, to presize Quotes.
func (d *Document) pairQuotes(opening int) {
	// Each of those but a rare ‘ opens a quotation, as does about every
	// other straight ", and now and then a ’ or '.
	quotes := opening + bytes.Count(d.Prose, []byte(`"`))/2
	if quotes = min(len(d.Prose)/16, quotes+quotes/8); quotes > 0 {
		d.Quotes = make([]Quote, 0, quotes)
	}
	pr := &pairer{d: d}
	leads := newByteFinder(d.Prose, quoteLeads)
	for pi := range d.Paragraphs {
		pr.paragraph(pi, leads)
	}
	if len(d.Quotes) == 0 {
		d.Quotes = nil // as if never presized
	}
	d.finishQuotes()
}

// paragraph pairs the marks of paragraph pi.
func (pr *pairer) paragraph(pi int, leads *byteFinder) {
	d := pr.d
	p := d.Paragraphs[pi]
	pr.para, pr.p = pi, p.Span
	pr.doublesFound, pr.lastSingleFound = false, false
	i := p.Start
	if len(pr.stack) > 0 {
		// The quotation carried over: this paragraph's opening mark
		// reopens it.
		off := d.firstProse(p.Span)
		_, n := d.runeAt(off)
		pr.reopen(off)
		q := &d.Quotes[pr.stack[0].quote]
		q.LastParagraph = pi
		q.Content.End = p.End
		i = off + n
	}
	continued := pr.continues(pi, true)
	pr.roles.choose(d, p.Start, i, p.End, pr.straightDepth(), continued)
	for i < p.End {
		// Skip to the next byte that can start a quotation mark.
		if i = leads.index(i); i >= p.End {
			break
		}
		r, n := d.runeAt(i)
		if !isQuoteRune(r) {
			i += n
			continue
		}
		after := i + n
		if skip := pr.mark(r, i, n); skip > 0 {
			after += skip
		}
		i = after
	}
	if len(pr.stack) == 0 {
		return
	}
	// The paragraph ends inside a quotation. It continues if the next
	// paragraph reopens it, with a mark of its kind (a single one in the
	// British style); otherwise every open mark is unclosed.
	if pr.carriesOn(pi, continued) {
		for _, m := range pr.stack[1:] {
			d.unclosed(m, false)
		}
		pr.stack = pr.stack[:1]
		return
	}
	for k := len(pr.stack) - 1; k >= 0; k-- {
		m := pr.stack[k]
		d.unclosed(m, len(d.Quotes[m.quote].Reopens) > 0)
	}
	pr.stack = pr.stack[:0]
}

// carriesOn reports whether the quotation open at the end of paragraph pi
// runs on into the next: the next opens with a mark of its kind (continued
// says so for a double one), and the quoted text in this one holds no
// attribution (", he said") that shows a closing mark was lost.
func (pr *pairer) carriesOn(pi int, continued bool) bool {
	d := pr.d
	outer := pr.stack[0]
	if outer.double && !continued || !outer.double && !pr.continues(pi, false) {
		return false
	}
	return !pr.lostClose(d.Paragraphs[pi].End)
}

// lostClose reports whether the outermost open quotation's text in this
// paragraph, from its last opening or reopening mark up to offset end,
// holds an attribution (", he said."): its closing mark was lost there.
func (pr *pairer) lostClose(end int) bool {
	d := pr.d
	from := max(pr.stack[0].off, pr.p.Start)
	if q := d.Quotes[pr.stack[0].quote]; len(q.Reopens) > 0 {
		from = max(from, q.Reopens[len(q.Reopens)-1])
	}
	_, _, lost := d.AttributionIn(Span{from, end})
	return lost
}

// continues reports whether a quotation still open at the end of
// paragraph pi runs on into the next, which opens with a quotation mark of
// the same kind, double or single.
func (pr *pairer) continues(pi int, double bool) bool {
	d := pr.d
	return !d.Paragraphs[pi].Heading && pi+1 < len(d.Paragraphs) && !d.Paragraphs[pi+1].Heading &&
		d.opensQuote(d.Paragraphs[pi+1].Span, double)
}

// straightDepth returns 1 if a straight double quotation is open, else 0.
func (pr *pairer) straightDepth() int {
	for _, m := range pr.stack {
		if m.double && m.straight {
			return 1
		}
	}
	return 0
}

// mark handles the quotation mark r of n bytes at i. It returns how many
// bytes after the mark to skip (an elision's), or 0.
func (pr *pairer) mark(r rune, i, n int) (skip int) {
	d := pr.d
	p := pr.p
	prev := d.runeBefore(p.Start, i)
	next, _ := d.runeAtOr(i+n, p.End)
	switch r {
	case '"':
		switch pr.roles.role(i) {
		case roleOpen:
			pr.open(i, n, true, true, styleEnglish)
		case roleClose:
			pr.close(i, n, r)
		case roleReopen:
			if len(pr.stack) == 1 && pr.stack[0].straight {
				pr.reopen(i)
			}
		case roleStray:
			if d.openLikeAt(i, n, pr.p) {
				d.unclosed(openMark{off: i, n: n}, false)
			} else {
				d.unopened(i, n)
			}
		}
	case '“':
		switch {
		case pr.top(r) >= 0:
			pr.close(i, n, r) // „…“
		case pr.top('”') >= 0 && !pr.stack[pr.top('”')].straight && d.closeLikeAt(i, n, pr.p):
			pr.close(i, n, '”') // curled the wrong way: “How doth the little--“
		case pr.mergedReopen(i, n):
			pr.reopen(i)
		default:
			pr.open(i, n, true, false, styleEnglish)
		}
	case '„':
		pr.open(i, n, true, false, styleLow9)
	case '«':
		if pr.top(r) >= 0 {
			pr.close(i, n, r) // »…«
		} else {
			pr.open(i, n, true, false, styleEnglish)
		}
	case '»':
		switch {
		case pr.top(r) >= 0:
			pr.close(i, n, r)
		case d.openLikeAt(i, n, pr.p):
			pr.open(i, n, true, false, styleReversed) // »…« or »…»
		default:
			d.unopened(i, n)
		}
	case '”', '」', '』':
		pr.close(i, n, r)
	case '「':
		pr.open(i, n, true, false, styleCorner)
	case '『':
		pr.open(i, n, false, false, styleWhiteCorner)
	case '‚':
		if !isSpaceRune(next) {
			pr.open(i, n, false, false, styleLow9)
		}
	case '‹':
		if pr.top(r) >= 0 {
			pr.close(i, n, r)
		} else {
			pr.open(i, n, false, false, styleEnglish)
		}
	case '›':
		// A lone › is as often an arrow ("Next ›") as a mark: never a problem.
		switch {
		case pr.top(r) >= 0:
			pr.close(i, n, r)
		case d.openLikeAt(i, n, pr.p):
			pr.open(i, n, false, false, styleReversed)
		}
	case '‘', '\'', '’':
		return pr.single(r, i, n, prev, next)
	}
	return 0
}

// single handles a single mark, which may be an apostrophe.
func (pr *pairer) single(r rune, i, n int, prev, next rune) (skip int) {
	d := pr.d
	p := pr.p
	after := i + n
	if k := len(pr.stack) - 1; k >= 0 && r == '‘' && pr.stack[k].closes(r) {
		pr.closeTop(i) // ‚…‘
		return 0
	}
	if skip := d.apostrophe(r, prev, after, p.End); skip >= 0 {
		return skip
	}
	if IsWordRune(next) && d.attachedLeft(i, p.Start) {
		// After a word and markup or a closing mark: `x`’s, *Nature*’s,
		// [NSQ](…)’s, "go get"’s.
		return 0
	}
	k := len(pr.stack) - 1
	topSingle := k >= 0 && !pr.stack[k].double && pr.stack[k].closes(r)
	switch {
	case r == '‘' && k >= 0 && !pr.stack[k].double && pr.stack[k].closes('’') && d.closeLikeAt(i, n, p):
		pr.closeTop(i) // curled the wrong way
	case r == '‘' && (k < 0 || pr.stack[k].double):
		pr.open(i, n, false, false, styleEnglish)
	case k >= 0 && !pr.stack[k].double:
		// A single quotation does not nest in a single one: a mark before
		// a word inside one is an elision ('gree'ble, 'spute, ‘em).
		if topSingle && !isSpaceRune(prev) && isCloseContext(next) {
			pr.closeTop(i)
		}
	case isOpenContext(prev) && !isSpaceRune(next) && !isCloseContext(next):
		// A mark before a word opens a quotation only if a mark later in
		// the paragraph could close it; otherwise it is the apostrophe of
		// a clipped word: 'scopes, ’burbs, 'cello.
		if pr.lastSingleCloser() > i {
			pr.open(i, n, false, r == '\'', styleEnglish)
		}
	case topSingle && !isSpaceRune(prev) && isCloseContext(next):
		pr.closeTop(i)
	default:
		// An apostrophe (Uyghurs’), a foot mark (5'10"), or a stray mark
		// between spaces: no quotation.
	}
	return 0
}

// lastSingleCloser returns the offset of the paragraph's last ’ or ' that
// could close a quotation (after a non-space, before a space or
// punctuation, not between two word characters), or -1.
func (pr *pairer) lastSingleCloser() int {
	if pr.lastSingleFound {
		return pr.lastSingle
	}
	d := pr.d
	pr.lastSingleFound, pr.lastSingle = true, -1
	for i := pr.p.End - 1; i >= pr.p.Start; i-- {
		c := d.Prose[i]
		var n int
		switch {
		case c == '\'':
			n = 1
		case c == 0x99 && i >= pr.p.Start+2 && d.Prose[i-1] == 0x80 && d.Prose[i-2] == 0xE2: // ’
			i -= 2
			n = 3
		default:
			continue
		}
		prev := d.runeBefore(pr.p.Start, i)
		next, _ := d.runeAtOr(i+n, pr.p.End)
		if !isSpaceRune(prev) && isCloseContext(next) {
			pr.lastSingle = i
			return i
		}
	}
	return -1
}

// top returns the index in the stack of the innermost open mark that the
// mark r closes, or -1. A mark that may be an apostrophe (’ ') only ever
// closes the innermost quotation; the others close the innermost one of
// their kind, leaving any open inside it crossed.
func (pr *pairer) top(r rune) int {
	// Real quotations nest a few deep; a bound keeps text of thousands of
	// marks left open linear.
	for k := len(pr.stack) - 1; k >= 0 && k >= len(pr.stack)-maxNesting; k-- {
		if pr.stack[k].closes(r) {
			return k
		}
		if r == '’' || r == '\'' {
			break
		}
	}
	return -1
}

// maxNesting is how many open quotations, from the innermost, a closing
// mark looks through for the one it closes.
const maxNesting = 16

// open pushes an opening mark and records its quotation.
func (pr *pairer) open(off, n int, double, straight bool, style quoteStyle) {
	d := pr.d
	d.Quotes = append(d.Quotes, Quote{
		Open: off, Close: -1, Content: Span{off + n, pr.p.End},
		Double: double, Depth: len(pr.stack), FirstParagraph: pr.para, LastParagraph: pr.para,
	})
	pr.stack = append(pr.stack, openMark{off: off, n: n, double: double, straight: straight, style: style, quote: len(d.Quotes) - 1})
}

// closeTop closes the innermost open quotation with the mark at off.
func (pr *pairer) closeTop(off int) {
	k := len(pr.stack) - 1
	q := &pr.d.Quotes[pr.stack[k].quote]
	q.Close = off
	q.Content.End = off
	pr.stack = pr.stack[:k]
}

// close handles a closing mark r of n bytes at off: it closes the
// innermost quotation r closes, reporting any still open inside it, or
// reports r as closing nothing.
func (pr *pairer) close(off, n int, r rune) {
	d := pr.d
	k := pr.top(r)
	if k < 0 {
		d.unopened(off, n)
		return
	}
	for j := len(pr.stack) - 1; j > k; j-- {
		m := pr.stack[j]
		d.QuoteProblems = append(d.QuoteProblems, QuoteProblem{
			Kind: NestedUnclosed, Mark: Span{m.off, m.off + m.n}, Other: Span{off, off + n},
		})
		d.Quotes[m.quote].Content.End = off
	}
	pr.stack = pr.stack[:k+1]
	pr.closeTop(off)
}

// reopen records the mark at off as reopening the outermost open
// quotation.
func (pr *pairer) reopen(off int) {
	q := &pr.d.Quotes[pr.stack[0].quote]
	pr.reopens = append(pr.reopens, off)
	end := len(pr.reopens)
	q.Reopens = pr.reopens[end-len(q.Reopens)-1 : end : end]
}

// mergedReopen reports whether the “ of n bytes at i reopens the one open
// double quotation rather than nesting in it: the multi-paragraph
// convention in text whose paragraph breaks were lost. It does when the
// mark follows the end of a sentence, the curly marks after it do not
// read as a nested quotation closing and then its outer one (” … ”), and
// the quoted text before it holds no attribution.
func (pr *pairer) mergedReopen(i, n int) bool {
	if len(pr.stack) != 1 || !pr.stack[0].double || pr.stack[0].straight || pr.stack[0].style != styleEnglish {
		return false
	}
	d := pr.d
	if !d.openLikeAt(i, n, pr.p) || !d.afterSentenceEnd(i, pr.p.Start) {
		return false
	}
	if !pr.doublesFound {
		pr.doublesFound = true
		pr.doubles, pr.opens = pr.doubles[:0], pr.opens[:0]
		for j := pr.p.Start; j < pr.p.End; {
			k := bytes.Index(d.Prose[j:pr.p.End], []byte{0xE2, 0x80})
			if k < 0 || j+k+2 >= pr.p.End {
				break
			}
			j += k
			if c := d.Prose[j+2]; c == 0x9C || c == 0x9D { // “ or ”
				pr.doubles = append(pr.doubles, j)
				pr.opens = append(pr.opens, c == 0x9C)
			}
			j += 3
		}
	}
	k := sort.SearchInts(pr.doubles, i) // this mark
	if k+2 < len(pr.doubles) && !pr.opens[k+1] && !pr.opens[k+2] {
		return false // “ … ” … ”: nested, then the outer closes
	}
	// An attribution in the quoted text (", he said.") shows that its
	// closing mark was lost, not its paragraph break.
	return !pr.lostClose(i)
}

// afterSentenceEnd reports whether the text before offset i, white space
// aside, ends a sentence: . ! ? or ….
func (d *Document) afterSentenceEnd(i, lo int) bool {
	j := i
	for j > lo && isSpaceByte(d.Prose[j-1]) {
		j--
	}
	if j == i || j == lo {
		return false
	}
	switch d.runeBefore(lo, j) {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

// unclosed reports an opening mark never closed.
func (d *Document) unclosed(m openMark, continued bool) {
	d.QuoteProblems = append(d.QuoteProblems, QuoteProblem{
		Kind: Unclosed, Mark: Span{m.off, m.off + m.n}, Other: Span{-1, -1}, Continued: continued,
	})
}

// unopened reports a closing mark of n bytes at off that closes nothing.
func (d *Document) unopened(off, n int) {
	d.QuoteProblems = append(d.QuoteProblems, QuoteProblem{Kind: Unopened, Mark: Span{off, off + n}, Other: Span{-1, -1}})
}

// isMarkupByte reports whether c is Markdown markup that can stand between
// a word and a mark attached to it: emphasis, code span and strikethrough
// delimiters.
func isMarkupByte(c byte) bool { return c == '*' || c == '_' || c == '`' || c == '~' }

// neighbours returns the characters on either side of the mark of n bytes
// at i, in the paragraph from lo to hi, as the source text has them,
// looking through emphasis and code span delimiters; ' ' at the
// paragraph's ends. Inside a code span or a link target the characters
// are those of the source: a mark after `x` is after x.
func (d *Document) neighbours(i, n, lo, hi int) (before, after rune) {
	j := i
	for j > lo && isMarkupByte(d.Text[j-1]) {
		j--
	}
	before = ' '
	if j > lo {
		if before = rune(d.Text[j-1]); before >= utf8.RuneSelf {
			before, _ = utf8.DecodeLastRune(d.Text[lo:j])
		}
	}
	k := i + n
	for k < hi && isMarkupByte(d.Text[k]) {
		k++
	}
	after = ' '
	if k < hi {
		if after = rune(d.Text[k]); after >= utf8.RuneSelf {
			after, _ = utf8.DecodeRune(d.Text[k:hi])
		}
	}
	return before, after
}

// openLike reports whether a mark between before and after (see
// neighbours) stands where an opening mark does: after white space or an
// opening bracket, dash or mark, and before a word rather than white space
// or closing punctuation.
func openLike(before, after rune) bool {
	return isOpenContext(before) && !isSpaceRune(after) && !isCloseContext(after)
}

// closeLike reports whether a mark between before and after stands where a
// closing mark does: after a word or punctuation, and before white space
// or closing punctuation.
func closeLike(before, after rune) bool {
	return !isSpaceRune(before) && !isOpenBracket(before) && isCloseContext(after)
}

// closeLikeAt is closeLike for the mark of n bytes at i in the paragraph p.
func (d *Document) closeLikeAt(i, n int, p Span) bool {
	return closeLike(d.neighbours(i, n, p.Start, p.End))
}

// openLikeAt is openLike for the mark of n bytes at i in the paragraph p.
func (d *Document) openLikeAt(i, n int, p Span) bool {
	return openLike(d.neighbours(i, n, p.Start, p.End))
}

func isOpenBracket(r rune) bool { return r == '(' || r == '[' || r == '{' }

// attachedLeft reports whether the mark at i is attached on its left to a
// word: the source text before it, through Markdown markup, closing
// brackets and closing quotation marks, reaches a character that is not
// white space or an opening bracket. `x`'s, [NSQ](…)'s and "go get"'s
// are; *'never'* and "'Tis" are not.
func (d *Document) attachedLeft(i, lo int) bool {
	j := i
	for j > lo {
		c := d.Text[j-1]
		if isMarkupByte(c) || c == ')' || c == ']' || c == '"' {
			j--
			continue
		}
		r, n := utf8.DecodeLastRune(d.Text[lo:j])
		if r == '”' || r == '’' {
			j -= n
			continue
		}
		break
	}
	if j == i {
		return false // nothing to look through: the caller's prev decides
	}
	if j == lo {
		return false
	}
	r, _ := utf8.DecodeLastRune(d.Text[lo:j])
	return IsWordRune(r) || r == '.' || r == '!' || r == '?'
}
