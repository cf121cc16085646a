package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// HTML writes a run as one self-contained HTML page (see html.go): a
// summary of the findings by rule and by file, filters by rule and
// severity (CSS alone) and by file (a script), then the text of each
// document with findings, every finding marked in place and its message
// beside the line, and the rules' explanations that each finding links to.
// Lines far from any finding are folded. A quotation checked against its
// source (docqa verify) is shown beside the source's words, the
// difference marked. Documents without findings are listed in the
// summary only.
//
// The page's parts, for tools that read it: each document is a <section
// class="doc" data-path="PATH">; each finding an element of class
// "finding" with an id and the attributes data-rule, data-severity,
// data-line and data-col (1-based, code points); the text it is about is
// in the <mark> elements whose data-finding lists that id.
type HTML struct {
	w     io.Writer
	opts  Options
	body  *spool
	files []htmlFile
	// rules are the rules that found something, in the order first seen,
	// and counts their findings by severity, in that order; a rule's
	// number is its filter's too.
	rules  ruleSet
	counts [][3]int
	docs   int // documents with findings: their sections' numbers
	next   int // findings written: their ids' numbers
}

// htmlFile is one document of the run, as the summary lists it.
type htmlFile struct {
	path   string
	id     string // its section's id; "" for a document without findings
	counts [3]int // by severity: error, warning, info
}

// NewHTML returns an HTML printer writing to w. Options.Command names the
// command the page reports ("lint" when empty).
func NewHTML(w io.Writer, opts Options) *HTML {
	return &HTML{w: w, opts: opts}
}

// sevIndex numbers severities for the counts: error 0, warning 1, info 2.
func sevIndex(sev rules.Severity) int {
	switch sev {
	case rules.Error:
		return 0
	case rules.Warning:
		return 1
	}
	return 2
}

// Begin implements Printer: it starts the spool of the documents'
// sections; the page itself is written by End.
func (p *HTML) Begin() error {
	p.body = newSpool()
	return nil
}

// File implements Printer: it counts the document's findings and, when
// there are any, writes its section to the spool.
func (p *HTML) File(doc *document.Document, findings []rules.Finding) error {
	if p.body == nil {
		p.Begin()
	}
	f := htmlFile{path: filepath.ToSlash(doc.Path)}
	for i := range findings {
		fd := &findings[i]
		f.counts[sevIndex(fd.Severity)]++
		k := p.rules.add(fd.Rule)
		if k == len(p.counts) {
			p.counts = append(p.counts, [3]int{})
		}
		p.counts[k][sevIndex(fd.Severity)]++
	}
	if len(findings) > 0 {
		p.docs++
		f.id = "doc-" + strconv.Itoa(p.docs)
		ids := make([]string, len(findings))
		for i := range ids {
			p.next++
			ids[i] = "f" + strconv.Itoa(p.next)
		}
		r := docRenderer{w: p.body.Writer, doc: doc, rules: &p.rules, filters: true}
		r.section(f.id, f.path, findingCounts(f.counts[0], f.counts[1], f.counts[2]), findings, ids)
		if err := p.body.Writer.Flush(); err != nil {
			return fmt.Errorf("html report: %w", err)
		}
	}
	p.files = append(p.files, f)
	return nil
}

// End implements Printer: it writes the page: its head, the summary and
// filters, the documents' sections from the spool, the rules'
// explanations.
func (p *HTML) End(sum Summary) error {
	if p.body == nil {
		p.Begin()
	}
	defer p.body.Close()
	kind := p.opts.Command
	if kind == "" {
		kind = "lint"
	}
	total := sum.Error + sum.Warning + sum.Info
	pg := page{
		Kind:    kind,
		Title:   "docqa " + kind,
		Totals:  fmt.Sprintf("%s in %s (%s)", plural(total, "finding", "findings"), plural(sum.Files, "document", "documents"), findingCounts(sum.Error, sum.Warning, sum.Info)),
		Version: p.opts.Version,
		Style:   p.filterStyle(),
	}
	return pg.write(p.w, func(w *bufio.Writer) { p.writeSummary(w, sum) }, p.body, p.opts.Registry, &p.rules)
}

// filterStyle returns the CSS of the filters: a finding of a rule or
// severity whose box is unchecked is hidden, and its marks unmarked.
func (p *HTML) filterStyle() string {
	var b strings.Builder
	rule := func(box, class string) {
		fmt.Fprintf(&b, "body:has(#%s:not(:checked)) .finding.%s{display:none}\n", box, class)
		fmt.Fprintf(&b, "body:has(#%s:not(:checked)) mark.%s{background:none;outline:none;text-decoration:none}\n", box, class)
	}
	for _, s := range []string{"error", "warning", "info"} {
		rule("show-sev-"+s, "sev-"+s)
	}
	for i := range p.rules.ids {
		rule("show-r"+strconv.Itoa(i), "r"+strconv.Itoa(i))
	}
	return b.String()
}

// writeSummary writes the filters and the summary: the findings by rule
// and severity, and the documents with their counts.
func (p *HTML) writeSummary(w *bufio.Writer, sum Summary) {
	if len(p.rules.ids) > 0 {
		w.WriteString("<div class=\"filters\" role=\"group\" aria-label=\"Filters\">\n<fieldset><legend>Severity</legend>\n")
		for _, s := range []struct {
			name, label string
			n           int
		}{{"error", "errors", sum.Error}, {"warning", "warnings", sum.Warning}, {"info", "notes", sum.Info}} {
			if s.n == 0 {
				continue
			}
			fmt.Fprintf(w, "<label><input type=\"checkbox\" id=\"show-sev-%s\" checked> <span class=\"sev sev-%s\">%s</span> (%d)</label>\n", s.name, s.name, s.label, s.n)
		}
		w.WriteString("</fieldset>\n<fieldset><legend>Rules</legend>\n")
		for i, id := range p.rules.ids {
			fmt.Fprintf(w, "<label><input type=\"checkbox\" id=\"show-r%d\" checked> <code>", i)
			htmlText(w, id)
			c := p.counts[i]
			fmt.Fprintf(w, "</code> (%d)</label>\n", c[0]+c[1]+c[2])
		}
		w.WriteString("</fieldset>\n")
		if len(p.files) > 1 {
			w.WriteString("<p id=\"file-filter\" hidden><label>Files whose path holds <input type=\"search\" size=\"24\"></label></p>\n")
		}
		w.WriteString("</div>\n")
	}
	w.WriteString("<section class=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n<div class=\"tables\">\n")
	if len(p.rules.ids) > 0 {
		w.WriteString("<table class=\"by-rule\">\n<caption>Findings by rule</caption>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\" class=\"n\">Errors</th><th scope=\"col\" class=\"n\">Warnings</th><th scope=\"col\" class=\"n\">Notes</th></tr></thead>\n<tbody>\n")
		for i, id := range p.rules.ids {
			w.WriteString("<tr><th scope=\"row\"><a href=\"#")
			w.WriteString(p.rules.anchors[i])
			w.WriteString("\"><code>")
			htmlText(w, id)
			c := p.counts[i]
			fmt.Fprintf(w, "</code></a></th><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n", c[0], c[1], c[2])
		}
		w.WriteString("</tbody>\n</table>\n")
	}
	if len(p.files) > 0 {
		w.WriteString("<table class=\"by-file\">\n<caption>Documents</caption>\n<thead><tr><th scope=\"col\">Document</th><th scope=\"col\" class=\"n\">Errors</th><th scope=\"col\" class=\"n\">Warnings</th><th scope=\"col\" class=\"n\">Notes</th></tr></thead>\n<tbody>\n")
		// Documents with findings first, in the run's order; then the
		// others.
		files := slices.Clone(p.files)
		slices.SortStableFunc(files, func(a, b htmlFile) int {
			return boolInt(a.id == "") - boolInt(b.id == "")
		})
		for _, f := range files {
			w.WriteString("<tr data-path=\"")
			htmlAttr(w, f.path)
			w.WriteString("\"><th scope=\"row\">")
			if f.id != "" {
				fmt.Fprintf(w, "<a href=\"#%s\">", f.id)
				htmlText(w, f.path)
				w.WriteString("</a>")
			} else {
				htmlText(w, f.path)
			}
			fmt.Fprintf(w, "</th><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n", f.counts[0], f.counts[1], f.counts[2])
		}
		w.WriteString("</tbody>\n</table>\n")
	}
	w.WriteString("</div>\n</section>\n")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// docRenderer writes a document's text with findings marked in it.
type docRenderer struct {
	w   *bufio.Writer
	doc *document.Document
	// rules are the page's rules, whose explanations the notes link to;
	// with filters set, a finding has its rule's class too ("r" and its
	// number), by which the filters hide it.
	rules   *ruleSet
	filters bool
	// comparison is set where the document's lines are not on the page (a
	// comparison shows paragraphs): a note's place names the document and
	// links to the element with id at, if any; related places are not
	// links.
	comparison bool
	at         string
}

// foldContext is how many lines around a finding are shown; runs of more
// than foldMin other lines are folded.
const (
	foldContext = 2
	foldMin     = 4
)

// placed is a finding with its place in the document.
type placed struct {
	f          *rules.Finding
	id         string
	start, end int // the span, clipped to the text
	line, col  int // where it starts
	lastLine   int // the line it ends on
	class      string
}

// section writes the document's section: heading, counts and its lines.
func (r *docRenderer) section(id, path, counts string, findings []rules.Finding, ids []string) {
	w := r.w
	fmt.Fprintf(w, "<section class=\"doc\" id=\"%s\" data-path=\"", id)
	htmlAttr(w, path)
	fmt.Fprintf(w, "\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">", id, id)
	htmlText(w, path)
	w.WriteString("</h2>\n<p class=\"counts\">")
	htmlText(w, counts)
	w.WriteString("</p>\n")
	r.lines(id, findings, ids)
	w.WriteString("</section>\n")
}

// place returns the findings with their places, in their order.
func (r *docRenderer) place(findings []rules.Finding, ids []string) []placed {
	cur := r.doc.Cursor()
	ps := make([]placed, len(findings))
	for i := range findings {
		ps[i] = r.placeOne(cur, &findings[i], ids[i])
	}
	return ps
}

// placeOne returns a finding with its place, its column counted by cur, a
// cursor over the document. Nothing else here counts a line's characters,
// which on a document of one long line would cost its length a finding.
func (r *docRenderer) placeOne(cur *document.Cursor, f *rules.Finding, id string) placed {
	d := r.doc
	s, e := clamp(f.Span.Start, len(d.Text)), clamp(f.Span.End, len(d.Text))
	if e < s {
		e = s
	}
	p := placed{f: f, id: id, start: s, end: e, class: severityClass(f.Severity)}
	if r.filters {
		p.class = "r" + strconv.Itoa(r.rules.add(f.Rule)) + " " + p.class
	}
	pos := cur.Position(s)
	p.line, p.col = pos.Line, pos.Column
	p.lastLine = p.line
	if e > s {
		// The line the span ends on, not the next when it ends with
		// a line break.
		p.lastLine = d.LineOf(e)
		if p.lastLine > p.line && d.Line(p.lastLine).Start == e {
			p.lastLine--
		}
	}
	return p
}

func clamp(off, n int) int { return max(0, min(off, n)) }

// lines writes the document's lines: those near a finding, with the
// findings marked and their notes beside them, and the others folded.
func (r *docRenderer) lines(docID string, findings []rules.Finding, ids []string) {
	d, w := r.doc, r.w
	ps := r.place(findings, ids)
	n := max(d.LineCount(), 1)
	if n > 1 && d.Line(n).Start == len(d.Text) && !slices.ContainsFunc(ps, r.atEnd) {
		n-- // the empty "line" after the last line break, that nothing is on
	}
	shown := make([]bool, n+2)
	notes := make([][]int, n+2)
	for i, p := range ps {
		for l := max(1, p.line-foldContext); l <= min(n, p.lastLine+foldContext); l++ {
			shown[l] = true
		}
		if p.line <= n {
			notes[p.line] = append(notes[p.line], i)
		}
		// A line a related place links to is on the page as a line.
		for _, rel := range p.f.Related {
			if d, ok := relatedDoc(r.doc, rel); ok && d == r.doc && rel.Span.Start >= 0 && rel.Span.Start <= len(d.Text) {
				if l := d.LineOf(rel.Span.Start); l <= n {
					shown[l] = true
				}
			}
		}
	}
	w.WriteString("<div class=\"text\">\n")
	var active []int // findings that reach the line
	next := 0        // the first finding not yet active
	for l := 1; l <= n; {
		if !shown[l] {
			end := l
			for end <= n && !shown[end] {
				end++
			}
			if end-l >= foldMin {
				// The folded lines as one block of text: a page of
				// thousands of documents is mostly folded text, and one
				// element for it rather than three a line halves the
				// time a browser takes to show the page.
				fmt.Fprintf(w, "<details class=\"fold\"><summary>Lines %d–%d (no findings)</summary><pre class=\"fold-text\">", l, end-1)
				for ; l < end; l++ {
					htmlText(w, d.String(d.Line(l)))
					if l < end-1 {
						w.WriteByte('\n')
					}
				}
				w.WriteString("</pre></details>\n")
				continue
			}
		}
		for next < len(ps) && ps[next].line <= l {
			active = append(active, next)
			next++
		}
		active = slices.DeleteFunc(active, func(i int) bool { return ps[i].lastLine < l })
		r.line(docID, l, ps, active, notes[l])
		l++
	}
	w.WriteString("</div>\n")
}

// atEnd reports whether a finding or one of its related places in the
// document is at the end of its text.
func (r *docRenderer) atEnd(p placed) bool {
	if p.start == len(r.doc.Text) {
		return true
	}
	for _, rel := range p.f.Related {
		if d, ok := relatedDoc(r.doc, rel); ok && d == r.doc && rel.Span.Start >= len(d.Text) {
			return true
		}
	}
	return false
}

// line writes line l: its number, its text with the active findings
// marked, and the notes of the findings that start on it.
func (r *docRenderer) line(docID string, l int, ps []placed, active, notes []int) {
	d, w := r.doc, r.w
	span := d.Line(l)
	w.WriteString("<div class=\"ln")
	if len(notes) > 0 {
		w.WriteString(" has-notes")
	}
	fmt.Fprintf(w, "\" id=\"%s-L%d\"><a class=\"no\" href=\"#%s-L%d\" tabindex=\"-1\">%d</a><span class=\"tx\">", docID, l, docID, l, l)
	r.marked(span, l, ps, active)
	w.WriteString("</span>")
	if len(notes) > 0 {
		w.WriteString("<ul class=\"notes\">")
		for _, i := range notes {
			r.note(docID, &ps[i])
		}
		w.WriteString("</ul>")
	}
	w.WriteString("</div>\n")
}

// marked writes the text of span, on line l, with the parts the active
// findings are about in <mark> elements, each listing the findings it
// marks in data-finding and named by the first. A finding about no text
// of the line, on the line it starts on (a place, or a span that starts
// in the line break), is an empty mark where it starts. The first mark of
// each finding has the id of the finding and "-m".
//
// The line is swept once from bound to bound (where some finding starts
// or ends), keeping the findings that cover the piece at hand: a line
// with thousands of findings costs no more than thousands of lines with
// one.
func (r *docRenderer) marked(span document.Span, l int, ps []placed, active []int) {
	d, w := r.doc, r.w
	if len(active) == 0 {
		htmlText(w, d.String(span))
		return
	}
	// Each active finding clipped to the line.
	type part struct{ lo, hi, i int }
	clip := func(off int) int { return max(span.Start, min(off, span.End)) }
	starts := make([]part, len(active))
	bounds := make([]int, 0, 2+2*len(active))
	bounds = append(bounds, span.Start, span.End)
	for k, i := range active {
		p := &ps[i]
		starts[k] = part{clip(p.start), clip(p.end), i}
		bounds = append(bounds, starts[k].lo, starts[k].hi)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	slices.SortStableFunc(starts, func(a, b part) int { return a.lo - b.lo })
	ends := slices.Clone(starts)
	slices.SortStableFunc(ends, func(a, b part) int { return a.hi - b.hi })
	// open holds the findings that cover the piece from the bound at hand
	// to the next, in their order.
	var open []part
	byOrder := func(a, b part) int { return a.i - b.i }
	for k, b := range bounds {
		for ; len(ends) > 0 && ends[0].hi <= b; ends = ends[1:] {
			if j, ok := slices.BinarySearchFunc(open, ends[0], byOrder); ok {
				open = slices.Delete(open, j, j+1)
			}
		}
		for ; len(starts) > 0 && starts[0].lo <= b; starts = starts[1:] {
			pt := starts[0]
			if pt.lo < pt.hi {
				j, _ := slices.BinarySearchFunc(open, pt, byOrder)
				open = slices.Insert(open, j, pt)
			} else if p := &ps[pt.i]; p.line == l {
				fmt.Fprintf(w, "<mark class=\"point %s\" id=\"%s-m\" data-finding=\"%s\"></mark>", p.class, p.id, p.id)
			}
		}
		if k+1 == len(bounds) {
			break
		}
		text := d.String(document.Span{Start: b, End: bounds[k+1]})
		if len(open) == 0 {
			htmlText(w, text)
			continue
		}
		// The first mark of a finding is where it starts, on its first
		// line.
		first := func(pt part) bool { return pt.lo == b && ps[pt.i].line == l }
		for _, pt := range open[1:] {
			if first(pt) {
				fmt.Fprintf(w, "<span id=\"%s-m\"></span>", ps[pt.i].id)
			}
		}
		head := &ps[open[0].i]
		w.WriteString("<mark class=\"")
		w.WriteString(head.class)
		w.WriteString("\"")
		if first(open[0]) {
			fmt.Fprintf(w, " id=\"%s-m\"", head.id)
		}
		w.WriteString(" data-finding=\"")
		for j, pt := range open {
			if j > 0 {
				w.WriteByte(' ')
			}
			w.WriteString(ps[pt.i].id)
		}
		w.WriteString("\">")
		htmlText(w, text)
		w.WriteString("</mark>")
	}
}

// note writes a finding's note: where it is, its severity and rule (a link
// to the rule's explanation), its message, fixes and related places, and
// a source's words beside the quotation they were checked against.
func (r *docRenderer) note(docID string, p *placed) {
	w, f := r.w, p.f
	fmt.Fprintf(w, "<li class=\"finding %s\" id=\"%s\" data-rule=\"", p.class, p.id)
	htmlAttr(w, f.Rule)
	fmt.Fprintf(w, "\" data-severity=\"%s\" data-line=\"%d\" data-col=\"%d\" tabindex=\"-1\"><p>", level(f.Severity), p.line, p.col)
	switch {
	case !r.comparison:
		fmt.Fprintf(w, "<a class=\"loc\" href=\"#%s-m\">%d:%d</a>", p.id, p.line, p.col)
	default:
		// A comparison marks no finding in the text: the place names
		// the revision and links to the changed paragraph, if any.
		if r.at != "" {
			fmt.Fprintf(w, "<a class=\"loc\" href=\"#%s\">", r.at)
		} else {
			w.WriteString("<span class=\"loc\">")
		}
		htmlText(w, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(r.doc.Path), p.line, p.col))
		if r.at != "" {
			w.WriteString("</a>")
		} else {
			w.WriteString("</span>")
		}
	}
	fmt.Fprintf(w, " <span class=\"sev\">%s</span> <a class=\"rule\" href=\"#%s\"><code>", level(f.Severity), r.rules.anchor(f.Rule))
	htmlText(w, f.Rule)
	w.WriteString("</code></a></p><p class=\"msg\">")
	htmlText(w, f.Message)
	w.WriteString("</p>")
	for _, x := range f.Fixes {
		old := ""
		if x.Span.Start >= 0 && x.Span.Start <= x.Span.End && x.Span.End <= len(r.doc.Text) {
			old = r.doc.String(x.Span)
		}
		w.WriteString("<p class=\"fix\">Fix: ")
		htmlText(w, x.Describe(old))
		w.WriteString("</p>")
	}
	for _, rel := range f.Related {
		rd, text := sourceText(r.doc, rel)
		if rd != nil && rd != r.doc {
			// Another document at hand: a quotation's source (the
			// sources/ rules, or a finding that carries the two sides of
			// a change) beside the quotation; any other place as its
			// words under its place.
			if strings.HasPrefix(f.Rule, "sources/") || f.OldText != "" || f.NewText != "" {
				r.sourcePassage(p, rd, rel, text)
			} else {
				r.otherPlace(rd, rel, text)
			}
			continue
		}
		w.WriteString("<p class=\"rel\">")
		switch {
		case rd == r.doc && !r.comparison:
			line := rd.LineOf(rel.Span.Start)
			fmt.Fprintf(w, "<a href=\"#%s-L%d\">Line %d</a>", docID, line, line)
		case rd == r.doc:
			fmt.Fprintf(w, "Line %d", rd.LineOf(rel.Span.Start))
		default:
			htmlText(w, filepath.ToSlash(rel.Path))
		}
		if rel.Message != "" {
			w.WriteString(": ")
			htmlText(w, rel.Message)
		}
		w.WriteString("</p>")
	}
	w.WriteString("</li>\n")
}

// sourcePassage writes a quotation beside the words of its source: the
// quotation's own words inserted, the source's words it lacks deleted.
// The two sides are the finding's OldText and NewText where it has them
// (the words the verifier aligned, "…" for what an ellipsis left out),
// else the source's passage and the quotation inside its marks.
func (r *docRenderer) sourcePassage(p *placed, src *document.Document, rel rules.Related, text string) {
	w := r.w
	source, quote := p.f.OldText, p.f.NewText
	if source == "" && quote == "" {
		source = text
		quote = strings.Trim(r.doc.String(document.Span{Start: p.start, End: p.end}), quoteMarks)
	}
	pos := src.Position(rel.Span.Start)
	w.WriteString("<div class=\"source-passage\"><p class=\"label\">Quotation</p><blockquote>")
	writeOps(w, checks.DiffWords(source, quote), "ins")
	w.WriteString("</blockquote><p class=\"label\">")
	if rel.Message != "" {
		htmlText(w, capitalize(rel.Message))
	} else {
		w.WriteString("Source")
	}
	w.WriteString(", <cite>")
	htmlText(w, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel.Path), pos.Line, pos.Column))
	w.WriteString("</cite></p><blockquote>")
	writeOps(w, checks.DiffWords(quote, source), "del")
	w.WriteString("</blockquote></div>")
}

// otherPlace writes a related place in another document: its path, line
// and column, its message, and its words (the first 400 bytes of them).
func (r *docRenderer) otherPlace(d *document.Document, rel rules.Related, text string) {
	w := r.w
	pos := d.Position(rel.Span.Start)
	w.WriteString("<div class=\"source-place\"><p class=\"rel\"><cite>")
	htmlText(w, fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel.Path), pos.Line, pos.Column))
	w.WriteString("</cite>")
	if rel.Message != "" {
		w.WriteString(": ")
		htmlText(w, rel.Message)
	}
	w.WriteString("</p>")
	if text != "" {
		if len(text) > 400 {
			cut := 400
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			text = text[:cut] + "…"
		}
		w.WriteString("<blockquote>")
		htmlText(w, text)
		w.WriteString("</blockquote>")
	}
	w.WriteString("</div>")
}

// capitalize returns s with its first letter upper-case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// quoteMarks are the quotation marks and spaces around a quotation's words.
const quoteMarks = "\"'“”‘’„‚«»‹›「」『』 \t\r\n"

// writeOps writes the new side of a word diff: the equal pieces, and the
// inserted ones in an element named tag ("ins", or "del" for the words of
// a source a quotation left out).
func writeOps(w *bufio.Writer, ops []checks.Op, tag string) {
	for _, op := range ops {
		switch op.Kind {
		case checks.Equal:
			htmlText(w, op.Text)
		case checks.Insert:
			w.WriteString("<" + tag + ">")
			htmlText(w, op.Text)
			w.WriteString("</" + tag + ">")
		}
	}
}
