package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// Nothing lost on writes: --fix and golden --update write through
// checks.WriteFileAtomic (a temporary file in the same folder, synced,
// renamed over the file, mode kept); a failed write leaves the file as it
// was, leaves no temporary file and is exit status 2 with a message naming
// the file; a file that changed, or was replaced, between the read and the
// write is not written.

// tempFiles returns the names in dir that match WriteFileAtomic's
// temporary files, ".NAME.*.tmp".
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}

// readOnlyFolder makes dir read-only for the rest of the test, or skips
// the test where that does not stop writes (root ignores permissions).
func readOnlyFolder(t *testing.T, dir string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("folder permissions do not stop writes on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root: a read-only folder is still writable; TestWriteFailsFileTooLarge fails the write another way")
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
}

// TestFixReadOnlyFolder: --fix in a folder it cannot write to fails with
// exit status 2 and one line naming the file, which stays as it was.
func TestFixReadOnlyFolder(t *testing.T) {
	article, docqa := fixWorkspace(t)
	readOnlyFolder(t, ".")
	code, stdout, stderr := docqa("--fix", "article.txt")
	if want := "docqa: writing article.txt: permission denied\n"; code != exitFailure || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, stdout, stderr, want)
	}
	if got := readFile(t, "article.txt"); got != article {
		t.Error("the file changed")
	}
	if tmp := tempFiles(t, "."); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestGoldenUpdateReadOnlyFolder: golden --update into a golden folder it
// cannot write to fails likewise, and the golden copy stays as it was.
func TestGoldenUpdateReadOnlyFolder(t *testing.T) {
	docqa := goldenWorkspace(t, map[string]string{
		"a.md":        "New text.\n",
		"golden/a.md": "Old text.\n",
	})
	readOnlyFolder(t, "golden")
	code, stdout, stderr := docqa("--update", "a.md")
	if want := "docqa: writing golden/a.md: permission denied\n"; code != exitFailure || stderr != want {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
	if want := "1 document: 0 passed, 0 written, 1 error\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	if got := readFile(t, filepath.Join("golden", "a.md")); got != "Old text.\n" {
		t.Errorf("golden copy changed: %q", got)
	}
	if tmp := tempFiles(t, "golden"); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestWriteFailsFileTooLarge fails the writes of --fix and golden --update
// in a way that holds for root too: the docqa binary runs under a file size
// limit of one block (ulimit -f 1), so writing the temporary file fails
// with EFBIG (Go ignores SIGXFSZ). The files stay as they were, no
// temporary file is left, and the exit status is 2 with one line naming
// the file.
func TestWriteFailsFileTooLarge(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no ulimit on Windows")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	bin := docqaBinary(t)
	big := strings.Repeat("A line of plain copy that is long enough to matter here.\n", 100) // 5.8 kB
	for _, tt := range []struct {
		name    string
		files   map[string]string
		args    []string
		check   string // the file that must not change
		wantErr string
	}{
		{
			name:    "fix",
			files:   map[string]string{"a.txt": big + "It was the the end.\n"},
			args:    []string{"lint", "--fix", "a.txt"},
			check:   "a.txt",
			wantErr: "docqa: writing a.txt: file too large\n",
		},
		{
			name:    "golden update",
			files:   map[string]string{"a.md": big, "golden/a.md": "Old text.\n"},
			args:    []string{"golden", "--update", "a.md"},
			check:   "golden/a.md",
			wantErr: "docqa: writing golden/a.md: file too large\n",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{"-c", `ulimit -f 1 && exec "$0" "$@"`, bin}, tt.args...)
			args = append(args, "--config", os.DevNull)
			cmd := exec.Command(sh, args...)
			cmd.Dir = dir
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitFailure || stderr.String() != tt.wantErr {
				t.Errorf("%v, stderr %q; want exit status 2 and %q", err, stderr.String(), tt.wantErr)
			}
			check := filepath.Join(dir, filepath.FromSlash(tt.check))
			if got := readFile(t, check); got != tt.files[tt.check] {
				t.Errorf("%s changed", tt.check)
			}
			if tmp := tempFiles(t, filepath.Dir(check)); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
}

// docqaBinary returns the path of a docqa binary: testscript.Main (in
// TestMain) puts this test binary in $PATH as "docqa", running main.
func docqaBinary(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("docqa")
	if err != nil {
		t.Fatalf("docqa not in $PATH (TestMain sets it up): %v", err)
	}
	return bin
}

// TestFixReplacedMeanwhile: a file replaced between the read and the write
// by another file with the same bytes is not written either: --fix writes
// only into the file it linted. The replacement is a renamed copy, or a
// symbolic link to another file (which WriteFileAtomic would write
// through).
func TestFixReplacedMeanwhile(t *testing.T) {
	const text = "It was the the day.\n"
	linter, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		replace func(t *testing.T, path string) (other string)
	}{
		{"renamed copy", func(t *testing.T, path string) string {
			other := path + ".new"
			if err := os.WriteFile(other, []byte(text), 0o666); err != nil {
				t.Error(err)
			}
			if err := os.Rename(other, path); err != nil {
				t.Error(err)
			}
			return path
		}},
		{"symbolic link", func(t *testing.T, path string) string {
			other := filepath.Join(filepath.Dir(path), "other.txt")
			if err := os.WriteFile(other, []byte(text), 0o666); err != nil {
				t.Error(err)
			}
			if err := os.Remove(path); err != nil {
				t.Error(err)
			}
			if err := os.Symlink("other.txt", path); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			return other
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.txt")
			if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
				t.Fatal(err)
			}
			var other string
			f := &fixer{write: true, beforeWrite: func(path string) { other = tt.replace(t, path) }}
			var stdout, stderr bytes.Buffer
			l := &lintRun{
				pipeline: &pipeline{linter: linter, fix: f.stage()},
				stdout:   &stdout,
				stderr:   &stderr,
				printer:  report.NewText(&stdout),
				jobs:     1,
			}
			_, ok, err := l.run(context.Background(), []input{{name: "a.txt", path: path, explicit: true}})
			if err != nil {
				t.Fatal(err)
			}
			if want := "docqa: a.txt: changed while docqa was running, not written\n"; ok || stderr.String() != want {
				t.Errorf("ok %v, stderr %q; want false and %q", ok, stderr.String(), want)
			}
			if got := readFile(t, other); got != text {
				t.Errorf("the replacement was written: %q", got)
			}
			if tmp := tempFiles(t, dir); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
}

// TestGoldenUpdateChangedMeanwhile: golden --update does not write over a
// golden copy that changed between the comparison and the write: edited,
// replaced by another file with the same bytes, or created where there was
// none.
func TestGoldenUpdateChangedMeanwhile(t *testing.T) {
	for _, tt := range []struct {
		name   string
		golden string // "" for none
		change func(t *testing.T, golden string)
		want   string // the golden copy's text afterwards
	}{
		{"edited", "Old text.\n", func(t *testing.T, golden string) {
			if err := os.WriteFile(golden, []byte("Approved by someone else.\n"), 0o666); err != nil {
				t.Error(err)
			}
		}, "Approved by someone else.\n"},
		{"replaced", "Old text.\n", func(t *testing.T, golden string) {
			if err := os.WriteFile(golden+".new", []byte("Old text.\n"), 0o666); err != nil {
				t.Error(err)
			}
			if err := os.Rename(golden+".new", golden); err != nil {
				t.Error(err)
			}
		}, "Old text.\n"},
		{"created", "", func(t *testing.T, golden string) {
			if err := os.MkdirAll(filepath.Dir(golden), 0o777); err != nil {
				t.Error(err)
			}
			if err := os.WriteFile(golden, []byte("Approved by someone else.\n"), 0o666); err != nil {
				t.Error(err)
			}
		}, "Approved by someone else.\n"},
		{"unchanged", "Old text.\n", func(*testing.T, string) {}, "New text.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"a.md": "New text.\n"}
			if tt.golden != "" {
				files["golden/a.md"] = tt.golden
			}
			goldenWorkspace(t, files)
			var stderr bytes.Buffer
			g := &goldenRun{
				opts:        &goldenOptions{goldenDir: "golden", update: true},
				stderr:      &stderr,
				beforeWrite: func(golden string) { tt.change(t, golden) },
			}
			e, skip := g.check(input{name: "a.md", path: "a.md", explicit: true})
			if skip {
				t.Fatal("skipped")
			}
			if tt.name == "unchanged" {
				if e.status != goldenWritten || e.err != nil {
					t.Errorf("status %s, error %v; want written", e.status, e.err)
				}
			} else {
				const want = "golden/a.md: changed while docqa was running, not written"
				if e.status != goldenError || e.err == nil || e.err.Error() != want {
					t.Errorf("status %s, error %v; want error %q", e.status, e.err, want)
				}
			}
			if got := readFile(t, filepath.Join("golden", "a.md")); got != tt.want {
				t.Errorf("golden copy %q, want %q", got, tt.want)
			}
			if tmp := tempFiles(t, "golden"); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
}
