package report

import (
	"encoding/xml"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

func TestCheckstyle(t *testing.T) {
	a, fa := sample("a.md")
	rules.SortFindings(fa)
	b := document.Load("b.txt", []byte("Fine.\n"))
	got := run(t, "checkstyle", []*document.Document{a, b}, [][]rules.Finding{fa, nil})
	want := `<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="a.md">
    <error line="1" column="1" severity="warning" message="web page residue" source="docqa.boilerplate/web"/>
    <error line="2" column="8" severity="error" message="doubled word &#34;the&#34;" source="docqa.repetition/doubled-word"/>
    <error line="2" column="28" severity="error" message="doubled word &#34;the&#34;&#xA;inside a quotation" source="docqa.repetition/doubled-word"/>
  </file>
  <file name="b.txt"/>
</checkstyle>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// checkstyleDoc is the shape of a Checkstyle report, for decoding.
type checkstyleDoc struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

// TestCheckstyleParses decodes the output with encoding/xml and finds what
// went in: characters XML escapes, line breaks in messages, and characters
// XML cannot hold, which become U+FFFD.
func TestCheckstyleParses(t *testing.T) {
	a, fa := sample(`a <&> "q".md`)
	fa[2].Message = "tab\there, bell\x07 & <b> 'x' \xff"
	rules.SortFindings(fa)
	b := document.Load("b.txt", []byte("Fine.\n"))
	c, fc := sample("c/d.md")
	rules.SortFindings(fc)
	out := run(t, "checkstyle", []*document.Document{a, b, c}, [][]rules.Finding{fa, nil, fc})
	var doc checkstyleDoc
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, out)
	}
	if doc.Version != "4.3" || len(doc.Files) != 3 {
		t.Fatalf("decoded %+v", doc)
	}
	for i, want := range []string{`a <&> "q".md`, "b.txt", "c/d.md"} {
		if doc.Files[i].Name != want {
			t.Errorf("file %d is %q, want %q", i, doc.Files[i].Name, want)
		}
	}
	if len(doc.Files[1].Errors) != 0 {
		t.Errorf("b.txt has errors: %+v", doc.Files[1].Errors)
	}
	for fi, fs := range map[int][]rules.Finding{0: fa, 2: fc} {
		errs := doc.Files[fi].Errors
		if len(errs) != len(fs) {
			t.Fatalf("file %d: %d errors, want %d", fi, len(errs), len(fs))
		}
		d := []*document.Document{a, b, c}[fi]
		for i, f := range fs {
			e := errs[i]
			pos := d.Position(f.Span.Start)
			msg := f.Message
			if msg == "tab\there, bell\x07 & <b> 'x' \xff" {
				msg = "tab\there, bell\uFFFD & <b> 'x' \uFFFD"
			}
			if e.Line != pos.Line || e.Column != pos.Column || e.Severity != f.Severity.String() ||
				e.Message != msg || e.Source != "docqa."+f.Rule {
				t.Errorf("file %d error %d = %+v, want %v %s %q", fi, i, e, pos, f.Severity, msg)
			}
		}
	}
}
