// Package wrap reflows hard-wrapped prose for a terminal or a comment: the
// rule explanations of docqa rules and the option notes of docqa init.
package wrap

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Write writes text reflowed to lines of at most width characters (a
// longer word gets a line of its own), each starting with indent.
// Paragraphs, separated by blank lines, stay apart. A paragraph whose
// lines open with "- " is a list: each item starts a line of its own and
// its further lines hang under its first word.
func Write(b *bytes.Buffer, text, indent string, width int) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		lines := strings.Split(strings.TrimSpace(para), "\n")
		if !strings.HasPrefix(lines[0], "- ") {
			fill(b, strings.Fields(para), indent, indent, width)
			continue
		}
		var item []string
		for _, l := range lines {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "- "); ok {
				if len(item) > 0 {
					fill(b, item, indent+"- ", indent+"  ", width)
				}
				item = strings.Fields(rest)
				continue
			}
			item = append(item, strings.Fields(l)...)
		}
		fill(b, item, indent+"- ", indent+"  ", width)
	}
}

// fill writes words as lines of at most width characters, the first
// starting with first, the others with rest.
func fill(b *bytes.Buffer, words []string, first, rest string, width int) {
	n := 0
	for _, word := range words {
		switch {
		case n == 0:
			b.WriteString(first)
			n = utf8.RuneCountInString(first)
		case n+1+utf8.RuneCountInString(word) > width:
			b.WriteString("\n" + rest)
			n = utf8.RuneCountInString(rest)
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += utf8.RuneCountInString(word)
	}
	if n > 0 {
		b.WriteString("\n")
	}
}
