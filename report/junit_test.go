package report

import (
	"bytes"
	"encoding/xml"
	"testing"
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

// junitDoc is the shape of a JUnit report, for decoding.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Cases    []struct {
			Classname string `xml:"classname,attr"`
			Name      string `xml:"name,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
			} `xml:"error"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// TestWriteJUnitParses decodes the output and finds what went in, escaped
// characters and line breaks included.
func TestWriteJUnitParses(t *testing.T) {
	var out bytes.Buffer
	suite := junitSample()
	if err := WriteJUnit(&out, suite, JUnitSuite{Name: "empty"}); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
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
