package checks

import (
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

// FuzzCompare compares any two texts, as plain text and as Markdown: no
// panic, every finding inside the document it names, a text compared with
// itself yields nothing, and two texts that differ (line endings and a
// byte order mark aside) always have a word diff or a line diff to show.
func FuzzCompare(f *testing.F) {
	f.Add("He said “we will stay.”", "He said “we will go.”")
	f.Add("“Stand up,” John Fisher said.\n\nOne.", "“Stand up,” Zenz said.\n\n“New,” she said.")
	f.Add("40 people came.", "14 people came. It was the the end.")
	f.Add("", "“")
	f.Add("Intro.\n\n```sh\nrm -rf /\n```\n", "Intro.\n\n```sh\nrm -rf /tmp/x\n```\n")
	f.Add("---\na: 1\n---\nSee [x](https://a.example) and `c`.\n\n[r]: /r\n", "See [x][r] <b>and</b> https://b.example.\n\n    code\n")
	c, err := NewComparer(Registry(), rulesConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, ext := range []string{".txt", ".md"} {
			old, new := document.Load("old"+ext, []byte(a)), document.Load("new"+ext, []byte(b))
			r := c.Compare(old, new)
			for _, fd := range r.Findings {
				d := new
				if fd.Path == old.Path {
					d = old
				}
				if fd.Span.Start < 0 || fd.Span.End > len(d.Text) || fd.Span.Start > fd.Span.End {
					t.Fatalf("%s: span %v outside %s (%d bytes)", fd.Rule, fd.Span, d.Path, len(d.Text))
				}
			}
			var lines strings.Builder
			if err := r.WriteLineDiff(&lines, false); err != nil {
				t.Fatal(err)
			}
			if !equalText(a, b) && !r.Changed() && lines.Len() == 0 {
				t.Fatalf("%s: the texts differ, but neither the word diff nor the line diff shows it", ext)
			}
			self := c.Compare(old, document.Load("new"+ext, []byte(a)))
			lines.Reset()
			if err := self.WriteLineDiff(&lines, false); err != nil {
				t.Fatal(err)
			}
			if len(self.Findings) != 0 || self.Changed() || lines.Len() != 0 {
				t.Fatalf("%s: a text compared with itself: %q, line diff %q", ext, describe(self), lines.String())
			}
		}
	})
}

// equalText reports whether a and b hold the same text, line endings and a
// byte order mark at the start aside, as the golden harness compares them.
func equalText(a, b string) bool {
	norm := func(s string) string {
		s = strings.TrimPrefix(s, "\uFEFF")
		return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return norm(a) == norm(b)
}
