package rules_test

import (
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// TestFixesInsideQuotationsAreUnsafe checks that a fix inside a quotation
// is unsafe in every quotation style, paired by docqa or not yet, and safe
// in narration.
func TestFixesInsideQuotationsAreUnsafe(t *testing.T) {
	tests := []struct {
		name, text string
		unsafe     bool
	}{
		{"narration", "In narration the the end.", false},
		{"English", "She said “it was the the end” and left.", true},
		{"straight", `She said "it was the the end" and left.`, true},
		{"German", "Er sagte: „Das ist die die Wahrheit“, und ging.", true},
		{"German single", "Sie sagte: ‚das ist die die Wahrheit‘, und ging.", true},
		{"French", "Elle a dit « c’est le le vrai » et partit.", true},
		{"Danish", "Han sagde »det er det det sande« og gik.", true},
		{"single guillemets", "He wrote ‹the the truth› then.", true},
		{"CJK", "彼は「the the truth」と言った。", true},
		{"unclosed German", "Er sagte: „Das ist die die Wahrheit, und ging.", true},
	}
	l, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fixes []rules.Fix
			for _, f := range l.Lint(document.Load("a.txt", []byte(tt.text))) {
				if f.Rule == "repetition/doubled-word" {
					fixes = append(fixes, f.Fixes...)
				}
			}
			if len(fixes) == 0 {
				t.Fatal("no doubled-word fix")
			}
			for _, f := range fixes {
				if f.Unsafe != tt.unsafe {
					t.Errorf("fix %+v: Unsafe = %v, want %v", f, f.Unsafe, tt.unsafe)
				}
			}
		})
	}
}

// TestWordFixesNeverTouchMarkup checks that the rules whose fixes replace a
// word offer none where the word is not plain prose: inside a reference
// label, whose text must match its definition, or across emphasis marks.
func TestWordFixesNeverTouchMarkup(t *testing.T) {
	tests := []struct {
		name, text, rule string
		fixes            int
	}{
		{"misspelling in prose", "We recieve mail.", "spelling/misspell", 1},
		{"misspelling as a reference label", "See [recieve][] below.\n\n[recieve]: https://example.com/r\n", "spelling/misspell", 0},
		{"misspelling as link text", "See [recieve](https://example.com/r) below.", "spelling/misspell", 1},
		{"variant in prose", "Uyghur food. Uighur music.", "consistency/variants", 1},
		{"variant as a reference label", "Uyghur food. See [Uighur][].\n\n[Uighur]: https://example.com/u\n", "consistency/variants", 0},
	}
	l, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, fixes := 0, 0
			for _, f := range l.Lint(document.Load("a.md", []byte(tt.text))) {
				if f.Rule == tt.rule {
					found++
					fixes += len(f.Fixes)
				}
			}
			if found != 1 || fixes != tt.fixes {
				t.Errorf("%d findings of %s with %d fixes; want 1 with %d", found, tt.rule, fixes, tt.fixes)
			}
		})
	}
}
