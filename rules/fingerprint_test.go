package rules

import (
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

func TestFingerprint(t *testing.T) {
	l, err := NewLinter(NewRegistry(DoubledWord), Config{})
	if err != nil {
		t.Fatal(err)
	}
	fp := func(text string) []string {
		d := document.Load("a.txt", []byte(text))
		var out []string
		for _, f := range l.Lint(d) {
			out = append(out, Fingerprint(d, f))
		}
		return out
	}
	base := fp("Intro paragraph.\n\nIt was the the end of the day.")
	if len(base) != 1 || len(base[0]) != 32 {
		t.Fatalf("fingerprints = %q", base)
	}
	same := []string{
		"A new and much longer intro paragraph.\n\nAnother one.\n\nIt was the the end of the day.", // other paragraphs edited
		"Intro paragraph.\n\nIt   was the\nthe end of the day.",                                    // white space
	}
	for _, text := range same {
		if got := fp(text); len(got) != 1 || got[0] != base[0] {
			t.Errorf("%q: fingerprint %q, want %q", text, got, base)
		}
	}
	if got := fp("Intro paragraph.\n\nBy then it was the the start of the day."); len(got) != 1 || got[0] == base[0] {
		t.Errorf("changed context kept the fingerprint: %q", got)
	}
	if a, b := fp("It was the the end."), fp("It was a a end."); strings.Join(a, "") == strings.Join(b, "") {
		t.Errorf("different text, same fingerprint")
	}
}
