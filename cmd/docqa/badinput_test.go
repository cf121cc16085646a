package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/internal/files"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/internal/lintrun"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// The bad-input cases of issue 5 that a testscript cannot set up: file
// permissions (skipped as root, who reads anything), read errors, CR line
// endings (txtar does not keep them) and large files. The other cases are
// in testdata/script/badinput_*.txtar.

// badinputRun runs docqa with args in dir and returns its exit status and
// output.
func badinputRun(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code = execute(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func skipIfRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads files whatever their permissions; TestBadInputReadError covers the same path")
	}
}

func checkRun(t *testing.T, code int, stdout, stderr string, wantCode int, wantStdout, wantStderr string) {
	t.Helper()
	if code != wantCode || stdout != wantStdout || stderr != wantStderr {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s", code, wantCode, stdout, wantStdout, stderr, wantStderr)
	}
}

// An unreadable file among readable ones: the others are linted and
// reported, then exit 2 with a message naming the file.
func TestBadInputUnreadable(t *testing.T) {
	skipIfRoot(t)
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{
		"a.txt": "The the a.\n", "b.txt": "The the b.\n", "c.txt": "The the c.\n",
		"docs/d.txt": "The the d.\n", "docs/locked/e.txt": "The the e.\n",
		"empty.yaml": "", "locked.yaml": "rules: {}\n",
	})
	for _, p := range []string{"b.txt", "docs/locked", "locked.yaml"} {
		if err := os.Chmod(filepath.Join(dir, p), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, p), 0o755) })
	}
	code, stdout, stderr := badinputRun(t, dir, "lint", "--config", "empty.yaml", "a.txt", "b.txt", "c.txt")
	checkRun(t, code, stdout, stderr, exitFailure,
		"a.txt:1:1: error: doubled word “the” [repetition/doubled-word]\n"+
			"c.txt:1:1: error: doubled word “the” [repetition/doubled-word]\n",
		"docqa: b.txt: permission denied\n")

	// A folder that cannot be read, met during a walk.
	code, stdout, stderr = badinputRun(t, dir, "lint", "--config", "empty.yaml", "docs")
	checkRun(t, code, stdout, stderr, exitFailure,
		"docs/d.txt:1:1: error: doubled word “the” [repetition/doubled-word]\n",
		"docqa: docs/locked: permission denied\n")

	// A config file that cannot be read.
	code, stdout, stderr = badinputRun(t, dir, "lint", "--config", "locked.yaml", "a.txt")
	checkRun(t, code, stdout, stderr, exitFailure, "", "docqa: locked.yaml: permission denied\n")
}

// The same path as TestBadInputUnreadable with the read failing on
// purpose, which works as root too.
func TestBadInputReadError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	l := &lintrun.Run{
		Stdout:  &stdout,
		Stderr:  &stderr,
		Printer: report.NewText(&stdout),
		Jobs:    3,
		ReadFile: func(path string) ([]byte, error) {
			if path == "in/b.txt" {
				return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.EACCES}
			}
			return []byte("The the " + path + ".\n"), nil
		},
	}
	var inputs []input
	for _, name := range []string{"in/a.txt", "in/b.txt", "in/c.txt"} {
		inputs = append(inputs, input{File: files.File{Name: name, Path: name, Explicit: true}})
	}
	sum, ok, err := l.Lint(context.Background(), withPipe(t, inputs))
	if err != nil || ok {
		t.Errorf("run: ok %v, err %v; want false, nil", ok, err)
	}
	if got := sum.AtLeast(rules.Error); got != 2 {
		t.Errorf("%d errors reported, want 2", got)
	}
	checkRun(t, 0, stdout.String(), stderr.String(), 0,
		"in/a.txt:1:1: error: doubled word “the” [repetition/doubled-word]\n"+
			"in/c.txt:1:1: error: doubled word “the” [repetition/doubled-word]\n",
		"docqa: in/b.txt: permission denied\n")
}

// A real read error that root cannot avoid: /proc/self/mem fails to read
// at offset 0 (EIO). It is named, the other file is linted, exit 2.
func TestBadInputIOError(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs /proc/self/mem")
	}
	if _, err := os.ReadFile("/proc/self/mem"); err == nil {
		t.Skip("/proc/self/mem is readable here")
	}
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{"a.txt": "The the a.\n", "empty.yaml": ""})
	code, stdout, stderr := badinputRun(t, dir, "lint", "--config", "empty.yaml", "a.txt", "/proc/self/mem")
	checkRun(t, code, stdout, stderr, exitFailure,
		"a.txt:1:1: error: doubled word “the” [repetition/doubled-word]\n",
		"docqa: /proc/self/mem: input/output error\n")
}

// CR and mixed line endings: each of CR, LF and CRLF ends a line once;
// columns are exact after tabs and wide characters.
func TestBadInputLineEndings(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{
		"empty.yaml": "",
		"cr.txt":     "One.\rThe the end.\r\rOne\ttwo two.\r",
		"mixed.txt":  "One.\r\nTwo.\nThree.\r中文 the the.\r\n👍🏽\tand we we.\n\r\nLast last.",
		"crlf.md":    "\uFEFF# Title\r\n\r\nThe the end.\r\n",
	})
	code, stdout, stderr := badinputRun(t, dir, "lint", "--config", "empty.yaml", "cr.txt", "mixed.txt", "crlf.md")
	checkRun(t, code, stdout, stderr, exitFindings,
		"cr.txt:2:1: error: doubled word “the” [repetition/doubled-word]\n"+
			"cr.txt:4:5: error: doubled word “two” [repetition/doubled-word]\n"+
			"crlf.md:3:1: error: doubled word “the” [repetition/doubled-word]\n"+
			"mixed.txt:4:4: error: doubled word “the” [repetition/doubled-word]\n"+
			"mixed.txt:5:8: error: doubled word “we” [repetition/doubled-word]\n"+
			"mixed.txt:7:1: error: doubled word “last” [repetition/doubled-word]\n",
		"")
}

// Large and deeply quoted files finish with sane output. bench/hostile.sh
// runs the full sizes and measures time and memory.
func TestBadInputLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	dir := t.TempDir()
	var oneLine, paras, nested, unclosed strings.Builder
	for oneLine.Len() < 5<<20 {
		oneLine.WriteString("The report was published on Tuesday, and the ministry said nothing. ")
	}
	oneLine.WriteString("The the end.\n")
	for i := range 100_000 {
		fmt.Fprintf(&paras, "Paragraph %d is short.\n\n", i)
	}
	paras.WriteString("The the end.\n")
	nested.WriteString(strings.Repeat("“", 10_000) + "deep" + strings.Repeat("”", 10_000) + "\n")
	unclosed.WriteString(strings.Repeat("He said “never ", 10_000) + "\n")
	testfs.Write(t, dir, map[string]string{
		"empty.yaml": "", "one-line.txt": oneLine.String(), "paragraphs.txt": paras.String(),
		"nested.txt": nested.String(), "unclosed.txt": unclosed.String(),
	})
	col := len([]rune(strings.TrimSuffix(oneLine.String(), "The the end.\n"))) + 1
	code, stdout, stderr := badinputRun(t, dir, "lint", "--config", "empty.yaml", "one-line.txt", "paragraphs.txt", "nested.txt")
	checkRun(t, code, stdout, stderr, exitFindings,
		fmt.Sprintf("one-line.txt:1:%d: error: doubled word “the” [repetition/doubled-word]\n", col)+
			"paragraphs.txt:200001:1: error: doubled word “the” [repetition/doubled-word]\n",
		"")

	// 10,000 unclosed marks in one paragraph: each reported once.
	code, stdout, stderr = badinputRun(t, dir, "lint", "--config", "empty.yaml", "--disable", "quotes/attribution", "unclosed.txt")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != exitFindings || stderr != "" || len(lines) != 10_000 {
		t.Fatalf("unclosed: exit %d, %d lines, stderr %q", code, len(lines), stderr)
	}
	for i, line := range lines {
		want := fmt.Sprintf("unclosed.txt:1:%d: error: ", 9+15*i)
		if !strings.HasPrefix(line, want) || !strings.HasSuffix(line, "[quotes/unbalanced]") {
			t.Fatalf("line %d: %q, want %q… [quotes/unbalanced]", i+1, line, want)
		}
	}
}

// A document larger than docqa lints is refused before it is loaded, as a
// binary file is: named on the command line (or read from standard
// input), it is an error that fails the run; found in a folder, a notice.
// The limit is document.MaxSize; the test lowers it rather than write
// 2 GiB.
func TestBadInputTooLarge(t *testing.T) {
	texts := map[string]string{
		"at-limit.txt": "The the end.\n",     // 13 bytes: linted
		"named.txt":    "The the ends.\n",    // 14 bytes: too large
		"found.txt":    "The the ending.\n",  // 16 bytes: too large
		"binary.txt":   "The\x00the ends.\n", // 14 bytes and binary: too large, checked first
	}
	run := func(inputs []input, stdin string) (ok bool, stdout, stderr string) {
		t.Helper()
		var out, errOut bytes.Buffer
		l := &lintrun.Run{
			Stdin:    strings.NewReader(stdin),
			Stdout:   &out,
			Stderr:   &errOut,
			Printer:  report.NewText(&out),
			Jobs:     2,
			MaxSize:  13,
			ReadFile: func(path string) ([]byte, error) { return []byte(texts[path]), nil },
		}
		_, ok, err := l.Lint(context.Background(), withPipe(t, inputs))
		if err != nil {
			t.Fatal(err)
		}
		return ok, out.String(), errOut.String()
	}
	ok, stdout, stderr := run([]input{
		{File: files.File{Name: "at-limit.txt", Path: "at-limit.txt", Explicit: true}},
		{File: files.File{Name: "binary.txt", Path: "binary.txt", Explicit: true}},
		{File: files.File{Name: "found.txt", Path: "found.txt"}},
		{File: files.File{Name: "named.txt", Path: "named.txt", Explicit: true}},
	}, "")
	checkRun(t, 0, stdout, stderr, 0,
		"at-limit.txt:1:1: error: doubled word “the” [repetition/doubled-word]\n",
		"docqa: binary.txt: too large (14 bytes; docqa lints files up to 2 GiB)\n"+
			"docqa: found.txt: too large (16 bytes; docqa lints files up to 2 GiB), skipped\n"+
			"docqa: named.txt: too large (14 bytes; docqa lints files up to 2 GiB)\n")
	if ok {
		t.Errorf("run ok with files named on the command line refused")
	}

	// Found in a folder only: a notice, and the run succeeds.
	ok, stdout, stderr = run([]input{{File: files.File{Name: "found.txt", Path: "found.txt"}}}, "")
	checkRun(t, 0, stdout, stderr, 0, "", "docqa: found.txt: too large (16 bytes; docqa lints files up to 2 GiB), skipped\n")
	if !ok {
		t.Errorf("run failed for a file found in a folder")
	}

	// Standard input.
	ok, stdout, stderr = run([]input{{File: files.File{Name: "<stdin>", Stdin: true, Explicit: true}}}, "The the stdin.\n")
	checkRun(t, 0, stdout, stderr, 0, "", "docqa: <stdin>: too large (15 bytes; docqa lints files up to 2 GiB)\n")
	if ok {
		t.Errorf("run ok with standard input refused")
	}
}

func TestSizeError(t *testing.T) {
	if err := inputs.SizeError("a.txt", 10, 10); err != nil {
		t.Errorf("sizeError at the limit: %v", err)
	}
	if err := inputs.SizeError("a.txt", document.MaxSize, document.MaxSize); err != nil {
		t.Errorf("sizeError at document.MaxSize: %v", err)
	}
	const want = "a.txt: too large (2147483648 bytes; docqa lints files up to 2 GiB)"
	if err := inputs.SizeError("a.txt", document.MaxSize+1, document.MaxSize); err == nil || err.Error() != want {
		t.Errorf("sizeError past document.MaxSize = %v, want %q", err, want)
	}
	// The message says 2 GiB: document.MaxSize is 2 GiB less a byte.
	if document.MaxSize+1 != 2<<30 {
		t.Errorf("document.MaxSize = %d: the message's 2 GiB is wrong", document.MaxSize)
	}
}

// A named pipe with no writer blocks its reader: an interrupt still ends
// the run promptly.
func TestBadInputBlockedReadInterrupted(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	var stdout, stderr bytes.Buffer
	l := &lintrun.Run{
		Stdout:  &stdout,
		Stderr:  &stderr,
		Printer: report.NewText(&stdout),
		Jobs:    2,
		ReadFile: func(path string) ([]byte, error) {
			<-block // a pipe no one writes to
			return nil, nil
		},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, _, err := l.Lint(ctx, withPipe(t, []input{{File: files.File{Name: "fifo", Path: "fifo", Explicit: true, Special: true}}}))
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("run: %v, want the context's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run still blocked 10s after the interrupt")
	}
}

// A file in UTF-16 (as Windows editors save "Unicode" text) is an encoding
// problem, reported as a docqa/encoding finding that says how to convert
// it, whether named or found in a folder; it is not taken for a binary
// file. A file with a stray NUL is still binary.
func TestBadInputUTF16(t *testing.T) {
	dir := t.TempDir()
	le := []byte{0xFF, 0xFE}
	for _, c := range []byte("The the end.\r\n") {
		le = append(le, c, 0)
	}
	var be []byte
	for _, c := range []byte("Doubled doubled.\n") {
		be = append(be, 0, c)
	}
	testfs.Write(t, dir, map[string]string{
		"docs/windows.md": string(le),
		"docs/nobom.txt":  string(be),
		"docs/stray.txt":  "The\x00end.\n",
	})
	code, stdout, stderr := badinputRun(t, dir, "lint", "docs/windows.md")
	checkRun(t, code, stdout, stderr, 1,
		"docs/windows.md:1:1: warning: UTF-16LE text: docqa reads UTF-8, so nothing else in the file was linted; "+
			"convert it (iconv -f UTF-16 -t UTF-8) [docqa/encoding]\n", "")
	code, stdout, stderr = badinputRun(t, dir, "lint", "docs")
	checkRun(t, code, stdout, stderr, 1,
		"docs/nobom.txt:1:1: warning: UTF-16BE text: docqa reads UTF-8, so nothing else in the file was linted; "+
			"convert it (iconv -f UTF-16BE -t UTF-8) [docqa/encoding]\n"+
			"docs/windows.md:1:1: warning: UTF-16LE text: docqa reads UTF-8, so nothing else in the file was linted; "+
			"convert it (iconv -f UTF-16 -t UTF-8) [docqa/encoding]\n",
		"docqa: docs/stray.txt: binary file, skipped\n")
	code, stdout, stderr = badinputRun(t, dir, "diff", "docs/nobom.txt", "docs/windows.md")
	checkRun(t, code, stdout, stderr, 2, "",
		"docqa: docs/nobom.txt: UTF-16BE text, not compared (docqa reads UTF-8; convert it: iconv -f UTF-16BE -t UTF-8)\n")
}
