package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/docqa/docqa/internal/testfs"

	"github.com/docqa/docqa/internal/browser"
	"golang.org/x/net/html"
)

var screenshotsDir = flag.String("screenshots", "", "TestHTMLReportsInBrowser writes its screenshots of the lint, diff, golden and verify reports (report-lint.png, …) into this folder, relative to the repository's root: docs/img for the README")

// artifactsVar names the environment variable of the folder where
// TestHTMLReportsInBrowser keeps the reports and their screenshots, for CI
// to keep; without it they go to a temporary folder.
const artifactsVar = "DOCQA_ARTIFACTS"

// Screenshots are taken in a window of this size.
const shotWidth, shotHeight = 1280, 900

// TestHTMLReportsInBrowser loads docqa's HTML reports in a real browser, a
// headless Chromium (internal/browser), and reads the DOM the page's own
// script left with golang.org/x/net/html: the report of the seed article's
// lint, of a revision diff (testdata/revisions/reworded), of a golden run
// (a passing, a drifted and a missing document), of the seed's verify,
// and of a lint of hostile documents. Each page must have run its script
// (data-docqa-ready="1" on <html>), hold a Content-Security-Policy and
// load nothing, and show each finding that --format json prints for the
// same run: an element of class "finding" with its rule, severity, line
// and column, and for lint its text highlighted in place, in a <mark
// data-finding="ID"> for the finding element's id; a diff, each
// quotation's word changes in <del> and <ins>; a golden run, one
// "golden-entry" a document with its status; verify, each altered
// quotation's "source-passage". The hostile page must have run no script
// of the document's. A screenshot of each page must show a rendered page;
// they are kept in $DOCQA_ARTIFACTS (else a temporary folder), with the
// reports and their DOMs, and with -args -screenshots DIR written into DIR
// too (relative to the repository's root):
//
//	go test ./cmd/docqa -run TestHTMLReportsInBrowser -args -screenshots docs/img
//
// Skipped without Chromium (chromium, chromium-browser or google-chrome
// on PATH, or $DOCQA_CHROMIUM), unless the environment variable CI is set
// (.ci/run installs Debian's chromium), and with -short.
func TestHTMLReportsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts Chromium")
	}
	chromium, err := browser.Find()
	if errors.Is(err, browser.ErrNotFound) && os.Getenv("CI") == "" {
		t.Skipf("%v (apt-get install chromium)", err)
	}
	if errors.Is(err, browser.ErrNotFound) {
		t.Fatalf("%v; CI is set: the HTML reports must be checked in a browser in CI (.ci/run installs chromium with apt-get)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	artifacts := os.Getenv(artifactsVar)
	if artifacts == "" {
		artifacts = t.TempDir()
	}
	shots := *screenshotsDir
	if shots != "" && !filepath.IsAbs(shots) {
		shots = filepath.Join(root, shots)
	}
	for _, dir := range []string{artifacts, shots} {
		if dir != "" {
			if err := os.MkdirAll(dir, 0o777); err != nil {
				t.Fatal(err)
			}
		}
	}
	r := &reportRun{
		bin:       docqaBinary(t),
		root:      root,
		config:    filepath.Join(t.TempDir(), "empty.yaml"),
		chromium:  chromium,
		artifacts: artifacts,
		shots:     shots,
	}
	if err := os.WriteFile(r.config, nil, 0o666); err != nil {
		t.Fatal(err)
	}

	t.Run("lint", func(t *testing.T) {
		t.Parallel()
		out := r.output("lint")
		args := []string{"testdata/article.txt"}
		r.docqa(t, root, exitFindings, "lint", append([]string{"--format", "html:" + out}, args...)...)
		findings := r.jsonFindings(t, root, exitFindings, "lint", args...)
		dom := r.load(t, "lint", out, true)
		checkFindingElements(t, dom, findings, root)
	})

	t.Run("diff", func(t *testing.T) {
		t.Parallel()
		out := r.output("diff")
		args := []string{"testdata/revisions/reworded/old.txt", "testdata/revisions/reworded/new.txt"}
		r.docqa(t, root, exitFindings, "diff", append([]string{"--format", "html:" + out}, args...)...)
		findings := r.jsonFindings(t, root, exitFindings, "diff", args...)
		changed := 0
		for _, f := range findings {
			if f.Rule == "checks/quote-changed" {
				changed++
			}
		}
		if changed != 2 {
			t.Fatalf("docqa diff --format json reports %d changed quotations, want reworded's 2 (testdata/revisions/README.md)", changed)
		}
		dom := r.load(t, "diff", out, true)
		checkFindingElements(t, dom, findings, "")
		checkWordDiff(t, dom, findings)
	})

	t.Run("golden", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		const quoted = "The report said the “%s of arbitrary and discriminatory detention … %s constitute international crimes,” Bachelet’s office said.\n\nThe report was published on Wednesday.\n"
		testfs.Write(t, dir, map[string]string{
			"articles/pass.txt":         fmt.Sprintf(quoted, "extent", "may"),
			"golden/articles/pass.txt":  fmt.Sprintf(quoted, "extent", "may"),
			"articles/drift.txt":        fmt.Sprintf(quoted, "scale", "could"),
			"golden/articles/drift.txt": fmt.Sprintf(quoted, "extent", "may"),
			"articles/missing.txt":      "No golden copy has been approved for this one yet.\n",
			"articles/notes.json":       "{}", // not a document: not in the run
		})
		out := r.output("golden")
		r.docqa(t, dir, exitFindings, "golden", "--format", "html:"+out, "articles")
		dom := r.load(t, "golden", out, true)
		checkGoldenEntries(t, dom, map[string]string{
			"articles/pass.txt":    "pass",
			"articles/drift.txt":   "drift",
			"articles/missing.txt": "missing",
		}, map[string][2][]string{
			"articles/drift.txt": {{"extent", "may"}, {"scale", "could"}},
		})
	})

	t.Run("verify", func(t *testing.T) {
		t.Parallel()
		out := r.output("verify")
		args := []string{"testdata/article.txt", "--sources", "testdata/sources"}
		r.docqa(t, root, exitFindings, "verify", append([]string{"--format", "html:" + out}, args...)...)
		findings := r.jsonFindings(t, root, exitFindings, "verify", args...)
		dom := r.load(t, "verify", out, true)
		checkFindingElements(t, dom, findings, "")
		checkSourcePassages(t, dom, findings, root)
	})

	t.Run("hostile", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		testfs.Write(t, dir, map[string]string{
			"hostile.md":  hostileDocument,
			"hostile.txt": hostileDocument,
		})
		out := r.output("hostile")
		args := []string{"hostile.md", "hostile.txt"}
		r.docqa(t, dir, exitFindings, "lint", append([]string{"--format", "html:" + out}, args...)...)
		findings := r.jsonFindings(t, dir, exitFindings, "lint", args...)
		if len(findings) == 0 {
			t.Fatal("no finding in the hostile documents: the page has nothing to show")
		}
		dom := r.load(t, "hostile", out, false)
		checkFindingElements(t, dom, findings, dir)
		checkHostile(t, dom)
	})
}

// hostileDocument tries every way a document's text could run script in a
// page that did not escape it, each beside a doubled word so that a finding
// shows the text around it.
const hostileDocument = `# A hostile document

The the page ends here </script><script>document.title='pwned'</script> and goes on.

An image <img src=x onerror="document.body.setAttribute('data-pwned','1')"> is is here.

An attribute "><svg onload=alert(1)> breaks out out of a tag.

A link [click](javascript:alert(1)) that that runs script, and an autolink <javascript:alert(2)>.
`

// hostileStrings are the parts of hostileDocument the report must show as
// text.
var hostileStrings = []string{
	`</script><script>document.title='pwned'</script>`,
	`<img src=x onerror="document.body.setAttribute('data-pwned','1')">`,
	`"><svg onload=alert(1)>`,
	`[click](javascript:alert(1))`,
}

// reportRun holds what the subtests of TestHTMLReportsInBrowser share; they
// only read it.
type reportRun struct {
	bin       string // docqa
	root      string // the repository
	config    string // an empty configuration file
	chromium  *browser.Chromium
	artifacts string // where reports and screenshots are kept
	shots     string // where the README's screenshots go, if anywhere
}

// output returns the path of the report named name.
func (r *reportRun) output(name string) string {
	return filepath.Join(r.artifacts, "report-"+name+".html")
}

// docqa runs "docqa command --config EMPTY args..." in dir and checks its
// exit status; it returns standard output.
func (r *reportRun) docqa(t *testing.T, dir string, want int, command string, args ...string) []byte {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), r.bin, append([]string{command, "--config", r.config}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("docqa %s: %v", command, err)
	}
	if code != want {
		t.Fatalf("docqa %s %s: exit status %d, want %d\nstderr:\n%s", command, strings.Join(args, " "), code, want, stderr.String())
	}
	return stdout.Bytes()
}

// jsonFinding is a finding as --format json prints it.
type jsonFinding struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Text      string `json:"text"`
	Related   []struct {
		Path      string `json:"path"`
		Line      int    `json:"line"`
		Column    int    `json:"column"`
		EndLine   int    `json:"end_line"`
		EndColumn int    `json:"end_column"`
	} `json:"related"`
}

// jsonFindings runs "docqa command --format json args..." in dir and
// returns its findings.
func (r *reportRun) jsonFindings(t *testing.T, dir string, want int, command string, args ...string) []jsonFinding {
	t.Helper()
	out := r.docqa(t, dir, want, command, append([]string{"--format", "json"}, args...)...)
	var v struct {
		Findings []jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("docqa %s --format json: %v\n%s", command, err, out)
	}
	return v.Findings
}

// load opens the report in Chromium, once: it takes a screenshot, which
// must show a rendered page, and dumps the DOM, which it parses and checks
// for what every report must be (its script ran, a
// Content-Security-Policy, nothing loaded from elsewhere). The screenshot
// and the DOM are kept beside the report; with -screenshots the screenshot
// is written there too when readme is set.
func (r *reportRun) load(t *testing.T, name, file string, readme bool) *html.Node {
	t.Helper()
	start := time.Now()
	shot := strings.TrimSuffix(file, ".html") + ".png"
	dom, err := r.chromium.Render(t.Context(), file, shot, shotWidth, shotHeight)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if err := os.WriteFile(strings.TrimSuffix(file, ".html")+".dom.html", dom, 0o666); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatalf("the DOM of %s: %v", file, err)
	}
	checkPage(t, doc)
	data, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := browser.CheckRendered(data)
	if err != nil {
		t.Errorf("%s: %v", shot, err)
	}
	t.Logf("%s: loaded in Chromium in %v; screenshot %v, kept in %s", name, took.Round(time.Millisecond), stats, shot)
	if readme && r.shots != "" {
		if err := os.WriteFile(filepath.Join(r.shots, "report-"+name+".png"), data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return doc
}

// checkPage checks what every report page must be: its own script ran
// (data-docqa-ready="1" on <html>), a Content-Security-Policy meta tag
// restricts it, and it loads nothing: no element has a src other than a
// data: URL, no <link> fetches a style sheet, and its only scripts are
// inline.
func checkPage(t checker, doc *html.Node) {
	t.Helper()
	root := find(doc, func(n *html.Node) bool { return isElement(n, "html") })
	if root == nil {
		t.Fatalf("no <html> element")
	}
	if got := attr(root, "data-docqa-ready"); got != "1" {
		t.Errorf(`<html data-docqa-ready=%q>: the page's script did not run (or did not set data-docqa-ready="1")`, got)
	}
	csp := findAll(doc, func(n *html.Node) bool {
		return isElement(n, "meta") && strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy")
	})
	if len(csp) == 0 {
		t.Errorf(`no <meta http-equiv="Content-Security-Policy">`)
	}
	for _, m := range csp {
		if c := attr(m, "content"); !strings.Contains(c, "default-src 'none'") {
			t.Errorf("Content-Security-Policy %q: want default-src 'none', allowing only what the page needs", c)
		}
	}
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		if src, ok := attrOK(n, "src"); ok && !strings.HasPrefix(src, "data:") {
			t.Errorf("<%s src=%q>: the page must load nothing", n.Data, src)
		}
		if n.Data == "link" && attr(n, "href") != "" && !strings.HasPrefix(attr(n, "href"), "data:") {
			t.Errorf("<link rel=%q href=%q>: the page must load nothing", attr(n, "rel"), attr(n, "href"))
		}
	}
}

// checker is what the checks of a page report to: the test, or in
// TestPageChecks a recorder.
type checker interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// findingElement is an element of class "finding".
type findingElement struct {
	n                             *html.Node
	id, rule, severity, line, col string
}

// findingElements returns the page's elements of class "finding".
func findingElements(doc *html.Node) []findingElement {
	var out []findingElement
	for _, n := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "finding") }) {
		out = append(out, findingElement{n, attr(n, "id"), attr(n, "data-rule"), attr(n, "data-severity"), attr(n, "data-line"), attr(n, "data-col")})
	}
	return out
}

// checkFindingElements checks that the page shows each of the findings,
// and no other: as many elements of class "finding" with the findings'
// rules, severities, lines and columns. With dir, the folder the findings'
// paths are relative to, each finding's text must also be highlighted in
// place: the <mark data-finding="ID"> elements for the finding element's
// id (data-finding may list several) hold the finding's text, and the
// page's text before the first of them ends with the document's line up to
// the finding's column. White space inside a finding's text is not
// compared.
func checkFindingElements(t checker, doc *html.Node, findings []jsonFinding, dir string) {
	t.Helper()
	// The page's elements say rule, severity, line and column, not the
	// path: a key without the path, and a check per path would need a
	// contract for the page's sections. Every run here has findings in
	// one document or the same in two (hostile), which counts still tell.
	key := func(rule, severity, line, col string) string {
		return rule + " " + severity + " " + line + ":" + col
	}
	want := map[string][]string{}          // key → texts
	before := map[string]map[string]bool{} // key → the texts of the lines before the findings
	for _, f := range findings {
		k := key(f.Rule, f.Severity, strconv.Itoa(f.Line), strconv.Itoa(f.Column))
		want[k] = append(want[k], f.Text)
		if dir != "" {
			if before[k] == nil {
				before[k] = map[string]bool{}
			}
			before[k][sourceSpan(t, filepath.Join(dir, f.Path), f.Line, 1, f.Line, f.Column)] = true
		}
	}
	got := map[string][]findingElement{}
	for _, e := range findingElements(doc) {
		k := key(e.rule, e.severity, e.line, e.col)
		got[k] = append(got[k], e)
	}
	for k, texts := range want {
		if len(got[k]) != len(texts) {
			t.Errorf("finding %s: %d elements of class finding with these data-rule, data-severity, data-line and data-col, want %d", k, len(got[k]), len(texts))
		}
	}
	for k, es := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("finding %s: %d elements of class finding, but --format json has no such finding", k, len(es))
		}
	}
	if dir == "" {
		return
	}
	ids := map[string]int{}
	for k, es := range got {
		texts := want[k]
		var marked []string
		for _, e := range es {
			if e.id == "" {
				t.Errorf("finding %s: its element has no id", k)
				continue
			}
			ids[e.id]++
			text, first := markedText(doc, e.id)
			marked = append(marked, text)
			if first == nil {
				continue
			}
			// The mark is where the finding is: after the text of its line
			// up to its column.
			prefix := textBefore(doc, first)
			ok := false
			for b := range before[k] {
				ok = ok || strings.HasSuffix(prefix, b)
			}
			if !ok {
				t.Errorf("finding %s: its <mark> is not after the text of its line before it; the page's text before it ends %q", k, lastRunes(prefix, 80))
			}
		}
		// White space is not compared: a mark may stop at a line's end, or
		// leave the space between two words out.
		for i := range marked {
			marked[i] = noSpace(marked[i])
		}
		texts = slices.Clone(texts)
		for i := range texts {
			texts[i] = noSpace(texts[i])
		}
		slices.Sort(marked)
		slices.Sort(texts)
		if len(texts) == len(marked) && !slices.Equal(marked, texts) {
			t.Errorf("finding %s: the text of its <mark data-finding> elements is %q, want %q", k, marked, texts)
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q: %d finding elements", id, n)
		}
	}
}

// markedText returns the text of the <mark> elements whose data-finding
// names id, in order (a mark inside another one for the same finding
// counted once), and the first of them.
func markedText(doc *html.Node, id string) (string, *html.Node) {
	var b strings.Builder
	var first *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if isElement(n, "mark") && slices.Contains(strings.Fields(attr(n, "data-finding")), id) {
			if first == nil {
				first = n
			}
			b.WriteString(textContent(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String(), first
}

// noSpace returns s without its white space.
func noSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// textBefore returns the text of the page before node, in document order.
func textBefore(doc, node *html.Node) string {
	var b strings.Builder
	done := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if done || n == node {
			done = true
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// lastRunes returns the last n code points of s.
func lastRunes(s string, n int) string {
	rs := []rune(s)
	return string(rs[max(0, len(rs)-n):])
}

// wordDiff matches the deleted ([-…-]) and inserted ({+…+}) words of a
// finding's message.
var wordDiff = regexp.MustCompile(`\[-(.*?)-\]|\{\+(.*?)\+\}`)

// checkWordDiff checks that each word a changed quotation lost is shown in
// a <del>, and each it gained in an <ins>: as many times as the messages
// of checks/quote-changed name them, at least.
func checkWordDiff(t checker, doc *html.Node, findings []jsonFinding) {
	t.Helper()
	dels, inss := diffWords(doc)
	need := map[[2]string]int{} // tag, words → times
	for _, f := range findings {
		if f.Rule != "checks/quote-changed" {
			continue
		}
		ms := wordDiff.FindAllStringSubmatch(f.Message, -1)
		if len(ms) == 0 {
			t.Errorf("%s:%d: no word diff in the message %q", f.Path, f.Line, f.Message)
		}
		for _, m := range ms {
			if m[1] != "" {
				need[[2]string{"del", strings.Join(strings.Fields(m[1]), " ")}]++
			} else {
				need[[2]string{"ins", strings.Join(strings.Fields(m[2]), " ")}]++
			}
		}
	}
	for k, n := range need {
		shown := dels
		if k[0] == "ins" {
			shown = inss
		}
		if got := countWords(shown, k[1]); got < n {
			t.Errorf("%q is in %d <%s> elements, want %d (the page's <%s> elements: %q)", k[1], got, k[0], n, k[0], shown)
		}
	}
}

// diffWords returns the texts of the <del> and of the <ins> elements under
// n, in order.
func diffWords(n *html.Node) (dels, inss []string) {
	for _, e := range findAll(n, func(n *html.Node) bool { return isElement(n, "del") }) {
		dels = append(dels, textContent(e))
	}
	for _, e := range findAll(n, func(n *html.Node) bool { return isElement(n, "ins") }) {
		inss = append(inss, textContent(e))
	}
	return dels, inss
}

// countWords returns how many times the words appear in the texts of the
// elements, which may hold them in one element or in several (a word an
// element), an element's edge ending a word.
func countWords(texts []string, words string) int {
	var have []string
	for _, s := range texts {
		have = append(have, strings.Fields(s)...)
	}
	want := strings.Fields(words)
	if len(want) == 0 {
		return 0
	}
	n := 0
	for i := 0; i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			n++
			i += len(want) - 1
		}
	}
	return n
}

// checkGoldenEntries checks that the page has one element of class
// "golden-entry" a document, with its data-status, and that the entries of
// drifted documents show their changed words in <del> and <ins>, in the
// entry or in what its links within the page (href="#…") lead to. An entry
// is the document's if its data-path is the document's path, or else if
// its text names the path.
func checkGoldenEntries(t checker, doc *html.Node, status map[string]string, changes map[string][2][]string) {
	t.Helper()
	entries := findAll(doc, func(n *html.Node) bool { return hasClass(n, "golden-entry") })
	if len(entries) != len(status) {
		t.Errorf("%d elements of class golden-entry, want one for each of the %d documents", len(entries), len(status))
	}
	for path, want := range status {
		var mine []*html.Node
		for _, e := range entries {
			if p, ok := attrOK(e, "data-path"); ok && p == path || !ok && strings.Contains(textContent(e), path) {
				mine = append(mine, e)
			}
		}
		if len(mine) != 1 {
			t.Errorf("%s: %d golden-entry elements name it, want 1", path, len(mine))
			continue
		}
		if got := attr(mine[0], "data-status"); got != want {
			t.Errorf("%s: golden-entry data-status=%q, want %q", path, got, want)
		}
		if c, ok := changes[path]; ok {
			scope := &html.Node{Type: html.DocumentNode}
			for _, n := range append([]*html.Node{mine[0]}, linked(doc, mine[0])...) {
				scope.AppendChild(clone(n))
			}
			dels, inss := diffWords(scope)
			for _, w := range c[0] {
				if countWords(dels, w) == 0 {
					t.Errorf("%s: %q is in no <del> of its golden-entry or of what it links to (%q)", path, w, dels)
				}
			}
			for _, w := range c[1] {
				if countWords(inss, w) == 0 {
					t.Errorf("%s: %q is in no <ins> of its golden-entry or of what it links to (%q)", path, w, inss)
				}
			}
		}
	}
}

// linked returns the elements that the links under n to places in the
// page (href="#id") lead to.
func linked(doc, n *html.Node) []*html.Node {
	var out []*html.Node
	for _, a := range findAll(n, func(n *html.Node) bool { return isElement(n, "a") }) {
		id, ok := strings.CutPrefix(attr(a, "href"), "#")
		if !ok || id == "" {
			continue
		}
		if target := find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == id }); target != nil {
			out = append(out, target)
		}
	}
	return out
}

// clone returns a deep copy of n, detached.
func clone(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: slices.Clone(n.Attr)}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(clone(k))
	}
	return c
}

// checkSourcePassages checks that each sources/altered finding's element
// holds an element of class "source-passage" (or that one names the
// finding by data-finding) showing the source's words: those at the
// finding's related location, in order, other words (a caption, the
// quotation's words in <ins>) allowed between them, and an ellipsis (…)
// allowed for words the quotation leaves out. Words are compared by their
// letters and digits: punctuation is not checked.
func checkSourcePassages(t checker, doc *html.Node, findings []jsonFinding, root string) {
	t.Helper()
	elements := findingElements(doc)
	altered := 0
	for _, f := range findings {
		if f.Rule != "sources/altered" {
			continue
		}
		altered++
		var e *findingElement
		for i := range elements {
			if elements[i].rule == f.Rule && elements[i].line == strconv.Itoa(f.Line) && elements[i].col == strconv.Itoa(f.Column) {
				e = &elements[i]
			}
		}
		if e == nil {
			continue // checkFindingElements said so
		}
		passages := findAll(e.n, func(n *html.Node) bool { return hasClass(n, "source-passage") })
		if e.id != "" {
			passages = append(passages, findAll(doc, func(n *html.Node) bool {
				return hasClass(n, "source-passage") && attr(n, "data-finding") == e.id
			})...)
		}
		if len(passages) == 0 {
			t.Errorf("%s:%d:%d (sources/altered): no element of class source-passage in its finding element (or naming it by data-finding)", f.Path, f.Line, f.Column)
			continue
		}
		if len(f.Related) == 0 {
			t.Errorf("%s:%d:%d (sources/altered): no related location in the JSON", f.Path, f.Line, f.Column)
			continue
		}
		rel := f.Related[0]
		words := strings.Fields(sourceSpan(t, filepath.Join(root, rel.Path), rel.Line, rel.Column, rel.EndLine, rel.EndColumn))
		found := false
		for _, p := range passages {
			found = found || showsWords(words, nodeWords(p))
		}
		if !found {
			t.Errorf("%s:%d:%d (sources/altered): no source-passage shows the source's words %q; it shows %q", f.Path, f.Line, f.Column, strings.Join(words, " "), textContent(passages[0]))
		}
	}
	if altered == 0 {
		t.Errorf("docqa verify --format json reports no sources/altered finding for the seed article")
	}
}

// sourceSpan returns the text of a file from line:col to endLine:endCol
// (1-based, columns in code points, the end exclusive).
func sourceSpan(t checker, path string, line, col, endLine, endCol int) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v", err)
	}
	lines := strings.Split(string(data), "\n")
	if line < 1 || endLine > len(lines) || endLine < line {
		t.Fatalf("%s: no lines %d to %d", path, line, endLine)
	}
	var b strings.Builder
	for l := line; l <= endLine; l++ {
		rs := []rune(strings.TrimSuffix(lines[l-1], "\r"))
		from, to := 0, len(rs)
		if l == line {
			from = min(col-1, len(rs))
		}
		if l == endLine {
			to = min(endCol-1, len(rs))
		}
		if from < to {
			b.WriteString(string(rs[from:to]))
		}
		if l < endLine {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// nodeWords returns the words of n's text nodes, an element's edge ending
// a word.
func nodeWords(n *html.Node) []string {
	var words []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			words = append(words, strings.Fields(n.Data)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return words
}

// showsWords reports whether have shows the words of want in order:
// other words may come between them (a caption, the quotation's words),
// and an ellipsis (…, ...) in have may stand for words of want between a
// word shown just before it and one shown just after it. Words are
// compared by their letters and digits, in lower case.
func showsWords(want, have []string) bool {
	norm := func(ws []string) []string {
		var out []string
		for _, w := range ws {
			if w == "…" || w == "..." {
				out = append(out, "…")
				continue
			}
			var b strings.Builder
			for _, r := range strings.ToLower(w) {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					b.WriteRune(r)
				}
			}
			if b.Len() > 0 {
				out = append(out, b.String())
			}
		}
		return out
	}
	want, have = norm(want), norm(have)
	if len(want) == 0 {
		return true
	}
	// shows(i, j, prev): want[i:] is shown by have[j:], prev telling
	// whether have[j-1] showed want[i-1].
	memo := map[[3]int]bool{}
	var shows func(i, j int, prev bool) bool
	shows = func(i, j int, prev bool) bool {
		if i == len(want) {
			return true
		}
		if j == len(have) {
			return false
		}
		key := [3]int{i, j, 0}
		if prev {
			key[2] = 1
		}
		if ok, done := memo[key]; done {
			return ok
		}
		ok := have[j] == want[i] && shows(i+1, j+1, true) || shows(i, j+1, false)
		if have[j] == "…" && prev && j+1 < len(have) {
			// The ellipsis stands for want[i:k], and have[j+1] shows
			// want[k].
			for k := i + 1; !ok && k < len(want); k++ {
				ok = have[j+1] == want[k] && shows(k+1, j+2, true)
			}
		}
		memo[key] = ok
		return ok
	}
	return shows(0, 0, false)
}

// checkHostile checks that nothing of hostileDocument ran or became markup:
// no element has an event handler attribute (on…), no link or source is a
// javascript: URL, the title and the body are as the page made them, the
// only scripts are the page's own, and each hostile string is shown as
// text.
func checkHostile(t checker, doc *html.Node) {
	t.Helper()
	for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s %s=%q>: an event handler attribute", n.Data, a.Key, a.Val)
			}
			switch strings.ToLower(a.Key) {
			case "href", "src", "action", "formaction", "xlink:href":
				if v := strings.ToLower(strings.Join(strings.Fields(a.Val), "")); strings.HasPrefix(v, "javascript:") {
					t.Errorf("<%s %s=%q>: a javascript: URL", n.Data, a.Key, a.Val)
				}
			}
		}
		switch n.Data {
		case "img", "svg", "iframe", "object", "embed":
			t.Errorf("<%s> in the page: from the document?", n.Data)
		case "script":
			if s := textContent(n); strings.Contains(s, "pwned") || strings.Contains(s, "alert(") {
				t.Errorf("a script of the document's: %s", s)
			}
		}
	}
	if title := find(doc, func(n *html.Node) bool { return isElement(n, "title") }); title == nil || strings.Contains(textContent(title), "pwned") {
		t.Errorf("the page's title was changed, or is missing")
	}
	if body := find(doc, func(n *html.Node) bool { return isElement(n, "body") }); body == nil {
		t.Errorf("no <body>")
	} else if _, ok := attrOK(body, "data-pwned"); ok {
		t.Errorf("<body data-pwned>: the document's onerror ran")
	}
	text := visibleText(doc)
	for _, s := range hostileStrings {
		if !strings.Contains(text, s) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
}

// visibleText returns the text under n but that of scripts, styles and
// templates: what the page shows, or would show when unfolded.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "template"):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// DOM helpers.

func isElement(n *html.Node, tag string) bool {
	return n.Type == html.ElementNode && n.Data == tag
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
}

// findAll returns the nodes under n (n included) that match, in document
// order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// find returns the first node under n that matches, or nil.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if all := findAll(n, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

// textContent returns the text under n, as the DOM's textContent does
// (scripts' and styles' text included).
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// recorder is a checker that records what the checks report; Fatalf stops
// the check (see record).
type recorder struct{ errs []string }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(r)
}

// record runs a check and returns what it reported.
func record(check func(c checker)) (errs []string) {
	r := &recorder{}
	defer func() {
		if v := recover(); v != nil && v != r {
			panic(v)
		}
		errs = r.errs
	}()
	check(r)
	return r.errs
}

// TestPageChecks checks the checks of TestHTMLReportsInBrowser without a
// browser, on hand-made DOMs: a page as the contract wants it passes, and
// each way of breaking it is reported.
func TestPageChecks(t *testing.T) {
	dir := t.TempDir()
	const line3 = "It was the the day, and the the night."
	testfs.Write(t, dir, map[string]string{
		"a.txt":      "Title\n\n" + line3 + "\n",
		"source.txt": "Preamble.\nThe extent of arbitrary detention, they wrote, “may” constitute crimes.\n",
	})
	col1 := strings.Index(line3, "the the") + 1
	col2 := strings.LastIndex(line3, "the the") + 1
	findings := []jsonFinding{
		{Path: "a.txt", Line: 3, Column: col1, Rule: "repetition/doubled-word", Severity: "error", Text: "the the"},
		{Path: "a.txt", Line: 3, Column: col2, Rule: "repetition/doubled-word", Severity: "error", Text: "the the"},
	}
	head := `<!DOCTYPE html><html lang="en" data-docqa-ready="1"><head><meta charset="utf-8">` +
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-x'"><title>docqa lint</title></head><body>`
	foot := `<script>document.documentElement.setAttribute("data-docqa-ready", "1")</script></body></html>`
	finding := func(id string, col int) string {
		return fmt.Sprintf(`<li class="finding sev-error" id="%s" data-rule="repetition/doubled-word" data-severity="error" data-line="3" data-col="%d">doubled word</li>`, id, col)
	}
	lintPage := head + `<div class="ln"><a href="#L3">3</a><span>It was <mark data-finding="f1">the the</mark> day, and <mark data-finding="f2">the the</mark> night.</span>` +
		`<ul>` + finding("f1", col1) + finding("f2", col2) + `</ul></div>` + foot

	parse := func(t *testing.T, page string) *html.Node {
		t.Helper()
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	lint := func(page string) []string {
		doc := parse(t, page)
		return record(func(c checker) {
			checkPage(c, doc)
			checkFindingElements(c, doc, findings, dir)
		})
	}
	if errs := lint(lintPage); len(errs) > 0 {
		t.Fatalf("the contract's page fails: %q", errs)
	}
	for _, tt := range []struct {
		name, old, new string
		want           string // in a reported error; "" for none
	}{
		{"mark split in two", `<mark data-finding="f1">the the</mark>`, `<mark data-finding="f1">the</mark> <mark data-finding="f1">the</mark>`, ""},
		{"mark of two findings", `<mark data-finding="f1">the the</mark>`, `<mark data-finding="f0 f1">the the</mark>`, ""},
		{"nested marks", `<mark data-finding="f1">the the</mark>`, `<mark data-finding="f1">the <mark data-finding="f1">the</mark></mark>`, ""},
		{"script did not run", ` data-docqa-ready="1"`, ``, "script did not run"},
		{"no CSP", `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-x'">`, ``, "Content-Security-Policy"},
		{"lax CSP", `default-src 'none'`, `default-src 'self'`, "default-src 'none'"},
		{"script from the network", `<script>`, `<script src="https://cdn.example/x.js"></script><script>`, "load nothing"},
		{"style sheet from the network", `<title>`, `<link rel="stylesheet" href="https://cdn.example/x.css"><title>`, "load nothing"},
		{"marks swapped", `<mark data-finding="f1">the the</mark> day, and <mark data-finding="f2">`, `<mark data-finding="f2">the the</mark> day, and <mark data-finding="f1">`, "is not after the text of its line"},
		{"mark's text", `<mark data-finding="f1">the the</mark>`, `<mark data-finding="f1">the</mark> the`, "the text of its <mark data-finding>"},
		{"no mark", `<mark data-finding="f2">the the</mark>`, `the the`, "the text of its <mark data-finding>"},
		{"a finding missing", finding("f2", col2), ``, "0 elements of class finding"},
		{"a finding too many", finding("f2", col2), finding("f2", col2) + finding("f3", 1), "no such finding"},
		{"wrong column", fmt.Sprintf(`data-col="%d"`, col2), fmt.Sprintf(`data-col="%d"`, col2+1), "no such finding"},
		{"wrong severity", `id="f2" data-rule="repetition/doubled-word" data-severity="error"`, `id="f2" data-rule="repetition/doubled-word" data-severity="warning"`, "no such finding"},
		{"no id", `id="f2" `, ``, "no id"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := strings.Replace(lintPage, tt.old, tt.new, 1)
			if page == lintPage {
				t.Fatalf("%q is not in the page", tt.old)
			}
			errs := lint(page)
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("reported %q", errs)
			case tt.want != "" && !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }):
				t.Errorf("reported %q, want an error saying %q", errs, tt.want)
			}
		})
	}

	t.Run("hostile", func(t *testing.T) {
		var shown strings.Builder
		for _, s := range hostileStrings {
			shown.WriteString("<p>" + html.EscapeString(s) + "</p>")
		}
		page := head + shown.String() + `<a href="#f1">1:1</a>` + foot
		if errs := record(func(c checker) { checkHostile(c, parse(t, page)) }); len(errs) > 0 {
			t.Fatalf("a safe page fails: %q", errs)
		}
		for _, tt := range []struct{ name, old, new, want string }{
			{"an event handler", `<a href="#f1">`, `<a href="#f1" onmouseover="alert(1)">`, "event handler"},
			{"an image", `<a href="#f1">`, `<img src=x onerror="document.body.setAttribute('data-pwned','1')"><a href="#f1">`, "<img>"},
			{"a javascript: link", `<a href="#f1">`, `<a href=" JavaScript:alert(1)">`, "javascript: URL"},
			{"a script", `<a href="#f1">`, `<script>document.title='pwned'</script><a href="#f1">`, "a script of the document's"},
			{"the title", `<title>docqa lint</title>`, `<title>pwned</title>`, "title"},
			{"the body", `<body>`, `<body data-pwned="1">`, "data-pwned"},
			{"an svg", `<a href="#f1">`, `<svg onload="alert(1)"></svg><a href="#f1">`, "<svg>"},
			{"text dropped", "<p>" + html.EscapeString(hostileStrings[1]) + "</p>", "", "does not show"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				bad := strings.Replace(page, tt.old, tt.new, 1)
				if bad == page {
					t.Fatalf("%q is not in the page", tt.old)
				}
				errs := record(func(c checker) { checkHostile(c, parse(t, bad)) })
				if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }) {
					t.Errorf("reported %q, want an error saying %q", errs, tt.want)
				}
			})
		}
	})

	t.Run("diff", func(t *testing.T) {
		fs := []jsonFinding{{Path: "new.txt", Line: 5, Rule: "checks/quote-changed", Message: "quotation changed: “a [-strong -]denial, [-officially recognized-]{+formally acknowledged+} that [-strong-]{+solid+}”"}}
		page := head + `<p>a <del>strong </del>denial, <del>officially recognized</del><ins>formally acknowledged</ins> that <del>strong</del><ins>solid</ins></p>` + foot
		if errs := record(func(c checker) { checkWordDiff(c, parse(t, page), fs) }); len(errs) > 0 {
			t.Fatalf("a diff page fails: %q", errs)
		}
		split := strings.Replace(page, `<ins>formally acknowledged</ins>`, `<ins>formally</ins> <ins>acknowledged</ins>`, 1)
		if errs := record(func(c checker) { checkWordDiff(c, parse(t, split), fs) }); len(errs) > 0 {
			t.Errorf("an insertion a word an element: %q", errs)
		}
		for _, bad := range []string{
			strings.Replace(page, `<ins>solid</ins>`, `solid`, 1),
			strings.Replace(page, `<del>officially recognized</del>`, `<del>officially</del>`, 1),
			strings.Replace(page, `<del>strong</del>`, ``, 1), // "strong" deleted twice, shown once
			strings.Replace(page, `<del>strong </del>`, `strong `, 1),
		} {
			if errs := record(func(c checker) { checkWordDiff(c, parse(t, bad), fs) }); len(errs) == 0 {
				t.Errorf("not reported: %s", bad)
			}
		}
	})

	t.Run("golden", func(t *testing.T) {
		status := map[string]string{"a.txt": "pass", "b.txt": "drift"}
		changes := map[string][2][]string{"b.txt": {{"extent"}, {"scale"}}}
		page := head + `<table><tr class="golden-entry" data-status="pass" data-path="a.txt"><td>a.txt</td></tr>` +
			`<tr class="golden-entry" data-status="drift" data-path="b.txt"><td><a href="#g-1">b.txt</a></td></tr></table>` +
			`<section id="g-1"><p>The <del>extent</del><ins>scale</ins> of it.</p></section>` + foot
		check := func(page string) []string {
			return record(func(c checker) { checkGoldenEntries(c, parse(t, page), status, changes) })
		}
		if errs := check(page); len(errs) > 0 {
			t.Fatalf("a golden page fails: %q", errs)
		}
		for _, bad := range []string{
			strings.Replace(page, `data-status="drift"`, `data-status="pass"`, 1),
			strings.Replace(page, `<del>extent</del>`, `extent`, 1),
			strings.Replace(page, `href="#g-1"`, `href="#g-2"`, 1),
			strings.Replace(page, ` data-path="a.txt"`, ` data-path="c.txt"`, 1),
			strings.Replace(page, `</table>`, `<tr class="golden-entry" data-status="missing" data-path="c.txt"></tr></table>`, 1),
		} {
			if errs := check(bad); len(errs) == 0 {
				t.Errorf("not reported: %s", bad)
			}
		}
	})

	t.Run("verify", func(t *testing.T) {
		source := "The extent of arbitrary detention, they wrote, “may” constitute crimes."
		f := jsonFinding{Path: "a.txt", Line: 3, Column: 1, Rule: "sources/altered", Severity: "error"}
		f.Related = append(f.Related, struct {
			Path      string `json:"path"`
			Line      int    `json:"line"`
			Column    int    `json:"column"`
			EndLine   int    `json:"end_line"`
			EndColumn int    `json:"end_column"`
		}{"source.txt", 2, 1, 2, len([]rune(source)) + 1})
		page := head + `<li class="finding" id="f1" data-rule="sources/altered" data-severity="error" data-line="3" data-col="1">` +
			`<blockquote class="source-passage"><p>source.txt:2:1</p><del>The extent</del><ins>the scale</ins> of arbitrary … “may” constitute crimes.</blockquote></li>` + foot
		check := func(page string) []string {
			return record(func(c checker) { checkSourcePassages(c, parse(t, page), []jsonFinding{f}, dir) })
		}
		if errs := check(page); len(errs) > 0 {
			t.Fatalf("a verify page fails: %q", errs)
		}
		for _, bad := range []string{
			strings.Replace(page, `class="source-passage"`, `class="passage"`, 1),
			strings.Replace(page, `constitute crimes`, `constitute`, 1),
			strings.Replace(page, `<del>The extent</del>`, ``, 1),
			strings.Replace(page, `“may”`, `could`, 1),
		} {
			if errs := check(bad); len(errs) == 0 {
				t.Errorf("not reported: %s", bad)
			}
		}
	})
}

func TestShowsWords(t *testing.T) {
	w := strings.Fields
	for _, tt := range []struct {
		want, have string
		ok         bool
	}{
		{"a b c", "a b c", true},
		{"a, b c.", "A b “c”", true},
		{"a b c", "caption: a x b y c", true},
		{"a b c d e", "a … e", true},
		{"a b c d e", "a ... d e", true},
		{"a b c", "a c", false},
		{"a b c", "c b a", false},
		{"a b", "a", false},
		{"a b c", "… c", false},
		{"a b c d", "a … c", false},
		{"a b c d", "a x … d", false},
		{"a b c d e", "a … d … e", true}, // an ellipsis for nothing
		{"a b c d e", "a … c … e", true},
		{"", "anything", true},
	} {
		if got := showsWords(w(tt.want), w(tt.have)); got != tt.ok {
			t.Errorf("showsWords(%q, %q) = %v, want %v", tt.want, tt.have, got, tt.ok)
		}
	}
}
