package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed" // the page's style and script
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// The HTML report is one self-contained page: its style and script are
// inline, it loads nothing, and a Content-Security-Policy allows only that
// style and that script (by their hashes), so that text of a document that
// escaping somehow let through could still run nothing. Every piece of a
// document, message or path is escaped as it is written (htmlText,
// htmlAttr).
//
// The page opens with its summary, which is known only at the end of a
// run, while the documents' sections are written as the run goes: they
// are spooled to a temporary file (see spool) and copied after the
// summary, so a run of thousands of files holds no more than one
// document's section in memory.

//go:embed html/report.css
var htmlCSS string

//go:embed html/report.js
var htmlJS string

// page is the frame of a report page: everything before and after its
// main content.
type page struct {
	// Kind is the command the page reports: lint, verify, diff or golden.
	Kind string
	// Title is the page's title and heading.
	Title string
	// Totals is the line under the heading ("6 findings in 1 document").
	Totals string
	// Version is docqa's version, for the generator meta tag.
	Version string
	// Style is CSS written after the page's own (the filters' rules).
	Style string
}

// writeHead writes the page up to and including its header, then opens
// <main>.
func (pg page) writeHead(w *bufio.Writer) {
	style := htmlCSS + pg.Style
	version := pg.Version
	if version == "" {
		version = "(devel)"
	}
	w.WriteString("<!DOCTYPE html>\n<html lang=\"en\" data-docqa-report=\"")
	htmlAttr(w, pg.Kind)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n")
	// default-src 'none' forbids everything the page does not name:
	// scripts and styles other than its own, images, fonts, frames and
	// connections; a base URL and form submissions are forbidden too.
	fmt.Fprintf(w, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '%s'; script-src '%s'; base-uri 'none'; form-action 'none'\">\n",
		cspHash(style), cspHash(htmlJS))
	w.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"docqa ")
	htmlAttr(w, version)
	w.WriteString("\">\n<title>")
	htmlText(w, pg.Title)
	w.WriteString("</title>\n<style>")
	w.WriteString(style)
	w.WriteString("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n<header>\n<h1>")
	htmlText(w, pg.Title)
	w.WriteString("</h1>\n")
	if pg.Totals != "" {
		w.WriteString("<p class=\"totals\">")
		htmlText(w, pg.Totals)
		w.WriteString("</p>\n")
	}
	w.WriteString("<p class=\"keys\" id=\"keys\" hidden>Keys: <kbd>j</kbd> or <kbd>n</kbd> next finding, <kbd>k</kbd> or <kbd>p</kbd> previous. <span id=\"nav-status\" role=\"status\"></span></p>\n</header>\n<main id=\"main\">\n")
}

// writeTail closes <main> and writes the script and the end of the page.
func (pg page) writeTail(w *bufio.Writer) {
	w.WriteString("</main>\n<script>")
	w.WriteString(htmlJS)
	w.WriteString("</script>\n</body>\n</html>\n")
}

// write writes the whole page to w: its head, what summary writes (the
// part known only at the end of a run), the sections spooled in body as
// the run went (body may be nil), the explanations of the rules in rs,
// and its tail.
func (pg page) write(w io.Writer, summary func(*bufio.Writer), body *spool, reg *rules.Registry, rs *ruleSet) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	pg.writeHead(bw)
	summary(bw)
	if err := bw.Flush(); err != nil {
		return err
	}
	if body != nil {
		if err := body.copyTo(w); err != nil {
			return err
		}
	}
	writeRuleDocs(bw, reg, rs)
	pg.writeTail(bw)
	return bw.Flush()
}

// cspHash returns the CSP source expression of an inline script or style:
// 'sha256-' and the base64 of its SHA-256.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// htmlText writes s as HTML text: &, <, >, " and ' escaped, invalid UTF-8
// and control characters other than tab and line breaks written as U+FFFD.
func htmlText(w *bufio.Writer, s string) { htmlEscape(w, s, false) }

// htmlAttr writes s as the value of a quoted attribute: as htmlText, line
// breaks as spaces too.
func htmlAttr(w *bufio.Writer, s string) { htmlEscape(w, s, true) }

func htmlEscape(w *bufio.Writer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || r >= 0x7f && r <= 0x9f {
				w.WriteString(s[last:i])
				w.WriteString("\uFFFD")
				last = i + n
			}
			i += n
			continue
		}
		var esc string
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '"':
			esc = "&#34;"
		case c == '\'':
			esc = "&#39;"
		case c == '\n' || c == '\r':
			if attr {
				esc = " "
			}
		case c == '\t':
		case c < 0x20 || c == 0x7f:
			esc = "\uFFFD"
		}
		if esc != "" {
			w.WriteString(s[last:i])
			w.WriteString(esc)
			last = i + 1
		}
		i++
	}
	w.WriteString(s[last:])
}

// anchor returns s as a fragment identifier: letters, digits, '-' and '_'
// kept, any other byte as '-'. It is not one-to-one ("a/b" and "a-b" are
// both "a-b"): a page names its rules' explanations through a ruleSet.
func anchor(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	return string(b)
}

// ruleSet holds the rules a page names, in the order first seen, each with
// the id of its explanation: "rule-" and its ID as anchor writes it, and a
// number after that when an earlier rule's ID is written alike
// ("house/a.b" and "house/a-b" are rule-house-a-b and rule-house-a-b-2).
type ruleSet struct {
	ids     []string
	anchors []string
	index   map[string]int
	taken   map[string]bool
}

// add adds a rule to the set, if it is not there yet, and returns its
// number: the order in which the set first saw it, from 0.
func (s *ruleSet) add(id string) int {
	if k, ok := s.index[id]; ok {
		return k
	}
	if s.index == nil {
		s.index, s.taken = map[string]int{}, map[string]bool{}
	}
	base := "rule-" + anchor(id)
	a := base
	for n := 2; s.taken[a]; n++ {
		a = base + "-" + strconv.Itoa(n)
	}
	s.taken[a] = true
	s.index[id] = len(s.ids)
	s.ids = append(s.ids, id)
	s.anchors = append(s.anchors, a)
	return len(s.ids) - 1
}

// anchor returns the id of the explanation of a rule of the set, adding
// the rule if it is not there yet.
func (s *ruleSet) anchor(id string) string { return s.anchors[s.add(id)] }

// spool holds the sections of a page written before its summary: a
// temporary file, unlinked as soon as it is made where the system allows
// it, so that nothing is left behind by a run that never ends; in memory
// where no temporary file can be made.
type spool struct {
	f    *os.File
	name string // the file's name while it is still linked
	mem  bytes.Buffer
	*bufio.Writer
}

// newSpool returns an empty spool.
func newSpool() *spool {
	s := &spool{}
	f, err := os.CreateTemp("", "docqa-report-*.html")
	if err != nil {
		s.Writer = bufio.NewWriterSize(&s.mem, 64<<10)
		return s
	}
	s.f = f
	if os.Remove(f.Name()) != nil {
		s.name = f.Name() // Windows: removed by Close
	}
	s.Writer = bufio.NewWriterSize(f, 64<<10)
	return s
}

// copyTo writes what the spool holds to w.
func (s *spool) copyTo(w io.Writer) error {
	if err := s.Flush(); err != nil {
		return fmt.Errorf("report spool: %w", err)
	}
	if s.f == nil {
		_, err := s.mem.WriteTo(w)
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("report spool: %w", err)
	}
	_, err := io.Copy(w, s.f)
	return err
}

// Close removes the spool's file.
func (s *spool) Close() {
	if s.f != nil {
		s.f.Close()
		if s.name != "" {
			os.Remove(s.name)
		}
		s.f = nil
	}
}

// plural returns "1 finding" or "n findings".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// findingCounts says how many findings of each severity there are:
// "2 errors, 1 warning" or "no findings".
func findingCounts(errs, warns, infos int) string {
	var parts []string
	if errs > 0 {
		parts = append(parts, plural(errs, "error", "errors"))
	}
	if warns > 0 {
		parts = append(parts, plural(warns, "warning", "warnings"))
	}
	if infos > 0 {
		parts = append(parts, plural(infos, "note", "notes"))
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}

// writeRuleDocs writes the section that explains the rules of a page, in
// the order it first saw them: each rule's summary, explanation and
// examples, under the anchor its findings link to.
func writeRuleDocs(w *bufio.Writer, reg *rules.Registry, rs *ruleSet) {
	if len(rs.ids) == 0 {
		return
	}
	w.WriteString("<section class=\"rules-doc\" aria-labelledby=\"rules-h\">\n<h2 id=\"rules-h\">Rules</h2>\n")
	for k, id := range rs.ids {
		w.WriteString("<article id=\"")
		w.WriteString(rs.anchors[k])
		w.WriteString("\">\n<h3><code>")
		htmlText(w, id)
		w.WriteString("</code></h3>\n")
		var r *rules.Rule
		if reg != nil {
			r, _ = reg.Lookup(id)
		}
		if r == nil {
			w.WriteString("<p>No description.</p>\n</article>\n")
			continue
		}
		w.WriteString("<p>")
		htmlText(w, r.Summary)
		w.WriteString("</p>\n")
		writeProse(w, r.Explanation)
		if r.Bad != "" {
			w.WriteString("<p>Reported:</p>\n<pre>")
			htmlText(w, r.Bad)
			w.WriteString("</pre>\n")
		}
		if r.Good != "" {
			w.WriteString("<p>Accepted:</p>\n<pre>")
			htmlText(w, r.Good)
			w.WriteString("</pre>\n")
		}
		if r.Link != "" && safeURL(r.Link) {
			w.WriteString("<p><a href=\"")
			htmlAttr(w, r.Link)
			w.WriteString("\" rel=\"noreferrer noopener\">More about this rule</a></p>\n")
		}
		w.WriteString("</article>\n")
	}
	w.WriteString("</section>\n")
}

// writeProse writes a rule's explanation, hard-wrapped plain text, as
// HTML: paragraphs apart at blank lines, each a <p> with its lines joined,
// or a <ul> when its lines open with "- " (a line that does not continues
// the item before).
func writeProse(w *bufio.Writer, text string) {
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		lines := strings.Split(strings.TrimSpace(para), "\n")
		if strings.HasPrefix(lines[0], "- ") {
			w.WriteString("<ul class=\"expl\">")
			var item []string
			flush := func() {
				if len(item) > 0 {
					w.WriteString("<li>")
					htmlText(w, strings.Join(item, " "))
					w.WriteString("</li>")
				}
				item = item[:0]
			}
			for _, l := range lines {
				l = strings.TrimSpace(l)
				if rest, ok := strings.CutPrefix(l, "- "); ok {
					flush()
					l = rest
				}
				item = append(item, l)
			}
			flush()
			w.WriteString("</ul>\n")
			continue
		}
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		w.WriteString("<p class=\"expl\">")
		htmlText(w, strings.Join(lines, " "))
		w.WriteString("</p>\n")
	}
}

// safeURL reports whether a link from a configuration may be written as an
// href: http and https only, never javascript: or data:.
func safeURL(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}

// severityClass returns the CSS class of a severity: "sev-error",
// "sev-warning" or "sev-info".
func severityClass(sev rules.Severity) string { return "sev-" + level(sev) }

// sourceText returns the text of a related place in its document, or ""
// when the document is not at hand.
func sourceText(doc *document.Document, rel rules.Related) (*document.Document, string) {
	d, ok := relatedDoc(doc, rel)
	if !ok || rel.Span.Start < 0 || rel.Span.End > len(d.Text) || rel.Span.Start > rel.Span.End {
		return nil, ""
	}
	return d, d.String(rel.Span)
}
