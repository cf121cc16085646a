package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docqa/docqa/internal/files"

	"github.com/docqa/docqa/internal/lintrun"
	"github.com/docqa/docqa/report"
)

// fixWorkspace copies the seed article to article.txt in a temporary
// working folder, with mode 0640, changes to it, and returns the article's
// text and a function running "docqa lint" there with an empty config.
func fixWorkspace(t *testing.T) (article string, docqa func(args ...string) (code int, stdout, stderr string)) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "article.txt"), text, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "article.txt"), 0o640); err != nil { // whatever the umask
		t.Fatal(err)
	}
	emptyConfig := filepath.Join(t.TempDir(), "empty.yaml")
	if err := os.WriteFile(emptyConfig, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return string(text), func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		args = append([]string{"lint", "--config", emptyConfig}, args...)
		code := execute(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
}

// The seed article's findings, as the text printer writes them: the fixes
// of --fix leave the first four, and --unsafe-fixes also fixes the first
// (line 3) and the fourth (line 69), both inside quotations.
const (
	articleLine3  = "article.txt:3:258: error: doubled word “particular” inside a quotation: check the source before removing one [repetition/doubled-word]\n"
	articleLine5  = "article.txt:5:191: warning: “counter-terrorism” on both sides of “and”: one of them was probably meant to be another word [repetition/coordination]\n"
	articleLine21 = "article.txt:21:361: info: “yourself”: second person in news prose addresses the reader; report in the third person [style/second-person]\n"
	articleLine69 = "article.txt:69:145: warning: “Uighurs”: this document uses “Uyghur” (first at line 3) [consistency/variants]\n"
	articleLine75 = "article.txt:75:1: error: “Add a Comment” is web page residue: delete the line [boilerplate/web]\n"
	articleLine77 = "article.txt:77:1: error: “Your email address will not be published.” is web page residue: delete the line [boilerplate/web]\n"
)

// articleFixed returns the article with the boilerplate lines at its end
// deleted, and with the unsafe fixes too if unsafe is set.
func articleFixed(article string, unsafe bool) string {
	i := strings.Index(article, "\n\nAdd a Comment\n")
	out := article[:i+1] // the last paragraph keeps its line break
	if unsafe {
		out = strings.Replace(out, "in particular particular crimes", "in particular crimes", 1)
		out = strings.Replace(out, "give Uighurs and others", "give Uyghurs and others", 1)
	}
	return out
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func stat(t *testing.T, name string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// TestFixArticle runs --fix on the seed article: the boilerplate goes, the
// words inside quotations stay until --unsafe-fixes, the report lists what
// is left, the mode is kept, and a second run changes nothing.
func TestFixArticle(t *testing.T) {
	article, docqa := fixWorkspace(t)

	code, stdout, stderr := docqa("article.txt")
	if want := articleLine3 + articleLine5 + articleLine21 + articleLine69 + articleLine75 + articleLine77; code != exitFindings || stdout != want {
		t.Fatalf("before --fix: exit %d, stdout\n%s\nstderr %q; want exit 1 and\n%s", code, stdout, stderr, want)
	}

	code, stdout, stderr = docqa("--fix", "article.txt")
	want := articleLine3 + articleLine5 + articleLine21 + articleLine69
	if code != exitFindings || stdout != want || stderr != "docqa: wrote article.txt (2 fixed)\n" {
		t.Fatalf("--fix: exit %d, stdout\n%s\nstderr %q; want exit 1, the findings left\n%s", code, stdout, stderr, want)
	}
	if got := readFile(t, "article.txt"); got != articleFixed(article, false) {
		t.Fatalf("--fix wrote\n%s", got[max(0, len(got)-200):])
	}
	if mode := stat(t, "article.txt").Mode().Perm(); mode != 0o640 {
		t.Errorf("mode after --fix: %v, want 0640", mode)
	}
	if leftovers, _ := filepath.Glob(".*.tmp"); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	// A second run is a no-op: same findings, nothing written.
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes("article.txt", past, past); err != nil {
		t.Fatal(err)
	}
	code, stdout2, stderr := docqa("--fix", "article.txt")
	if code != exitFindings || stdout2 != stdout || stderr != "" {
		t.Errorf("second --fix: exit %d, stdout\n%s\nstderr %q; want the same findings and no write", code, stdout2, stderr)
	}
	if got := readFile(t, "article.txt"); got != articleFixed(article, false) {
		t.Errorf("second --fix changed the file")
	}
	if !stat(t, "article.txt").ModTime().Equal(past) {
		t.Errorf("second --fix touched the file")
	}

	// --unsafe-fixes fixes the doubled word and the variant in quotations.
	code, stdout, stderr = docqa("--fix", "--unsafe-fixes", "article.txt")
	if want := articleLine5 + articleLine21; code != exitFindings || stdout != want || stderr != "docqa: wrote article.txt (2 fixed)\n" {
		t.Fatalf("--fix --unsafe-fixes: exit %d, stdout\n%s\nstderr %q; want exit 1 and\n%s", code, stdout, stderr, want)
	}
	if got := readFile(t, "article.txt"); got != articleFixed(article, true) {
		t.Errorf("--fix --unsafe-fixes wrote a different text")
	}
	code, stdout2, stderr = docqa("--fix", "--unsafe-fixes", "article.txt")
	if code != exitFindings || stdout2 != stdout || stderr != "" {
		t.Errorf("second --fix --unsafe-fixes: exit %d, stdout\n%s\nstderr %q", code, stdout2, stderr)
	}
	if mode := stat(t, "article.txt").Mode().Perm(); mode != 0o640 {
		t.Errorf("mode after --fix --unsafe-fixes: %v, want 0640", mode)
	}
}

// TestFixArticleUnsafeAtOnce: --fix --unsafe-fixes on the article as it
// came applies all four fixes in one run.
func TestFixArticleUnsafeAtOnce(t *testing.T) {
	article, docqa := fixWorkspace(t)
	code, stdout, stderr := docqa("--fix", "--unsafe-fixes", "--format", "json", "article.txt")
	if code != exitFindings || stderr != "docqa: wrote article.txt (4 fixed)\n" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, `"rule": "repetition/coordination"`) || strings.Contains(stdout, `"rule": "boilerplate/web"`) ||
		strings.Contains(stdout, `"rule": "repetition/doubled-word"`) {
		t.Errorf("JSON after --fix should list only what is left:\n%s", stdout)
	}
	if got := readFile(t, "article.txt"); got != articleFixed(article, true) {
		t.Errorf("wrote a different text")
	}
}

// articleDiff is the diff --diff prints for the article's safe fixes.
const articleDiff = `--- a/article.txt
+++ b/article.txt
@@ -71,7 +71,3 @@
 What comes after the report remains uncertain. Even if a majority of countries within the UN Human Rights Council voted to open a formal investigation, there is no mechanism to force China to comply – and a number of countries have denied the UN entry in other cases. Beijing has also ignored international decisions in the past, for example by rejecting a ruling by an international tribunal against its claims in the South China Sea.
 
 CNN’s Richard Roth and Caitlin Hu in New York and Nectar Gan in Hong Kong contributed to this report.
-
-Add a Comment
-
-Your email address will not be published.
\ No newline at end of file
`

// TestDiffArticle: --diff prints the fixes as a diff that patch applies,
// prints no findings, exits 1, and writes nothing.
func TestDiffArticle(t *testing.T) {
	article, docqa := fixWorkspace(t)
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes("article.txt", past, past); err != nil {
		t.Fatal(err)
	}
	for _, unsafe := range []bool{false, true} {
		args := []string{"--diff", "article.txt"}
		if unsafe {
			args = append(args, "--unsafe-fixes")
		}
		code, stdout, stderr := docqa(args...)
		if code != exitFindings || stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q; want 1 and nothing", args, code, stderr)
		}
		if !unsafe && stdout != articleDiff {
			t.Errorf("%v: stdout\n%s\nwant\n%s", args, stdout, articleDiff)
		}
		if unsafe && !strings.Contains(stdout, "\n+“Governments should not waste time") {
			t.Errorf("%v: no fix of line 69 in\n%s", args, stdout)
		}
		if got := readFile(t, "article.txt"); got != article {
			t.Fatalf("%v changed the file", args)
		}
		if fi := stat(t, "article.txt"); !fi.ModTime().Equal(past) || fi.Mode().Perm() != 0o640 {
			t.Errorf("%v touched the file: %v %v", args, fi.ModTime(), fi.Mode())
		}
		checkPatchApplies(t, article, stdout, articleFixed(article, unsafe))
	}

	// Nothing to fix: no diff, exit 0, though findings remain.
	if err := os.WriteFile("article.txt", []byte(articleFixed(article, true)), 0o640); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := docqa("--diff", "--unsafe-fixes", "article.txt")
	if code != exitOK || stdout != "" || stderr != "" {
		t.Errorf("--diff with nothing to fix: exit %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
	}
}

// checkPatchApplies applies diff to a copy of old with "patch -p1", where
// patch is installed, and expects want.
func checkPatchApplies(t *testing.T, old, diff, want string) {
	t.Helper()
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Log("no patch command: diff not applied")
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "article.txt"), []byte(old), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(patch, "-p1", "--batch", "--no-backup-if-mismatch")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "article.txt")); string(got) != want {
		t.Errorf("patch -p1 gave a different text from --fix's")
	}
}

// TestFixReadOnly: --fix refuses a file without its owner's write
// permission, and leaves it as it was.
func TestFixReadOnly(t *testing.T) {
	article, docqa := fixWorkspace(t)
	if err := os.Chmod("article.txt", 0o444); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := docqa("--fix", "article.txt")
	if code != exitFailure || stdout != "" || stderr != "docqa: article.txt: not writable, not fixed\n" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and \"docqa: article.txt: not writable, not fixed\"", code, stdout, stderr)
	}
	if got := readFile(t, "article.txt"); got != article {
		t.Errorf("the read-only file changed")
	}
	if mode := stat(t, "article.txt").Mode().Perm(); mode != 0o444 {
		t.Errorf("mode %v, want 0444", mode)
	}
}

// TestFixChangedMeanwhile: a file that changes between the read and the
// write is not written, and the run fails naming it.
func TestFixChangedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(name, []byte("It was the the day.\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	const edited = "It was the the day, said the editor.\n"
	for _, change := range []bool{false, true} {
		f := &lintrun.Fixer{Write: true}
		if change {
			f.BeforeWrite = func(path string) {
				if err := os.WriteFile(path, []byte(edited), 0o666); err != nil {
					t.Error(err)
				}
			}
		}
		var stdout, stderr bytes.Buffer
		l := &lintrun.Run{
			Fix:     f.Stage(),
			Stdout:  &stdout,
			Stderr:  &stderr,
			Printer: report.NewText(&stdout),
			Jobs:    1,
		}
		_, ok, err := l.Lint(context.Background(), withPipe(t, []input{{File: files.File{Name: "a.txt", Path: name, Explicit: true}}}))
		if err != nil {
			t.Fatal(err)
		}
		got := readFile(t, name)
		if !change {
			if !ok || got != "It was the day.\n" || stderr.Len() > 0 {
				t.Errorf("unchanged file: ok %v, wrote %q, stderr %q", ok, got, stderr.String())
			}
			if err := os.WriteFile(name, []byte("It was the the day.\n"), 0o666); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if want := "docqa: a.txt: changed while docqa was running, not written\n"; ok || stderr.String() != want {
			t.Errorf("changed file: ok %v, stderr %q; want false and %q", ok, stderr.String(), want)
		}
		if got != edited {
			t.Errorf("changed file: overwritten with %q", got)
		}
		if stdout.Len() > 0 {
			t.Errorf("changed file: findings printed:\n%s", stdout.String())
		}
	}
}

// TestFixFlags checks the combinations of the fix flags that make no
// sense.
func TestFixFlags(t *testing.T) {
	_, docqa := fixWorkspace(t)
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--fix", "--diff", "article.txt"}, "--fix and --diff cannot be used together: --diff writes nothing"},
		{[]string{"--unsafe-fixes", "article.txt"}, "--unsafe-fixes needs --fix or --diff"},
		{[]string{"--fix", "-"}, "--fix cannot write to standard input; use --diff"},
		{[]string{"--fix", "article.txt", "-"}, "--fix cannot write to standard input; use --diff"},
	} {
		code, stdout, stderr := docqa(tt.args...)
		if code != exitFailure || stdout != "" || stderr != "docqa: "+tt.msg+"\n" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, stdout, stderr, tt.msg)
		}
	}
}

// markdownArticle has the Markdown defects of issue #11: doubled words
// split by link brackets, emphasis marks and strong marks, in a reference
// label, a misspelt reference label, and web residue as a setext heading
// (deleting its line would turn the underline into a rule), among links,
// lists, a block quote and reference definitions.
const markdownArticle = `# Install the the tool

Read the [the installation guide][guide] first. This is the *the* key step.
**The** the end is near. See [the the][] below, and [the the](https://example.com/a) too.

- the the item
- See the the [recieve] page.

> the the quote

Advertisement
-------------

[guide]: https://example.com/install
[the the]: https://example.com/the
[recieve]: https://example.com/r
`

// markdownArticleFixed is markdownArticle after --fix: every doubled word
// gone but the one in a reference label, every link and emphasis kept.
const markdownArticleFixed = `# Install the tool

Read the [installation guide][guide] first. This is *the* key step.
**The** end is near. See [the the][] below, and [the](https://example.com/a) too.

- the item
- See the [recieve] page.

> the quote

Advertisement
-------------

[guide]: https://example.com/install
[the the]: https://example.com/the
[recieve]: https://example.com/r
`

// TestFixMarkdownKeepsStructure: --fix mends the doubled words of a
// Markdown article without touching its markup, leaves the one in a
// reference label and the misspelt label (findings without a fix: a fix
// would unlink them), and refuses the boilerplate fix that would turn a
// heading's underline into a rule, saying so on stderr; --diff shows the
// same. A second --fix changes nothing.
func TestFixMarkdownKeepsStructure(t *testing.T) {
	_, docqa := fixWorkspace(t)
	if err := os.WriteFile("a.md", []byte(markdownArticle), 0o666); err != nil {
		t.Fatal(err)
	}
	const (
		left = "a.md:4:27: error: doubled word “the” [repetition/doubled-word]\n" +
			"a.md:7:12: warning: “recieve” is a misspelling of “receive” [spelling/misspell]\n" +
			"a.md:11:1: error: “Advertisement” is web page residue: delete the line [boilerplate/web]\n"
		refusedInFixed    = "docqa: a.md:11:1: fix not applied, it would change the Markdown structure: “Advertisement” is web page residue: delete the line [boilerplate/web]\n"
		refusedInOriginal = refusedInFixed
	)

	code, stdout, stderr := docqa("--diff", "a.md")
	if code != exitFindings || stderr != refusedInOriginal {
		t.Errorf("--diff: exit %d, stderr %q; want 1 and %q", code, stderr, refusedInOriginal)
	}
	checkPatchApplies(t, markdownArticle, strings.ReplaceAll(stdout, "a.md", "article.txt"), markdownArticleFixed)

	code, stdout, stderr = docqa("--fix", "a.md")
	if want := refusedInFixed + "docqa: wrote a.md (8 fixed)\n"; code != exitFindings || stdout != left || stderr != want {
		t.Errorf("--fix: exit %d, stdout\n%s\nstderr %q; want 1,\n%s\nand %q", code, stdout, stderr, left, want)
	}
	if got := readFile(t, "a.md"); got != markdownArticleFixed {
		t.Errorf("--fix wrote\n%s\nwant\n%s", got, markdownArticleFixed)
	}

	code, stdout, stderr = docqa("--fix", "a.md")
	if code != exitFindings || stdout != left || stderr != refusedInFixed {
		t.Errorf("second --fix: exit %d, stdout\n%s\nstderr %q; want 1,\n%s\nand %q", code, stdout, stderr, left, refusedInFixed)
	}
	if got := readFile(t, "a.md"); got != markdownArticleFixed {
		t.Errorf("second --fix changed the file:\n%s", got)
	}
}

// TestFixRefusedWhere: a refused fix is reported where it is in the file
// as docqa leaves it: with --diff in the text read, with --fix in the text
// written, two lines up once the residue above it is deleted.
func TestFixRefusedWhere(t *testing.T) {
	_, docqa := fixWorkspace(t)
	const (
		text    = "Text.\n\nAdd a Comment\n\nAdvertisement\n-------------\n\nMore.\n"
		fixed   = "Text.\n\nAdvertisement\n-------------\n\nMore.\n"
		refused = "fix not applied, it would change the Markdown structure: “Advertisement” is web page residue: delete the line [boilerplate/web]\n"
	)
	if err := os.WriteFile("a.md", []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		flag, stderr, text string
	}{
		{"--diff", "docqa: a.md:5:1: " + refused, text},
		{"--fix", "docqa: a.md:3:1: " + refused + "docqa: wrote a.md (1 fixed)\n", fixed},
		{"--fix", "docqa: a.md:3:1: " + refused, fixed},
	} {
		code, _, stderr := docqa(tt.flag, "a.md")
		if code != exitFindings || stderr != tt.stderr {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", tt.flag, code, stderr, tt.stderr)
		}
		if got := readFile(t, "a.md"); got != tt.text {
			t.Errorf("%s: a.md is\n%s\nwant\n%s", tt.flag, got, tt.text)
		}
	}
}
