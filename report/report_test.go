package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// sample returns a document whose doubled "the" starts after multi-byte
// characters, and a finding over it with a fix dropping the second word.
func sample(path string) (*document.Document, []rules.Finding) {
	text := "Intro line.\nCafé — the the <end> & “so the the on”.\n"
	doc := document.Load(path, []byte(text))
	i := strings.Index(text, "the the")
	j := strings.LastIndex(text, "the the")
	return doc, []rules.Finding{
		{
			Path: path, Rule: "repetition/doubled-word", Severity: rules.Error,
			Span:    document.Span{Start: i, End: i + len("the the")},
			Message: `doubled word "the"`,
			Fixes:   []rules.Fix{{Span: document.Span{Start: i + 3, End: i + 7}}},
		},
		{
			Path: path, Rule: "repetition/doubled-word", Severity: rules.Error,
			Span:    document.Span{Start: j, End: j + len("the the")},
			Message: "doubled word \"the\"\ninside a quotation",
			Fixes:   []rules.Fix{{Span: document.Span{Start: j + 3, End: j + 7}, Unsafe: true}},
		},
		{
			Path: path, Rule: "boilerplate/web", Severity: rules.Warning,
			Span:    document.Span{Start: 0, End: len("Intro line.")},
			Message: "web page residue",
		},
	}
}

func run(t *testing.T, format string, docs []*document.Document, fs [][]rules.Finding) string {
	t.Helper()
	var out bytes.Buffer
	p, err := New(format, &out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sum Summary
	if err := p.Begin(); err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if err := p.File(d, fs[i]); err != nil {
			t.Fatal(err)
		}
		sum.Add(fs[i])
	}
	if err := p.End(sum); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestText(t *testing.T) {
	doc, fs := sample("dir/a.md")
	rules.SortFindings(fs)
	got := run(t, "text", []*document.Document{doc}, [][]rules.Finding{fs})
	want := `dir/a.md:1:1: warning: web page residue [boilerplate/web]
dir/a.md:2:8: error: doubled word "the" [repetition/doubled-word]
dir/a.md:2:28: error: doubled word "the" inside a quotation [repetition/doubled-word]
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestJSON(t *testing.T) {
	doc, fs := sample("a.txt")
	rules.SortFindings(fs)
	got := run(t, "json", []*document.Document{doc}, [][]rules.Finding{fs})
	want := `{
  "findings": [
    {
      "path": "a.txt",
      "line": 1,
      "column": 1,
      "end_line": 1,
      "end_column": 12,
      "rule": "boilerplate/web",
      "severity": "warning",
      "message": "web page residue",
      "text": "Intro line."
    },
    {
      "path": "a.txt",
      "line": 2,
      "column": 8,
      "end_line": 2,
      "end_column": 15,
      "rule": "repetition/doubled-word",
      "severity": "error",
      "message": "doubled word \"the\"",
      "text": "the the",
      "fixes": [
        {
          "line": 2,
          "column": 11,
          "end_line": 2,
          "end_column": 15,
          "replacement": ""
        }
      ]
    },
    {
      "path": "a.txt",
      "line": 2,
      "column": 28,
      "end_line": 2,
      "end_column": 35,
      "rule": "repetition/doubled-word",
      "severity": "error",
      "message": "doubled word \"the\"\ninside a quotation",
      "text": "the the",
      "fixes": [
        {
          "line": 2,
          "column": 31,
          "end_line": 2,
          "end_column": 35,
          "replacement": "",
          "unsafe": true
        }
      ]
    }
  ],
  "summary": {
    "files": 1,
    "error": 2,
    "warning": 1,
    "info": 0
  }
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestJSONEmpty(t *testing.T) {
	doc := document.Load("a.txt", []byte("Fine.\n"))
	got := run(t, "json", []*document.Document{doc, doc}, [][]rules.Finding{nil, nil})
	want := `{
  "findings": [],
  "summary": {
    "files": 2,
    "error": 0,
    "warning": 0,
    "info": 0
  }
}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestJSONStreamsOneObject checks that the output written a document at a
// time is exactly the indented encoding of the whole object, whichever
// documents have findings.
func TestJSONStreamsOneObject(t *testing.T) {
	a, fa := sample("a.md")
	b := document.Load("b.txt", []byte("Nothing here.\n"))
	c, fc := sample("c/<d>.md")
	got := run(t, "json", []*document.Document{a, b, c}, [][]rules.Finding{fa, nil, fc})

	var v struct {
		Findings []map[string]any `json:"findings"`
		Summary  map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(got), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, got)
	}
	if len(v.Findings) != 6 || v.Summary["files"] != 3 || v.Summary["error"] != 4 || v.Summary["warning"] != 2 {
		t.Errorf("decoded %d findings, summary %v", len(v.Findings), v.Summary)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(got)); err != nil {
		t.Fatal(err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	indented.WriteByte('\n')
	if indented.String() != got {
		t.Errorf("streamed output differs from the indented whole:\n%s\nwant\n%s", got, indented.String())
	}
	if !strings.Contains(got, `"path": "c/<d>.md"`) {
		t.Errorf("HTML characters escaped in %s", got)
	}
}

func TestSummaryAtLeast(t *testing.T) {
	s := Summary{Files: 1, Error: 1, Warning: 2, Info: 4}
	for sev, want := range map[rules.Severity]int{rules.Error: 1, rules.Warning: 3, rules.Info: 7} {
		if got := s.AtLeast(sev); got != want {
			t.Errorf("AtLeast(%v) = %d, want %d", sev, got, want)
		}
	}
}

func TestNewUnknownFormat(t *testing.T) {
	_, err := New("xml", &bytes.Buffer{}, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), `unknown format "xml"`) {
		t.Errorf("New(xml) error = %v", err)
	}
}

func TestFormats(t *testing.T) {
	want := []string{"text", "json", "sarif", "github", "checkstyle", "junit", "rdjsonl", "html"}
	if got := Formats(); !slices.Equal(got, want) {
		t.Errorf("Formats() = %q, want %q", got, want)
	}
	for _, f := range Formats() {
		if p, err := New(f, &bytes.Buffer{}, Options{}); err != nil || p == nil {
			t.Errorf("New(%q) = %v, %v", f, p, err)
		}
	}
	_, err := New("x", &bytes.Buffer{}, Options{})
	if want := `unknown format "x" (want text, json, sarif, github, checkstyle, junit, rdjsonl, html)`; err == nil || err.Error() != want {
		t.Errorf("New(x) error = %v, want %s", err, want)
	}
}

// recorder records the calls it receives, and fails the one named fail.
type recorder struct {
	name  string
	calls *[]string
	fail  string
}

func (r recorder) call(c string) error {
	*r.calls = append(*r.calls, r.name+"."+c)
	if c == r.fail {
		return errors.New(r.name + " failed")
	}
	return nil
}
func (r recorder) Begin() error                                   { return r.call("Begin") }
func (r recorder) File(*document.Document, []rules.Finding) error { return r.call("File") }
func (r recorder) End(Summary) error                              { return r.call("End") }

func TestMulti(t *testing.T) {
	var calls []string
	m := Multi(recorder{"a", &calls, ""}, recorder{"b", &calls, "File"}, recorder{"c", &calls, ""})
	doc := document.Load("a.txt", nil)
	if err := m.Begin(); err != nil {
		t.Fatal(err)
	}
	if err := m.File(doc, nil); err == nil || err.Error() != "b failed" {
		t.Errorf("File error = %v, want b's", err)
	}
	if err := m.End(Summary{}); err != nil {
		t.Fatal(err)
	}
	want := []string{"a.Begin", "b.Begin", "c.Begin", "a.File", "b.File", "a.End", "b.End", "c.End"}
	if !slices.Equal(calls, want) {
		t.Errorf("calls %q, want %q", calls, want)
	}

	// Two real formats at once write what each writes alone.
	a, fa := sample("a.md")
	rules.SortFindings(fa)
	var text, js bytes.Buffer
	m = Multi(NewText(&text), NewJSON(&js))
	m.Begin()
	m.File(a, fa)
	var sum Summary
	sum.Add(fa)
	m.End(sum)
	docs, fs := []*document.Document{a}, [][]rules.Finding{fa}
	if text.String() != run(t, "text", docs, fs) || js.String() != run(t, "json", docs, fs) {
		t.Errorf("Multi wrote\n%s\n%s", text.String(), js.String())
	}
}

// writeSizes records the size of every write.
type writeSizes struct {
	bytes.Buffer
	sizes []int
}

func (w *writeSizes) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return w.Buffer.Write(p)
}

// TestJSONChunks: a document with many findings is written in pieces of
// about jsonChunk bytes, which make up the JSON of every finding.
func TestJSONChunks(t *testing.T) {
	text := strings.Repeat("It was the the end.\n", 5000)
	doc := document.Load("big.txt", []byte(text))
	var fs []rules.Finding
	for i := 0; i < len(text); i += len("It was the the end.\n") {
		fs = append(fs, rules.Finding{Path: "big.txt", Rule: "repetition/doubled-word", Severity: rules.Error,
			Span: document.Span{Start: i + 7, End: i + 14}, Message: "doubled word"})
	}
	var w writeSizes
	p := NewJSON(&w)
	if err := p.Begin(); err != nil {
		t.Fatal(err)
	}
	if err := p.File(doc, fs); err != nil {
		t.Fatal(err)
	}
	var sum Summary
	sum.Add(fs)
	if err := p.End(sum); err != nil {
		t.Fatal(err)
	}
	for _, n := range w.sizes {
		if n > jsonChunk+1024 {
			t.Errorf("a write of %d bytes", n)
		}
	}
	if len(w.sizes) < 10 {
		t.Errorf("%d writes for %d bytes", len(w.sizes), w.Len())
	}
	var got struct{ Findings []struct{ Line int } }
	if err := json.Unmarshal(w.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 5000 || got.Findings[4999].Line != 5000 {
		t.Errorf("%d findings", len(got.Findings))
	}
}
