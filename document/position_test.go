package document

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

var units = []Unit{CodePoints, Bytes, UTF16}

func TestPositionIn(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		marker string // the offset converted is its first occurrence's
		off    int    // or, with no marker, this offset
		// line is the position's line; points, bytes and utf16 its column
		// in each unit.
		line, points, bytes, utf16 int
	}{
		{"ASCII", "see target", "target", 0, 1, 5, 5, 5},
		{"first byte", "target", "target", 0, 1, 1, 1, 1},
		{"LF", "one\ntwo target", "target", 0, 2, 5, 5, 5},
		{"CRLF", "one\r\ntwo target", "target", 0, 2, 5, 5, 5},
		{"CR of a CRLF", "one\r\ntwo", "\r", 0, 1, 4, 4, 4},
		{"LF of a CRLF", "one\r\ntwo", "\n", 0, 1, 5, 5, 5},
		{"lone CR", "one\rtwo target", "target", 0, 2, 5, 5, 5},
		{"BOM: line 1 starts after it", "\uFEFFtarget", "target", 0, 1, 1, 1, 1},
		{"BOM, later in the line", "\uFEFFsee target", "target", 0, 1, 5, 5, 5},
		{"BOM, line 2", "\uFEFFone\r\n中 target", "target", 0, 2, 3, 5, 3},
		{"inside the BOM", "\uFEFFtarget", "", 1, 1, 1, 1, 1},
		{"before the BOM", "\uFEFFtarget", "", 0, 1, 1, 1, 1},
		{"tabs count one", "\t\ttarget", "target", 0, 1, 3, 3, 3},
		{"CJK", "中文字 target", "target", 0, 1, 5, 11, 5},
		{"emoji outside the BMP", "😀😀 target", "target", 0, 1, 4, 10, 6},
		{"emoji, line 2", "a\n😀x", "x", 0, 2, 2, 5, 3},
		{"combining mark counts on its own", "cafe\u0301 target", "target", 0, 1, 7, 8, 7},
		{"precomposed é", "caf\u00e9 target", "target", 0, 1, 6, 7, 6},
		{"U+FFFF, the last BMP code point", "\uFFFFx", "x", 0, 1, 2, 4, 2},
		{"U+10000, the first beyond it", "\U00010000x", "x", 0, 1, 2, 5, 3},
		{"invalid bytes count one each", "\xff\xfe target", "target", 0, 1, 4, 4, 4},
		{"truncated character", "\xe4\xb8 target", "target", 0, 1, 4, 4, 4},
		{"encoded surrogate is invalid", "\xed\xa0\x80x", "x", 0, 1, 4, 4, 4},
		{"end of text", "abc", "", 3, 1, 4, 4, 4},
		{"end of text after a line break", "abc\n", "", 4, 2, 1, 1, 1},
		{"empty document", "", "", 0, 1, 1, 1, 1},
		{"empty document, past the end", "", "", 5, 1, 1, 1, 1},
		{"past the end", "a😀", "", 99, 1, 3, 6, 4},
		{"negative", "abc", "", -4, 1, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.txt", []byte(tt.text))
			off := tt.off
			if tt.marker != "" {
				off = strings.Index(tt.text, tt.marker)
			}
			cols := map[Unit]int{CodePoints: tt.points, Bytes: tt.bytes, UTF16: tt.utf16}
			for _, u := range units {
				want := Position{tt.line, cols[u]}
				if got := d.PositionIn(off, u); got != want {
					t.Errorf("PositionIn(%d, %v) = %v, want %v", off, u, got, want)
				}
				if got := d.CursorIn(u).Position(off); got != want {
					t.Errorf("CursorIn(%v).Position(%d) = %v, want %v", u, off, got, want)
				}
			}
			if got, want := d.Position(off), d.PositionIn(off, CodePoints); got != want {
				t.Errorf("Position(%d) = %v, PositionIn(CodePoints) = %v", off, got, want)
			}
		})
	}
}

func TestOffsetIn(t *testing.T) {
	tests := []struct {
		name string
		text string
		pos  Position
		unit Unit
		want int
	}{
		{"ASCII", "one\ntwo", Position{2, 2}, Bytes, 5},
		{"column 1", "one\ntwo", Position{2, 1}, UTF16, 4},
		{"CJK in code points", "中文字x", Position{1, 4}, CodePoints, 9},
		{"CJK in bytes", "中文字x", Position{1, 10}, Bytes, 9},
		{"CJK in UTF-16", "中文字x", Position{1, 4}, UTF16, 9},
		{"emoji in code points", "😀😀x", Position{1, 3}, CodePoints, 8},
		{"emoji in bytes", "😀😀x", Position{1, 9}, Bytes, 8},
		{"emoji in UTF-16", "😀😀x", Position{1, 5}, UTF16, 8},
		{"inside a surrogate pair", "a😀x", Position{1, 3}, UTF16, 1},
		{"after a surrogate pair", "a😀x", Position{1, 4}, UTF16, 5},
		{"inside a multi-byte character", "a中x", Position{1, 3}, Bytes, 1},
		{"last byte of a multi-byte character", "a中x", Position{1, 4}, Bytes, 1},
		{"inside an emoji in bytes", "a😀x", Position{1, 5}, Bytes, 1},
		{"U+FFFF counts one in UTF-16", "\uFFFFx", Position{1, 2}, UTF16, 3},
		{"U+10000 counts two in UTF-16", "\U00010000x", Position{1, 3}, UTF16, 4},
		{"invalid bytes", "\xff\xfex", Position{1, 3}, UTF16, 2},
		{"BOM: column 1 follows it", "\uFEFFabc", Position{1, 1}, Bytes, 3},
		{"BOM, later in the line", "\uFEFFabc", Position{1, 3}, UTF16, 5},
		{"BOM, line 2", "\uFEFFa\nbc", Position{2, 2}, Bytes, 6},
		{"tab", "\tx", Position{1, 2}, CodePoints, 1},
		{"combining mark", "e\u0301x", Position{1, 3}, CodePoints, 3},
		{"combining mark in UTF-16", "e\u0301x", Position{1, 3}, UTF16, 3},
		{"CRLF: the CR", "ab\r\ncd", Position{1, 3}, UTF16, 2},
		{"CRLF: the LF", "ab\r\ncd", Position{1, 4}, UTF16, 3},
		{"CRLF: line 2", "ab\r\ncd", Position{2, 2}, Bytes, 5},
		{"past a line's end: the next line's start", "ab\ncd", Position{1, 9}, CodePoints, 3},
		{"past a CRLF line's end", "ab\r\ncd", Position{1, 9}, Bytes, 4},
		{"past the last line's end", "ab\ncd", Position{2, 9}, UTF16, 5},
		{"column 0", "ab\ncd", Position{2, 0}, Bytes, 3},
		{"negative column", "ab\ncd", Position{2, -3}, UTF16, 3},
		{"line 0", "\uFEFFab", Position{0, 2}, CodePoints, 3},
		{"line past the last", "ab\ncd", Position{7, 1}, Bytes, 5},
		{"empty document", "", Position{1, 1}, UTF16, 0},
		{"empty document, past its end", "", Position{3, 3}, Bytes, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.txt", []byte(tt.text))
			if got := d.OffsetIn(tt.pos, tt.unit); got != tt.want {
				t.Errorf("OffsetIn(%v, %v) = %d, want %d", tt.pos, tt.unit, got, tt.want)
			}
			if tt.unit == CodePoints {
				if got := d.Offset(tt.pos); got != tt.want {
					t.Errorf("Offset(%v) = %d, want %d", tt.pos, got, tt.want)
				}
			}
		})
	}
}

func TestUnitString(t *testing.T) {
	for u, want := range map[Unit]string{CodePoints: "code points", Bytes: "bytes", UTF16: "UTF-16 code units"} {
		if got := u.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(u), got, want)
		}
	}
}

func TestCursorInMatchesPositionIn(t *testing.T) {
	text := "\uFEFFab 中文 😀\r\nline two\twith 𐐀 tab\rthree ünïcode \xff\n\nend 😀😀"
	d := Load("a.txt", []byte(text))
	var starts []int // every character's start, and the end
	for off := 0; off <= len(text); off++ {
		if off == len(text) || utf8.RuneStart(text[off]) {
			starts = append(starts, off)
		}
	}
	for _, u := range units {
		c := d.CursorIn(u)
		// Forwards, backwards and jumping between lines.
		for _, off := range []int{0, 3, 5, 9, 4, 20, 18, 30, 2, len(text), 25, 25, 0, 40, 33} {
			if got, want := c.Position(off), d.PositionIn(off, u); got != want {
				t.Errorf("%v: Cursor.Position(%d) = %v, PositionIn = %v", u, off, got, want)
			}
		}
		for i := len(starts) - 1; i >= 0; i-- {
			off := starts[i]
			if got, want := c.Position(off), d.PositionIn(off, u); got != want {
				t.Fatalf("%v backwards: Cursor.Position(%d) = %v, PositionIn = %v", u, off, got, want)
			}
		}
		for _, off := range starts {
			if got, want := c.Position(off), d.PositionIn(off, u); got != want {
				t.Fatalf("%v forwards: Cursor.Position(%d) = %v, PositionIn = %v", u, off, got, want)
			}
		}
	}
}

func TestPositionInAllocatesNothing(t *testing.T) {
	text := "Ünïcödé line with a target\nand 中文 😀 another target " + strings.Repeat("ünïcödé wörds ", 100) + "end"
	d := Load("a.txt", []byte(text))
	off := strings.LastIndex(text, "end")
	for _, u := range units {
		p := d.PositionIn(off, u)
		if n := testing.AllocsPerRun(100, func() { d.PositionIn(off, u) }); n != 0 {
			t.Errorf("PositionIn(%v) allocates %v times", u, n)
		}
		if n := testing.AllocsPerRun(100, func() { d.OffsetIn(p, u) }); n != 0 {
			t.Errorf("OffsetIn(%v) allocates %v times", u, n)
		}
	}
}

// FuzzPositionIn checks, for any text and in every unit, that each
// character's start converts to the position an independent count gives
// (lines split at LF, CRLF and lone CR, columns counted after a byte order
// mark with unicode/utf16) and back to the same offset, and that positions
// never go back as offsets go forward.
func FuzzPositionIn(f *testing.F) {
	for _, s := range []string{
		"", "abc", "one\ntwo\n", "one\r\ntwo\rthree\n\r\n", "\uFEFFa\r\nb", "\uFEFF", "\t\tx",
		"中文字 x", "😀😀 x\n𐐀", "\uFFFF\U00010000x", "cafe\u0301", "\xff\xfe bad \xe4\xb8", "\xed\xa0\x80", "\r\r\n\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := Load("f", []byte(text))
		bom := 0
		if strings.HasPrefix(text, "\uFEFF") {
			bom = 3
		}
		for _, u := range units {
			line, start := 1, bom // the line of off, and where its characters start
			var last Position
			for off := 0; off <= len(text); {
				// What starts at off: a line break (CRLF is two characters),
				// a character, an invalid byte or the end.
				n := 1
				if off < len(text) {
					_, n = utf8.DecodeRuneInString(text[off:])
				}
				if off < bom {
					n = bom - off // inside a byte order mark: on to its end
				}
				want := Position{line, columnOf(text[start:max(off, start)], u)}
				got := d.PositionIn(off, u)
				if got != want {
					t.Fatalf("%v: PositionIn(%d) = %v, want %v", u, off, got, want)
				}
				if got.Line < last.Line || got.Line == last.Line && got.Column < last.Column {
					t.Fatalf("%v: PositionIn(%d) = %v goes back from %v", u, off, got, last)
				}
				last = got
				if back := d.OffsetIn(got, u); back != max(off, bom) {
					t.Fatalf("%v: OffsetIn(PositionIn(%d) = %v) = %d", u, off, got, back)
				}
				if off == len(text) {
					break
				}
				if text[off] == '\n' || text[off] == '\r' && (off+1 == len(text) || text[off+1] != '\n') {
					line, start = line+1, off+1
				}
				off += n
			}
		}
	})
}

// columnOf counts the column after s in unit u the slow way: each invalid
// byte as U+FFFD, as converting to []rune does.
func columnOf(s string, u Unit) int {
	switch u {
	case Bytes:
		return len(s) + 1
	case UTF16:
		return len(utf16.Encode([]rune(s))) + 1
	}
	return len([]rune(s)) + 1
}

func TestLinesAgreeWithDocument(t *testing.T) {
	texts := []string{
		"",
		"one line",
		"\uFEFF“Quote,” she said.\r\nNext 😀 line\rlone CR\n",
		"a\n\nb\r\n\r\nc",
		"tab\there 中文 ’90s\n\xffbad",
	}
	for _, text := range texts {
		doc := Load("x.txt", []byte(text))
		lines := NewLines([]byte(text))
		if lines.Count() != doc.LineCount() {
			t.Errorf("%q: Count() = %d, document has %d lines", text, lines.Count(), doc.LineCount())
		}
		for n := 0; n <= doc.LineCount()+1; n++ {
			if got, want := lines.Line(n), doc.Line(n); got != want {
				t.Errorf("%q: Line(%d) = %v, want %v", text, n, got, want)
			}
		}
		for _, u := range []Unit{Bytes, CodePoints, UTF16} {
			for off := -1; off <= len(text)+1; off++ {
				p := lines.PositionIn(off, u)
				if want := doc.PositionIn(off, u); p != want {
					t.Errorf("%q: PositionIn(%d, %v) = %v, want %v", text, off, u, p, want)
				}
				if got, want := lines.OffsetIn(p, u), doc.OffsetIn(p, u); got != want {
					t.Errorf("%q: OffsetIn(%v, %v) = %d, want %d", text, p, u, got, want)
				}
			}
		}
	}
}
