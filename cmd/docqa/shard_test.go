package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestShards: the shards of a run split its files between them: every file
// in exactly one shard, the union of their findings equal to the whole
// run's, each shard's output the same on every run.
func TestShards(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		text := fmt.Sprintf("Story %d: it was the the end.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("s%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	lint := func(args ...string) (int, []string) {
		var out, errOut bytes.Buffer
		code := execute(context.Background(), append([]string{"lint", "--config", emptyConfig}, append(args, dir)...),
			strings.NewReader(""), &out, &errOut)
		if errOut.Len() > 0 {
			t.Errorf("stderr: %s", errOut.String())
		}
		return code, strings.Split(strings.TrimSpace(out.String()), "\n")
	}
	_, all := lint()
	if len(all) != 40 {
		t.Fatalf("whole run: %d findings, want 40", len(all))
	}
	var union []string
	for i := 1; i <= 3; i++ {
		_, got := lint("--shard", fmt.Sprintf("%d/3", i))
		if len(got) == 0 || len(got) == 40 {
			t.Errorf("shard %d/3 has %d of 40 findings", i, len(got))
		}
		if _, again := lint("--shard", fmt.Sprintf("%d/3", i)); !slices.Equal(got, again) {
			t.Errorf("shard %d/3 differs between runs", i)
		}
		union = append(union, got...)
	}
	slices.Sort(union)
	if !slices.Equal(union, all) {
		t.Errorf("the shards' findings are not the whole run's:\n%s", strings.Join(union, "\n"))
	}
	for _, bad := range []string{"0/3", "4/3", "3", "a/b", "1/0"} {
		var out, errOut bytes.Buffer
		code := execute(context.Background(), []string{"lint", "--shard", bad, dir}, strings.NewReader(""), &out, &errOut)
		if code != exitFailure || !strings.Contains(errOut.String(), "--shard") {
			t.Errorf("--shard %s: exit %d, stderr %q", bad, code, errOut.String())
		}
	}
}
