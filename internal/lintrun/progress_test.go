package lintrun

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
)

// lockedBuffer is a bytes.Buffer safe for the progress line's goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	var b bytes.Buffer
	if p := NewProgress(&b, 100); p != nil {
		t.Error("a progress line on a buffer")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := NewProgress(f, 100); p != nil {
		t.Error("a progress line on a regular file")
	}
	// Calls on the nil progress line do nothing.
	var p *Progress
	p.fileDone(10)
	p.pause()()
	p.finish()
}

// TestProgressLine runs a lint over many files with the progress line
// forced on: stderr holds the line, redrawn, and ends with it erased;
// stdout holds the findings alone; the line never shows before the delay.
func TestProgressLine(t *testing.T) {
	dir := t.TempDir()
	for i := range 30 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.txt", i)), []byte("It was the the end.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(delay time.Duration) (stdout, stderr string) {
		var out bytes.Buffer
		var errOut lockedBuffer
		l := &Run{Stdout: &out, Stderr: &errOut, Printer: report.NewText(&out), Jobs: 2,
			Progress: StartProgress(&errOut, 30, delay, time.Millisecond)}
		l.ReadFile = func(path string) ([]byte, error) {
			time.Sleep(2 * time.Millisecond) // a slow disk: the line has time to show
			return os.ReadFile(path)
		}
		ins, _ := inputs.Collect([]string{dir}, "<stdin>", &errOut)
		if _, ok, err := l.Lint(context.Background(), withPipe(t, ins)); !ok || err != nil {
			t.Fatalf("run: %v %v", ok, err)
		}
		return out.String(), errOut.String()
	}
	stdout, stderr := run(0)
	if strings.Count(stdout, "doubled word") != 30 || strings.Contains(stdout, "files") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if !regexp.MustCompile(`^\r\x1b\[Kdocqa: \d+/30 files, \d+\.\d MB/s`).MatchString(stderr) {
		t.Errorf("stderr does not start with the progress line: %q", stderr)
	}
	if !strings.HasSuffix(stderr, "\r\x1b[K") {
		t.Errorf("the line is not erased at the end: %q", stderr)
	}
	if _, stderr := run(time.Hour); stderr != "" {
		t.Errorf("a progress line before its delay: %q", stderr)
	}
}

// withPipe returns ins, each with the pipeline of the default
// configuration.
func withPipe(t testing.TB, ins []inputs.Input) []inputs.Input {
	t.Helper()
	p, err := pipeline.New(nil, pipeline.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]inputs.Input, len(ins))
	for i, in := range ins {
		in.Pipeline = p
		out[i] = in
	}
	return out
}
