package document

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Position is a place in a document as people count it: line and column are
// 1-based. The column counts Unicode code points, unless the method that
// returned the position was given another Unit (see PositionIn).
type Position struct {
	Line, Column int
}

// Unit is what a column counts: the characters of a line measured in
// bytes, code points or UTF-16 code units. Whatever the unit, a line's
// columns start after a byte order mark, a line break (LF, CRLF or a lone
// CR) ends a line, and a byte that is not valid UTF-8 counts as one
// character of its own, as utf8.DecodeRune reads it (one U+FFFD).
type Unit int

// The units a column counts. The zero Unit is CodePoints, the unit of
// Position and Offset.
const (
	// CodePoints counts Unicode code points: a character that takes four
	// bytes in UTF-8, like an emoji, counts one. It is LSP's "utf-32".
	CodePoints Unit = iota
	// Bytes counts UTF-8 bytes: an invalid byte counts one, and so does
	// each byte of a character that takes two, three or four. It is LSP's
	// "utf-8".
	Bytes
	// UTF16 counts UTF-16 code units, as JavaScript's string indexes and
	// LSP's default encoding ("utf-16") do: a code point above U+FFFF
	// (most emoji) counts two, the two halves of its surrogate pair, and
	// any other code point or invalid byte counts one.
	UTF16
)

// String returns the unit's name: "code points", "bytes" or "UTF-16 code
// units".
func (u Unit) String() string {
	switch u {
	case Bytes:
		return "bytes"
	case UTF16:
		return "UTF-16 code units"
	}
	return "code points"
}

// count returns the number of units in b, a part of one line.
func (u Unit) count(b []byte) int {
	switch u {
	case Bytes:
		return len(b)
	case UTF16:
		return utf16Count(b)
	}
	return runeCount(b)
}

// width returns the number of units in the character r, n bytes long, as
// utf8.DecodeRune returned them.
func (u Unit) width(r rune, n int) int {
	switch {
	case u == Bytes:
		return n
	case u == UTF16 && r > 0xFFFF:
		return 2
	}
	return 1
}

// Position converts a byte offset to a line and a column counted in code
// points: it is PositionIn(off, CodePoints).
func (d *Document) Position(off int) Position {
	return d.PositionIn(off, CodePoints)
}

// PositionIn converts a byte offset to a 1-based line and a 1-based column
// counted in unit u. The column counts the units of the line's bytes before
// the offset, so a line's characters, its line break among them, each have
// their own column, and the end of a line is one column past its last
// character. Offsets past the end are clamped to the end, negative ones to
// the start, and those inside a leading byte order mark to the column after
// it, column 1. An offset inside a multi-byte character counts, in code
// points and UTF-16 code units, the character's first bytes as invalid
// ones; offsets that start characters, as those of findings do, count none.
func (d *Document) PositionIn(off int, u Unit) Position {
	off, line, start := d.locate(off)
	return Position{Line: line + 1, Column: u.count(d.Text[start:off]) + 1}
}

// locate clamps off to the text and returns it with its 0-based line and
// the offset where that line's characters start (after a byte order mark).
func (d *Document) locate(off int) (clamped, line, start int) {
	if off < 0 {
		off = 0
	}
	if off > len(d.Text) {
		off = len(d.Text)
	}
	line = d.LineOf(off) - 1
	start = d.lines[line]
	if line == 0 && start < d.bom {
		start = d.bom
	}
	return max(off, start), line, start
}

// runeCount counts code points as utf8.RuneCount does (an invalid byte is
// one), without allocating.
func runeCount(b []byte) int {
	n := 0
	for i := 0; i < len(b); n++ {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return n
}

// utf16Count counts UTF-16 code units: runeCount, plus one for each code
// point above U+FFFF, the only ones UTF-8 encodes in four bytes.
func utf16Count(b []byte) int {
	n := 0
	for i := 0; i < len(b); n++ {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		if size == 4 {
			n++
		}
		i += size
	}
	return n
}

// LineOf returns the 1-based line holding offset off: Position(off).Line,
// without counting columns.
func (d *Document) LineOf(off int) int {
	return sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off })
}

// Offset converts a position whose column counts code points back to a
// byte offset: it is OffsetIn(p, CodePoints).
func (d *Document) Offset(p Position) int {
	return d.OffsetIn(p, CodePoints)
}

// OffsetIn converts a position whose column counts unit u back to a byte
// offset; it is the inverse of PositionIn for every offset that starts a
// character. A column inside a character (the second half of a surrogate
// pair in UTF-16, the second byte of a multi-byte character in bytes) gives
// the character's start. Positions outside the text are clamped to it: a
// line before the first to the start of the text (after a byte order mark),
// a line after the last to its end, a column before the first to the
// line's start, and a column past the line's end to the end of the line
// with its line break, the start of the next line.
func (d *Document) OffsetIn(p Position, u Unit) int {
	if p.Line < 1 {
		return d.bom
	}
	if p.Line > len(d.lines) {
		return len(d.Text)
	}
	off := d.lines[p.Line-1]
	if p.Line == 1 {
		off = d.bom
	}
	end := len(d.Text)
	if p.Line < len(d.lines) {
		end = d.lines[p.Line]
	}
	for col := 1; off < end; {
		r, n := rune(d.Text[off]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(d.Text[off:end])
		}
		w := u.width(r, n)
		if p.Column < col+w {
			break // p is this character's column or inside it
		}
		col += w
		off += n
	}
	return off
}

// Cursor converts many offsets to positions, with columns in one unit, fast
// when each offset is near the one before, as the starts, ends and fixes of sorted findings are: it
// counts only the characters between the two, so converting every finding
// of a long line costs time linear in the line, not quadratic. A Cursor is
// not safe for concurrent use; make one per goroutine.
type Cursor struct {
	d    *Document
	unit Unit
	off  int // the last offset converted, or -1
	line int // its 0-based line
	col  int // its 1-based column
}

// Cursor returns a new Cursor over d whose columns count code points.
func (d *Document) Cursor() *Cursor { return d.CursorIn(CodePoints) }

// CursorIn returns a new Cursor over d whose columns count unit u.
func (d *Document) CursorIn(u Unit) *Cursor { return &Cursor{d: d, unit: u, off: -1} }

// Position is d.PositionIn(off, u), where u is the Cursor's unit.
func (c *Cursor) Position(off int) Position {
	d := c.d
	off, line, start := d.locate(off)
	switch {
	case c.off < 0 || line != c.line || off-start < abs(off-c.off):
		c.col = c.unit.count(d.Text[start:off]) + 1
	case off >= c.off:
		c.col += c.unit.count(d.Text[c.off:off])
	default:
		c.col -= c.unit.count(d.Text[off:c.off])
	}
	c.off, c.line = off, line
	return Position{Line: line + 1, Column: c.col}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Lines maps positions in a text that has not been modelled, as an editor's
// buffer between two edits is: the same lines and columns as a Document of
// that text gives (Document.PositionIn, Document.OffsetIn, Document.Line),
// without cutting the text into paragraphs and words. The zero value is
// not ready; use NewLines.
type Lines struct {
	d Document
}

// NewLines indexes the lines of text, which it does not copy.
func NewLines(text []byte) *Lines {
	l := &Lines{d: Document{Text: text}}
	if bytes.HasPrefix(text, []byte("\uFEFF")) {
		l.d.bom = 3
	}
	l.d.indexLines()
	return l
}

// Count returns the number of lines.
func (l *Lines) Count() int { return len(l.d.lines) }

// Line returns the span of line n (1-based) without its line break.
func (l *Lines) Line(n int) Span { return l.d.Line(n) }

// PositionIn converts a byte offset to a position (see
// Document.PositionIn).
func (l *Lines) PositionIn(off int, u Unit) Position { return l.d.PositionIn(off, u) }

// OffsetIn converts a position to a byte offset (see Document.OffsetIn).
func (l *Lines) OffsetIn(p Position, u Unit) int { return l.d.OffsetIn(p, u) }
