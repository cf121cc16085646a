package rulestest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docqa/docqa/house"
	"github.com/docqa/docqa/rules"
)

func runner(t *testing.T) *Runner {
	t.Helper()
	rs, err := house.Compile([]house.Def{
		{ID: "house/kyiv", Kind: house.Substitution, Swap: []house.Pair{{From: "Kiev", To: "Kyiv"}}, Message: "use %[2]s"},
		{ID: "house/per-cent", Kind: house.Existence, Tokens: []string{"per cent"}, Message: "write percent"},
	})
	if err != nil {
		t.Fatal(err)
	}
	reg := rules.Builtin()
	for _, r := range rs {
		reg.Add(r)
	}
	l, err := rules.NewLinter(reg, rules.Config{Enable: []string{"house", "repetition/doubled-word"}, Disable: []string{"quotes", "style", "spelling", "consistency", "boilerplate", "repetition/coordination"}})
	if err != nil {
		t.Fatal(err)
	}
	return &Runner{Linter: l}
}

func problems(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

func TestMarkdown(t *testing.T) {
	r := runner(t)
	text := `# Title

<!-- want: house/kyiv -->
Kiev fell. Up 5 per cent. <!-- want: house/per-cent -->

<!-- want: house/kyiv, house/kyiv -->
<!-- want: repetition/doubled-word -->
Kiev and the the Kiev.

Prices rose 5 per
cent. <!-- want: house/kyiv -->
`
	f, fs := r.Run("a.md", []byte(text))
	want := "a.md:10: unexpected house/per-cent: write percent\na.md:11: missing house/kyiv\n"
	if got := problems(f.Compare(fs)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// Update writes the markers the findings call for, as lines before.
	up := string(f.Update(fs))
	wantUp := `# Title

<!-- want: house/kyiv, house/per-cent -->
Kiev fell. Up 5 per cent.

<!-- want: house/kyiv, house/kyiv, repetition/doubled-word -->
Kiev and the the Kiev.

<!-- want: house/per-cent -->
Prices rose 5 per
cent.
`
	if up != wantUp {
		t.Errorf("Update:\n%s\nwant:\n%s", up, wantUp)
	}
	f2, fs2 := r.Run("a.md", []byte(up))
	if ps := f2.Compare(fs2); len(ps) > 0 {
		t.Errorf("after Update: %s", problems(ps))
	}
}

func TestPlainText(t *testing.T) {
	r := runner(t)
	text := "# want: house/kyiv\nKiev fell,\n# want: house/per-cent\nup 5 per\ncent. Kiev. <!-- want: house/kyiv -->\n"
	f, fs := r.Run("a.txt", []byte(text))
	if ps := f.Compare(fs); len(ps) > 0 {
		t.Errorf("problems: %s", problems(ps))
	}
	if got := string(f.Doc.Text); got != "Kiev fell,\nup 5 per\ncent. Kiev."+strings.Repeat(" ", len(" <!-- want: house/kyiv -->"))+"\n" {
		t.Errorf("linted text %q", got)
	}
	if up := string(f.Update(fs)); up != "# want: house/kyiv\nKiev fell,\n# want: house/per-cent\nup 5 per\n# want: house/kyiv\ncent. Kiev.\n" {
		t.Errorf("Update: %q", up)
	}
}

func TestCheckUpdate(t *testing.T) {
	r := runner(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	if err := os.WriteFile(path, []byte("Kiev.\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	ps, _, err := r.Check(path, false)
	if err != nil || len(ps) != 1 || !strings.HasSuffix(ps[0].String(), "a.md:1: unexpected house/kyiv: use Kyiv") {
		t.Fatalf("Check: %v %v", ps, err)
	}
	if _, changed, err := r.Check(path, true); err != nil || !changed {
		t.Fatalf("update: changed %v, %v", changed, err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "<!-- want: house/kyiv -->\nKiev.\n" {
		t.Errorf("updated: %q", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v", info.Mode())
	}
	if ps, changed, err := r.Check(path, true); err != nil || changed || ps != nil {
		t.Errorf("second update: %v %v %v", ps, changed, err)
	}
	if ps, _, err := r.Check(path, false); err != nil || len(ps) > 0 {
		t.Errorf("after update: %v %v", ps, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left files behind: %v", entries)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.md", "a.txt", "c.go", ".hidden/d.md", "sub/e.markdown"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	got, err := Files([]string{dir, filepath.Join(dir, "c.go")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		rel, _ := filepath.Rel(dir, p)
		names = append(names, filepath.ToSlash(rel))
	}
	if strings.Join(names, " ") != "a.txt b.md sub/e.markdown c.go" {
		t.Errorf("Files = %v", names)
	}
}
