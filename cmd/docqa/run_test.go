package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintJobsDeterministic lints many files with different numbers of
// workers and expects byte-identical output, sorted by path.
func TestLintJobsDeterministic(t *testing.T) {
	dir := t.TempDir()
	for i := range 120 {
		text := fmt.Sprintf("Document %d is fine.\n", i)
		if i%3 == 0 {
			text = fmt.Sprintf("Document %d has the the slip.\n", i)
		}
		sub := filepath.Join(dir, fmt.Sprintf("d%d", i%4))
		if err := os.MkdirAll(sub, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%03d.txt", i)), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	first := map[string]string{}
	for _, jobs := range []string{"1", "2", "7", "64"} {
		for _, format := range []string{"text", "json"} {
			var stdout, stderr bytes.Buffer
			code := execute(context.Background(),
				[]string{"lint", "--config", emptyConfig, "--jobs", jobs, "--format", format, dir},
				strings.NewReader(""), &stdout, &stderr)
			if code != exitFindings || stderr.Len() > 0 {
				t.Fatalf("jobs %s: exit %d, stderr %q", jobs, code, stderr.String())
			}
			out, seen := first[format]
			if !seen {
				first[format] = stdout.String()
				if format != "text" {
					continue
				}
				lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
				if len(lines) != 40 {
					t.Fatalf("got %d findings, want 40:\n%s", len(lines), first)
				}
				for i := 1; i < len(lines); i++ {
					if lines[i-1] >= lines[i] {
						t.Errorf("output not sorted: %q before %q", lines[i-1], lines[i])
					}
				}
			} else if stdout.String() != out {
				t.Errorf("jobs %s: %s output differs from jobs 1", jobs, format)
			}
		}
	}
}

// TestLintCancelled checks that a cancelled run stops with exit status 2.
func TestLintCancelled(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("The the end.\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := execute(ctx, []string{"lint", "--config", os.DevNull, dir}, strings.NewReader(""), &stdout, &stderr)
	if code != exitFailure || stderr.String() != "docqa: interrupted\n" {
		t.Errorf("exit %d, stderr %q; want 2, \"docqa: interrupted\"", code, stderr.String())
	}
}
