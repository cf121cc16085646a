package document

import "bytes"

// Encodings docqa recognises but does not read: it reads UTF-8. A text in
// one of them is reported as such rather than linted as bytes, where every
// other byte is a NUL and would make it look binary.
const (
	UTF16LE = "UTF-16LE"
	UTF16BE = "UTF-16BE"
	UTF32LE = "UTF-32LE"
	UTF32BE = "UTF-32BE"
)

// sniffLen is how many leading bytes UnreadEncoding looks at in a text
// without a byte order mark.
const sniffLen = 1024

// UnreadEncoding returns the name of the encoding of a text that is UTF-16
// or UTF-32 rather than UTF-8 (UTF16LE, UTF16BE, UTF32LE or UTF32BE), or ""
// for any other text. A byte order mark decides; without one, a text of
// mostly ASCII characters in UTF-16 shows as a NUL in every other byte, and
// one in UTF-32 as three NULs in every four, and UnreadEncoding looks for
// that pattern in the first kilobyte.
func UnreadEncoding(text []byte) string {
	switch {
	case bytes.HasPrefix(text, []byte{0xFF, 0xFE, 0, 0}):
		return UTF32LE
	case bytes.HasPrefix(text, []byte{0, 0, 0xFE, 0xFF}):
		return UTF32BE
	case bytes.HasPrefix(text, []byte{0xFF, 0xFE}):
		return UTF16LE
	case bytes.HasPrefix(text, []byte{0xFE, 0xFF}):
		return UTF16BE
	}
	head := text[:min(len(text), sniffLen)]
	if len(head) < 4 || bytes.IndexByte(head, 0) < 0 {
		return ""
	}
	// nul[i] counts the NULs at offsets ≡ i (mod 4); units[i] the offsets.
	var nul, units [4]int
	for i, c := range head {
		units[i%4]++
		if c == 0 {
			nul[i%4]++
		}
	}
	all := func(i int) bool { return nul[i] == units[i] }
	none := func(i int) bool { return nul[i] == 0 }
	// UTF-32 has characters beyond U+10FFFF nowhere, and most of them
	// below U+0100; UTF-16 at least nine in ten below U+0100 and no NUL
	// in the other bytes: patterns binary data rarely has.
	most := func(i int) bool { return nul[i]*10 >= units[i]*9 }
	switch {
	case most(1) && all(2) && all(3):
		return UTF32LE
	case all(0) && all(1) && most(2):
		return UTF32BE
	case none(0) && none(2) && most(1) && most(3):
		return UTF16LE
	case none(1) && none(3) && most(0) && most(2):
		return UTF16BE
	}
	return ""
}

// HasByteOrderMark reports whether a text in UTF-16 or UTF-32 starts with
// its byte order mark.
func HasByteOrderMark(text []byte) bool {
	return len(text) >= 2 && (text[0] == 0xFF && text[1] == 0xFE || text[0] == 0xFE && text[1] == 0xFF) ||
		bytes.HasPrefix(text, []byte{0, 0, 0xFE, 0xFF})
}

// IsBinary reports whether a text is not text at all: it holds a NUL byte
// and is not UTF-16 or UTF-32 (see UnreadEncoding).
func IsBinary(text []byte) bool {
	return bytes.IndexByte(text, 0) >= 0 && UnreadEncoding(text) == ""
}
