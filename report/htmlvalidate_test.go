package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// TestHTMLValidates runs html-validate (the npm package, with its
// recommended rules: the HTML5 content model, WCAG techniques such as
// labelled controls and table headers, no duplicate IDs) over the pages of
// each command: the seed article's lint, several documents with the
// hostile one among them, a source passage, a diff and a golden run. It
// must report no problem.
func TestHTMLValidates(t *testing.T) {
	tool := nodeTool(t, "html-validate", "DOCQA_HTML_VALIDATE", "html-validate", "html-validate@10.17.0")
	dir := t.TempDir()
	write := func(name, page string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	seedText, err := os.ReadFile("../testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed, seedFindings := lintDoc(t, "testdata/article.txt", string(seedText))
	bad, badFindings := lintDoc(t, "docs/<hostile>.md", hostile)
	clean, cleanFindings := lintDoc(t, "docs/clean.md", "Nothing to say.\n")
	files := []string{
		write("lint.html", lintHTML(t, Options{Registry: rules.Builtin()}, []*document.Document{seed}, [][]rules.Finding{seedFindings})),
		write("many.html", lintHTML(t, Options{Registry: rules.Builtin()}, []*document.Document{seed, bad, clean}, [][]rules.Finding{seedFindings, badFindings, cleanFindings})),
		write("empty.html", lintHTML(t, Options{}, nil, nil)),
		write("golden.html", runGolden(t, "html", goldenEntries(t))),
	}
	src := document.Load("sources/report.txt", []byte("The extent of arbitrary detention may constitute crimes.\n"))
	text := "It said the “scale of arbitrary detention may constitute crimes.”\n"
	d := document.Load("a.txt", []byte(text))
	f := rules.Finding{Path: "a.txt", Rule: "sources/altered", Severity: rules.Error,
		Span: document.Span{Start: strings.Index(text, "“"), End: len(text) - 1}, Message: "differs",
		Related: []rules.Related{{Path: src.Path, Doc: src, Span: document.Span{Start: 4, End: 56}, Message: "the source's words"}}}
	files = append(files, write("verify.html", lintHTML(t, Options{Command: "verify"}, []*document.Document{d}, [][]rules.Finding{{f}})))
	res := compareTexts(t, "A.\n\n“We look at the extent of it,” she said.\n\nB.\n", "A.\n\n“We look at the scale of it,” he said.\n\nB.\n\nNew one.\n")
	var diff bytes.Buffer
	if err := WriteDiffHTML(&diff, res, Options{Registry: checks.Registry()}); err != nil {
		t.Fatal(err)
	}
	files = append(files, write("diff.html", diff.String()))

	cmd := exec.Command(tool, append([]string{"--formatter", "text"}, files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("html-validate: %v\n%s", err, out)
	}
	t.Logf("html-validate over %d pages: no problem", len(files))
}
