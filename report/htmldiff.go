package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/goldenfile"
	"github.com/docqa/docqa/rules"
)

// WriteDiffHTML writes a comparison (docqa diff) as one self-contained
// HTML page: the new revision's paragraphs, each changed one with its word
// diff inline (deletions in <del>, insertions in <ins>) and the revision
// findings about it beside it, the unchanged ones folded; findings about
// no changed paragraph after them; then the rules' explanations.
func WriteDiffHTML(w io.Writer, res *checks.Result, opts Options) error {
	var rs ruleSet
	var sum Summary
	for _, f := range SplitFindings(res) {
		sum.Add(f.Findings)
	}
	name := "comparison"
	if res.New != nil {
		name = filepath.ToSlash(res.New.Path)
	}
	pg := page{
		Kind:  "diff",
		Title: "docqa diff",
		Totals: fmt.Sprintf("%s → %s: %s, %s (%s)", revisionName(res.Old), revisionName(res.New),
			plural(len(res.Paragraphs), "changed paragraph", "changed paragraphs"), plural(len(res.Findings), "finding", "findings"), findingCounts(sum.Error, sum.Warning, sum.Info)),
		Version: opts.Version,
	}
	n := 0
	return pg.write(w, func(bw *bufio.Writer) { writeComparison(bw, "cmp-1", name, res, &rs, &n) }, nil, opts.Registry, &rs)
}

// revisionName returns a revision's path, or "(none)".
func revisionName(d *document.Document) string {
	if d == nil {
		return "(none)"
	}
	return filepath.ToSlash(d.Path)
}

// writeComparison writes a comparison's section: its paragraphs, changed
// and folded, with their findings, and the findings about no changed
// paragraph. rs gathers the rules the page names and next numbers the
// findings across the page.
func writeComparison(w *bufio.Writer, id, path string, res *checks.Result, rs *ruleSet, next *int) {
	fmt.Fprintf(w, "<section class=\"doc comparison\" id=\"%s\" data-path=\"", id)
	htmlAttr(w, path)
	fmt.Fprintf(w, "\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">", id, id)
	htmlText(w, revisionName(res.Old)+" → "+revisionName(res.New))
	w.WriteString("</h2>\n")
	if !res.Changed() && len(res.Findings) == 0 {
		w.WriteString("<p class=\"counts\">No change in the words and no findings.</p>\n</section>\n")
		return
	}

	// Each finding goes beside the changed paragraph it lies in.
	notes := make([][]int, len(res.Paragraphs))
	var others []int
	inOld := func(f *rules.Finding) bool {
		return res.Old != nil && f.Path == res.Old.Path && (res.New == nil || f.Path != res.New.Path)
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		k := slices.IndexFunc(res.Paragraphs, func(p checks.ParagraphDiff) bool {
			s := p.New
			if inOld(f) {
				s = p.Old
			}
			return s.Start <= f.Span.Start && f.Span.Start <= s.End
		})
		if k < 0 {
			others = append(others, i)
		} else {
			notes[k] = append(notes[k], i)
		}
	}
	ids := make([]string, len(res.Findings))
	for i := range ids {
		*next++
		ids[i] = "f" + strconv.Itoa(*next)
	}
	// A renderer and a cursor for each revision: a finding's column is
	// counted from the place of the one before where that is shorter.
	var oldR, newR docRenderer
	var oldCur, newCur *document.Cursor
	if res.Old != nil {
		oldR, oldCur = docRenderer{w: w, doc: res.Old, rules: rs, comparison: true}, res.Old.Cursor()
	}
	if res.New != nil {
		newR, newCur = docRenderer{w: w, doc: res.New, rules: rs, comparison: true}, res.New.Cursor()
	}
	note := func(i int, at string) {
		f := &res.Findings[i]
		r, cur := &newR, newCur
		if inOld(f) {
			r, cur = &oldR, oldCur
		}
		if cur == nil {
			return
		}
		r.at = at
		p := r.placeOne(cur, f, ids[i])
		r.note(id, &p)
	}

	w.WriteString("<div class=\"changes\">\n")
	var unchanged []document.Span // the run of unchanged paragraphs not yet written
	flush := func() {
		if len(unchanged) == 0 {
			return
		}
		fmt.Fprintf(w, "<details class=\"fold unchanged\"><summary>%s</summary>\n", plural(len(unchanged), "unchanged paragraph", "unchanged paragraphs"))
		for _, s := range unchanged {
			w.WriteString("<p class=\"para\">")
			htmlText(w, res.New.String(s))
			w.WriteString("</p>\n")
		}
		w.WriteString("</details>\n")
		unchanged = unchanged[:0]
	}
	var paras []document.Paragraph
	if res.New != nil {
		paras = res.New.Paragraphs
	}
	j := 0 // the next paragraph of New
	for k, pd := range res.Paragraphs {
		for ; j < len(paras) && paras[j].Span.End <= pd.New.Start; j++ {
			if !changedParagraph(res.Paragraphs, paras[j].Span) {
				unchanged = append(unchanged, paras[j].Span)
			}
		}
		flush()
		para := id + "-p" + strconv.Itoa(k+1)
		fmt.Fprintf(w, "<div class=\"para-diff\" id=\"%s\"><div><p class=\"para-place\">", para)
		htmlText(w, placeOf(res.Old, pd.Old)+" → "+placeOf(res.New, pd.New))
		w.WriteString("</p><p class=\"para\">")
		writeDiffOps(w, pd.Ops)
		w.WriteString("</p></div>")
		if len(notes[k]) > 0 {
			w.WriteString("<ul class=\"notes\">")
			for _, i := range notes[k] {
				note(i, para)
			}
			w.WriteString("</ul>")
		}
		w.WriteString("</div>\n")
	}
	for ; j < len(paras); j++ {
		if !changedParagraph(res.Paragraphs, paras[j].Span) {
			unchanged = append(unchanged, paras[j].Span)
		}
	}
	flush()
	w.WriteString("</div>\n")
	if len(others) > 0 {
		w.WriteString("<h3>Other changes</h3>\n<ul class=\"notes\">")
		for _, i := range others {
			note(i, "")
		}
		w.WriteString("</ul>\n")
	}
	w.WriteString("</section>\n")
}

// changedParagraph reports whether a paragraph of the new revision is one
// of the changed ones.
func changedParagraph(pds []checks.ParagraphDiff, s document.Span) bool {
	for _, pd := range pds {
		if pd.New.Start < s.End && s.Start < pd.New.End {
			return true
		}
	}
	return false
}

// placeOf returns "path:line" of a span of a revision.
func placeOf(d *document.Document, s document.Span) string {
	if d == nil {
		return "(none)"
	}
	return fmt.Sprintf("%s:%d", filepath.ToSlash(d.Path), d.LineOf(s.Start))
}

// writeDiffOps writes a word diff: equal text, deletions in <del>,
// insertions in <ins>.
func writeDiffOps(w *bufio.Writer, ops []checks.Op) {
	for _, op := range ops {
		switch op.Kind {
		case checks.Equal:
			htmlText(w, op.Text)
		case checks.Delete:
			w.WriteString("<del>")
			htmlText(w, op.Text)
			w.WriteString("</del>")
		case checks.Insert:
			w.WriteString("<ins>")
			htmlText(w, op.Text)
			w.WriteString("</ins>")
		}
	}
}

// goldenHTML writes a golden run as one page: a table of every document
// with its status (pass, drift, missing, written, error), then each
// drifted document's comparison with its golden copy, as WriteDiffHTML
// shows one.
type goldenHTML struct {
	w     io.Writer
	opts  GoldenOptions
	body  *spool
	rows  []goldenRow
	rules ruleSet
	next  int // findings numbered across the page
	drift int // drifted documents: their sections' numbers
}

// goldenRow is one document of a golden run.
type goldenRow struct {
	name, golden, status, note, section string
}

// Begin implements GoldenPrinter: it starts the spool of the drifted
// documents' sections; the page itself is written by End.
func (p *goldenHTML) Begin() error {
	p.body = newSpool()
	return nil
}

// Entry implements GoldenPrinter: it keeps the document's row and, when it
// drifted, writes its comparison to the spool.
func (p *goldenHTML) Entry(e *goldenfile.Entry) error {
	if p.body == nil {
		p.Begin()
	}
	row := goldenRow{name: filepath.ToSlash(e.Name), golden: filepath.ToSlash(e.Golden)}
	switch e.Status {
	case goldenfile.Pass:
		row.status = "pass"
	case goldenfile.Drift:
		row.status = "drift"
		row.note = "differs from its golden copy"
		if e.Changes != nil {
			p.drift++
			row.section = "g-" + strconv.Itoa(p.drift)
			writeComparison(p.body.Writer, row.section, row.name, e.Changes, &p.rules, &p.next)
			if err := p.body.Writer.Flush(); err != nil {
				return fmt.Errorf("html report: %w", err)
			}
		}
	case goldenfile.Missing:
		row.status = "missing"
		row.note = "no golden copy: run '" + p.opts.approve(e.Name) + "' to approve it"
	case goldenfile.Written:
		row.status = "written"
		row.note = "golden copy written"
	case goldenfile.Unchecked:
		row.status = "error"
		if e.Err != nil {
			row.note = e.Err.Error()
		}
	}
	p.rows = append(p.rows, row)
	return nil
}

// End implements GoldenPrinter: it writes the page: its head, the table of
// documents, the comparisons from the spool, the rules' explanations.
func (p *goldenHTML) End(sum goldenfile.Summary) error {
	if p.body == nil {
		p.Begin()
	}
	defer p.body.Close()
	pg := page{Kind: "golden", Title: "docqa golden", Totals: sum.String(p.opts.Update), Version: p.opts.Version}
	return pg.write(p.w, p.writeTable, p.body, p.opts.Registry, &p.rules)
}

// writeTable writes the table of the run's documents and their statuses.
func (p *goldenHTML) writeTable(bw *bufio.Writer) {
	bw.WriteString("<section class=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Documents</h2>\n<table class=\"golden\">\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Document</th><th scope=\"col\">Golden copy</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n")
	for _, r := range p.rows {
		fmt.Fprintf(bw, "<tr class=\"golden-entry\" data-status=\"%s\" data-path=\"", r.status)
		htmlAttr(bw, r.name)
		fmt.Fprintf(bw, "\"><td class=\"golden-status status-%s\">%s</td><th scope=\"row\">", r.status, goldenLabel(r.status))
		if r.section != "" {
			fmt.Fprintf(bw, "<a href=\"#%s\">", r.section)
			htmlText(bw, r.name)
			bw.WriteString("</a>")
		} else {
			htmlText(bw, r.name)
		}
		bw.WriteString("</th><td>")
		htmlText(bw, r.golden)
		bw.WriteString("</td><td>")
		htmlText(bw, r.note)
		bw.WriteString("</td></tr>\n")
	}
	bw.WriteString("</tbody>\n</table>\n</section>\n")
}

// goldenLabel returns the word a golden status is shown as.
func goldenLabel(status string) string {
	switch status {
	case "pass":
		return "✓ PASS"
	case "drift":
		return "✗ DRIFT"
	case "missing":
		return "✗ MISSING"
	case "written":
		return "WRITTEN"
	}
	return "✗ ERROR"
}
