package report

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

func TestRDJSONL(t *testing.T) {
	doc, fs := sample("dir/a.md")
	rules.SortFindings(fs)
	b := document.Load("b.txt", []byte("Fine.\n"))
	got := run(t, "rdjsonl", []*document.Document{doc, b}, [][]rules.Finding{fs, nil})
	// "Café — " is 10 bytes: the doubled "the" starts at byte column 11.
	want := `{"message":"web page residue","location":{"path":"dir/a.md","range":{"start":{"line":1,"column":1},"end":{"line":1,"column":12}}},"severity":"WARNING","source":{"name":"docqa"},"code":{"value":"boilerplate/web"}}
{"message":"doubled word \"the\"","location":{"path":"dir/a.md","range":{"start":{"line":2,"column":11},"end":{"line":2,"column":18}}},"severity":"ERROR","source":{"name":"docqa"},"code":{"value":"repetition/doubled-word"},"suggestions":[{"range":{"start":{"line":2,"column":14},"end":{"line":2,"column":18}},"text":""}]}
{"message":"doubled word \"the\"\ninside a quotation","location":{"path":"dir/a.md","range":{"start":{"line":2,"column":33},"end":{"line":2,"column":40}}},"severity":"ERROR","source":{"name":"docqa"},"code":{"value":"repetition/doubled-word"},"suggestions":[{"range":{"start":{"line":2,"column":36},"end":{"line":2,"column":40}},"text":""}]}
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// rdDiag is reviewdog's Diagnostic, for decoding.
type rdDiag struct {
	Message  string `json:"message"`
	Location struct {
		Path  string `json:"path"`
		Range rdRng  `json:"range"`
	} `json:"location"`
	Severity string `json:"severity"`
	Source   struct {
		Name string `json:"name"`
	} `json:"source"`
	Code struct {
		Value string `json:"value"`
	} `json:"code"`
	Suggestions []struct {
		Range rdRng  `json:"range"`
		Text  string `json:"text"`
	} `json:"suggestions"`
}

type rdRng struct {
	Start struct{ Line, Column int } `json:"start"`
	End   struct{ Line, Column int } `json:"end"`
}

// TestRDJSONLParses decodes each line with encoding/json and checks that
// the byte columns select the finding's text and the suggestions' ranges
// apply to give the fixed line.
func TestRDJSONLParses(t *testing.T) {
	text := "\uFEFFÜber — the the café.\r\nLine two has 𐐀 teh teh “x”.\n"
	doc := document.Load("ü/a.md", []byte(text))
	i := strings.Index(text, "the the")
	j := strings.Index(text, "teh teh")
	fs := []rules.Finding{
		{Path: doc.Path, Rule: "repetition/doubled-word", Severity: rules.Error,
			Span: document.Span{Start: i, End: i + 7}, Message: "doubled",
			Fixes: []rules.Fix{{Span: document.Span{Start: i + 3, End: i + 7}}}},
		{Path: doc.Path, Rule: "spelling/misspell", Severity: rules.Info,
			Span: document.Span{Start: j, End: j + 3}, Message: "misspelt",
			Fixes: []rules.Fix{{Span: document.Span{Start: j, End: j + 3}, Replacement: "the"}}},
	}
	out := run(t, "rdjsonl", []*document.Document{doc}, [][]rules.Finding{fs})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(fs) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(fs), out)
	}
	// The file's lines as reviewdog sees them: bytes, line breaks aside.
	var fileLines []string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		fileLines = append(fileLines, strings.TrimSuffix(sc.Text(), "\r"))
	}
	for k, line := range lines {
		var d rdDiag
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", k+1, err, line)
		}
		f := fs[k]
		sev := map[rules.Severity]string{rules.Error: "ERROR", rules.Warning: "WARNING", rules.Info: "INFO"}[f.Severity]
		if d.Message != f.Message || d.Location.Path != "ü/a.md" || d.Severity != sev ||
			d.Source.Name != "docqa" || d.Code.Value != f.Rule || len(d.Suggestions) != 1 {
			t.Errorf("line %d decoded as %+v", k+1, d)
			continue
		}
		r := d.Location.Range
		if r.Start.Line != r.End.Line {
			t.Fatalf("line %d: range %+v spans lines", k+1, r)
		}
		l := fileLines[r.Start.Line-1]
		if got := l[r.Start.Column-1 : r.End.Column-1]; got != doc.String(f.Span) {
			t.Errorf("line %d: byte columns select %q, want %q", k+1, got, doc.String(f.Span))
		}
		s := d.Suggestions[0]
		fixed := l[:s.Range.Start.Column-1] + s.Text + l[s.Range.End.Column-1:]
		wantFixed := []string{"\uFEFFÜber — the café.", "Line two has 𐐀 the teh “x”."}[k]
		if fixed != wantFixed {
			t.Errorf("line %d: the suggestion gives %q, want %q", k+1, fixed, wantFixed)
		}
	}
}
