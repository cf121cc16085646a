package report

import (
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

func TestGitHub(t *testing.T) {
	doc, fs := sample("dir/a.md")
	fs = append(fs, rules.Finding{
		Path: "dir/a.md", Rule: "style/second-person", Severity: rules.Info,
		Span: document.Span{Start: 0, End: 5}, Message: "you",
	})
	rules.SortFindings(fs)
	got := run(t, "github", []*document.Document{doc}, [][]rules.Finding{fs})
	want := `::warning file=dir/a.md,line=1,col=1,endLine=1,endColumn=12,title=boilerplate/web::web page residue
::notice file=dir/a.md,line=1,col=1,endLine=1,endColumn=6,title=style/second-person::you
::error file=dir/a.md,line=2,col=8,endLine=2,endColumn=15,title=repetition/doubled-word::doubled word "the"
::error file=dir/a.md,line=2,col=28,endLine=2,endColumn=35,title=repetition/doubled-word::doubled word "the"%0Ainside a quotation
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestGitHubEscaping checks the actions toolkit's escaping on a message
// and properties holding "%", ":", "," and line breaks.
func TestGitHubEscaping(t *testing.T) {
	text := "Fine.\n"
	doc := document.Load("dir/a,b:100%.md", []byte(text))
	fs := []rules.Finding{{
		Path: doc.Path, Rule: "house/a:b,c", Severity: rules.Error,
		Span:    document.Span{Start: 0, End: 4},
		Message: "50% off: a, b\nnext line\r\nend %0A",
	}}
	got := run(t, "github", []*document.Document{doc}, [][]rules.Finding{fs})
	want := "::error file=dir/a%2Cb%3A100%25.md,line=1,col=1,endLine=1,endColumn=5,title=house/a%3Ab%2Cc::" +
		"50%25 off: a, b%0Anext line%0D%0Aend %250A\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if strings.Count(got, "\n") != 1 {
		t.Errorf("a finding takes more than one line: %q", got)
	}
	cmd, props, msg := parseWorkflowCommand(t, strings.TrimSuffix(got, "\n"))
	if cmd != "error" || props["file"] != doc.Path || props["title"] != fs[0].Rule || props["line"] != "1" ||
		props["col"] != "1" || props["endLine"] != "1" || props["endColumn"] != "5" || msg != fs[0].Message {
		t.Errorf("parsed back as %s %q %q", cmd, props, msg)
	}
}

// parseWorkflowCommand parses a workflow command as the Actions runner
// does (ActionCommand.TryParseV2): "::NAME PROPS::DATA", properties split at
// "," and then at the first "=", and each value unescaped.
func parseWorkflowCommand(t *testing.T, line string) (name string, props map[string]string, data string) {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a workflow command: %q", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no data in %q", line)
	}
	name, list, _ := strings.Cut(head, " ")
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	props = map[string]string{}
	for _, p := range strings.Split(list, ",") {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			t.Fatalf("property %q without a value in %q", p, line)
		}
		props[k] = unescape.Replace(v)
	}
	return name, props, unescape.Replace(data)
}

func TestGitHubNoFindings(t *testing.T) {
	doc := document.Load("a.md", []byte("Fine.\n"))
	if got := run(t, "github", []*document.Document{doc}, [][]rules.Finding{nil}); got != "" {
		t.Errorf("got %q, want nothing", got)
	}
}
