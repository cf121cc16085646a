package rules

import (
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// Encoding is the docqa/encoding rule: a file that is not valid UTF-8. The
// document is still loaded and linted (document.Load never fails; an
// invalid byte counts as one character), so this one finding says where
// the bytes stop being UTF-8 and that the findings around it may be off.
var Encoding = &Rule{
	ID:       "docqa/encoding",
	Severity: Warning,
	Summary:  "A file that is not valid UTF-8",
	Explanation: "docqa reads UTF-8. A file in another encoding (Latin-1, Windows-1252) or with a " +
		"damaged byte is still linted, each invalid byte counting as one character, but words " +
		"that hold such a byte are split or missed. The rule reports the first invalid byte, once " +
		"per file, with its offset from the start of the file (in bytes, from 0, as hexdump and " +
		"od count) and its value. Convert the file to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8). " +
		"A file in UTF-16 or UTF-32 (as some Windows editors save \"Unicode\" text), known by its " +
		"byte order mark or by the NUL in every other byte of mostly ASCII text, is reported as " +
		"such and not linted at all: convert it first (iconv -f UTF-16 -t UTF-8).",
	Bad:  "caf\xe9 au lait",
	Good: "café au lait",
	New:  newEncoding,
}

func newEncoding(Options) (Check, error) {
	return func(p *Pass) {
		if enc := p.Doc.Encoding(); enc != "" {
			from := enc // iconv keeps a byte order mark unless told only the width
			if document.HasByteOrderMark(p.Doc.Text) {
				from = enc[:len(enc)-2]
			}
			_, n := utf8.DecodeRune(p.Doc.Text)
			p.Reportf(document.Span{Start: 0, End: n},
				"%s text: docqa reads UTF-8, so nothing else in the file was linted; convert it (iconv -f %s -t UTF-8)", enc, from)
			return
		}
		off, bad := p.Doc.InvalidUTF8()
		if !bad {
			return
		}
		p.Reportf(document.Span{Start: off, End: off + 1},
			"invalid UTF-8 at byte %d (0x%02X): the file is not UTF-8; the rest was linted", off, p.Doc.Text[off])
	}, nil
}
