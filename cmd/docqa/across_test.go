package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/docqa/docqa/internal/files"
	"github.com/docqa/docqa/internal/lintrun"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
)

// acrossConfig keeps one spelling across the documents of a run, with the
// built-in variants and a house consistency rule.
const acrossConfig = `rules:
  consistency/variants:
    across: documents
custom:
  - id: house/percent
    kind: consistency
    across: documents
    sets: [[percent, per cent]]
    message: "use %[2]s, as the archive does, not %[1]s"
`

// TestAcrossDocuments lints a folder of 20 articles, 3 of which spell
// Uyghur as Uighur and percent as per cent: the majority spelling wins,
// and the minority uses are reported in those 3 files only, in every one
// of them, even in the first file of the run, whose own first use is the
// minority's. The output is the same with 1 and 8 workers, with the files
// named in another order, and split into shards.
func TestAcrossDocuments(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	clean := strings.ReplaceAll(string(seed), "Uighur", "Uyghur")
	dir := t.TempDir()
	minority := map[string]bool{"a00.txt": true, "a07.txt": true, "a19.txt": true}
	var names []string
	wantUses := map[string]int{}
	for i := range 20 {
		name := fmt.Sprintf("a%02d.txt", i)
		text := clean + fmt.Sprintf("\nTurnout in district %d rose 5 percent.\n", i)
		if minority[name] {
			text = strings.ReplaceAll(strings.ReplaceAll(text, "Uyghur", "Uighur"), "percent", "per cent")
			wantUses[name] = strings.Count(text, "Uighur")
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Join(dir, name))
	}
	config := filepath.Join(t.TempDir(), "docqa.yaml")
	if err := os.WriteFile(config, []byte(acrossConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	lint := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		code := execute(context.Background(), append([]string{"lint", "--config", config, "--format", "json",
			"--enable", "consistency/variants,house/percent", "--disable", "repetition,quotes,style,spelling,boilerplate"}, args...),
			strings.NewReader(""), &out, &errOut)
		if code != exitFindings || errOut.Len() > 0 {
			t.Fatalf("lint %s: exit %d, stderr %s", args, code, errOut.String())
		}
		return out.String()
	}
	one := lint("--jobs", "1", dir)
	var got struct {
		Findings []struct {
			Path, Rule, Message, Text string
		}
	}
	if err := json.Unmarshal([]byte(one), &got); err != nil {
		t.Fatal(err)
	}
	uses := map[string]int{}
	for _, f := range got.Findings {
		name := filepath.Base(f.Path)
		switch {
		case !minority[name]:
			t.Errorf("%s: %s %q reported in a majority file", name, f.Rule, f.Text)
		case f.Rule == "consistency/variants":
			uses[name]++
			if !strings.HasPrefix(f.Text, "Uighur") || !strings.Contains(f.Message, "the documents of this run use “Uyghur” ") {
				t.Errorf("%s: %q: %s", name, f.Text, f.Message)
			}
		case f.Rule == "house/percent":
			if f.Text != "per cent" || f.Message != "use percent, as the archive does, not per cent" {
				t.Errorf("%s: %q: %s", name, f.Text, f.Message)
			}
			uses[name+" per cent"]++
		default:
			t.Errorf("%s: unexpected %s", name, f.Rule)
		}
	}
	for name, n := range wantUses {
		if uses[name] != n || uses[name+" per cent"] != 1 {
			t.Errorf("%s: %d Uighur and %d per cent reported, want %d and 1", name, uses[name], uses[name+" per cent"], n)
		}
	}

	if eight := lint("--jobs", "8", dir); eight != one {
		t.Errorf("--jobs 8 differs from --jobs 1:\n%s", eight)
	}
	// Named in reverse order, the files print in that order; the findings
	// are the same.
	reversed := slices.Clone(names)
	slices.Reverse(reversed)
	if rev := lint(reversed...); acrossFindings(t, rev) != acrossFindings(t, one) {
		t.Errorf("files in reverse order give other findings:\n%s", rev)
	}
	// Every shard counts the whole run, so the shards' findings add up to
	// the whole run's.
	s1, s2 := lint("--shard", "1/2", dir), lint("--shard", "2/2", dir)
	if got := acrossFindings(t, s1, s2); got != acrossFindings(t, one) {
		t.Errorf("the shards' findings are not the whole run's:\n%s", got)
	}
}

// acrossFindings returns the findings of JSON outputs as sorted lines
// "path:line:column: rule: message".
func acrossFindings(t *testing.T, outputs ...string) string {
	t.Helper()
	var lines []string
	for _, out := range outputs {
		var v struct {
			Findings []struct {
				Path, Rule, Message string
				Line, Column        int
			}
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v in\n%s", err, out)
		}
		for _, f := range v.Findings {
			lines = append(lines, fmt.Sprintf("%s:%d:%d: %s: %s", f.Path, f.Line, f.Column, f.Rule, f.Message))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestAcrossReadsOnce lints a run across documents through the census and
// the lint pass, as lint does, counting the reads: each file is read once.
// A file that cannot be read is read again by the lint pass, which reports
// it.
func TestAcrossReadsOnce(t *testing.T) {
	dir := t.TempDir()
	texts := map[string]string{
		".docqa.yaml": "rules:\n  consistency/variants:\n    across: documents\n",
		"a.txt":       "The Uyghur families left.\n",
		"b.txt":       "Uyghur and Uyghur again.\n",
		"c.txt":       "An Uighur family stayed.\n",
	}
	for name, text := range texts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	res := pipeline.NewResolver(pipeline.Settings{WorkDir: dir})
	var inputs []input
	for _, name := range []string{"a.txt", "b.txt", "c.txt", "gone.txt"} {
		p := filepath.Join(dir, name)
		inputs = append(inputs, input{File: files.File{Name: name, Path: p, Key: p, Explicit: true}})
	}
	if err := resolveInputs(res, inputs); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	reads := map[string]int{}
	readFile := func(path string) ([]byte, error) {
		mu.Lock()
		reads[filepath.Base(path)]++
		mu.Unlock()
		return os.ReadFile(path)
	}
	kept := &lintrun.Kept{}
	c := &lintrun.Run{Jobs: 2, Kept: kept, ReadFile: readFile}
	counted, err := c.Census(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range inputs {
		inputs[i].Pipeline = counted[in.Pipeline]
	}
	var stdout, stderr bytes.Buffer
	l := &lintrun.Run{Jobs: 2, Kept: kept, ReadFile: readFile, Stdout: &stdout, Stderr: &stderr, Printer: report.NewText(&stdout)}
	if _, _, err := l.Lint(context.Background(), inputs); err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"a.txt": 1, "b.txt": 1, "c.txt": 1, "gone.txt": 2}; !maps.Equal(reads, want) {
		t.Errorf("reads %v, want %v", reads, want)
	}
	if !strings.Contains(stdout.String(), "c.txt:1:4: warning: “Uighur”") {
		t.Errorf("the census did not reach the lint pass:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), "gone.txt: no such file or directory") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if n, size := kept.Len(); n != 0 || size != 0 {
		t.Errorf("bytes left kept: %d files, %d bytes", n, size)
	}
}

// TestAcrossIgnoredPathsHaveNoSay: a document that a rule's ignore_paths
// match is not counted for the run's spelling.
func TestAcrossIgnoredPathsHaveNoSay(t *testing.T) {
	run := commandWorkspace(t, "lint", map[string]string{
		"archive/a.txt": "Uighur, Uighur and Uighur, as the old style had it.\n",
		"archive/b.txt": "Uighur again, and Uighur.\n",
		"news/c.txt":    "The Uyghur families left.\n",
		"news/d.txt":    "An Uighur family stayed.\n",
	})
	if err := os.WriteFile(".docqa.yaml", []byte("rules:\n  consistency/variants:\n    across: documents\n    ignore_paths: [\"archive/**\"]\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run("--config", ".docqa.yaml", "archive", "news")
	// Without the archive's votes, Uyghur and Uighur tie in news/ (one
	// each): the first spelling in the run's order, Uyghur, wins.
	if code != exitFindings || !strings.Contains(stdout, "news/d.txt:1:4: ") || strings.Contains(stdout, "news/c.txt") || stderr != "" {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
