package rules_test

import (
	"path/filepath"
	"testing"

	"github.com/docqa/docqa/internal/testflag"
	"github.com/docqa/docqa/rules"
	"github.com/docqa/docqa/rulestest"
)

// TestFixtures runs the built-in rules over the fixtures in
// testdata/fixtures with the same harness as "docqa rules test": each
// fixture's "want" markers must match its findings exactly. -update
// rewrites the markers; review the diff.
func TestFixtures(t *testing.T) {
	l, err := rules.NewLinter(rules.Builtin(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := &rulestest.Runner{Linter: l}
	paths, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, p := range paths {
		problems, _, err := r.Check(p, *testflag.Update)
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range problems {
			t.Error(pr)
		}
	}
}
