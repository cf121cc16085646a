package document

import (
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16LE encodes s as UTF-16 little-endian, with a byte order mark if bom.
func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// utf16BE encodes s as UTF-16 big-endian, with a byte order mark if bom.
func utf16BE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// utf32LE encodes s as UTF-32 little-endian, without a byte order mark.
func utf32LE(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8), byte(r>>16), 0)
	}
	return b
}

func TestUnreadEncoding(t *testing.T) {
	const prose = "He said the ruling “ignores the evidence.”\r\nSecond line.\r\n"
	tests := []struct {
		name   string
		text   []byte
		want   string
		binary bool
	}{
		{"UTF-16LE with BOM", utf16LE(prose, true), UTF16LE, false},
		{"UTF-16BE with BOM", utf16BE(prose, true), UTF16BE, false},
		{"UTF-16LE without BOM", utf16LE(prose, false), UTF16LE, false},
		{"UTF-16BE without BOM", utf16BE(prose, false), UTF16BE, false},
		{"UTF-32LE with BOM", append([]byte{0xFF, 0xFE, 0, 0}, utf32LE(prose)...), UTF32LE, false},
		{"UTF-32LE without BOM", utf32LE(prose), UTF32LE, false},
		{"UTF-16LE BOM only", []byte{0xFF, 0xFE}, UTF16LE, false},
		{"UTF-8", []byte(prose), "", false},
		{"UTF-8 with BOM", []byte("\uFEFF" + prose), "", false},
		{"Latin-1", []byte("caf\xe9 au lait"), "", false},
		{"empty", nil, "", false},
		{"one NUL in text", []byte("The\x00the ends.\n"), "", true},
		{"PNG header", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "", true},
		{"NULs every other byte, but not mostly", []byte(strings.Repeat("a\x00bc", 64)), "", true},
		{"NUL", []byte{0}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := UnreadEncoding(tt.text); got != tt.want {
				t.Errorf("UnreadEncoding = %q, want %q", got, tt.want)
			}
			if got := IsBinary(tt.text); got != tt.binary {
				t.Errorf("IsBinary = %v, want %v", got, tt.binary)
			}
		})
	}
}

func TestLoadUTF16(t *testing.T) {
	d := Load("a.md", utf16LE("The the end.\n", true))
	if d.Encoding() != UTF16LE || d.Binary() || len(d.Words) != 0 || len(d.Paragraphs) != 0 {
		t.Errorf("Encoding %q, Binary %v, %d words, %d paragraphs; want UTF-16LE, false, none, none",
			d.Encoding(), d.Binary(), len(d.Words), len(d.Paragraphs))
	}
	if !HasByteOrderMark(d.Text) || HasByteOrderMark(utf16LE("x", false)) {
		t.Error("HasByteOrderMark wrong")
	}
	if d := Load("a.md", []byte("Plain.")); d.Encoding() != "" {
		t.Errorf("Encoding of UTF-8 = %q", d.Encoding())
	}
}
