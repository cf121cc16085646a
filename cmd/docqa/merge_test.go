package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/internal/linediff"
	"github.com/docqa/docqa/internal/outputs"
	"github.com/docqa/docqa/report"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

// mergeConfig keeps one spelling of Uyghur across the documents of a run
// (so every shard counts the whole run) and adds a house rule, which SARIF
// lists with the built-in rules.
const mergeConfig = `rules:
  consistency/variants:
    across: documents
custom:
  - id: house/kyiv
    kind: substitution
    swap: {Kiev: Kyiv}
    message: "use %[2]s, not %[1]s"
    severity: error
`

// writeArchive writes 30 small documents under dir/articles, in folders
// and with names that sort differently percent-encoded, with a variety of
// problems at every severity, and the config file dir/docqa.yaml.
func writeArchive(t *testing.T, dir string) {
	t.Helper()
	problems := []string{
		"It was the the end of the day.\n",
		"The Uyghur community met. Later the Uighur elders spoke.\n",
		"The talks were held in Kiev.\n\nAdd a Comment\n",
		"You can see for yourself how it went.\n",
		"Officials will recieve the report.\n",
		"“We will stay,” she said, “in particular particular places.”\n",
		"He said “it is over.\n",
		"Nothing to report in this one.\n",
		"# Notes\n\n<!-- docqa-disable-next-line repetition/doubled-word -- the band -->\nThe The played.\n\nCounter-terrorism and counter-terrorism strategies.\n",
	}
	names := []string{"a b.txt", "a!.txt", "ü.md", "x:y.txt", "100%.md"}
	write := func(name, text string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 30 {
		name := fmt.Sprintf("articles/%d/story-%02d.txt", 2020+i%4, i)
		if i < len(names) {
			name = "articles/" + names[i]
		}
		if i%3 == 2 && strings.HasSuffix(name, ".txt") {
			name = strings.TrimSuffix(name, ".txt") + ".md"
		}
		// Most documents spell Uyghur so: the run's choice.
		text := fmt.Sprintf("Story %d. The Uyghur question.\n\n%s", i, problems[i%len(problems)])
		write(name, text)
	}
	write("docqa.yaml", mergeConfig)
}

// docqa runs docqa in-process with args and returns its exit status and
// output; stderr must be empty unless the status is 2.
func docqa(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = execute(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	if code != exitFailure && errOut.Len() > 0 {
		t.Errorf("docqa %s: stderr %s", strings.Join(args, " "), errOut.String())
	}
	return code, out.String(), errOut.String()
}

// TestMergeShards: the JSON and SARIF outputs of "lint --shard I/3",
// merged, are byte for byte what one lint over every file prints, and
// merge exits as that lint does at every --fail-level.
func TestMergeShards(t *testing.T) {
	dir := t.TempDir()
	writeArchive(t, dir)
	t.Chdir(dir) // relative paths, as in CI
	outDir := t.TempDir()
	for _, format := range []string{"json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			lint := func(args ...string) (int, string) {
				t.Helper()
				code, out, errOut := docqa(t, "", append([]string{"lint", "--config", "docqa.yaml", "--format", format}, append(args, "articles")...)...)
				if code == exitFailure {
					t.Fatalf("lint %s: exit 2: %s", args, errOut)
				}
				return code, out
			}
			_, whole := lint()
			if !strings.Contains(whole, "house/kyiv") || !strings.Contains(whole, "consistency/variants") {
				t.Fatalf("the whole run lacks the findings of the test:\n%s", whole)
			}
			var shards []string
			for i := 1; i <= 3; i++ {
				_, out := lint("--shard", fmt.Sprintf("%d/3", i))
				if out == whole {
					t.Fatalf("shard %d/3 prints what the whole run does", i)
				}
				path := filepath.Join(outDir, fmt.Sprintf("shard-%d.%s", i, format))
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				shards = append(shards, path)
			}
			merged := filepath.Join(outDir, "merged."+format)
			tests := []struct {
				name  string
				args  []string
				stdin string
			}{
				{"in order", []string{"merge", shards[0], shards[1], shards[2]}, ""},
				{"shuffled", []string{"merge", shards[2], shards[0], shards[1]}, ""},
				{"format given", []string{"merge", "--format", format, shards[1], shards[2], shards[0]}, ""},
				{"stdin", []string{"merge", shards[0], "-", shards[2]}, readFile(t, shards[1])},
				{"to a file", []string{"merge", "-o", merged, shards[0], shards[1], shards[2]}, ""},
			}
			for _, tt := range tests {
				code, out, errOut := docqa(t, tt.stdin, tt.args...)
				if code != exitFindings {
					t.Errorf("%s: exit %d, want 1 (findings at or above warning): %s", tt.name, code, errOut)
				}
				if slices.Contains(tt.args, "-o") {
					if out != "" {
						t.Errorf("%s: printed %q as well as writing the file", tt.name, out)
					}
					out = readFile(t, merged)
				}
				if out != whole {
					t.Errorf("%s: merged output differs from the whole run's:\n%s", tt.name, linediff.First(whole, out))
				}
			}
			for _, level := range []string{"error", "warning", "info", "never"} {
				want, _ := lint("--fail-level", level)
				got, _, _ := docqa(t, "", "merge", "--fail-level", level, shards[0], shards[1], shards[2])
				if got != want {
					t.Errorf("--fail-level %s: merge exits %d, lint %d", level, got, want)
				}
			}
		})
	}
}

// TestMergeErrors: a usage error, a file that cannot be read and inputs
// that do not merge exit 2 with one line on stderr naming the file, print
// nothing and write no -o file.
func TestMergeErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("a.txt", []byte("It was the the end.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"json", "sarif"} {
		if code, _, errOut := docqa(t, "", "lint", "--format", format+":good."+format, "a.txt"); code != exitFindings {
			t.Fatalf("lint: exit %d: %s", code, errOut)
		}
	}
	files := map[string]string{"garbage.txt": "hello\n", "other.sarif": strings.Replace(readFile(t, "good.sarif"), `"name": "docqa"`, `"name": "ESLint"`, 1)}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir("folder", 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string // stderr, a regular expression
	}{
		{"no files", nil, "", `^docqa: no files given \(usage: docqa merge \[FILE\|-\]\.\.\. \[flags\]\)$`},
		{"missing file", []string{"good.json", "missing.json"}, "", `^docqa: missing.json: no such file or directory$`},
		{"folder", []string{"folder"}, "", `^docqa: folder: is a directory$`},
		{"garbage", []string{"good.json", "garbage.txt"}, "", `^docqa: garbage.txt: not docqa's JSON or SARIF output: invalid character 'h' looking for beginning of value$`},
		{"mixed formats", []string{"good.json", "good.sarif"}, "", `^docqa: good.sarif: SARIF output, but good.json is JSON: merge outputs of one format$`},
		{"format given", []string{"--format", "sarif", "good.json"}, "", `^docqa: good.json: JSON output, not SARIF$`},
		{"other tool", []string{"good.sarif", "other.sarif"}, "", `^docqa: other.sarif: a SARIF log of "ESLint", not of docqa$`},
		{"empty stdin", []string{"good.json", "-"}, "", `^docqa: <stdin>: empty, not docqa's JSON or SARIF output$`},
		{"stdin twice", []string{"-", "-"}, "{}", `^docqa: <stdin>: named twice$`},
		{"one file twice", []string{"good.json", "./good.json"}, "", `^docqa: ./good.json: the same file as good.json$`},
		{"one shard twice", []string{"good.json", "-"}, readFile(t, "good.json"), `^docqa: <stdin>: findings for a.txt, which good.json has too: a document must be in one shard only$`},
		{"unknown format", []string{"--format", "text", "good.json"}, "", `^docqa: cannot merge --format "text" \(want json or sarif\)$`},
		{"bad fail level", []string{"--fail-level", "fatal", "good.json"}, "", `^docqa: unknown --fail-level "fatal" \(want error, warning, info or never\)$`},
		{"unknown flag", []string{"--shard", "1/2", "good.json"}, "", `^docqa: unknown flag: --shard \(see 'docqa merge --help'\)$`},
		{"unwritable output", []string{"-o", "garbage.txt/merged.json", "good.json"}, "", `^docqa: writing garbage.txt/merged.json: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"merge"}, tt.args...)
			if !slices.Contains(tt.args, "-o") {
				args = append([]string{"merge", "-o", "merged.out"}, tt.args...)
			}
			code, out, errOut := docqa(t, tt.stdin, args...)
			if code != exitFailure {
				t.Errorf("exit %d, want 2", code)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			errOut = strings.TrimSuffix(errOut, "\n")
			if strings.Contains(errOut, "\n") || !regexp.MustCompile(tt.want).MatchString(errOut) {
				t.Errorf("stderr\n%s\nwant one line matching %s", errOut, tt.want)
			}
			if _, err := os.Stat("merged.out"); err == nil {
				t.Error("merged.out written")
				os.Remove("merged.out")
			}
		})
	}
}

// githubWorkflow is what TestGitHubActionsExample reads of a workflow.
type githubWorkflow struct {
	Env  map[string]string `yaml:"env"`
	Jobs map[string]struct {
		Needs    any `yaml:"needs"`
		Strategy struct {
			Matrix map[string][]any `yaml:"matrix"`
		} `yaml:"strategy"`
		Permissions map[string]string `yaml:"permissions"`
		Steps       []struct {
			Uses string         `yaml:"uses"`
			Run  string         `yaml:"run"`
			If   string         `yaml:"if"`
			With map[string]any `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestGitHubActionsExample keeps examples/github-actions.yml, which the
// README shows, working: it parses, splits the lint into four shards that
// upload their outputs, and merges them in a last job that uploads the
// SARIF and fails on findings; every docqa command in it is valid. Its
// commands are then run as the jobs would run them, the artifacts moved
// as upload-artifact and download-artifact move them: the merged reports
// are those of one lint over every file.
func TestGitHubActionsExample(t *testing.T) {
	path := filepath.Join("..", "..", "examples", "github-actions.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```yaml\n"+string(data)+"```\n") {
		t.Errorf("README.md does not show %s as it is, in a yaml block", path)
	}
	var wf githubWorkflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !strings.HasPrefix(wf.Env["DOCQA"], "github.com/docqa/docqa/cmd/docqa@") {
		t.Errorf("env DOCQA = %q, want the module path of docqa and a version", wf.Env["DOCQA"])
	}
	lintJob, mergeJob := wf.Jobs["lint"], wf.Jobs["merge"]
	if shards := lintJob.Strategy.Matrix["shard"]; !slices.Equal(shards, []any{1, 2, 3, 4}) {
		t.Fatalf("lint job's matrix.shard = %v, want [1, 2, 3, 4]", shards)
	}
	if mergeJob.Needs != "lint" {
		t.Errorf("merge job needs %v, want lint", mergeJob.Needs)
	}
	if mergeJob.Permissions["security-events"] != "write" {
		t.Error("merge job lacks permission security-events: write, which upload-sarif needs")
	}
	uses := func(steps []string) string { return strings.Join(steps, ", ") }
	var lintUses, mergeUses []string
	for _, s := range lintJob.Steps {
		lintUses = append(lintUses, s.Uses)
	}
	for _, s := range mergeJob.Steps {
		mergeUses = append(mergeUses, s.Uses)
	}
	for _, want := range []string{"actions/checkout@v4", "actions/upload-artifact@v4"} {
		if !slices.Contains(lintUses, want) {
			t.Errorf("lint job does not use %s: %s", want, uses(lintUses))
		}
	}
	for _, want := range []string{"actions/checkout@v4", "actions/download-artifact@v4", "github/codeql-action/upload-sarif@v3"} {
		if !slices.Contains(mergeUses, want) {
			t.Errorf("merge job does not use %s: %s", want, uses(mergeUses))
		}
	}

	// Run the jobs' docqa commands in a folder with articles/.
	dir := t.TempDir()
	writeArchive(t, dir)
	if err := os.Rename(filepath.Join(dir, "docqa.yaml"), filepath.Join(dir, ".docqa.yaml")); err != nil {
		t.Fatal(err) // found from the working folder, as in a repository
	}
	t.Chdir(dir)
	type step struct {
		args []string
		line string
	}
	commands := func(job string, shard string) []step {
		var out []step
		for _, s := range wf.Jobs[job].Steps {
			for _, line := range strings.Split(s.Run, "\n") {
				line = strings.ReplaceAll(line, "${{ matrix.shard }}", shard)
				words := strings.Fields(line)
				if len(words) == 0 || words[0] != "docqa" {
					continue
				}
				if strings.ContainsAny(line, `'"\$;&|<>`) {
					t.Fatalf("%s: %q: the test runs docqa commands of plain words only", path, line)
				}
				if err := checkInvocation(words[1:]); err != nil {
					t.Fatalf("%s: %q: %v", path, line, err)
				}
				out = append(out, step{words[1:], line})
			}
		}
		return out
	}
	for _, shard := range lintJob.Strategy.Matrix["shard"] {
		steps := commands("lint", fmt.Sprint(shard))
		if len(steps) != 1 {
			t.Fatalf("lint job: %d docqa commands, want 1", len(steps))
		}
		if code, _, errOut := docqa(t, "", steps[0].args...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", steps[0].line, code, errOut)
		}
		artifact := filepath.Join("shards", fmt.Sprintf("docqa-shard-%v", shard))
		if err := os.MkdirAll(artifact, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"docqa.json", "docqa.sarif"} {
			if err := os.Rename(name, filepath.Join(artifact, name)); err != nil {
				t.Fatalf("the lint job's artifact: %v", err)
			}
		}
	}
	steps := commands("merge", "")
	if len(steps) != 2 {
		t.Fatalf("merge job: %d docqa commands, want 2", len(steps))
	}
	wantCodes := []int{exitOK, exitFindings} // merge the SARIF; merge the JSON and fail
	for i, s := range steps {
		var args []string
		for _, a := range s.args {
			if !strings.Contains(a, "*") {
				args = append(args, a)
				continue
			}
			matches, err := filepath.Glob(a)
			if err != nil || len(matches) != 4 {
				t.Fatalf("%s: %s matches %d files, want 4 (%v)", s.line, a, len(matches), err)
			}
			args = append(args, matches...)
		}
		if code, _, errOut := docqa(t, "", args...); code != wantCodes[i] {
			t.Errorf("%s: exit %d, want %d: %s", s.line, code, wantCodes[i], errOut)
		}
	}
	for _, format := range []string{"json", "sarif"} {
		_, whole, _ := docqa(t, "", "lint", "--format", format, "articles/")
		if got := readFile(t, "docqa."+format); got != whole {
			t.Errorf("merged docqa.%s differs from one lint's:\n%s", format, linediff.First(whole, got))
		}
	}
}

// checkInvocation checks that args (without "docqa") run a docqa command
// whose flags exist and whose values lint and merge accept, with paths.
func checkInvocation(args []string) error {
	root := newRootCommand()
	cmd, rest, err := root.Find(args)
	if err != nil {
		return err
	}
	if cmd == root {
		return fmt.Errorf("no docqa command in %q", args)
	}
	if err := cmd.ParseFlags(rest); err != nil {
		return err
	}
	if len(cmd.Flags().Args()) == 0 {
		return fmt.Errorf("docqa %s without paths", cmd.Name())
	}
	get := func(cmd *cobra.Command, name string) string { return cmd.Flags().Lookup(name).Value.String() }
	switch cmd.Name() {
	case "lint":
		formats, err := cmd.Flags().GetStringArray("format")
		if err != nil {
			return err
		}
		if _, err := outputs.Parse(formats); err != nil {
			return err
		}
		if _, err := inputs.ParseShard(get(cmd, "shard")); err != nil {
			return err
		}
	case "merge":
		if f := get(cmd, "format"); f != "" && !slices.Contains(report.MergeFormats(), f) {
			return fmt.Errorf("merge --format %q", f)
		}
	default:
		return fmt.Errorf("docqa %s: the workflow runs lint and merge", cmd.Name())
	}
	_, err = parseFailLevel(get(cmd, "fail-level"))
	return err
}
