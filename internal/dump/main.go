// Command dump prints a document's model and findings, for debugging.
package main

import (
	"fmt"
	"os"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	d := document.Load(os.Args[1], b)
	if len(os.Args) > 2 {
		for _, q := range d.Quotes {
			p := d.Position(q.Open)
			fmt.Printf("Q %d:%d depth=%d double=%v colon=%v paras=%d-%d %q\n", p.Line, p.Column, q.Depth, q.Double, q.Colon, q.FirstParagraph, q.LastParagraph, d.String(q.Content))
		}
	}
	l, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		panic(err)
	}
	for _, f := range l.Lint(d) {
		s, e := d.Position(f.Span.Start), d.Position(f.Span.End)
		fmt.Printf("%d:%d-%d:%d %s %s: %s %q\n", s.Line, s.Column, e.Line, e.Column, f.Severity, f.Rule, f.Message, d.String(f.Span))
		for _, x := range f.Fixes {
			fs, fe := d.Position(x.Span.Start), d.Position(x.Span.End)
			fmt.Printf("   fix %d:%d-%d:%d %q unsafe=%v\n", fs.Line, fs.Column, fe.Line, fe.Column, x.Replacement, x.Unsafe)
		}
	}
}
