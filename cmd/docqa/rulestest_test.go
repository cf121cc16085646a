package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestExamplePacks runs "docqa rules test" on the fixtures of the rule
// packs in examples/: news.yaml on its own, as a config file, and
// docs.yaml included by a config of the docs profile, as a team uses it.
func TestExamplePacks(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	docsConfig := filepath.Join(t.TempDir(), ".docqa.yaml")
	yaml := "profile: docs\ninclude: [" + filepath.ToSlash(filepath.Join(examples, "docs.yaml")) + "]\n"
	if err := os.WriteFile(docsConfig, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		config, fixture string
	}{
		{filepath.Join(examples, "news.yaml"), filepath.Join(examples, "news.md")},
		{docsConfig, filepath.Join(examples, "docs.md")},
	} {
		var stdout, stderr bytes.Buffer
		code := execute(context.Background(), []string{"rules", "test", "--config", tc.config, tc.fixture}, nil, &stdout, &stderr)
		if code != exitOK || stdout.String() != "ok: 1 fixture\n" {
			t.Errorf("docqa rules test --config %s %s: exit %d\n%s%s", tc.config, tc.fixture, code, stdout.String(), stderr.String())
		}
	}
}
