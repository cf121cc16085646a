package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/internal/files"

	"github.com/docqa/docqa/internal/lintrun"
	"github.com/docqa/docqa/report"
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
			f := &lintrun.Fixer{Write: true, BeforeWrite: func(path string) { other = tt.replace(t, path) }}
			var stdout, stderr bytes.Buffer
			l := &lintrun.Run{
				Fix:     f.Stage(),
				Stdout:  &stdout,
				Stderr:  &stderr,
				Printer: report.NewText(&stdout),
				Jobs:    1,
			}
			_, ok, err := l.Lint(context.Background(), withPipe(t, []input{{File: files.File{Name: "a.txt", Path: path, Explicit: true}}}))
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

// Outputs never overwrite inputs (issue 11): an output or baseline path
// that is an input, however it is named, or that another output also
// names, is a usage error found before anything is written; outputs that
// are not regular files are written in place; --diff writes nothing.

// story is a document with findings, the input the outputs must not
// overwrite.
const story = "It was the the day.\n\nAdd a Comment\n"

// quoted is a story whose front matter names its source, press.
const quoted = "---\nsources: [press.txt]\n---\n\nShe said “the scale of detention may constitute crimes”.\n"

const press = "The extent of detention may constitute crimes against humanity.\n"

// outputWorkspace writes files (name → content) in a temporary working
// folder, changes to it, and returns a function running docqa there
// in-process.
func outputWorkspace(t *testing.T, files map[string]string) func(args ...string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	testfs.Write(t, dir, files)
	t.Chdir(dir)
	return func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := execute(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
}

// snapshot returns the names and contents of the files under the working
// folder, and the kind of each entry that is not a regular file.
func snapshot(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
		case d.Type()&os.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			files[p] = "link to " + target
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[p] = string(data)
		default:
			files[p] = d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestOutputIsInput: an output that would overwrite an input, the config
// or the baseline read, or another output, is refused with exit status 2
// and one line naming both, and no file changes.
func TestOutputIsInput(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		links map[string]string // symbolic link → target
		hard  map[string]string // hard link → file
		args  []string
		want  string
	}{
		{
			name: "format over the input",
			args: []string{"lint", "--format", "sarif:story.md", "story.md"},
			want: "--format sarif:story.md would overwrite the input story.md",
		},
		{
			name: "baseline over the input",
			args: []string{"lint", "--write-baseline", "story.md", "story.md"},
			want: "--write-baseline story.md would overwrite the input story.md",
		},
		{
			name:  "baseline and format to one file",
			files: map[string]string{"x.json": "{}\n"},
			args:  []string{"lint", "--write-baseline", "x.json", "--format", "json:x.json", "story.md"},
			want:  "--format json:x.json and --write-baseline x.json both write x.json",
		},
		{
			name: "two formats to one file, spelt differently",
			args: []string{"lint", "--format", "json:out.json", "--format", "sarif:./sub/../out.json", "story.md"},
			want: "--format json:out.json and --format sarif:./sub/../out.json both write ./sub/../out.json",
		},
		{
			name: "input spelt differently",
			args: []string{"lint", "--format", "json:./story.md", "story.md"},
			want: "--format json:./story.md would overwrite the input story.md",
		},
		{
			name:  "symbolic link to the input",
			links: map[string]string{"link.md": "story.md"},
			args:  []string{"lint", "--format", "json:link.md", "story.md"},
			want:  "--format json:link.md would overwrite the input story.md",
		},
		{
			name:  "input named by a symbolic link",
			links: map[string]string{"link.md": "story.md"},
			args:  []string{"lint", "--format", "json:story.md", "link.md"},
			want:  "--format json:story.md would overwrite the input link.md",
		},
		{
			name: "hard link to the input",
			hard: map[string]string{"hard.md": "story.md"},
			args: []string{"lint", "--format", "json:hard.md", "story.md"},
			want: "--format json:hard.md would overwrite the input story.md",
		},
		{
			name:  "document in an input folder",
			files: map[string]string{"docs/a.md": story},
			args:  []string{"lint", "--format", "json:docs/a.md", "docs/"},
			want:  "--format json:docs/a.md would overwrite the input docs/a.md",
		},
		{
			name:  "document in an input folder, through a link",
			files: map[string]string{"docs/a.md": story},
			links: map[string]string{"alias": "docs"},
			args:  []string{"lint", "--write-baseline", "alias/a.md", "docs"},
			want:  "--write-baseline alias/a.md would overwrite the input docs/a.md",
		},
		{
			name:  "new document in an input folder",
			files: map[string]string{"docs/a.md": story},
			args:  []string{"lint", "--format", "text:docs/out.md", "docs/"},
			want:  "--format text:docs/out.md would write a .md file into the input folder docs, where docqa lints it: write it elsewhere",
		},
		{
			name:  "new document in a folder below an input folder",
			files: map[string]string{"docs/a.md": story},
			args:  []string{"lint", "--format", "text:docs/new/OUT.TXT", "."},
			want:  "--format text:docs/new/OUT.TXT would write a .TXT file into the input folder ., where docqa lints it: write it elsewhere",
		},
		{
			name:  "the config",
			files: map[string]string{"cfg.yaml": "rules: {}\n"},
			args:  []string{"lint", "--config", "cfg.yaml", "--format", "json:cfg.yaml", "story.md"},
			want:  "--format json:cfg.yaml would overwrite the --config file cfg.yaml",
		},
		{
			name:  "the config found",
			files: map[string]string{".docqa.yaml": "rules: {}\n"},
			args:  []string{"lint", "--write-baseline", ".docqa.yaml", "story.md"},
			want:  "--write-baseline .docqa.yaml would overwrite the config file .docqa.yaml",
		},
		{
			name:  "the baseline read",
			files: map[string]string{"bl.json": "{\"version\": 1, \"findings\": []}\n"},
			args:  []string{"lint", "--baseline", "bl.json", "--format", "json:bl.json", "story.md"},
			want:  "--format json:bl.json would overwrite the --baseline file bl.json",
		},
		{
			name:  "merge over an input",
			files: map[string]string{"a.json": "{}\n", "b.json": "{}\n"},
			args:  []string{"merge", "-o", "./a.json", "a.json", "b.json"},
			want:  "-o ./a.json would overwrite the input a.json",
		},
		{
			name:  "a source the front matter names",
			files: map[string]string{"quoted.md": quoted, "press.txt": press},
			args:  []string{"lint", "--format", "text:press.txt", "quoted.md"},
			want:  "--format text:press.txt would overwrite the source press.txt",
		},
		{
			name:  "a source the front matter names, verify",
			files: map[string]string{"quoted.md": quoted, "press.txt": press},
			args:  []string{"verify", "--format", "json:./press.txt", "quoted.md"},
			want:  "--format json:./press.txt would overwrite the source press.txt",
		},
		{
			name:  "a source the front matter names that cannot be read",
			files: map[string]string{"quoted.md": quoted, "press.txt": "\x00\x01binary"},
			args:  []string{"lint", "--format", "text:press.txt", "quoted.md"},
			want:  "quoted.md: sources: press.txt: binary file, not read as a source\ndocqa: --format text:press.txt would overwrite the source press.txt",
		},
		{
			name:  "a source, through a symbolic link",
			files: map[string]string{"quoted.md": quoted, "press.txt": press},
			links: map[string]string{"out.json": "press.txt"},
			args:  []string{"lint", "--format", "json:out.json", "quoted.md"},
			want:  "--format json:out.json would overwrite the source press.txt",
		},
		{
			name:  "a source, the baseline written",
			files: map[string]string{"quoted.md": quoted, "press.txt": press},
			hard:  map[string]string{"bl.json": "press.txt"},
			args:  []string{"lint", "--format", "text:" + os.DevNull, "--write-baseline", "bl.json", "quoted.md"},
			want:  "--write-baseline bl.json would overwrite the source press.txt",
		},
		{
			name:  "a source the config names",
			files: map[string]string{"story.md": "She said “the scale of detention may constitute crimes”.\n", ".docqa.yaml": "sources:\n  \"*.md\": [press/]\n", "press/release.txt": press},
			args:  []string{"lint", "--format", "text:press/release.txt", "story.md"},
			want:  "--format text:press/release.txt would overwrite the source press/release.txt",
		},
		{
			name:  "a page in a folder of sources the config names",
			files: map[string]string{"story.md": "She said “the scale of detention may constitute crimes”.\n", ".docqa.yaml": "sources:\n  \"*.md\": [press/]\n", "press/release.txt": press},
			args:  []string{"verify", "--format", "html:press/report.html", "story.md"},
			want:  "--format html:press/report.html would write a .html file into the source folder press, where docqa reads it as a source: write it elsewhere",
		},
		{
			name:  "a page in a folder of --sources",
			files: map[string]string{"press/release.txt": press},
			args:  []string{"verify", "--sources", "press", "--format", "html:press/report.html", "story.md"},
			want:  "--format html:press/report.html would write a .html file into the source folder press, where docqa reads it as a source: write it elsewhere",
		},
		{
			name: "two formats to standard output",
			args: []string{"lint", "--format", "text", "--format", "json:-", "story.md"},
			want: "--format text and --format json:- both write to standard output: give all but one a file (FORMAT:PATH)",
		},
		{
			name: "a format and the baseline to standard output",
			args: []string{"lint", "--format", "json:/dev/stdout", "--write-baseline", "-", "story.md"},
			want: "--format json:/dev/stdout and --write-baseline - both write to standard output: give all but one a file",
		},
		{
			name:  "--diff and --write-baseline",
			files: map[string]string{"bl.json": "{\"version\": 1, \"findings\": []}\n"},
			args:  []string{"lint", "--diff", "--write-baseline", "bl.json", "story.md"},
			want:  "--diff and --write-baseline cannot be used together: --diff writes nothing",
		},
		{
			name:  "--diff and a format to a file",
			files: map[string]string{"o.json": "{}\n"},
			args:  []string{"lint", "--diff", "--format", "json:o.json", "story.md"},
			want:  "--diff and --format json:o.json cannot be used together: --diff writes nothing",
		},
		{
			name: "--diff and a new file",
			args: []string{"lint", "--diff", "--format", "text", "--format", "sarif:o.sarif", "story.md"},
			want: "--diff and --format sarif:o.sarif cannot be used together: --diff writes nothing",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"story.md": story}
			for name, text := range tt.files {
				files[name] = text
			}
			docqa := outputWorkspace(t, files)
			for link, target := range tt.links {
				if err := os.Symlink(target, link); err != nil {
					t.Skipf("no symbolic links here: %v", err)
				}
			}
			for link, file := range tt.hard {
				if err := os.Link(file, link); err != nil {
					t.Skipf("no hard links here: %v", err)
				}
			}
			before := snapshot(t)
			code, stdout, stderr := docqa(tt.args...)
			if want := "docqa: " + tt.want + "\n"; code != exitFailure || stdout != "" || stderr != want {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, stdout, stderr, want)
			}
			after := snapshot(t)
			for name, was := range before {
				if after[name] != was {
					t.Errorf("%s changed: %.60q…, was %.60q…", name, after[name], was)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("%s written", name)
				}
			}
		})
	}
}

// TestOutputNextToInputs: an output in an input folder that docqa does not
// lint (another extension, a hidden folder), or beside the inputs, is
// written, and a second run lints the same documents.
func TestOutputNextToInputs(t *testing.T) {
	docqa := outputWorkspace(t, map[string]string{"docs/a.md": story, "b.md": story})
	_, want, _ := docqa("lint", "docs", "b.md")
	for _, out := range []string{"docs/report.json", "docs/.cache/out.md", "docs/node_modules/out.md", "out.md"} {
		code, stdout, stderr := docqa("lint", "--format", "text", "--format", "text:"+out, "docs", "b.md")
		if code != exitFindings || stdout != want || stderr != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 1 and %q", out, code, stdout, stderr, want)
		}
		if got := readFile(t, out); got != want {
			t.Errorf("%s holds %q, want %q", out, got, want)
		}
	}
	if code, stdout, _ := docqa("lint", "docs", "b.md"); code != exitFindings || stdout != want {
		t.Errorf("second run: exit %d, stdout %q; want the first run's", code, stdout)
	}
}

// fifo makes a named pipe at path, or skips the test where there are
// none.
func fifo(t *testing.T, path string) {
	t.Helper()
	mkfifo, err := exec.LookPath("mkfifo")
	if err != nil {
		t.Skip("no mkfifo")
	}
	if out, err := exec.Command(mkfifo, path).CombinedOutput(); err != nil {
		t.Skipf("mkfifo: %v: %s", err, out)
	}
}

// charDevice returns the path of a character device that discards what is
// written to it: os.DevNull, or for root, who could replace /dev/null if
// the code under test were wrong, a null device made in a temporary
// folder. It skips the test where there is none.
func charDevice(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no character devices to test on Windows")
	}
	if os.Geteuid() != 0 {
		return os.DevNull
	}
	path := filepath.Join(t.TempDir(), "null")
	if out, err := exec.Command("mknod", "-m", "666", path, "c", "1", "3").CombinedOutput(); err != nil {
		t.Skipf("mknod: %v: %s", err, out)
	}
	return path
}

// readAll reads what is written to the named pipe or descriptor path
// until its writers close it, in a goroutine; wait returns it, or fails
// the test if nothing closed the pipe within a few seconds (the writer
// never opened it: it replaced it, or wrote elsewhere).
func readAll(t *testing.T, open func() (io.ReadCloser, error)) (wait func() string) {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		r, err := open()
		if err != nil {
			t.Error(err)
			done <- ""
			return
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Error(err)
		}
		r.Close()
		done <- string(data)
	}()
	return func() string {
		t.Helper()
		select {
		case s := <-done:
			return s
		case <-time.After(10 * time.Second):
			t.Error("the reader got no end of file: the pipe was never written")
			return ""
		}
	}
}

// TestOutputSpecialFiles: an output that is not a regular file is written
// in place: a device, a named pipe (its reader gets the output), a
// descriptor (/dev/fd/N, as a shell's process substitution passes), the
// standard streams, a symbolic link to any of these; none is replaced by a
// regular file. A symbolic link to a regular file stays a link, its target
// replaced.
func TestOutputSpecialFiles(t *testing.T) {
	docqa := outputWorkspace(t, map[string]string{"story.md": story})
	_, wantJSON, _ := docqa("lint", "--format", "json", "story.md")
	_, wantGitHub, _ := docqa("lint", "--format", "github", "story.md")
	docqa("lint", "--format", "text:out.txt", "--write-baseline", "bl.json", "story.md")
	wantBaseline := readFile(t, "bl.json")
	if !strings.Contains(wantJSON, `"findings"`) || !strings.Contains(wantGitHub, "::error ") || !strings.Contains(wantBaseline, `"version": 1`) {
		t.Fatalf("unexpected outputs:\n%s\n%s\n%s", wantJSON, wantGitHub, wantBaseline)
	}
	isDevice := func(t *testing.T, path string) {
		t.Helper()
		if fi, err := os.Stat(path); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("%s is no longer a device: %v, %v", path, fi, err)
		}
	}
	isLink := func(t *testing.T, path string) {
		t.Helper()
		if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link: %v, %v", path, fi, err)
		}
	}

	t.Run("device", func(t *testing.T) {
		dev := charDevice(t)
		code, stdout, stderr := docqa("lint", "--format", "text", "--format", "json:"+dev, "story.md")
		if code != exitFindings || stderr != "" || !strings.HasPrefix(stdout, "story.md:1:8: error: ") {
			t.Errorf("exit %d, stdout %q, stderr %q; want 1 and the findings", code, stdout, stderr)
		}
		isDevice(t, dev)
		// Named twice, a device is refused like any other file.
		other := filepath.Dir(dev) + "/./" + filepath.Base(dev)
		code, _, stderr = docqa("lint", "--format", "json:"+dev, "--write-baseline", other, "story.md")
		if want := fmt.Sprintf("docqa: --format json:%s and --write-baseline %s both write %s\n", dev, other, other); code != exitFailure || stderr != want {
			t.Errorf("one device twice: exit %d, stderr %q; want 2 and %q", code, stderr, want)
		}
		isDevice(t, dev)
		if err := os.Symlink(dev, "dev-link"); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		if code, _, stderr := docqa("lint", "--write-baseline", "dev-link", "story.md"); code != exitFindings || stderr != "" {
			t.Errorf("link to a device: exit %d, stderr %q; want 1", code, stderr)
		}
		isLink(t, "dev-link")
		isDevice(t, dev)
	})

	t.Run("named pipe", func(t *testing.T) {
		fifo(t, "pipe")
		wait := readAll(t, func() (io.ReadCloser, error) { return os.Open("pipe") })
		code, stdout, stderr := docqa("lint", "--format", "json:pipe", "story.md")
		if code != exitFindings || stdout != "" || stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want 1 and nothing", code, stdout, stderr)
		}
		if got := wait(); got != wantJSON {
			t.Errorf("the reader got %q, want %q", got, wantJSON)
		}
		if fi, err := os.Lstat("pipe"); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("pipe is no longer a named pipe: %v, %v", fi, err)
		}
	})

	t.Run("descriptor", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		path := fmt.Sprintf("/dev/fd/%d", w.Fd())
		if _, err := os.Stat(path); err != nil {
			w.Close()
			t.Skipf("no %s here: %v", path, err)
		}
		wait := readAll(t, func() (io.ReadCloser, error) { return r, nil })
		code, stdout, stderr := docqa("lint", "--format", "github:"+path, "--fail-level", "never", "story.md")
		w.Close() // the reader's end of file, if docqa closed its own descriptor
		if code != exitOK || stdout != "" || stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
		}
		if got := wait(); got != wantGitHub {
			t.Errorf("the reader got %q, want %q", got, wantGitHub)
		}
	})

	t.Run("standard streams", func(t *testing.T) {
		for _, tt := range []struct {
			args           []string
			stdout, stderr string
		}{
			{[]string{"--format", "json:-"}, wantJSON, ""},
			{[]string{"--format", "json:/dev/stdout"}, wantJSON, ""},
			{[]string{"--format", "github:/dev/stderr"}, "", wantGitHub},
			{[]string{"--format", "json:/dev/stdout", "--format", "github:/dev/stderr"}, wantJSON, wantGitHub},
			{[]string{"--format", "text:out.txt", "--write-baseline", "-"}, wantBaseline, ""},
		} {
			code, stdout, stderr := docqa(append(append([]string{"lint"}, tt.args...), "story.md")...)
			if code != exitFindings || stdout != tt.stdout || stderr != tt.stderr {
				t.Errorf("%v: exit %d\nstdout %q\nstderr %q\nwant 1 and\nstdout %q\nstderr %q", tt.args, code, stdout, stderr, tt.stdout, tt.stderr)
			}
		}
		if _, err := os.Lstat("-"); err == nil {
			t.Error("a file named - written")
		}
	})

	t.Run("link to a regular file", func(t *testing.T) {
		if err := os.WriteFile("target.json", []byte("old\n"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("target.json", "link.json"); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		if code, _, stderr := docqa("lint", "--format", "json:link.json", "story.md"); code != exitFindings || stderr != "" {
			t.Errorf("exit %d, stderr %q; want 1", code, stderr)
		}
		isLink(t, "link.json")
		if got := readFile(t, "target.json"); got != wantJSON {
			t.Errorf("target.json holds %q, want the JSON output", got)
		}
	})

	t.Run("merge", func(t *testing.T) {
		if code, _, stderr := docqa("lint", "--format", "json:a.json", "story.md"); code != exitFindings || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		fifo(t, "merged")
		wait := readAll(t, func() (io.ReadCloser, error) { return os.Open("merged") })
		if code, stdout, stderr := docqa("merge", "-o", "merged", "a.json"); code != exitFindings || stdout != "" || stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q; want 1 and nothing", code, stdout, stderr)
		}
		if got := wait(); got != wantJSON {
			t.Errorf("the reader got %q, want %q", got, wantJSON)
		}
		if code, stdout, stderr := docqa("merge", "-o", "/dev/stdout", "a.json"); code != exitFindings || stdout != wantJSON || stderr != "" {
			t.Errorf("-o /dev/stdout: exit %d, stdout %q, stderr %q; want 1 and the JSON", code, stdout, stderr)
		}
	})
}

// TestOutputStandardStreamsBinary runs the docqa binary as a shell runs
// it: with standard error redirected to a log file, --format
// github:/dev/stderr appends to that file, which stays the file the shell
// opened (a rename would replace the log with a new file, and the shell's
// descriptor would write into the old one); and --format json:>(cat), a
// process substitution, reaches the process.
func TestOutputStandardStreamsBinary(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/stderr on Windows")
	}
	bin := docqaBinary(t)
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{"story.md": story})
	logPath := filepath.Join(dir, "ci.log")
	log, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	if _, err := log.WriteString("earlier lines of the log\n"); err != nil {
		t.Fatal(err)
	}
	before, err := log.Stat()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "lint", "--format", "text", "--format", "github:/dev/stderr", "story.md")
	cmd.Dir = dir
	cmd.Stderr = log
	out, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFindings || !strings.HasPrefix(string(out), "story.md:1:8: error: ") {
		t.Errorf("%v, stdout %q; want exit status 1 and the text output", err, out)
	}
	after, err := os.Stat(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Errorf("%s was replaced", logPath)
	}
	if got := readFile(t, logPath); !strings.HasPrefix(got, "earlier lines of the log\n::error file=story.md,line=1,col=8,") {
		t.Errorf("the log holds %q, want its earlier lines and the annotations", got)
	}

	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	cmd = exec.Command(bash, "-c", `"$0" lint --format json:>(cat) story.md`, bin)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err = cmd.Output()
	if !errors.As(err, &ee) || ee.ExitCode() != exitFindings || stderr.Len() > 0 || !strings.Contains(string(out), `"rule": "repetition/doubled-word"`) {
		t.Errorf("process substitution: %v, stdout %q, stderr %q; want exit status 1 and the JSON", err, out, stderr.String())
	}
}
