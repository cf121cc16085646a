package goldenfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/rules"
)

func TestGoldenPath(t *testing.T) {
	wd := filepath.FromSlash("/work/site")
	if v := filepath.VolumeName(os.TempDir()); v != "" {
		wd = v + wd
	}
	for _, tc := range []struct {
		goldenDir, doc, want string
		err                  error
	}{
		{"golden", "a.md", "golden/a.md", nil},
		{"golden", "./articles/x.md", "golden/articles/x.md", nil},
		{"golden", "articles/../x.md", "golden/x.md", nil},
		{"golden", wd + "/articles/x.md", "golden/articles/x.md", nil},
		{"ci/approved", "x.txt", "ci/approved/x.txt", nil},
		{"../approved", "x.txt", "../approved/x.txt", nil},
		{wd + "/g", "x.txt", wd + "/g/x.txt", nil},
		{"golden", "goldenish/x.md", "golden/goldenish/x.md", nil},
		{"golden", "../x.md", "", ErrOutsideWorkDir},
		{"golden", "articles/../../x.md", "", ErrOutsideWorkDir},
		{"golden", filepath.Dir(wd) + "/other/x.md", "", ErrOutsideWorkDir},
		{"golden", ".", "", ErrOutsideWorkDir},
		{"golden", "golden/a.md", "", ErrInGoldenDir},
		{"./golden/", "golden/sub/a.md", "", ErrInGoldenDir},
	} {
		doc := filepath.FromSlash(tc.doc)
		got, err := Path(wd, filepath.FromSlash(tc.goldenDir), doc)
		switch {
		case tc.err != nil:
			if !errors.Is(err, tc.err) {
				t.Errorf("Path(%q, %q) error = %v, want %v", tc.goldenDir, tc.doc, err, tc.err)
			} else if !strings.HasPrefix(err.Error(), doc+": ") {
				t.Errorf("error %q does not start with the document's name", err)
			}
		case err != nil:
			t.Errorf("Path(%q, %q) error: %v", tc.goldenDir, tc.doc, err)
		case got != filepath.FromSlash(tc.want):
			t.Errorf("Path(%q, %q) = %q, want %q", tc.goldenDir, tc.doc, got, tc.want)
		}
	}
}

func TestGoldenPathOutsideMessage(t *testing.T) {
	_, err := Path(filepath.FromSlash("/w"), "golden", filepath.FromSlash("../x.md"))
	want := filepath.FromSlash("../x.md") + ": lies outside the working folder " + filepath.FromSlash("/w")
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want it to start %q", err, want)
	}
}

// TestGoldenPathWorkingFolder checks Path with a real working folder, the
// document reached through a symbolic link when the system allows.
func TestGoldenPathWorkingFolder(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "a"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(real, "a", "x.md"), []byte("x\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	got, err := Path(real, "golden", filepath.Join(real, "a", "x.md"))
	if err != nil || got != filepath.Join("golden", "a", "x.md") {
		t.Errorf("Path = %q, %v", got, err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	// The document named through the link, the working folder real.
	got, err = Path(real, "golden", filepath.Join(link, "a", "x.md"))
	if err != nil || got != filepath.Join("golden", "a", "x.md") {
		t.Errorf("through a link: Path = %q, %v", got, err)
	}
}

func TestEqualText(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"", "", true},
		{"a\nb\n", "a\nb\n", true},
		{"a\r\nb\r\n", "a\nb\n", true},
		{"a\rb\r", "a\nb\n", true},
		{"a\r\nb\rc\n", "a\nb\r\nc\r", true},
		{"a\r\n", "a\n\n", false},   // CRLF is one break, not two
		{"a\r\r\n", "a\n\n", true},  // CR then CRLF: two breaks
		{"a\n", "a", false},         // a final line break counts
		{"a\r\n", "a\r", true},      // of any kind
		{"a b\n", "a  b\n", false},  // white space inside a line counts
		{"ab\n", "ab\n\r", false},   // an extra break
		{"“x”\n", "\"x\"\n", false}, // typography counts: that is the comparer's business
		{"\uFEFFa\n", "a\n", true},  // a byte order mark is invisible, as line endings are
		{"\uFEFFa\r\n", "a\n", true},
		{"\uFEFF", "", true},
		{"a\uFEFF\n", "a\n", false},             // not at the start: a character like any other
		{"\uFEFF\uFEFFa\n", "\uFEFFa\n", false}, // only the first is a byte order mark
	} {
		if got := EqualText([]byte(tc.a), []byte(tc.b)); got != tc.want {
			t.Errorf("EqualText(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := EqualText([]byte(tc.b), []byte(tc.a)); got != tc.want {
			t.Errorf("EqualText(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}

func newTestComparer(t *testing.T) *checks.Comparer {
	t.Helper()
	c, err := checks.NewComparer(checks.Registry(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCheckGolden(t *testing.T) {
	dir := t.TempDir()
	c := newTestComparer(t)
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const text = "“The scale of detention could constitute crimes,” the report said.\n"

	t.Run("pass", func(t *testing.T) {
		g := write("same.md", strings.ReplaceAll(text, "\n", "\r\n"))
		r, err := Check(c, "a.md", []byte(text), g)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != Pass || r.Changes != nil || r.Path != "a.md" || r.Golden != g {
			t.Errorf("got %+v, want a pass", r)
		}
	})

	t.Run("drift", func(t *testing.T) {
		old := strings.Replace(text, "scale", "extent", 1)
		g := write("old.md", old)
		r, err := Check(c, "a.md", []byte(text), g)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != Drift || r.Changes == nil {
			t.Fatalf("got %+v, want a drift with a result", r)
		}
		// The golden copy is the old revision, the document the new one.
		if r.Changes.Old == nil || r.Changes.New == nil {
			t.Fatalf("result without documents: %+v", r.Changes)
		}
		if string(r.Changes.Old.Text) != old || r.Changes.Old.Path != filepath.ToSlash(g) {
			t.Errorf("old revision is %s %q, want the golden copy", r.Changes.Old.Path, r.Changes.Old.Text)
		}
		if string(r.Changes.New.Text) != text || r.Changes.New.Path != "a.md" {
			t.Errorf("new revision is %s %q, want the document", r.Changes.New.Path, r.Changes.New.Text)
		}
		// Without a comparer, the status alone.
		r, err = Check(nil, "a.md", []byte(text), g)
		if err != nil || r.Status != Drift || r.Changes != nil {
			t.Errorf("without a comparer: %+v, %v", r, err)
		}
	})

	t.Run("missing", func(t *testing.T) {
		g := filepath.Join(dir, "none", "a.md")
		r, err := Check(c, "a.md", []byte(text), g)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != Missing || r.Changes != nil || r.Golden != g {
			t.Errorf("got %+v, want missing", r)
		}
	})

	t.Run("unreadable", func(t *testing.T) {
		g := filepath.Join(dir, "folder.md")
		if err := os.Mkdir(g, 0o777); err != nil {
			t.Fatal(err)
		}
		_, err := Check(c, "a.md", []byte(text), g)
		if err == nil || !strings.HasPrefix(err.Error(), g+": ") {
			t.Errorf("error %v, want one naming %s", err, g)
		}
	})

	t.Run("update then pass", func(t *testing.T) {
		g := filepath.Join(dir, "golden", "sub", "a.md")
		if err := Update(g, []byte(text)); err != nil {
			t.Fatal(err)
		}
		r, err := Check(c, "sub/a.md", []byte(text), g)
		if err != nil || r.Status != Pass {
			t.Errorf("after update: %+v, %v", r, err)
		}
	})
}

func TestStatusString(t *testing.T) {
	for s, want := range map[Status]string{Pass: "pass", Drift: "drift", Missing: "missing", Written: "written", Unchecked: "error", Status(9): "Status(9)"} {
		if got := s.String(); got != want {
			t.Errorf("Status(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}

// TestGoldenLineDiff checks the line diff of a drifted document: the
// hunks of the lines that differ in anything but the words of the prose,
// between the golden copy (---) and the document (+++), line endings and a
// byte order mark aside.
func TestGoldenLineDiff(t *testing.T) {
	const codeOld = "Intro.\n\n```sh\nrm -rf /\n```\n"
	const codeNew = "Intro.\n\n```sh\nrm -rf /tmp/x\n```\n"
	const codeDiff = "--- golden/a.md\n+++ a.md\n@@ -1,5 +1,5 @@\n Intro.\n \n ```sh\n-rm -rf /\n+rm -rf /tmp/x\n ```\n"
	for _, tc := range []struct {
		name, doc, golden, text string
		want                    string
	}{
		{"code block", "a.md", codeOld, codeNew, codeDiff},
		{"golden copy with CRLF and a byte order mark", "a.md",
			"\uFEFF" + strings.ReplaceAll(codeOld, "\n", "\r\n"), codeNew, codeDiff},
		{"words only: the word diff says it all", "a.md",
			"Intro.\n\nThe vote was close.\n", "Intro.\n\nThe vote was not close.\n", ""},
		{"words and code far apart: only the code's hunk", "a.md",
			"The vote was close.\n\nA\n\nB\n\nC\n\nD\n\n```\nls\n```\n",
			"The vote was not close.\n\nA\n\nB\n\nC\n\nD\n\n```\nls -l\n```\n",
			"--- golden/a.md\n+++ a.md\n@@ -9,5 +9,5 @@\n D\n \n ```\n-ls\n+ls -l\n ```\n"},
		{"link target with the words", "a.md",
			"See [the guide](https://b.example) now.\n", "See [our guide](https://a.example) now.\n",
			"--- golden/a.md\n+++ a.md\n@@ -1,1 +1,1 @@\n-See [the guide](https://b.example) now.\n+See [our guide](https://a.example) now.\n"},
		{"front matter", "a.md",
			"---\ntitle: A\n---\nText.\n", "---\ntitle: B\n---\nText.\n",
			"--- golden/a.md\n+++ a.md\n@@ -1,4 +1,4 @@\n ---\n-title: A\n+title: B\n ---\n Text.\n"},
		{"re-wrapped line", "a.txt",
			"One two three.\n", "One two\nthree.\n",
			"--- golden/a.txt\n+++ a.txt\n@@ -1,1 +1,2 @@\n-One two three.\n+One two\n+three.\n"},
		{"web address in plain text", "a.txt",
			"See https://a.example/2023 now.\n", "See https://a.example/2024 now.\n",
			"--- golden/a.txt\n+++ a.txt\n@@ -1,1 +1,1 @@\n-See https://a.example/2023 now.\n+See https://a.example/2024 now.\n"},
		{"final line break", "a.txt",
			"Same.\n", "Same.",
			"--- golden/a.txt\n+++ a.txt\n@@ -1,1 +1,1 @@\n-Same.\n+Same.\n\\ No newline at end of file\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(newTestComparer(t), tc.doc, []byte(tc.text), filepath.FromSlash("golden/"+tc.doc), []byte(tc.golden))
			if r.Status != Drift || r.Changes == nil {
				t.Fatalf("got %+v, want a drift with a result", r)
			}
			var b strings.Builder
			if err := r.Changes.WriteLineDiff(&b, false); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("line diff:\n%s\nwant:\n%s", b.String(), tc.want)
			}
			if b.String() == "" && !r.Changes.Changed() {
				t.Errorf("neither a word diff nor a line diff")
			}
		})
	}
}

func TestGoldenLineDiffColor(t *testing.T) {
	// The colours of checks' diffs: the ANSI codes a terminal reads.
	const red, green, cyan, reset = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[0m"
	r := Compare(newTestComparer(t), "a.md", []byte("```\nls -l\n```\n"), "golden/a.md", []byte("```\nls\n```\n"))
	var b strings.Builder
	if err := r.Changes.WriteLineDiff(&b, true); err != nil {
		t.Fatal(err)
	}
	want := "--- golden/a.md\n+++ a.md\n" + cyan + "@@ -1,3 +1,3 @@" + reset + "\n ```\n" +
		red + "-ls" + reset + "\n" + green + "+ls -l" + reset + "\n ```\n"
	if b.String() != want {
		t.Errorf("colour line diff:\n%q\nwant:\n%q", b.String(), want)
	}
}
