package document

import (
	"cmp"
	"slices"
	"sort"
	"unicode"
)

// Quote is a quotation: an opening mark, the quoted words and, unless the
// quotation is left open, its closing mark. A quotation may run over several
// paragraphs, by the newsroom convention that each paragraph opens it again
// and only the last one closes it.
type Quote struct {
	// Open is the offset of the opening mark; Close the offset of the
	// closing mark, or -1 if the quotation is never closed.
	Open, Close int
	// Content is the span between the marks. An unclosed quotation's content
	// runs to the end of its paragraph.
	Content Span
	// Double reports a double quotation (“…”, "…"); otherwise it is single.
	Double bool
	// Depth is 0 for a quotation inside no other, 1 for one nested in it.
	Depth int
	// FirstParagraph and LastParagraph are the paragraphs the quotation
	// runs over.
	FirstParagraph, LastParagraph int
	// Reopens are the offsets of the marks that reopen the quotation at the
	// start of each continuation paragraph.
	Reopens []int
	// Colon reports that a colon introduces the quotation: just before its
	// opening mark, or ending the paragraph before.
	Colon bool
}

// QuoteProblemKind says what is wrong with a quotation mark.
type QuoteProblemKind int

// The ways a quotation mark can fail to pair.
const (
	// Unclosed is an opening mark that is never closed.
	Unclosed QuoteProblemKind = iota
	// Unopened is a closing mark that closes nothing.
	Unopened
	// NestedUnclosed is an opening mark still open when the quotation
	// around it closes (“ ‘ ” or crossed: “ ‘ ” ’).
	NestedUnclosed
)

// QuoteProblem is a quotation mark that pairs with nothing.
type QuoteProblem struct {
	Kind QuoteProblemKind
	// Mark is the offending mark's span.
	Mark Span
	// Other is the span of the mark it conflicts with (the closing mark of
	// the outer quotation for NestedUnclosed), or an empty span at -1.
	Other Span
	// Continued reports an Unclosed quotation that ran on over paragraphs
	// that each reopened it, and still never closed.
	Continued bool
}

// InQuote reports whether offset off lies inside a quotation, its marks
// included.
func (d *Document) InQuote(off int) bool {
	_, ok := d.OuterQuote(off)
	return ok
}

// OuterQuote returns the outermost quotation holding offset off.
func (d *Document) OuterQuote(off int) (Quote, bool) {
	i := sort.Search(len(d.outer), func(i int) bool { return d.Quotes[d.outer[i]].Open > off }) - 1
	if i < 0 {
		return Quote{}, false
	}
	q := d.Quotes[d.outer[i]]
	s := q.extent(d)
	return q, s.Contains(off)
}

// extent is the quotation's span, marks included.
func (q Quote) extent(d *Document) Span {
	end := q.Content.End
	if q.Close >= 0 {
		_, n := d.runeAt(q.Close)
		end = q.Close + n
	}
	return Span{q.Open, end}
}

// Extent returns the quotation's span in d, marks included.
func (d *Document) Extent(q Quote) Span { return q.extent(d) }

// elisions are the words an apostrophe may open: ’em, ’til, rock ’n’ roll.
var elisions = map[string]bool{
	"em": true, "til": true, "tis": true, "twas": true, "cause": true, "n": true,
	"bout": true, "nuff": true, "round": true, "tween": true, "gainst": true, "ello": true,
	"kay": true, "sup": true, "cos": true, "coz": true, "cuz": true, "neath": true, "fraid": true,
}

// finishQuotes marks colon-introduced quotations and indexes the outermost.
func (d *Document) finishQuotes() {
	if len(d.Quotes) > 0 {
		d.outer = make([]int, 0, len(d.Quotes))
	}
	for qi := range d.Quotes {
		q := &d.Quotes[qi]
		if q.Depth != 0 {
			continue
		}
		d.outer = append(d.outer, qi)
		p := d.Paragraphs[q.FirstParagraph]
		// A colon just before the opening mark…
		j := q.Open
		for j > p.Start && isSpaceByte(d.Prose[j-1]) {
			j--
		}
		if j > p.Start && d.Prose[j-1] == ':' {
			q.Colon = true
			continue
		}
		// …or ending the paragraph before, when the quotation opens this one.
		if j == p.Start && q.FirstParagraph > 0 {
			prev := d.Paragraphs[q.FirstParagraph-1]
			if e := d.lastProse(prev.Span); e >= 0 && d.Prose[e] == ':' {
				q.Colon = true
			}
			continue
		}
		// …or ending what introduces a list in plain text, when the
		// quotation opens an item of it (Here’s what you missed: ⏎ -   “…”).
		q.Colon = d.listIntroducedByColon(q.Open, p.Span, q.FirstParagraph)
	}
	// Unclosed quotations overlap nothing after their paragraph; keep the
	// index sorted by opening mark. Quotations are found in text order, so
	// it always is unless paragraphs come out of order.
	byOpen := func(a, b int) int { return cmp.Compare(d.Quotes[a].Open, d.Quotes[b].Open) }
	if !slices.IsSortedFunc(d.outer, byOpen) {
		slices.SortStableFunc(d.outer, byOpen)
	}
}

// apostrophe decides whether the single mark r (with prev the rune before
// it, the text after it starting at after) is an apostrophe rather than a
// quotation mark. It returns how many bytes after the mark to skip as part
// of the elision, or -1 for a quotation mark.
func (d *Document) apostrophe(r, prev rune, after, end int) int {
	next := ' '
	if after < end {
		next, _ = d.runeAt(after)
	}
	// Between two letters: report’s, isn’t, o’clock.
	if IsWordRune(prev) && IsWordRune(next) {
		return 0
	}
	if !IsWordRune(next) || IsWordRune(prev) {
		return -1
	}
	// Before a word: ’90s, ’em, rock ’n’ roll.
	if isDigit(next) {
		j := after
		for j < end {
			c, n := d.runeAt(j)
			if !isDigit(c) {
				break
			}
			j += n
		}
		if c, _ := d.runeAtOr(j, end); c == 's' || !IsWordRune(c) {
			return 0
		}
		return -1
	}
	if r == '‘' {
		return -1
	}
	j := after
	var word []rune
	for j < end && len(word) < 8 {
		c, n := d.runeAt(j)
		if !IsWordRune(c) {
			break
		}
		word = append(word, unicode.ToLower(c))
		j += n
	}
	if !elisions[string(word)] {
		return -1
	}
	c, n := d.runeAtOr(j, end)
	if IsWordRune(c) {
		return -1
	}
	if string(word) == "n" {
		// rock ’n’ roll: the mark after n is an apostrophe too.
		if c == '\'' || c == '’' {
			return j + n - after
		}
		return -1
	}
	return 0
}

func (d *Document) runeAtOr(i, end int) (rune, int) {
	if i >= end {
		return ' ', 0
	}
	return d.runeAt(i)
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == Masked || r == '\u00a0' || r == '\u202f'
}

// isOpenContext reports whether a mark after r can open a quotation.
func isOpenContext(r rune) bool {
	if isSpaceRune(r) {
		return true
	}
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', '“', '‘', '"', '\'', '«', ':':
		return true
	}
	return false
}

// isCloseContext reports whether a mark before r can close a quotation.
func isCloseContext(r rune) bool {
	if isSpaceRune(r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '…', '”', '’', '"', '\'', '»':
		return true
	}
	return false
}

// listIntroducedByColon reports whether offset j opens an item of a list
// written in plain text (a line that starts with -, *, •, or a number and
// . or ), then space), in paragraph p of index pi, and a colon ends what
// stands before the list's first item: the line before it, or the
// paragraph before when the list opens p.
func (d *Document) listIntroducedByColon(j int, p Span, pi int) bool {
	item := d.listItemStart(j, p)
	if item < 0 {
		return false
	}
	for item > p.Start {
		// The line before: an item too, or what introduces the list.
		prevEnd := item - 1 // its line break
		lineStart := prevEnd
		for lineStart > p.Start && d.Prose[lineStart-1] != '\n' {
			lineStart--
		}
		k := d.firstProse(Span{Start: lineStart, End: prevEnd})
		if k >= prevEnd {
			return false // a blank line
		}
		if d.listItemStart(d.afterMarker(k, prevEnd), p) >= 0 {
			item = lineStart
			continue
		}
		e := d.lastProse(Span{Start: lineStart, End: prevEnd})
		return e >= 0 && d.Prose[e] == ':'
	}
	if pi == 0 {
		return false
	}
	e := d.lastProse(d.Paragraphs[pi-1].Span)
	return e >= 0 && d.Prose[e] == ':'
}

// afterMarker returns the offset after a list marker and its space that
// starts at k, before end, or k if none does.
func (d *Document) afterMarker(k, end int) int {
	i := k
	switch {
	case i < end && (d.Prose[i] == '-' || d.Prose[i] == '*'):
		i++
	case i+3 <= end && string(d.Prose[i:i+3]) == "•":
		i += 3
	default:
		for i < end && d.Prose[i] >= '0' && d.Prose[i] <= '9' && i-k < 3 {
			i++
		}
		if i == k || i >= end || (d.Prose[i] != '.' && d.Prose[i] != ')') {
			return k
		}
		i++
	}
	if i >= end || (d.Prose[i] != ' ' && d.Prose[i] != '\t') {
		return k
	}
	for i < end && (d.Prose[i] == ' ' || d.Prose[i] == '\t') {
		i++
	}
	return i
}

// listItemStart returns the offset of the line start of the list item
// whose text begins at j (j comes right after a marker and its space,
// which open a line of p), or -1 if j begins no list item.
func (d *Document) listItemStart(j int, p Span) int {
	i := j
	for i > p.Start && (d.Prose[i-1] == ' ' || d.Prose[i-1] == '\t') {
		i--
	}
	if i == j {
		return -1 // a marker is followed by space
	}
	// The marker: -, *, •, or up to three digits and . or ).
	switch {
	case i > p.Start && (d.Prose[i-1] == '-' || d.Prose[i-1] == '*'):
		i--
	case i-3 >= p.Start && string(d.Prose[i-3:i]) == "•":
		i -= 3
	case i-1 > p.Start && (d.Prose[i-1] == '.' || d.Prose[i-1] == ')') && d.Prose[i-2] >= '0' && d.Prose[i-2] <= '9':
		i--
		for n := 0; i > p.Start && n < 3 && d.Prose[i-1] >= '0' && d.Prose[i-1] <= '9'; n++ {
			i--
		}
	default:
		return -1
	}
	// Only indentation between the line's start and the marker.
	for i > p.Start && (d.Prose[i-1] == ' ' || d.Prose[i-1] == '\t') {
		i--
	}
	if i > p.Start && d.Prose[i-1] != '\n' {
		return -1
	}
	return i
}

// firstProse returns the offset of the first prose byte of s that is not
// white space, or s.End.
func (d *Document) firstProse(s Span) int {
	for i := s.Start; i < s.End; i++ {
		if !isSpaceByte(d.Prose[i]) && d.Prose[i] != Masked {
			return i
		}
	}
	return s.End
}

// lastProse returns the offset of the last prose byte of s that is not white
// space (no-break spaces included), or -1.
func (d *Document) lastProse(s Span) int {
	for i := s.End - 1; i >= s.Start; i-- {
		if isSpaceByte(d.Prose[i]) || d.Prose[i] == Masked {
			continue
		}
		// A no-break space (U+00A0, U+202F) is space too.
		if i-1 >= s.Start && d.Prose[i-1] == 0xc2 && d.Prose[i] == 0xa0 {
			i--
			continue
		}
		if i-2 >= s.Start && d.Prose[i-2] == 0xe2 && d.Prose[i-1] == 0x80 && d.Prose[i] == 0xaf {
			i -= 2
			continue
		}
		return i
	}
	return -1
}

// opensQuote reports whether a paragraph starts with an opening mark: a
// double one if double, else a single one.
func (d *Document) opensQuote(s Span, double bool) bool {
	i := d.firstProse(s)
	if i >= s.End {
		return false
	}
	r, n := d.runeAt(i)
	next, _ := d.runeAtOr(i+n, s.End)
	switch r {
	case '“', '«', '„', '»', '「':
		return double
	case '"':
		return double && !isSpaceRune(next)
	case '‘', '‹', '‚', '『':
		return !double
	case '\'', '’':
		return !double && !isSpaceRune(next)
	}
	return false
}
