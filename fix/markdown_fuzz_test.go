package fix

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// FuzzMarkdownFixStructure lints any Markdown with the built-in rules and
// applies their fixes, the unsafe ones too, through ApplyDocument as --fix
// does, round after round until nothing changes. Every round keeps the
// document's structure: the applied fixes are those Apply applies, and the
// fixed text parses to the same shapes, moved by the edits. Where no fix
// deleted whole lines, goldmark renders the fixed text to the same HTML
// tags as the text before, attributes and all: a check of its own, which
// knows nothing of shapes.
func FuzzMarkdownFixStructure(f *testing.F) {
	for _, seed := range []string{
		// The defects of issue #11.
		"Read the [the installation guide](https://example.com) first.\n",
		"This is the *the* key step.\n",
		"**The** the end.\n",
		"See [the the][] below.\n\n[the the]: https://example.com/the\n",
		// Links, emphasis, references, lists, quotes, code, HTML.
		"# The the title\n\nIt was *the* the end, and __the__ the start.\n\n" +
			"- the the item\n- [the the guide][g] and [the](https://example.com \"the the\")\n\n" +
			"> the the quote\n> the\n> the end\n\n1. the\n   the list\n\n" +
			"```\nthe the\n```\n\n    the the\n\nUse `the the` and <b>the</b> the.\n\n[g]: https://example.com/g\n",
		"Read the\nthe guide, the  \nthe break and the\\\nthe backslash.\n",
		"Text.\n\nAdd a Comment\n\nAdvertisement\n---\n\n- a\n- Share this article\n\n> Advertisement\n> Text.\n",
		"He said “in particular particular crimes.” Uyghur and Uighurs recieve [recieve].\n\n[recieve]: https://example.com/r\n",
		"*the* the, the *the*, [the *the*](u), ![the the](i.png) the the <https://example.com/the> the.\n",
		"the [the]: https://example.com\n\nthe *the 1. x*\n\n<div>\nthe the\n</div>\n\n***\nthe the\n",
	} {
		f.Add(seed)
	}
	l, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		f.Fatal(err)
	}
	md := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()))
	f.Fuzz(func(t *testing.T, text string) {
		cur := []byte(text)
		for range 5 {
			d := document.Load("f.md", cur)
			r := ApplyDocument(d, l.Lint(d), true)
			if len(r.Applied) == 0 {
				if !bytes.Equal(r.Text, cur) {
					t.Fatalf("no fix applied, yet the text changed:\n%q\nto\n%q", cur, r.Text)
				}
				return
			}
			if out, _ := Apply(cur, r.Applied, true); !bytes.Equal(out, r.Text) {
				t.Fatalf("the findings applied make\n%q\nnot\n%q", out, r.Text)
			}
			if !sameStructure(structure(cur), structure(r.Text), &r.moves) {
				t.Fatalf("the structure changed:\n%q\nto\n%q", cur, r.Text)
			}
			if !deletesLines(cur, r.Applied) {
				if a, b := tags(t, md, cur), tags(t, md, r.Text); a != b {
					t.Fatalf("the HTML changed:\n%q\nto\n%q\n%s\nto\n%s", cur, r.Text, a, b)
				}
			}
			cur = r.Text
		}
	})
}

// deletesLines reports whether a fix of the findings deletes whole lines.
func deletesLines(text []byte, fs []rules.Finding) bool {
	for _, f := range fs {
		for _, x := range f.Fixes {
			s, e := x.Span.Start, x.Span.End
			if x.Replacement == "" && s < e && lineStart(text, s) && (e == len(text) || lineStart(text, e)) {
				return true
			}
		}
	}
	return false
}

// tag matches an HTML tag.
var tag = regexp.MustCompile(`<[^>]*>`)

// tags renders Markdown to HTML and returns its tags, one a line.
func tags(t *testing.T, md goldmark.Markdown, text []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := md.Convert(text, &out); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, m := range tag.FindAll(out.Bytes(), -1) {
		b.Write(m)
		b.WriteByte('\n')
	}
	return b.String()
}
