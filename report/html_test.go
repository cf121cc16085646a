package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// parseHTML parses a page as a browser would.
func parseHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// findAll returns the elements under n that match.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// attr returns an element's attribute.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasClass reports whether an element has a class.
func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	return strings.Contains(" "+v+" ", " "+class+" ")
}

// textOf returns the text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
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

// lintHTML prints docs, each with its findings, as an HTML page.
func lintHTML(t *testing.T, opts Options, docs []*document.Document, findings [][]rules.Finding) string {
	t.Helper()
	var out bytes.Buffer
	p := NewHTML(&out, opts)
	var sum Summary
	if err := p.Begin(); err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		rules.SortFindings(findings[i])
		if err := p.File(d, findings[i]); err != nil {
			t.Fatal(err)
		}
		sum.Add(findings[i])
	}
	if err := p.End(sum); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// lintDoc lints text as a document named path with every built-in rule.
func lintDoc(t *testing.T, path, text string) (*document.Document, []rules.Finding) {
	t.Helper()
	reg := rules.Builtin()
	l, err := rules.NewLinter(reg, rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := document.Load(path, []byte(text))
	return d, l.Lint(d)
}

// hostile is a document written to run code in a report that does not
// escape it.
const hostile = "# Notes </script><script>document.title='pwned'</script>\n\n" +
	"The the <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> report \"><svg onload=alert(1)> said.\n\n" +
	"[click](javascript:alert(1)) and <a href=\"javascript:alert(2)\">here</a> and and more.\n\n" +
	"Bytes \xff\xfe and a NUL-free \x01 control.\n"

func TestHTMLEscapesHostileText(t *testing.T) {
	d, fs := lintDoc(t, `docs/<b>"x"&'y'.md`, hostile)
	if len(fs) == 0 {
		t.Fatal("no findings in the hostile document: the test would check no marks")
	}
	// A message and a fix that carry markup too, as a house rule's
	// message may.
	fs = append(fs, rules.Finding{Path: d.Path, Rule: "house/x", Severity: rules.Warning, Span: document.Span{Start: 2, End: 7},
		Message: `use <script>alert(3)</script> "quoted" & 'single'`,
		Fixes:   []rules.Fix{{Span: document.Span{Start: 2, End: 7}, Replacement: "</textarea><img src=x onerror=alert(4)>"}}})
	page := lintHTML(t, Options{Version: `v1"><script>alert(5)</script>`}, []*document.Document{d}, [][]rules.Finding{fs})
	if !utf8Valid(page) {
		t.Error("the page is not valid UTF-8")
	}
	root := parseHTML(t, page)
	scripts := findAll(root, func(n *html.Node) bool { return n.Data == "script" })
	if len(scripts) != 1 || textOf(scripts[0]) != htmlJS {
		t.Errorf("the page has %d scripts; want only its own", len(scripts))
	}
	for _, n := range findAll(root, func(*html.Node) bool { return true }) {
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has an event handler %s=%q", n.Data, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && !strings.HasPrefix(a.Val, "#") {
				t.Errorf("<%s %s=%q>: the page links only within itself", n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "img" || n.Data == "svg" || n.Data == "iframe" || n.Data == "textarea" {
			t.Errorf("the document's markup became a <%s> element", n.Data)
		}
	}
	title := findAll(root, func(n *html.Node) bool { return n.Data == "title" })
	if len(title) != 1 || textOf(title[0]) != "docqa lint" {
		t.Errorf("title = %q", textOf(title[0]))
	}
	// The hostile text is on the page, as text.
	body := textOf(root)
	for _, want := range []string{"</script><script>document.title='pwned'</script>", `onerror="document.body.setAttribute('data-pwned','1')"`, "javascript:alert(1)", `docs/<b>"x"&'y'.md`, `use <script>alert(3)</script> "quoted" & 'single'`, "\uFFFD\uFFFD"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page's text lacks %q", want)
		}
	}
	if strings.Contains(body, "\x01") {
		t.Error("a control character was written as is")
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestHTMLContentSecurityPolicy(t *testing.T) {
	d, fs := lintDoc(t, "a.md", "The the end.\n")
	root := parseHTML(t, lintHTML(t, Options{}, []*document.Document{d}, [][]rules.Finding{fs}))
	metas := findAll(root, func(n *html.Node) bool {
		v, _ := attr(n, "http-equiv")
		return n.Data == "meta" && strings.EqualFold(v, "Content-Security-Policy")
	})
	if len(metas) != 1 {
		t.Fatalf("%d CSP meta tags, want 1", len(metas))
	}
	csp, _ := attr(metas[0], "content")
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	styles := findAll(root, func(n *html.Node) bool { return n.Data == "style" })
	scripts := findAll(root, func(n *html.Node) bool { return n.Data == "script" })
	if len(styles) != 1 || len(scripts) != 1 {
		t.Fatalf("%d styles and %d scripts, want one each", len(styles), len(scripts))
	}
	for _, want := range []string{
		"default-src 'none'",
		"style-src " + hash(textOf(styles[0])),
		"script-src " + hash(textOf(scripts[0])),
		"base-uri 'none'",
		"form-action 'none'",
	} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "http") {
		t.Errorf("CSP %q allows more than the page's own style and script", csp)
	}
}

func TestHTMLFindingsInPlace(t *testing.T) {
	text := "Title\r\n\r\n\tShe said “the the report” was 😀 final final.\r\nAnd and more.\r\n"
	d := document.Load("a.txt", []byte(text))
	span := func(s string, nth int) document.Span {
		i := -1
		for k := 0; k <= nth; k++ {
			j := strings.Index(text[i+1:], s)
			i += 1 + j
		}
		return document.Span{Start: i, End: i + len(s)}
	}
	fs := []rules.Finding{
		{Path: "a.txt", Rule: "repetition/doubled-word", Severity: rules.Error, Span: span("the the", 0), Message: "doubled “the”"},
		{Path: "a.txt", Rule: "repetition/doubled-word", Severity: rules.Warning, Span: span("final final", 0), Message: "doubled “final”"},
		{Path: "a.txt", Rule: "quotes/unbalanced", Severity: rules.Info, Span: span("the report", 0), Message: "overlapping"},
		{Path: "a.txt", Rule: "quotes/unbalanced", Severity: rules.Error, Span: document.Span{Start: span("And", 0).Start, End: span("And", 0).Start}, Message: "a place"},
		{Path: "a.txt", Rule: "consistency/variants", Severity: rules.Warning, Span: span("said “the", 0), Message: "two lines",
			Related: []rules.Related{{Span: span("Title", 0), Message: "first use"}}},
	}
	rules.SortFindings(fs)
	root := parseHTML(t, lintHTML(t, Options{Registry: rules.Builtin()}, []*document.Document{d}, [][]rules.Finding{fs}))
	notes := findAll(root, func(n *html.Node) bool { return hasClass(n, "finding") })
	if len(notes) != len(fs) {
		t.Fatalf("%d finding elements, want %d", len(notes), len(fs))
	}
	marks := findAll(root, func(n *html.Node) bool { return n.Data == "mark" })
	for i, f := range fs {
		n := notes[i]
		id, _ := attr(n, "id")
		pos := d.Position(f.Span.Start)
		for k, want := range map[string]string{"data-rule": f.Rule, "data-severity": level(f.Severity), "data-line": strconv.Itoa(pos.Line), "data-col": strconv.Itoa(pos.Column)} {
			if got, _ := attr(n, k); got != want {
				t.Errorf("finding %d (%s): %s=%q, want %q", i, f.Message, k, got, want)
			}
		}
		if !strings.Contains(textOf(n), f.Message) {
			t.Errorf("finding %d: note %q lacks its message", i, textOf(n))
		}
		var got strings.Builder
		for _, m := range marks {
			if v, _ := attr(m, "data-finding"); strings.Contains(" "+v+" ", " "+id+" ") {
				got.WriteString(textOf(m))
			}
		}
		if want := d.String(f.Span); got.String() != want {
			t.Errorf("finding %d: marked text %q, want %q", i, got.String(), want)
		}
		anchors := findAll(root, func(m *html.Node) bool { v, _ := attr(m, "id"); return v == id+"-m" })
		if len(anchors) != 1 {
			t.Errorf("finding %d: %d anchors %s-m, want 1", i, len(anchors), id)
		}
		links := findAll(n, func(m *html.Node) bool { v, _ := attr(m, "href"); return v == "#rule-"+anchor(f.Rule) })
		if len(links) != 1 {
			t.Errorf("finding %d: no link to its rule's explanation", i)
		}
		rulesDoc := findAll(root, func(m *html.Node) bool { v, _ := attr(m, "id"); return v == "rule-"+anchor(f.Rule) })
		if len(rulesDoc) != 1 {
			t.Errorf("finding %d: its rule has %d explanations on the page", i, len(rulesDoc))
		}
	}
	// The line under its number, tabs and CR kept out, the emoji whole.
	line := findAll(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == "doc-1-L3" })
	if len(line) != 1 {
		t.Fatal("no line 3")
	}
	if got := textOf(line[0]); !strings.HasPrefix(got, "3\tShe said “the the report” was 😀 final final.") {
		t.Errorf("line 3 = %q", got)
	}
	// The related place links to its line.
	variants := findAll(root, func(n *html.Node) bool { v, _ := attr(n, "data-rule"); return v == "consistency/variants" })
	if links := findAll(variants[0], func(m *html.Node) bool { v, _ := attr(m, "href"); return v == "#doc-1-L1" }); len(links) != 1 {
		t.Errorf("the related place is not a link to line 1: %q", textOf(variants[0]))
	}
}

func TestHTMLFoldsFarLines(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "Line %d of the story.\n", i)
	}
	b.WriteString("The the end.\n")
	for i := 42; i <= 50; i++ {
		fmt.Fprintf(&b, "Line %d of the story.\n", i)
	}
	d, fs := lintDoc(t, "long.txt", b.String())
	root := parseHTML(t, lintHTML(t, Options{}, []*document.Document{d}, [][]rules.Finding{fs}))
	folds := findAll(root, func(n *html.Node) bool { return n.Data == "details" && hasClass(n, "fold") })
	var summaries []string
	for _, f := range folds {
		s := findAll(f, func(n *html.Node) bool { return n.Data == "summary" })
		summaries = append(summaries, textOf(s[0]))
	}
	want := []string{"Lines 1–38 (no findings)", "Lines 44–50 (no findings)"}
	if fmt.Sprint(summaries) != fmt.Sprint(want) {
		t.Errorf("folds %q, want %q", summaries, want)
	}
	// Every line is on the page: those near the finding as lines, the
	// others as the text of their fold.
	for l := 1; l <= 50; l++ {
		lines := findAll(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == "doc-1-L"+strconv.Itoa(l) })
		if folded := l <= 38 || l >= 44; folded == (len(lines) == 1) {
			t.Errorf("line %d: %d line elements, folded %v", l, len(lines), folded)
		}
	}
	var texts []string
	for _, f := range folds {
		pre := findAll(f, func(n *html.Node) bool { return n.Data == "pre" && hasClass(n, "fold-text") })
		texts = append(texts, textOf(pre[0]))
	}
	var first, second []string
	for i := 1; i <= 38; i++ {
		first = append(first, fmt.Sprintf("Line %d of the story.", i))
	}
	for i := 44; i <= 50; i++ {
		second = append(second, fmt.Sprintf("Line %d of the story.", i))
	}
	if len(texts) != 2 || texts[0] != strings.Join(first, "\n") || texts[1] != strings.Join(second, "\n") {
		t.Errorf("folded texts %q", texts)
	}
}

// A line a related place links to stays a line, out of any fold, so that
// the link has its target.
func TestHTMLRelatedLineNotFolded(t *testing.T) {
	var b strings.Builder
	b.WriteString("Towards the start.\n")
	for i := 2; i <= 30; i++ {
		fmt.Fprintf(&b, "Line %d of the story.\n", i)
	}
	b.WriteString("And toward the end.\n")
	d := document.Load("a.txt", []byte(b.String()))
	at := strings.Index(b.String(), "toward ")
	f := rules.Finding{Path: "a.txt", Rule: "consistency/variants", Severity: rules.Warning, Span: document.Span{Start: at, End: at + 6},
		Message: "toward and towards", Related: []rules.Related{{Span: document.Span{Start: 0, End: 7}, Message: "first use"}}}
	root := parseHTML(t, lintHTML(t, Options{}, []*document.Document{d}, [][]rules.Finding{{f}}))
	if n := len(findAll(root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == "doc-1-L1" })); n != 1 {
		t.Errorf("line 1, a related place, is %d line elements, want 1", n)
	}
	checkMarks(t, root, d, []rules.Finding{f})
}

func TestHTMLDocumentsWithoutFindings(t *testing.T) {
	a, fa := lintDoc(t, "a.txt", "Clean text.\n")
	b, fb := lintDoc(t, "b.txt", "The the end.\n")
	root := parseHTML(t, lintHTML(t, Options{}, []*document.Document{a, b}, [][]rules.Finding{fa, fb}))
	sections := findAll(root, func(n *html.Node) bool { return n.Data == "section" && hasClass(n, "doc") })
	if len(sections) != 1 {
		t.Fatalf("%d document sections, want 1 (only b.txt has findings)", len(sections))
	}
	rows := findAll(root, func(n *html.Node) bool { _, ok := attr(n, "data-path"); return n.Data == "tr" && ok })
	var paths []string
	for _, r := range rows {
		p, _ := attr(r, "data-path")
		paths = append(paths, p)
	}
	if fmt.Sprint(paths) != "[b.txt a.txt]" {
		t.Errorf("file list %v, want b.txt (with findings) then a.txt", paths)
	}
}

func TestHTMLVerifySourcePassage(t *testing.T) {
	src := document.Load("sources/report.txt", []byte("Intro.\n\nThe extent of arbitrary detention may constitute crimes.\n"))
	text := "It said the “scale of arbitrary detention … could constitute crimes.”\n"
	d := document.Load("a.txt", []byte(text))
	start := strings.Index(text, "“")
	f := rules.Finding{Path: "a.txt", Rule: "sources/altered", Severity: rules.Error,
		Span:    document.Span{Start: start, End: strings.Index(text, "”") + len("”")},
		Message: "quotation differs from its source", OldText: "extent of arbitrary detention … may constitute crimes", NewText: "scale of arbitrary detention … could constitute crimes",
		Related: []rules.Related{{Path: src.Path, Doc: src, Span: document.Span{Start: 12, End: 62}, Message: "the source's words"}}}
	root := parseHTML(t, lintHTML(t, Options{Command: "verify"}, []*document.Document{d}, [][]rules.Finding{{f}}))
	ps := findAll(root, func(n *html.Node) bool { return hasClass(n, "source-passage") })
	if len(ps) != 1 {
		t.Fatalf("%d source passages, want 1", len(ps))
	}
	var ins, del []string
	for _, n := range findAll(ps[0], func(n *html.Node) bool { return n.Data == "ins" }) {
		ins = append(ins, textOf(n))
	}
	for _, n := range findAll(ps[0], func(n *html.Node) bool { return n.Data == "del" }) {
		del = append(del, textOf(n))
	}
	if fmt.Sprint(ins) != "[scale could]" || fmt.Sprint(del) != "[extent may]" {
		t.Errorf("inserted %q, deleted %q; want the quotation's scale, could and the source's extent, may", ins, del)
	}
	if !strings.Contains(textOf(ps[0]), "sources/report.txt:3:5") {
		t.Errorf("no source place in %q", textOf(ps[0]))
	}
	if h := findAll(root, func(n *html.Node) bool { return n.Data == "h1" }); textOf(h[0]) != "docqa verify" {
		t.Errorf("heading %q", textOf(h[0]))
	}
}

// compareTexts compares two revisions with the built-in checks.
func compareTexts(t *testing.T, old, new string) *checks.Result {
	t.Helper()
	c, err := checks.NewComparer(checks.Registry(), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c.Compare(document.Load("old.txt", []byte(old)), document.Load("new.txt", []byte(new)))
}

func TestDiffHTML(t *testing.T) {
	old := "First paragraph.\n\nSecond paragraph.\n\nThird.\n\n“We will look at the extent of it,” she said.\n\nLast one.\n"
	new := "First paragraph.\n\nSecond paragraph.\n\nThird.\n\n“We will look at the scale of it,” she said.\n\nLast one.\n"
	res := compareTexts(t, old, new)
	var out bytes.Buffer
	if err := WriteDiffHTML(&out, res, Options{Registry: checks.Registry()}); err != nil {
		t.Fatal(err)
	}
	root := parseHTML(t, out.String())
	var del, ins []string
	for _, n := range findAll(root, func(n *html.Node) bool { return n.Data == "del" && !hasClass(n.Parent, "change") }) {
		del = append(del, textOf(n))
	}
	for _, n := range findAll(root, func(n *html.Node) bool { return n.Data == "ins" && !hasClass(n.Parent, "change") }) {
		ins = append(ins, textOf(n))
	}
	if fmt.Sprint(del) != "[extent]" || fmt.Sprint(ins) != "[scale]" {
		t.Errorf("deleted %q, inserted %q", del, ins)
	}
	diffs := findAll(root, func(n *html.Node) bool { return hasClass(n, "para-diff") })
	if len(diffs) != 1 {
		t.Fatalf("%d changed paragraphs, want 1", len(diffs))
	}
	notes := findAll(diffs[0], func(n *html.Node) bool { return hasClass(n, "finding") })
	if len(notes) != 1 {
		t.Fatalf("%d findings beside the changed paragraph, want 1", len(notes))
	}
	if r, _ := attr(notes[0], "data-rule"); r != "checks/quote-changed" {
		t.Errorf("finding %s beside the paragraph, want checks/quote-changed", r)
	}
	folds := findAll(root, func(n *html.Node) bool { return n.Data == "details" })
	var sums []string
	for _, f := range folds {
		sums = append(sums, textOf(findAll(f, func(n *html.Node) bool { return n.Data == "summary" })[0]))
	}
	if fmt.Sprint(sums) != "[3 unchanged paragraphs 1 unchanged paragraph]" {
		t.Errorf("folds %q", sums)
	}
}

func TestGoldenHTML(t *testing.T) {
	root := parseHTML(t, runGolden(t, "html", goldenEntries(t)))
	rows := findAll(root, func(n *html.Node) bool { return hasClass(n, "golden-entry") })
	var got []string
	for _, r := range rows {
		s, _ := attr(r, "data-status")
		p, _ := attr(r, "data-path")
		got = append(got, p+"="+s)
	}
	if want := "[docs/a.md=pass docs/quote.md=drift docs/new.md=missing docs/bad.md=error]"; fmt.Sprint(got) != want {
		t.Errorf("rows %v, want %s", got, want)
	}
	body := textOf(root)
	for _, want := range []string{"docqa golden --update docs/new.md", "binary file, not checked", "4 documents: 1 passed, 1 drifted, 1 missing, 1 error"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := len(findAll(root, func(n *html.Node) bool { return hasClass(n, "comparison") })); n != 1 {
		t.Errorf("%d comparisons, want 1 (the drifted document)", n)
	}
}

// countingWriter counts what is written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

func TestHTMLStreams(t *testing.T) {
	d, fs := lintDoc(t, "a.txt", strings.Repeat("The the report said and and more, counter-terrorism and counter-terrorism.\n\n", 200))
	if len(fs) < 100 {
		t.Fatalf("%d findings; the test wants many", len(fs))
	}
	var out countingWriter
	p := NewHTML(&out, Options{})
	var sum Summary
	p.Begin()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const docs = 300
	for i := 0; i < docs; i++ {
		if err := p.File(d, fs); err != nil {
			t.Fatal(err)
		}
		sum.Add(fs)
	}
	if out.n != 0 {
		t.Errorf("%d bytes written before End; the page starts with the summary", out.n)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	if err := p.End(sum); err != nil {
		t.Fatal(err)
	}
	grew := int64(after.HeapInuse) - int64(before.HeapInuse)
	t.Logf("%d MB of HTML for %d documents and %d findings; the heap grew %d KB", out.n>>20, docs, docs*len(fs), grew>>10)
	if out.n < 20<<20 {
		t.Fatalf("only %d bytes written", out.n)
	}
	if grew > 4<<20 {
		t.Errorf("the heap grew by %d KB while writing %d MB: the sections are held in memory", grew>>10, out.n>>20)
	}
}

// cssVars returns the custom properties of the CSS block that follows
// the given selector text in the report's style.
func cssVars(t *testing.T, after string) map[string]string {
	t.Helper()
	i := strings.Index(htmlCSS, after)
	if i < 0 {
		t.Fatalf("no %q in the CSS", after)
	}
	block := htmlCSS[i:]
	block = block[strings.Index(block, "{")+1 : strings.Index(block, "}")]
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-f]{6})`).FindAllStringSubmatch(block, -1) {
		vars[m[1]] = m[2]
	}
	return vars
}

// luminance returns a colour's relative luminance (WCAG 2).
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestHTMLContrast(t *testing.T) {
	// Each pair of text and the background it is written on, in the
	// light and the dark scheme, must reach WCAG AA (4.5:1).
	pairs := [][2]string{
		{"fg", "bg"}, {"muted", "bg"}, {"link", "bg"}, {"fg", "panel"}, {"muted", "panel"}, {"link", "panel"},
		{"error", "bg"}, {"warning", "bg"}, {"info", "bg"}, {"error", "panel"}, {"warning", "panel"}, {"info", "panel"},
		{"fg", "mark"}, {"fg", "error-bg"}, {"fg", "warning-bg"}, {"fg", "info-bg"},
		{"del", "del-bg"}, {"ins", "ins-bg"},
	}
	for _, scheme := range []string{":root {", "@media screen and (prefers-color-scheme: dark) {\n  :root {"} {
		vars := cssVars(t, scheme)
		for _, p := range pairs {
			fg, bg := vars[p[0]], vars[p[1]]
			if fg == "" || bg == "" {
				t.Errorf("%s: no colour for --%s or --%s", scheme, p[0], p[1])
				continue
			}
			if c := contrast(fg, bg); c < 4.5 {
				t.Errorf("%s: --%s %s on --%s %s: contrast %.2f, want at least 4.5", strings.Fields(scheme)[0], p[0], fg, p[1], bg, c)
			}
		}
	}
}

var _ io.Writer = (*countingWriter)(nil)

func TestWriteProse(t *testing.T) {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	writeProse(w, "Reports a quotation\nwith no speaker. The cues:\n\n- a speech verb: said,\n  told, <wrote>;\n- a colon.\n\nNot reported: titles.\n")
	w.Flush()
	want := "<p class=\"expl\">Reports a quotation with no speaker. The cues:</p>\n" +
		"<ul class=\"expl\"><li>a speech verb: said, told, &lt;wrote&gt;;</li><li>a colon.</li></ul>\n" +
		"<p class=\"expl\">Not reported: titles.</p>\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// checkMarks checks a lint page of one document against its findings, as
// NewHTML numbered them (f1, f2, … in their order): each finding has one
// element with its id and one anchor (its id and "-m") where its text
// starts, and the marks that list it hold its text on the page: its span
// clipped to the document, without the byte order mark and line breaks,
// which are not on the page. Every link within the page has one target.
func checkMarks(t *testing.T, root *html.Node, d *document.Document, fs []rules.Finding) {
	t.Helper()
	ids := checkLinks(t, root)
	marks := findAll(root, func(n *html.Node) bool { return n.Data == "mark" })
	for i, f := range fs {
		id := "f" + strconv.Itoa(i+1)
		if ids[id] != 1 || ids[id+"-m"] != 1 {
			t.Errorf("finding %d %v: %d elements %s and %d anchors %s-m, want 1 each", i, f.Span, ids[id], id, ids[id+"-m"], id)
		}
		var got strings.Builder
		for _, m := range marks {
			if v, _ := attr(m, "data-finding"); strings.Contains(" "+v+" ", " "+id+" ") {
				got.WriteString(textOf(m))
			}
		}
		n := len(d.Text)
		s, e := max(0, min(f.Span.Start, n)), max(0, min(f.Span.End, n))
		if d.Line(1).Start == 3 { // a byte order mark
			s, e = max(s, 3), max(e, 3)
		}
		want := strings.NewReplacer("\r", "", "\n", "").Replace(asText(string(d.Text[s:max(s, e)])))
		if got.String() != want {
			t.Errorf("finding %d %v: marked %q, want %q", i, f.Span, got.String(), want)
		}
	}
}

// asText returns s as a page shows it: invalid bytes and control
// characters as U+FFFD.
func asText(s string) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	htmlText(w, s)
	w.Flush()
	return html.UnescapeString(b.String())
}

// checkLinks checks that no two elements of a page have one id and that
// every link within the page has a target. It returns how many elements
// have each id.
func checkLinks(t testing.TB, root *html.Node) map[string]int {
	t.Helper()
	ids := map[string]int{}
	for _, n := range findAll(root, func(*html.Node) bool { return true }) {
		if id, ok := attr(n, "id"); ok {
			ids[id]++
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("%d elements with id %q", n, id)
		}
	}
	for _, n := range findAll(root, func(n *html.Node) bool { return n.Data == "a" }) {
		if href, _ := attr(n, "href"); strings.HasPrefix(href, "#") && ids[href[1:]] != 1 {
			t.Errorf("the link %q (%q) has no target", href, textOf(n))
		}
	}
	return ids
}

// TestHTMLMarksEveryFinding marks findings at the edges of lines: CRLF and
// lone CR line breaks, a finding that starts in a line break, a byte order
// mark, tabs and wide characters, spans across lines, overlapping and
// nested ones, places at the start and end of a line and of the text, and
// spans past its end.
func TestHTMLMarksEveryFinding(t *testing.T) {
	sp := func(s, e int) document.Span { return document.Span{Start: s, End: e} }
	for _, tc := range []struct {
		name  string
		text  string
		spans []document.Span
	}{
		{"CRLF", "ab\r\ncd\r\nef\r\n", []document.Span{sp(0, 12), sp(1, 5), sp(2, 2), sp(2, 4), sp(3, 6), sp(3, 3), sp(4, 4), sp(12, 12), sp(5, 100)}},
		{"lone CR", "one\rtwo\rthree", []document.Span{sp(2, 5), sp(3, 4), sp(4, 4), sp(3, 3), sp(8, 13), sp(13, 13)}},
		{"BOM", "\xef\xbb\xbfThe the end.\n", []document.Span{sp(0, 0), sp(0, 7), sp(1, 2), sp(3, 10), sp(18, 18)}},
		{"wide", "\t漢字 😀 the the\n\tmore\n", []document.Span{sp(0, 1), sp(1, 7), sp(4, 13), sp(8, 12), sp(13, 20), sp(19, 19)}},
		{"nested", "alpha beta gamma delta", []document.Span{sp(0, 10), sp(6, 16), sp(6, 10), sp(11, 11), sp(0, 22), sp(22, 22)}},
		{"empty", "", []document.Span{sp(0, 0), sp(0, 5)}},
		{"blank lines", "\n\n\n", []document.Span{sp(0, 0), sp(1, 2), sp(3, 3)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := document.Load("a.txt", []byte(tc.text))
			var fs []rules.Finding
			for _, s := range tc.spans {
				fs = append(fs, rules.Finding{Path: d.Path, Rule: "r/x", Severity: rules.Warning, Span: s, Message: "m"})
			}
			rules.SortFindings(fs)
			root := parseHTML(t, lintHTML(t, Options{}, []*document.Document{d}, [][]rules.Finding{fs}))
			checkMarks(t, root, d, fs)
		})
	}
}

// TestHTMLRuleAnchors gives rules whose IDs anchor alike ("house/a.b" and
// "house/a-b") an explanation each, which their findings link to.
func TestHTMLRuleAnchors(t *testing.T) {
	d := document.Load("a.txt", []byte("One two three.\n"))
	ids := []string{"house/a.b", "house/a-b", "house/a-b-2", "house/a/b"}
	var fs []rules.Finding
	for i, id := range ids {
		fs = append(fs, rules.Finding{Path: d.Path, Rule: id, Severity: rules.Warning, Span: document.Span{Start: i, End: i + 1}, Message: "m"})
	}
	root := parseHTML(t, lintHTML(t, Options{}, []*document.Document{d}, [][]rules.Finding{fs}))
	checkMarks(t, root, d, fs)
	for _, n := range findAll(root, func(n *html.Node) bool { return hasClass(n, "finding") }) {
		rule, _ := attr(n, "data-rule")
		link := findAll(n, func(m *html.Node) bool { return hasClass(m, "rule") })
		href, _ := attr(link[0], "href")
		target := findAll(root, func(m *html.Node) bool { v, _ := attr(m, "id"); return "#"+v == href })
		if len(target) != 1 || !strings.Contains(textOf(target[0]), rule) {
			t.Errorf("%s links to %q, not to its explanation", rule, href)
		}
	}
	for _, n := range findAll(root, func(n *html.Node) bool { return n.Data == "table" && hasClass(n, "by-rule") }) {
		for _, a := range findAll(n, func(m *html.Node) bool { return m.Data == "a" }) {
			href, _ := attr(a, "href")
			target := findAll(root, func(m *html.Node) bool { v, _ := attr(m, "id"); return "#"+v == href })
			if len(target) != 1 || !strings.Contains(textOf(target[0]), textOf(a)) {
				t.Errorf("the summary's %s links to %q, not to its explanation", textOf(a), href)
			}
		}
	}
}

// TestHTMLLongLine writes a page of a document of one 5 MB line with
// 20,000 findings. Placing and marking them once cost the line's length
// each (a minute); a linear pass takes well under a second.
func TestHTMLLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	d, fs := longLine(20000)
	start := time.Now()
	p := NewHTML(io.Discard, Options{})
	p.Begin()
	if err := p.File(d, fs); err != nil {
		t.Fatal(err)
	}
	var sum Summary
	sum.Add(fs)
	if err := p.End(sum); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("a 5 MB line with %d findings took %v to write", len(fs), took)
	}
}

// longLine returns a document of one 5 MB line and n findings spread
// along it, some overlapping.
func longLine(n int) (*document.Document, []rules.Finding) {
	text := strings.Repeat("word ", 1<<20)
	d := document.Load("long.txt", []byte(text))
	fs := make([]rules.Finding, n)
	step := len(text) / n / 5 * 5
	for i := range fs {
		s := i * step
		fs[i] = rules.Finding{Path: d.Path, Rule: "r/x", Severity: rules.Warning, Span: document.Span{Start: s, End: s + 4 + 5*(i%3)}, Message: "m"}
	}
	rules.SortFindings(fs)
	return d, fs
}

func BenchmarkHTMLLongLine(b *testing.B) {
	d, fs := longLine(20000)
	var sum Summary
	sum.Add(fs)
	for b.Loop() {
		p := NewHTML(io.Discard, Options{})
		p.Begin()
		if err := p.File(d, fs); err != nil {
			b.Fatal(err)
		}
		if err := p.End(sum); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHTMLComparisonPlaces checks the notes of a diff page and a golden
// page: a comparison marks nothing in the text, so a finding's place names
// its revision (old.txt for a removed quotation) and links to the changed
// paragraph it is beside, and nothing links to a mark.
func TestHTMLComparisonPlaces(t *testing.T) {
	old := "A.\n\n“We will look at the extent of it,” she said.\n\n“Gone now,” he said.\n\n```\ncode a\n```\n\nLast.\n"
	new := "A.\n\n“We will look at the scale of it,” she said.\n\n```\ncode b\n```\n\nLast.\n"
	res := compareTexts(t, old, new)
	// A finding about no changed paragraph, as a house rule may report.
	last := strings.Index(new, "Last.")
	res.Findings = append(res.Findings, rules.Finding{Path: "new.txt", Rule: "house/last", Severity: rules.Info, Span: document.Span{Start: last, End: last + 4}, Message: "m"})
	var out bytes.Buffer
	if err := WriteDiffHTML(&out, res, Options{Registry: checks.Registry()}); err != nil {
		t.Fatal(err)
	}
	root := parseHTML(t, out.String())
	checkLinks(t, root)
	want := map[string]string{"checks/quote-changed": "new.txt:3:", "checks/quote-removed": "old.txt:5:", "house/last": "new.txt:9:1"}
	for _, n := range findAll(root, func(n *html.Node) bool { return hasClass(n, "finding") }) {
		rule, _ := attr(n, "data-rule")
		loc := findAll(n, func(m *html.Node) bool { return hasClass(m, "loc") })
		if len(loc) != 1 {
			t.Errorf("%s: %d places", rule, len(loc))
			continue
		}
		if w, ok := want[rule]; ok && !strings.HasPrefix(textOf(loc[0]), w) {
			t.Errorf("%s: place %q, want %s…", rule, textOf(loc[0]), w)
		}
		delete(want, rule)
		for p := n.Parent; p != nil; p = p.Parent {
			if hasClass(p, "para-diff") {
				id, _ := attr(p, "id")
				if href, _ := attr(loc[0], "href"); href != "#"+id {
					t.Errorf("%s: the place links to %q, not to its paragraph %s", rule, href, id)
				}
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("no finding of %v on the page", want)
	}
	checkLinks(t, parseHTML(t, runGolden(t, "html", goldenEntries(t))))
}

// TestHTMLSourceLabel writes the label of a source passage with the first
// letter of its related place's message upper-case, whatever its length
// in bytes.
func TestHTMLSourceLabel(t *testing.T) {
	src := document.Load("sources/été.txt", []byte("Les mots de la source.\n"))
	d := document.Load("a.txt", []byte("Il a dit « les mots de la source ».\n"))
	for msg, want := range map[string]string{"the source's words": "The source's words", "été’s words": "Été’s words", "«words»": "«words»"} {
		f := rules.Finding{Path: d.Path, Rule: "sources/altered", Severity: rules.Error, Span: document.Span{Start: 9, End: 38}, Message: "m",
			Related: []rules.Related{{Path: src.Path, Doc: src, Span: document.Span{Start: 0, End: 21}, Message: msg}}}
		root := parseHTML(t, lintHTML(t, Options{Command: "verify"}, []*document.Document{d}, [][]rules.Finding{{f}}))
		labels := findAll(root, func(n *html.Node) bool { return hasClass(n, "label") && strings.Contains(textOf(n), "sources/") })
		if len(labels) != 1 || !strings.HasPrefix(textOf(labels[0]), want+", ") {
			t.Errorf("message %q: labels %q, want %q…", msg, textOf(labels[0]), want)
		}
	}
}

// A related place in another document that is no quotation's source (a
// rule looking across documents) is its place, message and words, not a
// quotation beside a source.
func TestHTMLOtherDocumentPlace(t *testing.T) {
	other := document.Load("b.md", []byte("First line.\n\nThe spelling Uighur is here.\n"))
	d := document.Load("a.md", []byte("We write Uyghur.\n"))
	f := rules.Finding{Path: "a.md", Rule: "consistency/variants", Severity: rules.Warning, Span: document.Span{Start: 9, End: 15},
		Message: "Uyghur and Uighur", Related: []rules.Related{{Path: "b.md", Doc: other, Span: document.Span{Start: 26, End: 32}, Message: "first use of “Uighur”"}}}
	root := parseHTML(t, lintHTML(t, Options{}, []*document.Document{d}, [][]rules.Finding{{f}}))
	if n := len(findAll(root, func(n *html.Node) bool { return hasClass(n, "source-passage") })); n != 0 {
		t.Errorf("%d source passages, want none", n)
	}
	places := findAll(root, func(n *html.Node) bool { return hasClass(n, "source-place") })
	if len(places) != 1 || !strings.Contains(textOf(places[0]), "b.md:3:14: first use of “Uighur”") || !strings.Contains(textOf(places[0]), "Uighur") {
		t.Errorf("places %d, text %q", len(places), textOf(places[0]))
	}
}
