package rules

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// FuzzRules runs every built-in rule over any input: no panic, every
// finding and fix inside the text, findings non-empty and on character
// boundaries, and the same findings on a second run.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"It was the the end. “He said ‘stop.” Add a Comment\n\nYou see for yourself.",
		"counter-terrorism and counter-terrorism, recieve the colour and color; Uyghur and Uighur.",
		"“Multi\n\n“para,” he said.", "# T\n\n`the the` and the the\n", "\uFEFFa\r\nthe\r\nthe",
		"rock ’n’ roll in the ’90s; 5'10\" and 'nested \"quotes\"'", "\xff the the \x00",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Add(string(mustRead(f, "article.txt")), false)
	l, err := NewLinter(Builtin(), Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, markdown bool) {
		format := document.Plain
		if markdown {
			format = document.Markdown
		}
		d := document.LoadFormat("f", []byte(text), format)
		fs := l.Lint(d)
		boundary := func(off int) bool {
			return off == len(text) || !utf8.ValidString(text) || utf8.RuneStart(text[off])
		}
		for _, f := range fs {
			s := f.Span
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End || !boundary(s.Start) || !boundary(s.End) {
				t.Fatalf("%s: bad span %v in %d bytes", f.Rule, s, len(text))
			}
			for _, x := range f.Fixes {
				if x.Span.Start < 0 || x.Span.End > len(text) || x.Span.Start > x.Span.End || !boundary(x.Span.Start) || !boundary(x.Span.End) {
					t.Fatalf("%s: bad fix span %v", f.Rule, x.Span)
				}
			}
		}
		if again := l.Lint(document.LoadFormat("f", []byte(text), format)); !reflect.DeepEqual(fs, again) {
			t.Fatalf("second run differs")
		}
	})
}

func mustRead(f *testing.F, name string) []byte {
	b, err := readFile(name)
	if err != nil {
		f.Fatal(err)
	}
	return b
}
