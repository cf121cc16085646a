package checks

import (
	"testing"

	"github.com/docqa/docqa/document"
)

// FuzzCompare compares any two texts: no panic, every finding inside the
// document it names, and a text compared with itself yields nothing.
func FuzzCompare(f *testing.F) {
	f.Add("He said “we will stay.”", "He said “we will go.”")
	f.Add("“Stand up,” John Fisher said.\n\nOne.", "“Stand up,” Zenz said.\n\n“New,” she said.")
	f.Add("40 people came.", "14 people came. It was the the end.")
	f.Add("", "“")
	c, err := NewComparer(Registry(), rulesConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		old, new := document.Load("old.txt", []byte(a)), document.Load("new.txt", []byte(b))
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
		if self := c.Compare(old, document.Load("new.txt", []byte(a))); len(self.Findings) != 0 || self.Changed() {
			t.Fatalf("a text compared with itself: %q", describe(self))
		}
	})
}
