package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// corpusSentences are the pieces randomDocument builds documents from:
// clean copy, and copy with findings of every built-in rule.
var corpusSentences = []string{
	"The council met on Tuesday.",
	"It was the the last meeting of the year.",
	"Officials said the plan would cost 40 million.",
	"“We will stay,” the mayor said.",
	"“We will stay,” she told reporters, “and we will build.”",
	"He said “the report is wrong.",
	"Counter-terrorism and counter-terrorism strategies were discussed.",
	"The Uyghur community was consulted.",
	"Some Uighur families declined.",
	"You can see for yourself.",
	"They will recieve the colour report.",
	"Add a Comment",
	"Advertisement",
	"Prices rose again and again.",
	"The committee’s report, released in ’90s style, ran long.",
	"Ürümqi, 東京 and 🙂 appear before the the slip.",
}

// randomDocument returns a short document of paragraphs of sentences
// picked by r, numbered by i so that no two documents are the same.
func randomDocument(r *rand.Rand, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Document %d.\n", i)
	for range 1 + r.IntN(4) {
		b.WriteString("\n")
		for k := range 1 + r.IntN(4) {
			if k > 0 {
				b.WriteString(" ")
			}
			b.WriteString(corpusSentences[r.IntN(len(corpusSentences))])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestLintJobsManyFiles lints 2,000 small distinct files, made with a fixed
// seed, with one worker, with as many as there are cores and with eight,
// and expects the same output byte for byte, in text and in JSON. Run
// under the race detector by .ci/run.
func TestLintJobsManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("lints 2,000 files six times")
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(5, 2000))
	for i := range 2000 {
		ext := ".txt"
		if i%5 == 0 {
			ext = ".md"
		}
		sub := filepath.Join(dir, fmt.Sprintf("d%02d", r.IntN(40)))
		if err := os.MkdirAll(sub, 0o777); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(sub, fmt.Sprintf("f%04d%s", i, ext))
		if err := os.WriteFile(name, []byte(randomDocument(r, i)), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	jobs := []int{1, runtime.NumCPU(), 8}
	for _, format := range []string{"text", "json"} {
		var want string
		for _, n := range jobs {
			var stdout, stderr bytes.Buffer
			code := execute(context.Background(),
				[]string{"lint", "--config", os.DevNull, "--jobs", strconv.Itoa(n), "--format", format, dir},
				strings.NewReader(""), &stdout, &stderr)
			if code != exitFindings || stderr.Len() > 0 {
				t.Fatalf("%s, --jobs %d: exit %d, stderr %q; want 1 and nothing", format, n, code, stderr.String())
			}
			if n == 1 {
				want = stdout.String()
				if format == "text" {
					if lines := strings.Count(want, "\n"); lines < 2000 {
						t.Fatalf("%d findings; the corpus should give thousands", lines)
					}
				}
				continue
			}
			if got := stdout.String(); got != want {
				t.Errorf("%s, --jobs %d: output differs from --jobs 1 (%d bytes, want %d)", format, n, len(got), len(want))
			}
		}
	}
}

// TestInterruptFix starts the docqa binary on a long --fix run over
// copies, interrupts it (SIGINT, as Ctrl-C) once it has printed findings,
// and expects it to stop within a few seconds with exit status 2 and
// "docqa: interrupted", every file either as it was or fully fixed, and no
// temporary file left behind.
func TestInterruptFix(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	if testing.Short() {
		t.Skip("writes 80 MB")
	}
	bin := docqaBinary(t)
	dir := t.TempDir()
	// 400 files of 200 kB: a paragraph with a doubled word to fix and a
	// second-person finding to print, repeated.
	const para = "It was the the day the council met, and you could see the plan. Officials said it would cost 40 million, and the mayor agreed.\n\n"
	const fixedPara = "It was the day the council met, and you could see the plan. Officials said it would cost 40 million, and the mayor agreed.\n\n"
	text := strings.Repeat(para, 200_000/len(para))
	fixed := strings.Repeat(fixedPara, 200_000/len(para))
	const files = 400
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.txt", i)), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}

	// Four workers: enough to interrupt several files in flight, few enough
	// that the run lasts well past the first finding on any machine.
	cmd := exec.Command(bin, "lint", "--config", os.DevNull, "--jobs", "4", "--fix", ".")
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the first finding, which is printed once the first file is
	// fixed, then drain the rest.
	first := make(chan struct{})
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		br := bufio.NewReader(stdout)
		if _, err := br.ReadString('\n'); err == nil {
			close(first)
		}
		io.Copy(io.Discard, br)
	}()
	select {
	case <-first:
	case <-drained:
		t.Fatalf("docqa printed no finding; stderr %q", stderr.String())
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("no finding printed within 60 s")
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	done := make(chan error, 1)
	go func() {
		<-drained
		done <- cmd.Wait()
	}()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Signal(syscall.SIGQUIT) // a goroutine dump on stderr
		<-done
		t.Fatalf("still running 10 s after SIGINT; stderr:\n%s", stderr.String())
	}
	took := time.Since(sent)
	t.Logf("stopped %v after SIGINT", took.Round(time.Millisecond))
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure {
		t.Errorf("%v; want exit status 2", err)
	}
	if took > 5*time.Second {
		t.Errorf("took %v to stop after SIGINT; want a few seconds at most", took)
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if last := lines[len(lines)-1]; last != "docqa: interrupted" {
		t.Errorf("last line on stderr %q, want \"docqa: interrupted\"", last)
	}
	wrote := 0
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, "docqa: wrote ") {
			t.Errorf("unexpected line on stderr: %q", l)
		}
		wrote++
	}
	t.Logf("%d of %d files written before the interrupt", wrote, files)
	if wrote >= files {
		t.Errorf("all %d files were written: the run was not interrupted", wrote)
	}
	unchanged := 0
	for i := range files {
		name := fmt.Sprintf("f%03d.txt", i)
		switch got := readFile(t, filepath.Join(dir, name)); got {
		case text:
			unchanged++
		case fixed:
		default:
			t.Errorf("%s is neither as it was nor fixed (%d bytes)", name, len(got))
		}
	}
	if unchanged != files-wrote {
		t.Errorf("%d files unchanged, but %d of %d reported written", unchanged, wrote, files)
	}
	if tmp := tempFiles(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
