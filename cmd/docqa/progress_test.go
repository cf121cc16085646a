package main

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
	if p := newProgress(&b, 100); p != nil {
		t.Error("a progress line on a buffer")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := newProgress(f, 100); p != nil {
		t.Error("a progress line on a regular file")
	}
	// Calls on the nil progress line do nothing.
	var p *progress
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
		l := &lintRun{stdout: &out, stderr: &errOut, printer: report.NewText(&out), jobs: 2,
			progress: startProgress(&errOut, 30, delay, time.Millisecond)}
		l.readFile = func(path string) ([]byte, error) {
			time.Sleep(2 * time.Millisecond) // a slow disk: the line has time to show
			return os.ReadFile(path)
		}
		inputs, _ := inputs.Collect([]string{dir}, "<stdin>", &errOut)
		if _, ok, err := l.run(context.Background(), withPipe(t, inputs)); !ok || err != nil {
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
