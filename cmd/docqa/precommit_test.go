package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
	"go.yaml.in/yaml/v3"
)

// preCommitTimeout bounds the whole pre-commit test. With a warm Go build
// cache each of its four pre-commit runs takes a few seconds, most of it
// building docqa; a cold cache (and module downloads) take longer.
const preCommitTimeout = 5 * time.Minute

// TestPreCommitHooks runs the hooks of .pre-commit-hooks.yaml with the real
// pre-commit client, as a user's commit would: 'pre-commit try-repo' builds
// docqa from a snapshot of this module (language: golang) and runs a hook on
// the files staged in a scratch git repository.
//
//   - docqa on a staged article, a plain-text note, both with a doubled
//     word, and an HTML page with one too: the hook fails (exit 1),
//     reporting the article and the note, not the page (its types_or);
//     with the two fixed and staged, it passes.
//   - docqa-fix on a staged article with a doubled word: the hook fixes the
//     file, so pre-commit fails it for modifying files; with the fixed file
//     staged, it passes.
//   - docqa-fix on a staged Markdown article with links, emphasis and
//     reference definitions, with doubled words across their marks: the
//     hook fixes the words and leaves the Markdown as it was (the same HTML
//     tags), keeps a doubled word in a reference label and refuses to fix a
//     misspelt one, saying so; staged again, the hook changes nothing and
//     fails for the findings left.
//
// The test needs pre-commit and git: it is skipped without them, unless the
// environment variable CI is set, and with -short.
func TestPreCommitHooks(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the pre-commit test runs pre-commit six times")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not on PATH, and CI is set: the pre-commit test must run in CI (.ci/run installs pre-commit with apt-get)", tool)
			}
			t.Skipf("%s is not on PATH (apt-get install pre-commit)", tool)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), preCommitTimeout)
	defer cancel()

	tmp := t.TempDir()
	sh := newTestShell(t, ctx, tmp)
	hooks := sh.snapshotModule(filepath.Join("..", ".."), filepath.Join(tmp, "hooks"))

	work := filepath.Join(tmp, "work")
	if err := os.Mkdir(work, 0o777); err != nil {
		t.Fatal(err)
	}
	sh.run(work, "git", "init", "-q")
	sh.gitIdentity(work)

	tryRepo := func(hook string, wantCode int) string {
		t.Helper()
		start := time.Now()
		out, code := sh.status(work, "pre-commit", "try-repo", "--color", "never", hooks, hook)
		t.Logf("pre-commit try-repo %s: exit %d in %s", hook, code, time.Since(start).Round(time.Millisecond))
		if code != wantCode {
			t.Fatalf("pre-commit try-repo %s: exit %d, want %d; output:\n%s", hook, code, wantCode, out)
		}
		return out
	}
	stage := func(files map[string]string) {
		t.Helper()
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(work, name), []byte(text), 0o666); err != nil {
				t.Fatal(err)
			}
		}
		sh.run(work, "git", "add", "-A")
	}

	// The lint hook fails on doubled words in the Markdown and plain-text
	// files, and leaves the HTML page alone.
	stage(map[string]string{
		"article.md": "It was the the end.\n",
		"notes.txt":  "Notes on the the plan.\n",
		"page.html":  "<p>It was the the end.</p>\n",
	})
	out := tryRepo("docqa", 1)
	for _, want := range []string{
		"docqa....",
		"Failed",
		"article.md:1:8: error: ",
		"notes.txt:1:10: error: ",
		"[repetition/doubled-word]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("hook docqa on doubled words: no %q in the output:\n%s", want, out)
		}
	}
	if strings.Contains(out, "page.html") {
		t.Errorf("hook docqa linted page.html, which is neither markdown nor plain-text:\n%s", out)
	}

	// Fixed and staged, the files pass.
	stage(map[string]string{
		"article.md": "It was the end.\n",
		"notes.txt":  "Notes on the plan.\n",
	})
	out = tryRepo("docqa", 0)
	if !strings.Contains(out, "Passed") {
		t.Errorf("hook docqa on fixed files: no %q in the output:\n%s", "Passed", out)
	}

	// The fix hook drops the doubled word; pre-commit fails a hook that
	// modifies files, and passes once the fixed file is staged.
	stage(map[string]string{"article.md": "It was the the end.\n"})
	out = tryRepo("docqa-fix", 1)
	if !strings.Contains(out, "files were modified by this hook") {
		t.Errorf("hook docqa-fix: no %q in the output:\n%s", "files were modified by this hook", out)
	}
	if got, err := os.ReadFile(filepath.Join(work, "article.md")); err != nil {
		t.Fatal(err)
	} else if string(got) != "It was the end.\n" {
		t.Errorf("hook docqa-fix left article.md as %q, want %q", got, "It was the end.\n")
	}
	sh.run(work, "git", "add", "-A")
	out = tryRepo("docqa-fix", 0)
	if !strings.Contains(out, "Passed") {
		t.Errorf("hook docqa-fix on the fixed file: no %q in the output:\n%s", "Passed", out)
	}

	// On Markdown the fix hook mends the words and keeps the markup.
	stage(map[string]string{"article.md": markdownArticle})
	out = tryRepo("docqa-fix", 1)
	for _, want := range []string{
		"files were modified by this hook",
		"docqa: article.md:11:1: fix not applied, it would change the Markdown structure: “Advertisement” is web page residue: delete the line [boilerplate/web]",
		"docqa: wrote article.md (8 fixed)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("hook docqa-fix on Markdown: no %q in the output:\n%s", want, out)
		}
	}
	got, err := os.ReadFile(filepath.Join(work, "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != markdownArticleFixed {
		t.Errorf("hook docqa-fix left article.md as\n%s\nwant\n%s", got, markdownArticleFixed)
	}
	if before, after := htmlTags(t, markdownArticle), htmlTags(t, string(got)); before != after {
		t.Errorf("hook docqa-fix changed the Markdown of article.md: its HTML tags were\n%s\nand are\n%s", before, after)
	}
	sh.run(work, "git", "add", "-A")
	out = tryRepo("docqa-fix", 1)
	if strings.Contains(out, "files were modified by this hook") || !strings.Contains(out, "article.md:4:27: error: doubled word “the” [repetition/doubled-word]") {
		t.Errorf("hook docqa-fix on the fixed Markdown: want the finding left and no file modified; output:\n%s", out)
	}
	if again, err := os.ReadFile(filepath.Join(work, "article.md")); err != nil {
		t.Fatal(err)
	} else if !bytes.Equal(again, got) {
		t.Errorf("hook docqa-fix changed the fixed article.md:\n%s", again)
	}
}

// htmlTags renders Markdown to HTML with goldmark, raw HTML kept, and
// returns its tags, one a line: what a fix must not change.
func htmlTags(t *testing.T, markdown string) string {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe())).Convert([]byte(markdown), &out); err != nil {
		t.Fatal(err)
	}
	return strings.Join(regexp.MustCompile(`<[^>]*>`).FindAllString(out.String(), -1), "\n")
}

// preCommitHook is an entry of .pre-commit-hooks.yaml, as far as the tests
// look.
type preCommitHook struct {
	ID       string   `yaml:"id"`
	Entry    string   `yaml:"entry"`
	Language string   `yaml:"language"`
	TypesOr  []string `yaml:"types_or"`
}

// TestPreCommitManifest checks .pre-commit-hooks.yaml without pre-commit:
// the two hooks run docqa lint, built with Go, on Markdown and plain-text
// files; and the README's .pre-commit-config.yaml names hooks it has.
func TestPreCommitManifest(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	want := []preCommitHook{
		{ID: "docqa", Entry: "docqa lint", Language: "golang", TypesOr: []string{"markdown", "plain-text"}},
		{ID: "docqa-fix", Entry: "docqa lint --fix", Language: "golang", TypesOr: []string{"markdown", "plain-text"}},
	}
	if !reflect.DeepEqual(hooks, want) {
		t.Errorf(".pre-commit-hooks.yaml:\n got %+v\nwant %+v", hooks, want)
	}

	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n### pre-commit\n")
	if !ok {
		t.Fatal("README.md has no pre-commit section")
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	if ok {
		block, _, ok = strings.Cut(block, "```")
	}
	if !ok {
		t.Fatal("README.md's pre-commit section has no yaml block")
	}
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Rev   string `yaml:"rev"`
			Hooks []struct {
				ID string `yaml:"id"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal([]byte(block), &cfg); err != nil {
		t.Fatalf("README.md's .pre-commit-config.yaml: %v\n%s", err, block)
	}
	if len(cfg.Repos) != 1 || cfg.Repos[0].Repo != "https://github.com/docqa/docqa" || cfg.Repos[0].Rev == "" || len(cfg.Repos[0].Hooks) == 0 {
		t.Fatalf("README.md's .pre-commit-config.yaml: want one repo, https://github.com/docqa/docqa, with a rev and hooks; got %+v", cfg.Repos)
	}
	for _, h := range cfg.Repos[0].Hooks {
		if !slices.ContainsFunc(hooks, func(m preCommitHook) bool { return m.ID == h.ID }) {
			t.Errorf("README.md's .pre-commit-config.yaml names hook %q, which .pre-commit-hooks.yaml does not have", h.ID)
		}
	}
	for _, h := range hooks {
		if !strings.Contains(block, "- id: "+h.ID+" ") {
			t.Errorf("README.md's .pre-commit-config.yaml does not show hook %q", h.ID)
		}
	}
}

// testShell runs commands for a test, in one environment, until a
// deadline; a command that cannot run, or runs past the deadline, ends the
// test.
type testShell struct {
	t   *testing.T
	ctx context.Context
	env []string
}

// newTestShell returns a shell whose environment is this process's
// without variables of git, pre-commit and Go that would change what they
// do (GIT_DIR from a git hook running the tests, SKIP, a developer's
// GOFLAGS), with git configuration only from the repositories themselves,
// pre-commit's cache in tmp, and Go's module and build caches those of
// this machine, so that pre-commit's 'go install' reuses them.
func newTestShell(t *testing.T, ctx context.Context, tmp string) *testShell {
	t.Helper()
	gitConfig := filepath.Join(tmp, "gitconfig")
	if err := os.WriteFile(gitConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	sh := &testShell{t: t, ctx: ctx}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "GIT_"), strings.HasPrefix(name, "PRE_COMMIT"),
			name == "SKIP", name == "GOFLAGS", name == "GOWORK", name == "GOBIN":
			continue
		}
		sh.env = append(sh.env, kv)
	}
	caches := strings.Fields(sh.stdout(".", "go", "env", "GOMODCACHE", "GOCACHE"))
	if len(caches) != 2 {
		t.Fatalf("go env GOMODCACHE GOCACHE: want two paths, got %q", caches)
	}
	sh.env = append(sh.env,
		"GIT_CONFIG_GLOBAL="+gitConfig,
		"GIT_CONFIG_NOSYSTEM=1",
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit"),
		"GOMODCACHE="+caches[0],
		"GOCACHE="+caches[1],
		"GOWORK=off",
	)
	return sh
}

// gitIdentity configures a committer in the repository at dir.
func (sh *testShell) gitIdentity(dir string) {
	sh.t.Helper()
	sh.run(dir, "git", "config", "user.name", "docqa test")
	sh.run(dir, "git", "config", "user.email", "test@docqa.invalid")
	sh.run(dir, "git", "config", "commit.gpgsign", "false")
}

// snapshotModule copies what building the module at root needs (go.mod,
// go.sum and the files of its packages as 'go list' sees them in the
// working tree, uncommitted changes included) and .pre-commit-hooks.yaml
// into a new git repository at dst, committed, and returns dst. Copying
// rather than cloning tests the working tree, and leaves out whatever else
// lies in it (installed tools, build output).
func (sh *testShell) snapshotModule(root, dst string) string {
	t := sh.t
	t.Helper()
	const format = `{{$d := .Dir}}` +
		`{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}` +
		`{{range .CgoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}` +
		`{{range .CFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}` +
		`{{range .HFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}` +
		`{{range .SFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}` +
		`{{range .SysoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}` +
		`{{range .EmbedFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}`
	absRoot, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"go.mod", "go.sum", ".pre-commit-hooks.yaml"}
	for _, abs := range strings.Split(strings.TrimSpace(sh.stdout(absRoot, "go", "list", "-e", "-f", format, "./...")), "\n") {
		rel, err := filepath.Rel(absRoot, abs)
		if err != nil || !filepath.IsLocal(rel) {
			t.Fatalf("go list named %q, not a file of the module at %s", abs, absRoot)
		}
		files = append(files, rel)
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(absRoot, rel))
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	sh.run(dst, "git", "init", "-q")
	sh.gitIdentity(dst)
	sh.run(dst, "git", "add", "-A")
	sh.run(dst, "git", "commit", "-q", "-m", "docqa snapshot")
	t.Logf("hooks repository: %d files of %s", len(files), absRoot)
	return dst
}

// run runs a command in dir and returns its output, stdout and stderr
// together; a non-zero exit status ends the test.
func (sh *testShell) run(dir, name string, args ...string) string {
	sh.t.Helper()
	out, code := sh.status(dir, name, args...)
	if code != 0 {
		sh.t.Fatalf("%s %s: exit %d:\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// stdout runs a command in dir and returns its standard output; a non-zero
// exit status ends the test, showing its standard error.
func (sh *testShell) stdout(dir, name string, args ...string) string {
	sh.t.Helper()
	var stdout, stderr bytes.Buffer
	if code := sh.exec(dir, &stdout, &stderr, name, args...); code != 0 {
		sh.t.Fatalf("%s %s: exit %d:\n%s", name, strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// status runs a command in dir and returns its output, stdout and stderr
// together, and its exit status.
func (sh *testShell) status(dir, name string, args ...string) (string, int) {
	sh.t.Helper()
	var out bytes.Buffer
	code := sh.exec(dir, &out, &out, name, args...)
	return out.String(), code
}

// exec runs a command in dir, writing its output to stdout and stderr, and
// returns its exit status.
func (sh *testShell) exec(dir string, stdout, stderr *bytes.Buffer, name string, args ...string) int {
	sh.t.Helper()
	cmd := exec.CommandContext(sh.ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = sh.env
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	err := cmd.Run()
	if sh.ctx.Err() != nil {
		sh.t.Fatalf("%s %s: %v; output so far:\n%s%s", name, strings.Join(args, " "), sh.ctx.Err(), stdout, stderr)
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	sh.t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	return -1
}
