package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/junitxml"
	"github.com/docqa/docqa/rules"
)

func junitSample() JUnitSuite {
	return JUnitSuite{Name: "docqa golden", Cases: []JUnitCase{
		{Classname: "docqa.golden", Name: "a.md"},
		{Classname: "docqa.golden", Name: "b <&> \"c\".md", Failure: &JUnitProblem{
			Message: "differs from golden/b.md", Type: "drift",
			Body: "“[-extent-]{+scale+} of”\r\nb.md:1:1: error: x & y <z> ]]> [checks/quote-changed]\n\x01\xff end\n",
		}},
		{Classname: "docqa.golden", Name: "c.md", Failure: &JUnitProblem{Message: "no golden copy at golden/c.md", Type: "missing"}},
		{Classname: "docqa.golden", Name: "d.md", Error: &JUnitProblem{Message: "d.md: permission denied", Type: "error"}},
	}}
}

func TestWriteJUnit(t *testing.T) {
	var out bytes.Buffer
	if err := WriteJUnit(&out, junitSample()); err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="4" failures="2" errors="1">
  <testsuite name="docqa golden" tests="4" failures="2" errors="1">
    <testcase classname="docqa.golden" name="a.md"></testcase>
    <testcase classname="docqa.golden" name="b &lt;&amp;&gt; &#34;c&#34;.md">
      <failure message="differs from golden/b.md" type="drift">“[-extent-]{+scale+} of”&#xD;
b.md:1:1: error: x &amp; y &lt;z&gt; ]]&gt; [checks/quote-changed]
` + "\uFFFD\uFFFD" + ` end
</failure>
    </testcase>
    <testcase classname="docqa.golden" name="c.md">
      <failure message="no golden copy at golden/c.md" type="missing"></failure>
    </testcase>
    <testcase classname="docqa.golden" name="d.md">
      <error message="d.md: permission denied" type="error"></error>
    </testcase>
  </testsuite>
</testsuites>
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// TestWriteJUnitParses decodes the output and finds what went in, escaped
// characters and line breaks included.
func TestWriteJUnitParses(t *testing.T) {
	var out bytes.Buffer
	suite := junitSample()
	if err := WriteJUnit(&out, suite, JUnitSuite{Name: "empty"}); err != nil {
		t.Fatal(err)
	}
	var doc junitxml.Report
	if err := xml.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, out.String())
	}
	if doc.Tests != 4 || doc.Failures != 2 || doc.Errors != 1 || len(doc.Suites) != 2 {
		t.Fatalf("decoded %+v", doc)
	}
	if s := doc.Suites[1]; s.Name != "empty" || s.Tests != 0 || len(s.Cases) != 0 {
		t.Errorf("empty suite decoded as %+v", s)
	}
	s := doc.Suites[0]
	if s.Name != "docqa golden" || len(s.Cases) != len(suite.Cases) {
		t.Fatalf("suite decoded as %+v", s)
	}
	for i, c := range s.Cases {
		in := suite.Cases[i]
		if c.Name != in.Name || c.Classname != in.Classname {
			t.Errorf("case %d: %q %q, want %q %q", i, c.Classname, c.Name, in.Classname, in.Name)
		}
		if (c.Failure != nil) != (in.Failure != nil) || (c.Error != nil) != (in.Error != nil) {
			t.Errorf("case %d: failure %v error %v, want %v %v", i, c.Failure, c.Error, in.Failure, in.Error)
		}
	}
	f := s.Cases[1].Failure
	wantBody := "“[-extent-]{+scale+} of”\r\nb.md:1:1: error: x & y <z> ]]> [checks/quote-changed]\n\uFFFD\uFFFD end\n"
	if f.Type != "drift" || f.Message != "differs from golden/b.md" || f.Body != wantBody {
		t.Errorf("failure decoded as %+v, body %q, want %q", f, f.Body, wantBody)
	}
}

func TestWriteJUnitNoSuites(t *testing.T) {
	var out bytes.Buffer
	if err := WriteJUnit(&out); err != nil {
		t.Fatal(err)
	}
	want := xml.Header + `<testsuites tests="0" failures="0" errors="0"></testsuites>` + "\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestJUnitPrinter(t *testing.T) {
	a, fa := sample("dir/a.md")
	rules.SortFindings(fa)
	b := document.Load("b.txt", []byte("Fine.\n"))
	got := run(t, "junit", []*document.Document{a, b}, [][]rules.Finding{fa, nil})
	want := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="4" failures="3" errors="0">
  <testsuite name="dir/a.md" tests="3" failures="3" errors="0">
    <testcase classname="dir/a.md" name="boilerplate/web at 1:1">
      <failure message="web page residue" type="warning">dir/a.md:1:1: warning: web page residue [boilerplate/web]
</failure>
    </testcase>
    <testcase classname="dir/a.md" name="repetition/doubled-word at 2:8">
      <failure message="doubled word &#34;the&#34;" type="error">dir/a.md:2:8: error: doubled word &#34;the&#34; [repetition/doubled-word]
</failure>
    </testcase>
    <testcase classname="dir/a.md" name="repetition/doubled-word at 2:28">
      <failure message="doubled word &#34;the&#34;&#xA;inside a quotation" type="error">dir/a.md:2:28: error: doubled word &#34;the&#34; inside a quotation [repetition/doubled-word]
</failure>
    </testcase>
  </testsuite>
  <testsuite name="b.txt" tests="1" failures="0" errors="0">
    <testcase classname="b.txt" name="no findings"></testcase>
  </testsuite>
</testsuites>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestJUnitPrinterParses decodes the lint report with encoding/xml: a
// suite per document in the order given, a case per finding, a passing
// case for a document without findings.
func TestJUnitPrinterParses(t *testing.T) {
	a, fa := sample(`a <&> "q".md`)
	rules.SortFindings(fa)
	b := document.Load("b.txt", []byte("Fine.\n"))
	c, fc := sample("c/d.md")
	rules.SortFindings(fc)
	out := run(t, "junit", []*document.Document{a, b, c}, [][]rules.Finding{fa, nil, fc})
	var doc junitxml.Report
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, out)
	}
	if doc.Tests != 7 || doc.Failures != 6 || doc.Errors != 0 || len(doc.Suites) != 3 {
		t.Fatalf("decoded %+v", doc)
	}
	for si, in := range []struct {
		doc *document.Document
		fs  []rules.Finding
	}{{a, fa}, {b, nil}, {c, fc}} {
		s := doc.Suites[si]
		if s.Name != in.doc.Path {
			t.Errorf("suite %d is %q, want %q", si, s.Name, in.doc.Path)
		}
		if len(in.fs) == 0 {
			if len(s.Cases) != 1 || s.Cases[0].Failure != nil || s.Cases[0].Classname != in.doc.Path || s.Failures != 0 {
				t.Errorf("suite %d without findings: %+v", si, s)
			}
			continue
		}
		if len(s.Cases) != len(in.fs) || s.Tests != len(in.fs) || s.Failures != len(in.fs) {
			t.Fatalf("suite %d: %+v", si, s)
		}
		for i, f := range in.fs {
			c := s.Cases[i]
			pos := in.doc.Position(f.Span.Start)
			wantName := fmt.Sprintf("%s at %d:%d", f.Rule, pos.Line, pos.Column)
			if c.Classname != in.doc.Path || c.Name != wantName || c.Failure == nil ||
				c.Failure.Message != f.Message || c.Failure.Type != f.Severity.String() ||
				!strings.Contains(c.Failure.Body, "["+f.Rule+"]") {
				t.Errorf("suite %d case %d: %+v, want %s", si, i, c, wantName)
			}
		}
	}
}
