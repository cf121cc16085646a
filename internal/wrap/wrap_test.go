package wrap

import (
	"bytes"
	"testing"
)

func TestWrite(t *testing.T) {
	for _, tt := range []struct {
		name, text, indent string
		width              int
		want               string
	}{
		{"one paragraph reflowed", "Reports a quotation\nwhose speaker a reader cannot tell.", "", 20,
			"Reports a quotation\nwhose speaker a\nreader cannot tell.\n"},
		{"paragraphs stay apart", "One.\n\nTwo.\n", "# ", 40, "# One.\n\n# Two.\n"},
		{"a long word on its own line", "a supercalifragilistic word", "", 10, "a\nsupercalifragilistic\nword\n"},
		{"a list: an item a line, hanging", "The cues:\n\n- a speech verb: said,\n  told, wrote;\n- a colon just before it.\n\nNot reported.", "", 22,
			"The cues:\n\n- a speech verb: said,\n  told, wrote;\n- a colon just before\n  it.\n\nNot reported.\n"},
		{"an indented list", "- a\n- b", "    ", 80, "    - a\n    - b\n"},
		{"width counts characters, not bytes", "“é” “é” “é”", "", 7, "“é” “é”\n“é”\n"},
		{"nothing", "", "", 80, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			Write(&b, tt.text, tt.indent, tt.width)
			if b.String() != tt.want {
				t.Errorf("got\n%q\nwant\n%q", b.String(), tt.want)
			}
		})
	}
}
