package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/docqa/docqa/internal/testfs"
)

// TestForgetSources: an index is read once for a set of sources, and read
// again after a source of the set (named, or in a folder named) changed
// on disk; a file of no set drops nothing.
func TestForgetSources(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, dir, map[string]string{
		".git":               "",
		".docqa.yaml":        "sources:\n  \"news/*.md\": [reports/, statement.txt]\n",
		"news/a.md":          "The report called it “a pattern of grave abuses in the region” today.\n",
		"reports/report.txt": "The report found a pattern of grave abuses in the region.\n",
		"statement.txt":      "Nothing here.\n",
		"other.txt":          "Not a source.\n",
	})
	r := NewResolver(Settings{WorkDir: dir})
	p, err := r.For("news/a.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := p.Load("news/a.md", []byte("The report called it “a pattern of grave abuses in the region” today.\n"))
	verdict := func() string {
		t.Helper()
		fs, err := p.Verify(doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) == 0 {
			return "verbatim"
		}
		return fs[0].Rule
	}
	if got := verdict(); got != "verbatim" {
		t.Fatalf("before the change: %s, want verbatim", got)
	}
	if got, want := p.SourcePaths(), []string{filepath.Join(dir, "reports"), filepath.Join(dir, "statement.txt")}; !slices.Equal(got, want) {
		t.Errorf("SourcePaths() = %q, want %q", got, want)
	}
	report := filepath.Join(dir, "reports", "report.txt")
	if err := os.WriteFile(report, []byte("The report found a pattern of serious abuses in the region.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := verdict(); got != "verbatim" {
		t.Errorf("changed on disk, not forgotten: %s, want the index as it was read (verbatim)", got)
	}
	for _, tt := range []struct {
		path string
		want bool
	}{
		{filepath.Join(dir, "other.txt"), false},
		{"statement.txt", true}, // relative to the working folder
		{report, false},         // the set was dropped already
	} {
		if got := r.ForgetSources(tt.path); got != tt.want {
			t.Errorf("ForgetSources(%s) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if got := verdict(); got != "sources/altered" {
		t.Errorf("after ForgetSources: %s, want sources/altered", got)
	}
	verdict()
	if !r.ForgetSources(report) {
		t.Error("a file in a folder of the set: nothing dropped")
	}
}
