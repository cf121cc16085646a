package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/goldenfile"
	"github.com/docqa/docqa/internal/junitxml"
	"github.com/docqa/docqa/internal/testflag"
	"github.com/rogpeppe/go-internal/diff"
)

// TestGolden lints every document under the repository's testdata folder
// (except the revision pairs in testdata/revisions and the sources of
// the seed article in testdata/sources, which docqa verify reads) with the default rules
// and no config file, and compares the JSON output with
// golden/<path>.json, its golden copy, with the harness "docqa golden"
// runs (goldenfile.Path, goldenfile.Check): line endings aside, they
// must be equal. With -update it rewrites the golden files that differ
// instead, atomically (goldenfile.Update); review the diff before
// committing them.
func TestGolden(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found: %v", err)
	}
	var docs []string
	err = filepath.WalkDir(filepath.Join(root, "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "testdata/revisions" || rel == "testdata/sources" {
				return fs.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(p); ext == ".txt" || ext == ".md" {
			docs = append(docs, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no documents in testdata")
	}

	// An empty config file: the defaults, whatever .docqa.yaml lies above.
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root) // documents are reported by their path from the root

	for _, doc := range docs {
		t.Run(doc, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := execute(context.Background(),
				[]string{"lint", "--format", "json", "--config", emptyConfig, doc},
				strings.NewReader(""), &stdout, &stderr)
			if code != exitOK && code != exitFindings {
				t.Fatalf("docqa lint exited with %d:\n%s", code, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			// The output is the document, golden/<doc>.json its golden copy,
			// checked by the harness "docqa golden" runs.
			golden, err := goldenfile.Path(testWD(t), "golden", filepath.FromSlash(doc)+".json")
			if err != nil {
				t.Fatal(err)
			}
			r, err := goldenfile.Check(nil, "docqa lint", stdout.Bytes(), golden)
			if err != nil {
				t.Fatal(err)
			}
			if *testflag.Update {
				if r.Status != goldenfile.Pass {
					if err := goldenfile.Update(golden, stdout.Bytes()); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			switch r.Status {
			case goldenfile.Missing:
				t.Fatalf("%s: no golden copy\n(run 'go test ./cmd/docqa -run TestGolden -update' to create it, then review it)", golden)
			case goldenfile.Drift:
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				t.Errorf("output differs from %s (run with -update to accept, then review the diff):\n%s",
					golden, diff.Diff(golden, want, "docqa lint", stdout.Bytes()))
			}
		})
	}
}

// readmeOutput runs docqa from the repository root with an empty config
// and returns README.md, the exit code and the output.
func readmeOutput(t *testing.T, args ...string) (readme []byte, code int, stdout string) {
	t.Helper()
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	var out, errOut bytes.Buffer
	code = execute(context.Background(), append([]string{args[0], "--config", emptyConfig}, args[1:]...),
		strings.NewReader(""), &out, &errOut)
	if errOut.Len() > 0 {
		t.Errorf("stderr:\n%s", errOut.String())
	}
	return readme, code, out.String()
}

// TestReadmeExample keeps the README's first command true: the output it
// shows for the seed article is what docqa prints.
func TestReadmeExample(t *testing.T) {
	readme, code, out := readmeOutput(t, "lint", "testdata/article.txt")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	if !bytes.Contains(readme, []byte(out)) {
		t.Errorf("README.md does not show the seed article's output; it is now:\n%s", out)
	}
}

// goldenWorkspace makes a temporary working folder holding files (name →
// text) and an empty config file, changes to it, and returns a function
// running "docqa golden" there.
func goldenWorkspace(t *testing.T, files map[string]string) func(args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return commandWorkspace(t, "golden", files)
}

// commandWorkspace makes a temporary working folder holding files (name →
// text, in folders as named) and an empty config file, changes to it, and
// returns a function running the docqa command there with that config.
func commandWorkspace(t *testing.T, command string, files map[string]string) func(args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		args = append([]string{command, "--config", emptyConfig}, args...)
		code := execute(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
}

// TestGoldenCommandLineEndings: a document that differs from its golden
// copy only in line endings (CRLF, CR, LF) passes.
func TestGoldenCommandLineEndings(t *testing.T) {
	const text = "“We will stay,” Bachelet said.\nThe report was published on Tuesday.\n"
	docqa := goldenWorkspace(t, map[string]string{
		"crlf.md":        strings.ReplaceAll(text, "\n", "\r\n"),
		"golden/crlf.md": text,
		"cr.txt":         text,
		"golden/cr.txt":  strings.ReplaceAll(text, "\n", "\r"),
		"ws.txt":         text,
		"golden/ws.txt":  strings.ReplaceAll(text, "\n", " \n"), // trailing spaces are a difference
	})
	code, stdout, stderr := docqa("crlf.md", "cr.txt")
	want := "PASS cr.txt\nPASS crlf.md\n2 documents: 2 passed, 0 drifted, 0 missing\n"
	if code != exitOK || stdout != want || stderr != "" {
		t.Errorf("exit %d, stdout\n%s\nstderr %q; want exit 0 and\n%s", code, stdout, stderr, want)
	}
	code, stdout, _ = docqa("ws.txt")
	if code != exitFindings || !strings.HasPrefix(stdout, "FAIL ws.txt: differs from golden/ws.txt\n") {
		t.Errorf("trailing white space: exit %d, stdout\n%s", code, stdout)
	}
}

// TestGoldenCommandUpdateKeepsMode: --update keeps the golden copy's file
// mode and gives a new one 0644.
func TestGoldenCommandUpdateKeepsMode(t *testing.T) {
	docqa := goldenWorkspace(t, map[string]string{
		"a.md":        "New text.\n",
		"golden/a.md": "Old text.\n",
		"b.md":        "Brand new.\n",
	})
	if err := os.Chmod(filepath.Join("golden", "a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := docqa("--update", "a.md", "b.md")
	want := "wrote golden/a.md\nwrote golden/b.md\n2 documents: 0 passed, 2 written\n"
	if code != exitOK || stdout != want || stderr != "" {
		t.Fatalf("exit %d, stdout\n%s\nstderr %q; want exit 0 and\n%s", code, stdout, stderr, want)
	}
	for name, mode := range map[string]os.FileMode{"a.md": 0o600, "b.md": 0o644} {
		fi, err := os.Stat(filepath.Join("golden", name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("golden/%s: mode %v, want %v", name, fi.Mode().Perm(), mode)
		}
	}
}

// TestGoldenCommandJUnit parses the JUnit output with encoding/xml: one
// test case a document, in path order, with failures and errors where due.
func TestGoldenCommandJUnit(t *testing.T) {
	docqa := goldenWorkspace(t, map[string]string{
		"docs/pass.md":          "Same <text> & more.\n",
		"golden/docs/pass.md":   "Same <text> & more.\n",
		"docs/drift.md":         "The “scale of detention” could constitute crimes, she said.\n",
		"golden/docs/drift.md":  "The “extent of detention” may constitute crimes, she said.\n",
		"docs/missing & x.md":   "No copy yet.\n",
		"golden/docs/folder.md": "",
		"docs/folder.md":        "Its golden copy is replaced by a folder below.\n",
	})
	if err := os.Remove(filepath.Join("golden", "docs", "folder.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join("golden", "docs", "folder.md"), 0o777); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := docqa("--format", "junit", "docs")
	if code != exitFailure {
		t.Errorf("exit %d, want %d (an error beats drift); stderr:\n%s", code, exitFailure, stderr)
	}
	var doc junitxml.Report
	if err := xml.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, stdout)
	}
	if doc.Tests != 4 || doc.Failures != 2 || doc.Errors != 1 || len(doc.Suites) != 1 {
		t.Fatalf("counts %d/%d/%d in %d suites, want 4/2/1 in 1:\n%s", doc.Tests, doc.Failures, doc.Errors, len(doc.Suites), stdout)
	}
	s := doc.Suites[0]
	if s.Name != "docqa golden" || s.Tests != 4 || s.Failures != 2 || s.Errors != 1 || len(s.Cases) != 4 {
		t.Fatalf("suite %q %d/%d/%d with %d cases:\n%s", s.Name, s.Tests, s.Failures, s.Errors, len(s.Cases), stdout)
	}
	var names []string
	for _, c := range s.Cases {
		names = append(names, c.Name)
		if c.Classname != "docqa.golden" {
			t.Errorf("%s: classname %q", c.Name, c.Classname)
		}
	}
	if got, want := strings.Join(names, "|"), "docs/drift.md|docs/folder.md|docs/missing & x.md|docs/pass.md"; got != want {
		t.Errorf("cases %s, want %s", got, want)
	}
	drift, folder, missing, pass := s.Cases[0], s.Cases[1], s.Cases[2], s.Cases[3]
	if f := drift.Failure; f == nil || f.Type != "drift" || f.Message != "differs from golden/docs/drift.md" || drift.Error != nil {
		t.Errorf("drifted document: failure %+v, error %+v", drift.Failure, drift.Error)
	}
	if e := folder.Error; e == nil || e.Type != "error" || !strings.HasPrefix(e.Message, "golden/docs/folder.md: reading the golden copy: ") {
		t.Errorf("unreadable golden copy: error %+v", folder.Error)
	}
	if f := missing.Failure; f == nil || f.Type != "missing" || f.Message != "no golden copy at golden/docs/missing & x.md" ||
		f.Body != "to approve it, run: docqa golden --update \"docs/missing & x.md\"\n" {
		t.Errorf("missing golden copy: failure %+v", missing.Failure)
	}
	if pass.Failure != nil || pass.Error != nil {
		t.Errorf("passing document: failure %+v, error %+v", pass.Failure, pass.Error)
	}

	// Deterministic: the same bytes again.
	_, again, _ := docqa("--format", "junit", "docs")
	if again != stdout {
		t.Errorf("second run differs:\n%s\nfirst:\n%s", again, stdout)
	}
}

// TestGoldenCommandJSON decodes the JSON output.
func TestGoldenCommandJSON(t *testing.T) {
	docqa := goldenWorkspace(t, map[string]string{
		"a.md":        "Same.\n",
		"golden/a.md": "Same.\n",
		"b.md":        "The “scale of detention” could constitute crimes, she said.\n",
		"golden/b.md": "The “extent of detention” may constitute crimes, she said.\n",
		"c.md":        "No copy.\n",
	})
	code, stdout, _ := docqa("--format", "json", ".")
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	var v struct {
		Documents []struct {
			Path     string            `json:"path"`
			Golden   string            `json:"golden"`
			Status   string            `json:"status"`
			Findings []json.RawMessage `json:"findings"`
		} `json:"documents"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	var got []string
	for _, d := range v.Documents {
		got = append(got, d.Path+" "+d.Golden+" "+d.Status)
		if d.Findings == nil {
			t.Errorf("%s: findings null, want a list", d.Path)
		}
	}
	want := []string{"a.md golden/a.md pass", "b.md golden/b.md drift", "c.md golden/c.md missing"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantSum := map[string]int{"documents": 3, "passed": 1, "drifted": 1, "missing": 1, "written": 0, "errors": 0}
	if !maps.Equal(v.Summary, wantSum) {
		t.Errorf("summary %v, want %v", v.Summary, wantSum)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"docs/a.md":     "docs/a.md",
		"my draft.md":   `"my draft.md"`,
		`a"b$c.md`:      `"a\"b\$c.md"`,
		"":              `""`,
		"x-1_2,3+4@%.t": "x-1_2,3+4@%.t",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestReadmeGoldenExample keeps the README's "docqa golden" examples true:
// the output they show is what docqa prints for the files they describe.
func TestReadmeGoldenExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const before = "The report said the “extent of arbitrary and discriminatory detention may constitute international crimes”, Bachelet said.\n\nResearchers interviewed 40 people.\n"
	const after = "The report said the “scale of arbitrary and discriminatory detention could constitute international crimes”, Bachelet said.\n\nResearchers interviewed 14 people.\n"
	const figures = "The ministry published its figures on Tuesday.\n"
	docqa := goldenWorkspace(t, map[string]string{
		"articles/xinjiang.md":        after,
		"golden/articles/xinjiang.md": before,
		"articles/figures.md":         figures,
		"golden/articles/figures.md":  figures,
		"articles/new.md":             "A new article.\n",
		"docs/install.md":             "Install it with:\n\n```sh\nmake install PREFIX=/opt/docqa\n```\n",
		"golden/docs/install.md":      "Install it with:\n\n```sh\nmake install\n```\n",
	})
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"articles/"}, exitFindings},
		{[]string{"docs/install.md"}, exitFindings},
		{[]string{"--update", "articles/"}, exitOK},
	} {
		code, stdout, stderr := docqa(tc.args...)
		if code != tc.code || stderr != "" {
			t.Fatalf("docqa golden %s: exit %d, stderr %q", strings.Join(tc.args, " "), code, stderr)
		}
		shown := "$ docqa golden " + strings.Join(tc.args, " ") + "\n" + stdout
		if !bytes.Contains(readme, []byte(shown)) {
			t.Errorf("README.md does not show this output of docqa golden %s:\n%s", strings.Join(tc.args, " "), shown)
		}
	}
}

// TestGoldenCommandOutsideProse: a document that differs from its golden
// copy only outside the words of its prose (a code block, white space)
// fails with a line diff of what differs, and with checks/markup-changed
// for the code block, in every format; never with an empty explanation.
func TestGoldenCommandOutsideProse(t *testing.T) {
	docqa := goldenWorkspace(t, map[string]string{
		"code.md":         "Intro.\n\n```sh\nrm -rf /tmp/x\n```\n",
		"golden/code.md":  "Intro.\n\n```sh\nrm -rf /\n```\n",
		"wrap.txt":        "One two\nthree.\n",
		"golden/wrap.txt": "One two three.\n",
	})
	const codeDiff = "--- golden/code.md\n+++ code.md\n@@ -1,5 +1,5 @@\n Intro.\n \n ```sh\n-rm -rf /\n+rm -rf /tmp/x\n ```\n"
	const codeFinding = "code.md:4:1: warning: code block changed: “rm -rf /” is now “rm -rf /tmp/x” [checks/markup-changed]\n"
	const wrapDiff = "--- golden/wrap.txt\n+++ wrap.txt\n@@ -1,1 +1,2 @@\n-One two three.\n+One two\n+three.\n"

	code, stdout, stderr := docqa("code.md", "wrap.txt")
	want := "FAIL code.md: differs from golden/code.md\n" + codeDiff + "\n" + codeFinding +
		"FAIL wrap.txt: differs from golden/wrap.txt\n" + wrapDiff +
		"2 documents: 0 passed, 2 drifted, 0 missing\n"
	if code != exitFindings || stdout != want || stderr != "" {
		t.Errorf("text: exit %d, stdout\n%s\nstderr %q; want exit 1 and\n%s", code, stdout, stderr, want)
	}
	if strings.Contains(stdout, "no word-level difference") {
		t.Errorf("text output still says there is no difference:\n%s", stdout)
	}

	code, stdout, _ = docqa("--format", "json", "code.md", "wrap.txt")
	var v struct {
		Documents []struct {
			Path     string `json:"path"`
			Status   string `json:"status"`
			Diff     string `json:"diff"`
			LineDiff string `json:"line_diff"`
			Findings []struct {
				Line    int    `json:"line"`
				Rule    string `json:"rule"`
				Message string `json:"message"`
			} `json:"findings"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if code != exitFindings || len(v.Documents) != 2 {
		t.Fatalf("json: exit %d, %d documents:\n%s", code, len(v.Documents), stdout)
	}
	c, w := v.Documents[0], v.Documents[1]
	if c.Status != "drift" || c.Diff != "" || c.LineDiff != codeDiff || len(c.Findings) != 1 ||
		c.Findings[0].Rule != "checks/markup-changed" || c.Findings[0].Line != 4 {
		t.Errorf("json, code.md: %+v", c)
	}
	if w.Status != "drift" || w.Diff != "" || w.LineDiff != wrapDiff || len(w.Findings) != 0 {
		t.Errorf("json, wrap.txt: %+v", w)
	}

	code, stdout, _ = docqa("--format", "junit", "code.md", "wrap.txt")
	var doc junitxml.Report
	if err := xml.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, stdout)
	}
	if code != exitFindings || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != 2 {
		t.Fatalf("junit: exit %d:\n%s", code, stdout)
	}
	for i, body := range []string{codeDiff + "\n" + codeFinding, wrapDiff} {
		f := doc.Suites[0].Cases[i].Failure
		if f == nil || f.Type != "drift" || f.Body != body {
			t.Errorf("junit, case %d: failure %+v, want the body\n%s", i, f, body)
		}
	}
}

// TestGoldenCommandByteOrderMark: a byte order mark is invisible, as line
// endings are: a document that differs from its golden copy only in one
// passes.
func TestGoldenCommandByteOrderMark(t *testing.T) {
	docqa := goldenWorkspace(t, map[string]string{
		"bom.md":         "\uFEFFThe report was published on Tuesday.\r\n",
		"golden/bom.md":  "The report was published on Tuesday.\n",
		"bom2.md":        "The report was published on Tuesday.\n",
		"golden/bom2.md": "\uFEFFThe report was published on Tuesday.\n",
	})
	code, stdout, stderr := docqa("bom.md", "bom2.md")
	want := "PASS bom.md\nPASS bom2.md\n2 documents: 2 passed, 0 drifted, 0 missing\n"
	if code != exitOK || stdout != want || stderr != "" {
		t.Errorf("exit %d, stdout\n%s\nstderr %q; want exit 0 and\n%s", code, stdout, stderr, want)
	}
}
