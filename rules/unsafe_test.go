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
