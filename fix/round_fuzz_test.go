package fix

import (
	"testing"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// FuzzLintFix lints any text with the built-in rules and applies their
// fixes, as --fix --unsafe-fixes does, until nothing changes: the result is
// valid UTF-8 where the input was, and once settled, one more lint-and-fix
// round changes nothing.
func FuzzLintFix(f *testing.F) {
	f.Add("It was the the end.\n\nAdd a Comment\n", false)
	f.Add("He said “in particular particular crimes.” Uyghur and Uighurs recieve.", false)
	f.Add("# T\n\nthe the `x` the the\n\n<!-- docqa-disable-next-line repetition -- test -->\nthe the\n", true)
	l, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, markdown bool) {
		name := "f.txt"
		if markdown {
			name = "f.md"
		}
		round := func(b []byte) []byte {
			out, _ := Apply(b, l.Lint(document.Load(name, b)), true)
			return out
		}
		cur := []byte(text)
		for i := 0; i < 5; i++ {
			next := round(cur)
			if string(next) == string(cur) {
				break
			}
			cur = next
		}
		if utf8.ValidString(text) && !utf8.Valid(cur) {
			t.Fatalf("fixing valid UTF-8 gave invalid UTF-8: %q", cur)
		}
		if again := round(cur); string(again) != string(cur) {
			t.Fatalf("not settled after 5 rounds:\n%q\nthen\n%q", cur, again)
		}
	})
}
