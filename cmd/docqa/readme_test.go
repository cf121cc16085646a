package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testfs"
)

// readmeHolds fails the test unless the README holds every one of lines.
func readmeHolds(t *testing.T, lines ...string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if !bytes.Contains(readme, []byte(l)) {
			t.Errorf("README.md no longer shows %q", l)
		}
	}
}

// TestReadmeBaselineExample runs the Baseline section's commands on a copy
// of the seed article, and the edit it describes, and checks what the
// README says they print.
func TestReadmeBaselineExample(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	readmeHolds(t,
		"$ docqa lint --write-baseline .docqa-baseline.json testdata/article.txt   # prints today's six findings, exits 1",
		"$ docqa lint --baseline .docqa-baseline.json testdata/article.txt         # nothing new: prints nothing, exits 0",
		"$ docqa lint --baseline .docqa-baseline.json testdata/article.txt\n"+
			"testdata/article.txt:3:19: error: doubled word “the” [repetition/doubled-word]\n")
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{"testdata/article.txt": string(article), "empty.yaml": ""})
	run := func(args ...string) (int, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		code := execute(context.Background(), append([]string{"lint", "--config", "empty.yaml"}, args...),
			strings.NewReader(""), &out, &errOut)
		if errOut.Len() > 0 {
			t.Errorf("%v: stderr %s", args, errOut.String())
		}
		return code, out.String()
	}
	t.Chdir(dir)
	if code, out := run("--write-baseline", ".docqa-baseline.json", "testdata/article.txt"); code != exitFindings || strings.Count(out, "\n") != 6 {
		t.Errorf("--write-baseline: exit %d, %d findings; want %d, 6:\n%s", code, strings.Count(out, "\n"), exitFindings, out)
	}
	if code, out := run("--baseline", ".docqa-baseline.json", "testdata/article.txt"); code != 0 || out != "" {
		t.Errorf("--baseline: exit %d, output %q; want 0 and none", code, out)
	}
	lines := strings.SplitAfterN(string(article), "\n", 3)
	edited := lines[0] + lines[1] + "A paragraph added the the day before.\n\n" + lines[2]
	testfs.Write(t, dir, map[string]string{"testdata/article.txt": edited})
	want := "testdata/article.txt:3:19: error: doubled word “the” [repetition/doubled-word]\n"
	if code, out := run("--baseline", ".docqa-baseline.json", "testdata/article.txt"); code != exitFindings || out != want {
		t.Errorf("--baseline after the edit: exit %d, output %q; want %d, %q", code, out, exitFindings, want)
	}
}

// TestReadmeRulesTestExample runs the "docqa rules test" commands the
// README shows, on copies of the examples so --update writes nothing in
// the repository, and checks that the fixtures match.
func TestReadmeRulesTestExample(t *testing.T) {
	cmds := []string{
		"docqa rules test --config examples/news.yaml examples/news.md",
		"docqa rules test --update --config examples/news.yaml examples/news.md",
	}
	readmeHolds(t, cmds...)
	dir := t.TempDir()
	files := map[string]string{}
	for _, name := range []string{"news.yaml", "news.md"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		files["examples/"+name] = string(b)
	}
	testfs.Write(t, dir, files)
	t.Chdir(dir)
	for _, c := range cmds {
		var out, errOut bytes.Buffer
		code := execute(context.Background(), strings.Fields(c)[1:], strings.NewReader(""), &out, &errOut)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s%s", c, code, out.String(), errOut.String())
		}
	}
	for name, text := range files {
		if b, _ := os.ReadFile(name); string(b) != text {
			t.Errorf("%s changed: the fixture's markers were out of date", name)
		}
	}
}
