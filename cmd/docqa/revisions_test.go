package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/goldenfile"
	"github.com/docqa/docqa/internal/testflag"
	"github.com/rogpeppe/go-internal/diff"
)

// revisionsDir is the folder of the revision pairs, from the repository
// root: revisionsDir/NAME/old.txt and new.txt.
const revisionsDir = "testdata/revisions"

// revisionPairs returns the names of the revision pairs, sorted, after
// changing the working folder to the repository root (the pairs are
// reported by their paths from there). It also returns an empty config
// file, so that the defaults apply whatever .docqa.yaml lies above.
func revisionPairs(t *testing.T) (names []string, emptyConfig string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found: %v", err)
	}
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(revisionsDir)))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		t.Fatalf("no revision pairs in %s", revisionsDir)
	}
	emptyConfig = filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	return names, emptyConfig
}

// diffPair runs "docqa diff --format json" on a revision pair, in process,
// and returns its output and exit status. Anything on stderr fails the
// test.
func diffPair(t *testing.T, name, emptyConfig string) ([]byte, int) {
	t.Helper()
	dir := path.Join(revisionsDir, name)
	var stdout, stderr bytes.Buffer
	code := execute(context.Background(),
		[]string{"diff", "--format", "json", "--config", emptyConfig, path.Join(dir, "old.txt"), path.Join(dir, "new.txt")},
		strings.NewReader(""), &stdout, &stderr)
	if code != exitOK && code != exitFindings {
		t.Fatalf("docqa diff exited with %d:\n%s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	return stdout.Bytes(), code
}

// TestRevisionsGolden runs "docqa diff --format json" on every revision
// pair in testdata/revisions and compares the output with
// golden/testdata/revisions/NAME.json, through the harness "docqa golden"
// runs. With -update it rewrites the golden files that differ instead;
// check each finding against testdata/revisions/README.md before
// committing them.
func TestRevisionsGolden(t *testing.T) {
	names, emptyConfig := revisionPairs(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			out, _ := diffPair(t, name, emptyConfig)
			golden, err := goldenfile.Path(testWD(t), "golden", filepath.FromSlash(path.Join(revisionsDir, name))+".json")
			if err != nil {
				t.Fatal(err)
			}
			r, err := goldenfile.Check(nil, "docqa diff", out, golden)
			if err != nil {
				t.Fatal(err)
			}
			if *testflag.Update {
				if r.Status != goldenfile.Pass {
					if err := goldenfile.Update(golden, out); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			switch r.Status {
			case goldenfile.Missing:
				t.Fatalf("%s: no golden copy\n(run 'go test ./cmd/docqa -run TestRevisionsGolden -update' to create it, then check it against %s/README.md)", golden, revisionsDir)
			case goldenfile.Drift:
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				t.Errorf("output differs from %s (run with -update to accept, then review the diff):\n%s",
					golden, diff.Diff(golden, want, "docqa diff", out))
			}
		})
	}
}

// revisionWant is what "docqa diff" must report for one revision pair: its
// findings as "rule file:line", file being old.txt or new.txt, sorted, and
// its exit status with the default --fail-level. The expectations are
// those of testdata/revisions/README.md, worked out by hand from the files.
type revisionWant struct {
	findings []string
	exit     int
}

// revisionWants are the expected findings of every revision pair.
var revisionWants = map[string]revisionWant{
	"bachelet":      {[]string{"checks/quote-changed new.txt:3"}, exitFindings},
	"reworded":      {[]string{"checks/quote-changed new.txt:5", "checks/quote-changed new.txt:9"}, exitFindings},
	"moved":         {nil, exitOK},
	"typography":    {nil, exitOK},
	"speaker":       {[]string{"checks/attribution-changed new.txt:5"}, exitFindings},
	"speaker-named": {[]string{"checks/attribution-changed new.txt:5"}, exitFindings},
	"figure":        {[]string{"checks/figure-changed new.txt:3"}, exitFindings},
	"quote-added":   {[]string{"checks/quote-added new.txt:5"}, exitOK},
	"quote-removed": {[]string{"checks/quote-removed old.txt:5"}, exitOK},
	"doubled":       {[]string{"checks/new-finding new.txt:3"}, exitFindings},
}

// TestRevisionPairs checks that "docqa diff" reports, for every revision
// pair, exactly the findings testdata/revisions/README.md lists, each in
// the right file at the right line, and exits as it says.
func TestRevisionPairs(t *testing.T) {
	names, emptyConfig := revisionPairs(t)
	for name := range revisionWants {
		if !slices.Contains(names, name) {
			t.Errorf("expectations for %s, which is not in %s", name, revisionsDir)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want, ok := revisionWants[name]
			if !ok {
				t.Fatalf("%s/%s has no expected findings in revisionWants (and README.md)", revisionsDir, name)
			}
			out, code := diffPair(t, name, emptyConfig)
			got, err := findingLines(out, path.Join(revisionsDir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want.findings) {
				t.Errorf("findings:\n\t%s\nwant:\n\t%s\noutput:\n%s",
					strings.Join(got, "\n\t"), strings.Join(want.findings, "\n\t"), out)
			}
			if code != want.exit {
				t.Errorf("exit status %d, want %d", code, want.exit)
			}
		})
	}
}

// findingLines decodes "docqa diff --format json" output and returns its
// findings as "rule file:line", sorted, with file the finding's path
// relative to dir.
func findingLines(out []byte, dir string) ([]string, error) {
	var v struct {
		Findings []struct {
			Path string `json:"path"`
			Line int    `json:"line"`
			Rule string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("decoding the JSON output: %w\n%s", err, out)
	}
	var lines []string
	for _, f := range v.Findings {
		file, ok := strings.CutPrefix(f.Path, dir+"/")
		if !ok {
			return nil, fmt.Errorf("finding %s at %s:%d lies outside %s", f.Rule, f.Path, f.Line, dir)
		}
		lines = append(lines, fmt.Sprintf("%s %s:%d", f.Rule, file, f.Line))
	}
	slices.Sort(lines)
	return lines, nil
}

// TestReadmeDiffExample keeps the README's "docqa diff" example true.
func TestReadmeDiffExample(t *testing.T) {
	readme, code, out := readmeOutput(t, "diff", "testdata/revisions/bachelet/old.txt", "testdata/revisions/bachelet/new.txt")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	if !bytes.Contains(readme, []byte(out)) {
		t.Errorf("README.md does not show docqa diff's output; it is now:\n%s", out)
	}
}

// diffWorkspace writes files (name → text) and an empty config file in a
// temporary working folder, changes to it, and returns a function running
// "docqa diff" there.
func diffWorkspace(t *testing.T, files map[string]string) func(args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return commandWorkspace(t, "diff", files)
}

// TestDiffMarkupChanged: "docqa diff" of two revisions that differ only
// outside the words of their prose (front matter, a code block, a link
// target, a web address in plain text) reports checks/markup-changed, one
// finding a changed region at its place in NEW, and exits 1, in every
// format; white space and line endings alone are no finding.
func TestDiffMarkupChanged(t *testing.T) {
	const old = "---\ntitle: Budget\n---\n\nThe council met.\n\n```sh\nrm -rf /\n```\n\nSee [the minutes](https://a.example/2023).\n"
	const new = "---\ntitle: Budget vote\n---\n\nThe council met.\n\n```sh\nrm -rf /tmp/x\n```\n\nSee [the minutes](https://a.example/2024).\n"
	docqa := diffWorkspace(t, map[string]string{
		"old.md":   old,
		"new.md":   new,
		"crlf.md":  strings.ReplaceAll(strings.Replace(old, "The council met.", "The council\nmet.", 1), "\n", "\r\n"),
		"old.txt":  "The minutes are at https://a.example/2023 now.\n",
		"new.txt":  "The minutes are at https://a.example/2024 now.\n",
		"wrap.txt": "The minutes are at\nhttps://a.example/2023 now.\n",
	})

	code, stdout, stderr := docqa("old.md", "new.md")
	want := "new.md:2:1: warning: front matter changed: “title: Budget” is now “title: Budget vote” [checks/markup-changed]\n" +
		"new.md:8:1: warning: code block changed: “rm -rf /” is now “rm -rf /tmp/x” [checks/markup-changed]\n" +
		"new.md:11:19: warning: link target changed from https://a.example/2023 to https://a.example/2024 [checks/markup-changed]\n"
	if code != exitFindings || !strings.HasSuffix(stdout, "\n\n"+want) || stderr != "" {
		t.Errorf("markdown: exit %d, stdout\n%s\nstderr %q; want exit 1 and the findings\n%s", code, stdout, stderr, want)
	}

	code, stdout, _ = docqa("old.txt", "new.txt")
	want = "new.txt:1:20: warning: web address changed from https://a.example/2023 to https://a.example/2024 [checks/markup-changed]\n"
	if code != exitFindings || !strings.HasSuffix(stdout, "\n\n"+want) {
		t.Errorf("plain text: exit %d, stdout\n%s\nwant the finding\n%s", code, stdout, want)
	}

	for _, pair := range [][2]string{{"old.md", "crlf.md"}, {"old.txt", "wrap.txt"}} {
		code, stdout, stderr = docqa(pair[0], pair[1])
		if code != exitOK || stdout != "" || stderr != "" {
			t.Errorf("%s %s (white space and line endings only): exit %d, stdout %q, stderr %q; want exit 0 and nothing",
				pair[0], pair[1], code, stdout, stderr)
		}
	}

	code, stdout, _ = docqa("--format", "json", "old.md", "new.md")
	var v struct {
		Findings []struct {
			Path    string `json:"path"`
			Line    int    `json:"line"`
			Rule    string `json:"rule"`
			OldText string `json:"old_text"`
			NewText string `json:"new_text"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	var got []string
	for _, f := range v.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d %q→%q", f.Rule, f.Path, f.Line, f.OldText, f.NewText))
	}
	wantJSON := []string{
		`checks/markup-changed new.md:2 "title: Budget\n"→"title: Budget vote\n"`,
		`checks/markup-changed new.md:8 "rm -rf /\n"→"rm -rf /tmp/x\n"`,
		`checks/markup-changed new.md:11 "https://a.example/2023"→"https://a.example/2024"`,
	}
	if code != exitFindings || !slices.Equal(got, wantJSON) {
		t.Errorf("json: exit %d, findings\n\t%s\nwant\n\t%s", code, strings.Join(got, "\n\t"), strings.Join(wantJSON, "\n\t"))
	}

	// Every machine format carries the findings and exits 1 on them.
	for _, format := range []string{"sarif", "github", "checkstyle", "junit", "rdjsonl"} {
		code, stdout, stderr := docqa("--format", format, "old.md", "new.md")
		if code != exitFindings || strings.Count(stdout, "checks/markup-changed") < 3 || stderr != "" {
			t.Errorf("--format %s: exit %d, stderr %q, output\n%s", format, code, stderr, stdout)
		}
	}
}
