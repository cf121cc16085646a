package document

import (
	"strings"
	"testing"
)

// TestQuoted checks the quotation styles that pairQuotes does not pair yet:
// the text between their marks counts as quoted, so that no fix edits it
// without asking. In each text, the word "in" is inside a quotation and
// the word "out" is not. (Quoted may still hold "out": pairQuotes takes
// the “ that closes „…“ for an opening mark, a mistake on the safe side
// here; it is otherQuotes that must end at the closing mark.)
func TestQuoted(t *testing.T) {
	tests := []struct{ name, text string }{
		{"German „…“", "Er sagte: „Das ist in der Akte“, und out ging."},
		{"Polish „…”", "Powiedział: „to in prawda”, out."},
		{"German single ‚…‘", "Sie sagte: „Er rief ‚in‘ und ging“, out dann."},
		{"single low-9 with apostrophe", "Er sagte ‚Peter’s in Haus‘ out."},
		{"French «…»", "Il a dit « in ici » et out."},
		{"Danish »…«", "Han sagde »in her« out."},
		{"Swedish »…»", "Han sa »in här» out."},
		{"single guillemets", "He wrote ‹in› out."},
		{"CJK corner brackets", "彼は「in」と out 言った。"},
		{"CJK white corner brackets", "『in』 out"},
		{"unclosed runs to the paragraph end", "Er sagte: „in und in\n\nout here."},
		{"English, paired as usual", "He said “in here” and out."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.txt", []byte(tt.text))
			found := 0
			for _, w := range d.Words {
				switch string(d.Slice(w.Span())) {
				case "in":
					found++
					if !d.Quoted(int(w.Start)) {
						t.Errorf("“in” at %d: Quoted = false, want true", w.Start)
					}
				case "out":
					found++
					for _, s := range d.otherQuotes() {
						if s.Contains(int(w.Start)) {
							t.Errorf("“out” at %d inside the quotation %q", w.Start, d.Slice(s))
						}
					}
				}
			}
			if found < 2 {
				t.Fatalf("test text %q has no “in” or no “out”", tt.text)
			}
		})
	}
}

func TestQuotedNoOtherStyles(t *testing.T) {
	d := Load("a.md", []byte(strings.Repeat("Plain prose with “English” quotes and 'straight' ones. ", 50)))
	for off := range d.Text {
		if d.Quoted(off) != d.InQuote(off) {
			t.Fatalf("Quoted(%d) = %v, InQuote = %v", off, d.Quoted(off), d.InQuote(off))
		}
	}
}
