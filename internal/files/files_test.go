package files

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCollect collects relative paths against a base folder that is not
// the working one, an absolute path, a folder reached through a link, and
// problems: named as given, read from the base, each file once, sorted by
// name.
func TestCollect(t *testing.T) {
	base := t.TempDir()
	t.Chdir(t.TempDir()) // the working folder holds none of them
	for _, name := range []string{"docs/a.md", "docs/b.txt", "docs/c.json", "docs/.git/x.md", "docs/node_modules/y.md", "docs/sub/d.md", "other/e.txt"} {
		path := filepath.Join(base, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("Text.\n"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(base, "gone.md"), filepath.Join(base, "docs/dangling.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(filepath.Join(base, "docs/sub"), filepath.Join(base, "linked")); err != nil {
		t.Fatal(err)
	}
	wanted := func(name string) bool { return strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".txt") }
	var problems []string
	got := Collect(base, []string{"docs", "./docs/a.md", filepath.Join(base, "other"), "linked", "missing", "-"}, "in.md", wanted, func(err error, notice bool) {
		problems = append(problems, fmt.Sprintf("%v (notice %v)", err, notice))
	})
	var lines []string
	for _, f := range got {
		where := f.Path
		if rel, err := filepath.Rel(base, f.Path); err == nil && f.Path != "" {
			where = "BASE/" + filepath.ToSlash(rel)
		}
		lines = append(lines, fmt.Sprintf("%s at %s explicit=%v stdin=%v key=%v", f.Name, where, f.Explicit, f.Stdin, f.Key != ""))
	}
	other := filepath.ToSlash(filepath.Join(base, "other"))
	want := []string{
		other + "/e.txt at BASE/other/e.txt explicit=false stdin=false key=true",
		"docs/a.md at BASE/docs/a.md explicit=true stdin=false key=true",
		"docs/b.txt at BASE/docs/b.txt explicit=false stdin=false key=true",
		"docs/sub/d.md at BASE/docs/sub/d.md explicit=false stdin=false key=true", // also linked/d.md: once
		"in.md at  explicit=true stdin=true key=false",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Collect:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	wantProblems := []string{
		"docs/dangling.md: no such file or directory, skipped (notice true)",
		"missing: no such file or directory (notice false)",
	}
	if strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
	}
}
