package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// ruleIDs returns the rules of findings, in order.
func ruleIDs(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

// lintFile lints the file at name (relative to the resolver's working
// folder) through its pipeline.
func lintFile(t *testing.T, r *Resolver, name string) []rules.Finding {
	t.Helper()
	p, err := r.For(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(r.Settings().WorkDir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	fs, err := p.Lint(p.Load(name, data))
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

const gap = "The crowd was quiet.\n\n“We will not stand for the destruction of our way of life.”\n\nThey left. Kiev is far.\n"

// TestNearestConfiguration lints a news folder and a docs folder, each
// with its own configuration, from their common root: each document gets
// its own folder's rules.
func TestNearestConfiguration(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{
		"news/.docqa.yaml": "profile: news\n",
		"news/a.txt":       gap,
		"docs/.docqa.yaml": "profile: docs\ncustom:\n  - id: house/kyiv\n    kind: substitution\n    swap: {Kiev: Kyiv}\n    message: \"use %[2]s\"\n",
		"docs/b.txt":       gap,
		"other/c.txt":      gap,
	})
	r := NewResolver(Settings{WorkDir: root})
	news, docs, other := lintFile(t, r, "news/a.txt"), lintFile(t, r, "docs/b.txt"), lintFile(t, r, "other/c.txt")
	if got := ruleIDs(news); !slices.Contains(got, "quotes/attribution") || slices.Contains(got, "house/kyiv") {
		t.Errorf("news/a.txt: %v, want quotes/attribution and no house rule", got)
	}
	if got := ruleIDs(docs); slices.Contains(got, "quotes/attribution") || !slices.Contains(got, "house/kyiv") {
		t.Errorf("docs/b.txt: %v, want house/kyiv and no quotes/attribution (profile docs)", got)
	}
	if got := ruleIDs(other); !slices.Contains(got, "quotes/attribution") {
		t.Errorf("other/c.txt (the defaults): %v, want quotes/attribution", got)
	}
	if n := len(r.Pipelines()); n != 3 {
		t.Errorf("%d pipelines, want 3 (news, docs, defaults)", n)
	}
	file, err := r.ConfigFile("docs/sub/d.txt")
	if err != nil || file != filepath.Join(root, "docs", ".docqa.yaml") {
		t.Errorf("ConfigFile(docs/sub/d.txt) = %q, %v", file, err)
	}
}

// TestConfigOverride uses one named file for every document (--config).
func TestConfigOverride(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{
		"docs/.docqa.yaml": "profile: docs\n",
		"docs/b.txt":       gap,
		"ci.yaml":          "profile: news\n",
	})
	r := NewResolver(Settings{WorkDir: root, Config: "ci.yaml"})
	if got := ruleIDs(lintFile(t, r, "docs/b.txt")); !slices.Contains(got, "quotes/attribution") {
		t.Errorf("docs/b.txt with --config ci.yaml: %v, want quotes/attribution", got)
	}
	_, err := NewResolver(Settings{WorkDir: root, Config: "missing.yaml"}).For("docs/b.txt")
	if err == nil || err.Error() != "missing.yaml: no such file or directory" {
		t.Errorf("missing --config: %v", err)
	}
}

// TestSearchStopsAtRepositoryRoot keeps a configuration outside the
// repository from configuring it.
func TestSearchStopsAtRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{
		".docqa.yaml":          "profile: docs\n",
		"repo/.git/HEAD":       "ref: refs/heads/main\n",
		"repo/news/a.txt":      gap,
		"repo/sub/.docqa.yaml": "root: true\nprofile: docs\n",
		"repo/sub/b.txt":       gap,
	})
	r := NewResolver(Settings{WorkDir: root})
	if file, err := r.ConfigFile("repo/news/a.txt"); err != nil || file != "" {
		t.Errorf("ConfigFile(repo/news/a.txt) = %q, %v; want none: the search stops at .git", file, err)
	}
	if file, err := r.ConfigFile("repo/sub/b.txt"); err != nil || file != filepath.Join(root, "repo", "sub", ".docqa.yaml") {
		t.Errorf("ConfigFile(repo/sub/b.txt) = %q, %v", file, err)
	}
	p, err := r.For("repo/sub/b.txt")
	if err != nil || !p.Config.Root {
		t.Errorf("repo/sub's configuration: %v, root %v", err, p != nil && p.Config.Root)
	}
}

// TestHouseRulesPerConfiguration loads two configurations that define a
// house rule of the same ID, and one twice: each has its own registry.
func TestHouseRulesPerConfiguration(t *testing.T) {
	root := t.TempDir()
	rule := func(to string) string {
		return "custom:\n  - id: house/kyiv\n    kind: substitution\n    swap: {Kiev: " + to + "}\n    message: \"use %[2]s\"\n"
	}
	testfs.Write(t, root, map[string]string{
		"a/.docqa.yaml": rule("Kyiv"), "a/x.txt": "Kiev is far.\n",
		"b/.docqa.yaml": rule("Kyyiv"), "b/y.txt": "Kiev is far.\n",
	})
	for range 2 { // a second resolver loads the same files again
		r := NewResolver(Settings{WorkDir: root})
		a, b := lintFile(t, r, "a/x.txt"), lintFile(t, r, "b/y.txt")
		if len(a) != 1 || !strings.Contains(a[0].Message, "Kyiv") || len(b) != 1 || !strings.Contains(b[0].Message, "Kyyiv") {
			t.Fatalf("a: %v\nb: %v", a, b)
		}
	}
}

// TestProcessors checks suppression and ignore_paths (relative to the
// configuration's folder), in the pipeline and in its comparer.
func TestProcessors(t *testing.T) {
	root := t.TempDir()
	doubled := "It was in particular particular crimes.\n"
	testfs.Write(t, root, map[string]string{
		"site/.docqa.yaml":   "rules:\n  repetition/doubled-word:\n    ignore_paths: [\"archive/**\"]\n",
		"site/archive/a.txt": doubled,
		"site/news/b.txt":    doubled,
		"site/news/c.md":     "<!-- docqa-disable-next-line repetition/doubled-word -- quoted as published -->\n" + doubled,
	})
	r := NewResolver(Settings{WorkDir: filepath.Join(root, "site")})
	if got := ruleIDs(lintFile(t, r, "archive/a.txt")); len(got) != 0 {
		t.Errorf("archive/a.txt: %v, want nothing (ignore_paths)", got)
	}
	if got := ruleIDs(lintFile(t, r, "news/b.txt")); !slices.Equal(got, []string{"repetition/doubled-word"}) {
		t.Errorf("news/b.txt: %v", got)
	}
	if got := ruleIDs(lintFile(t, r, "news/c.md")); len(got) != 0 {
		t.Errorf("news/c.md: %v, want nothing (suppressed)", got)
	}
	// The comparer sees the processed findings: a suppressed doubled word
	// is no new finding.
	p, err := r.For("news/c.md")
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Comparer()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(root, "site", "news", "c.md"))
	old := p.Load("news/c.md", []byte("<!-- docqa-disable-next-line repetition/doubled-word -- quoted as published -->\nIt was in particular crimes.\n"))
	res, err := Compare(c, old, p.Load("news/c.md", data))
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleIDs(res.Findings); slices.Contains(got, "checks/new-finding") {
		t.Errorf("diff of news/c.md: %v, want no new finding (suppressed)", got)
	}
}

// TestExtraVerbsReachRevisionChecks changes the speaker of a quotation
// attributed by a verb only the configuration knows.
func TestExtraVerbsReachRevisionChecks(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{
		"with/.docqa.yaml": "rules:\n  quotes/attribution:\n    extra_verbs: [thundered]\n",
	})
	old := "“We will stay here and fight for it,” Bachelet thundered.\n"
	new := "“We will stay here and fight for it,” Zenz thundered.\n"
	for _, tt := range []struct {
		dir  string
		want bool
	}{{"with", true}, {".", false}} {
		p, err := NewResolver(Settings{WorkDir: root}).For(filepath.Join(tt.dir, "a.txt"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := p.Comparer()
		if err != nil {
			t.Fatal(err)
		}
		res, err := Compare(c, p.Load("a.txt", []byte(old)), p.Load("a.txt", []byte(new)))
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(ruleIDs(res.Findings), "checks/attribution-changed"); got != tt.want {
			t.Errorf("%s: attribution-changed %v, want %v (%v)", tt.dir, got, tt.want, ruleIDs(res.Findings))
		}
	}
}

// TestLintRecoversPanics returns a rule's panic as an error naming the
// document.
func TestLintRecoversPanics(t *testing.T) {
	bad := &rules.Rule{ID: "test/panics", Severity: rules.Warning, Summary: "panics",
		New: func(rules.Options) (rules.Check, error) {
			return func(*rules.Pass) { panic("boom") }, nil
		}}
	l, err := rules.NewLinter(rules.NewRegistry(bad), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	p := &Pipeline{linter: l, Documents: &document.Options{}}
	_, err = p.Lint(p.Load("news/a.txt", []byte("Text.")))
	if err == nil || !strings.HasPrefix(err.Error(), "news/a.txt: internal error linting it: boom") {
		t.Errorf("Lint: %v", err)
	}
}

// TestDescribe writes what --show-config prints for a configuration with
// options, ignore_paths and a house rule.
func TestDescribe(t *testing.T) {
	root := t.TempDir()
	testfs.Write(t, root, map[string]string{
		"docs/.docqa.yaml": "profile: docs\nrules:\n  repetition/doubled-word:\n    allow: [very]\n    ignore_paths: [\"old/**\"]\n" +
			"custom:\n  - id: house/kyiv\n    kind: substitution\n    swap: {Kiev: Kyiv}\n    message: \"use %[2]s\"\n",
	})
	p, err := NewResolver(Settings{WorkDir: root}).For("docs/a.md")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := p.Describe(&b, "docs/a.md", "docs/.docqa.yaml", false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"docs/a.md: docs/.docqa.yaml\nprofile: docs\nrules:\n",
		"\n  repetition/doubled-word: error allow=[very] ignore_paths=[old/**]\n",
		"\n  house/kyiv: warning\n",
		"\n  checks/new-finding: each finding's own severity\n",
		"\nfindings pass through: suppression directives, ignore_paths\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "quotes/attribution") {
		t.Errorf("the docs profile's rules that are off are listed:\n%s", b.String())
	}
}
