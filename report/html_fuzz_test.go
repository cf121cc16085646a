package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// FuzzHTML writes any text, with findings at any places in it, as an HTML
// page, and checks what a browser would build from it: the page's own
// script and nothing else, no event handler, no link out of the page, and
// every finding's element, its anchor and its text marked (checkMarks).
func FuzzHTML(f *testing.F) {
	f.Add(hostile, 3, 9, 40, 2)
	f.Add("“Quote” said\r\nthe the end\n", 0, 0, 5, 30)
	f.Add("\xef\xbb\xbfBOM\tand\x00NUL</script>", 2, 7, 1, 1)
	f.Add("\n", 18, -99, 5, 30)       // a related place after the last line break
	f.Add("ab\r\ncd\r\n", 3, 6, 3, 1) // spans from a CRLF's LF
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		n := len(text)
		at := func(x int) int {
			if n == 0 {
				return 0
			}
			if x < 0 {
				x = -x
			}
			off := x % (n + 1)
			for off > 0 && off < n && !isRuneStart(text[off]) {
				off--
			}
			return off
		}
		doc := document.Load("a<b>.md", []byte(text))
		span := func(x, y int) document.Span {
			s, e := at(x), at(y)
			if s > e {
				s, e = e, s
			}
			return document.Span{Start: s, End: e}
		}
		fs := []rules.Finding{
			{Path: doc.Path, Rule: "r/one", Severity: rules.Error, Span: span(a, b), Message: text},
			{Path: doc.Path, Rule: "r/two", Severity: rules.Warning, Span: span(c, d), Message: "m",
				Related: []rules.Related{{Span: span(b, c), Message: text}}},
			{Path: doc.Path, Rule: "r/one", Severity: rules.Info, Span: span(d, d), Message: "place"},
		}
		rules.SortFindings(fs)
		var out bytes.Buffer
		p := NewHTML(&out, Options{})
		p.Begin()
		if err := p.File(doc, fs); err != nil {
			t.Fatal(err)
		}
		if err := p.End(Summary{Files: 1}); err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(&out)
		if err != nil {
			t.Fatal(err)
		}
		scripts, findings := 0, 0
		for _, el := range findAll(root, func(*html.Node) bool { return true }) {
			switch el.Data {
			case "script":
				scripts++
			case "img", "svg", "iframe", "object", "embed", "textarea", "xmp", "plaintext", "noscript", "base", "link":
				t.Fatalf("the text made a <%s> element", el.Data)
			}
			if hasClass(el, "finding") {
				findings++
			}
			for _, at := range el.Attr {
				if strings.HasPrefix(strings.ToLower(at.Key), "on") {
					t.Fatalf("<%s %s=%q>", el.Data, at.Key, at.Val)
				}
				if (at.Key == "href" || at.Key == "src") && !strings.HasPrefix(at.Val, "#") {
					t.Fatalf("<%s %s=%q> leaves the page", el.Data, at.Key, at.Val)
				}
			}
		}
		if scripts != 1 {
			t.Fatalf("%d scripts, want the page's own", scripts)
		}
		if findings != len(fs) {
			t.Fatalf("%d finding elements, want %d", findings, len(fs))
		}
		checkMarks(t, root, doc, fs)
	})
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
