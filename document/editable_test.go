package document

import (
	"strings"
	"testing"
)

func TestEditable(t *testing.T) {
	const defs = "\n\n[the the]: https://example.com/the\n[x]: https://example.com/x\n"
	for _, tt := range []struct {
		name, path, text string
		span             string // the bytes of the span: its first occurrence in text after at
		at               string // where to start looking for span ("" for the start)
		want             bool
	}{
		{"plain word and space", "a.txt", "It was the the end.", " the", "", true},
		{"plain address", "a.txt", "See https://example.com now.", "example", "", false},
		{"plain byte order mark", "a.txt", "\uFEFFthe the", "\uFEFFthe", "", false},

		{"inline link text", "a.md", "Read the [the installation guide](https://example.com) first.", "the ", "[", true},
		{"link bracket", "a.md", "Read the [the installation guide](https://example.com) first.", " [the", "", false},
		{"link destination", "a.md", "Read the [the guide](https://example.com) first.", "example", "", false},
		{"link title", "a.md", `Read [the guide](https://example.com "the title") first.`, "title", "", false},
		{"emphasis mark", "a.md", "This is the *the* key step.", "the *", "", false},
		{"emphasized word", "a.md", "This is the *the* key step.", "the", "*", true},
		{"strong marks", "a.md", "**The** the end.", "** the", "", false},
		{"after strong", "a.md", "**The** the end.", "the ", "** ", true},
		{"code span", "a.md", "Run `the the` now.", "the", "", false},
		{"inline html", "a.md", "a <b>the</b> the", "<b>", "", false},
		{"backslash line break", "a.md", "the\\\nthe", "\\", "", false},

		{"collapsed reference label", "a.md", "See [the the][] below." + defs, " the", "[the", false},
		{"shortcut reference label", "a.md", "See [the the] below." + defs, "the", "[", false},
		{"full reference text", "a.md", "See [the the][x] below." + defs, " the", "[the", true},
		{"before a label", "a.md", "See [the the][] below." + defs, "See ", "", true},
		{"after a label", "a.md", "See [the the][] below." + defs, " below", "", true},
		{"label in emphasis", "a.md", "See *[the the]* below." + defs, "the", "[", false},
		{"unresolved brackets are text", "a.md", "See [the the] below.", " the", "[the", true},
		{"definition", "a.md", "See [the the][] below." + defs, "example", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := Load(tt.path, []byte(tt.text))
			from := strings.Index(tt.text, tt.at) + len(tt.at)
			i := strings.Index(tt.text[from:], tt.span)
			if tt.at == "" {
				from = 0
				i = strings.Index(tt.text, tt.span)
			}
			if i < 0 || from < len(tt.at) {
				t.Fatalf("%q not in %q after %q", tt.span, tt.text, tt.at)
			}
			s := Span{from + i, from + i + len(tt.span)}
			if got := d.Editable(s); got != tt.want {
				t.Errorf("Editable(%d:%d %q) = %v, want %v", s.Start, s.End, tt.span, got, tt.want)
			}
		})
	}
}

// TestEditableInsertion: an insertion is editable outside labels, and not
// at either end of one, which would change the label too.
func TestEditableInsertion(t *testing.T) {
	text := "See [the][] and [it](https://example.com).\n\n[the]: https://example.com/the\n"
	d := Load("a.md", []byte(text))
	label := strings.Index(text, "the]")
	link := strings.Index(text, "it]")
	for _, tt := range []struct {
		off  int
		want bool
	}{
		{label - 1, true}, // before the bracket: markup, but an insertion replaces none
		{label, false},
		{label + 1, false},
		{label + len("the"), false},
		{link, true},
		{link + len("it"), true},
	} {
		if got := d.Editable(Span{tt.off, tt.off}); got != tt.want {
			t.Errorf("Editable at %d (%q) = %v, want %v", tt.off, text[tt.off:], got, tt.want)
		}
	}
	if d.Editable(Span{-1, 2}) || d.Editable(Span{3, 2}) || d.Editable(Span{0, len(text) + 1}) {
		t.Errorf("a span out of the text is editable")
	}
}
