package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// waitCurrent returns the finished check of the current version of the
// document at uri.
func (s *Server) waitCurrent(ctx context.Context, uri string) (*openDoc, *analysis, *ResponseError) {
	d, a := s.current(uri)
	if d == nil {
		return nil, nil, errorf(CodeInvalidParams, "%s is not open, or not a document docqa checks", uri)
	}
	if err := a.wait(ctx); err != nil {
		return nil, nil, errorf(CodeRequestCancelled, "cancelled")
	}
	return d, a, nil
}

// diagnostic answers textDocument/diagnostic: the diagnostics of the
// document's current version, or "unchanged" when the client has them.
func (s *Server) diagnostic(ctx context.Context, params json.RawMessage) (any, *ResponseError) {
	var p DocumentDiagnosticParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, errorf(CodeInvalidParams, "textDocument/diagnostic: %v", err)
	}
	d, a := s.current(p.TextDocument.URI)
	if d == nil {
		// Not a document docqa checks (or not open): nothing to say.
		return DocumentDiagnosticReport{Kind: "full", Items: []Diagnostic{}}, nil
	}
	if err := a.wait(ctx); err != nil {
		return nil, errorf(CodeRequestCancelled, "cancelled")
	}
	id := resultID(a)
	if p.PreviousResultID == id {
		return DocumentDiagnosticReport{Kind: "unchanged", ResultID: id}, nil
	}
	items := a.diags
	if items == nil {
		items = []Diagnostic{}
	}
	return DocumentDiagnosticReport{Kind: "full", ResultID: id, Items: items}, nil
}

// resultID names a check's diagnostics: its version and a digest of
// them, so that a check again after a configuration changed is not
// "unchanged".
func resultID(a *analysis) string {
	b, _ := json.Marshal(a.diags)
	var h uint64 = 14695981039346656037
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return strconv.Itoa(int(a.version)) + "-" + strconv.FormatUint(h, 36)
}

// codeAction answers textDocument/codeAction: for each finding in the
// range, its fix as a quick fix (an unsafe one never preferred and marked
// as such) and, in Markdown, a directive that suppresses it; and the fix
// of every safe fix of the document (source.fixAll.docqa).
func (s *Server) codeAction(ctx context.Context, params json.RawMessage) (any, *ResponseError) {
	var p CodeActionParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, errorf(CodeInvalidParams, "textDocument/codeAction: %v", err)
	}
	d, a, rerr := s.waitCurrent(ctx, p.TextDocument.URI)
	if rerr != nil {
		return nil, rerr
	}
	doc := a.doc
	actions := []CodeAction{}
	if doc == nil || a.ctx == nil {
		return actions, nil
	}
	s.mu.Lock()
	enc := s.enc
	s.mu.Unlock()
	want := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, o := range p.Context.Only {
			if kind == o || strings.HasPrefix(kind, o+".") {
				return true
			}
		}
		return false
	}
	lines := document.NewLines(doc.Text)
	start, end := s.offset(lines, doc.Text, p.Range.Start), s.offset(lines, doc.Text, p.Range.End)
	if want(KindQuickFix) {
		var place *placer // made on first use
		suppressed := map[string]bool{}
		for i, f := range a.findings {
			if f.Span.End < start || f.Span.Start > end || f.Path != doc.Path {
				continue
			}
			if ctx.Err() != nil {
				return nil, errorf(CodeRequestCancelled, "cancelled")
			}
			diag := a.diags[i]
			if len(f.Fixes) > 0 {
				actions = append(actions, fixAction(d.uri, doc, f, diag, enc))
			}
			// One suppression for a rule's findings on one line.
			key := fmt.Sprint(f.Rule, doc.LineOf(f.Span.Start))
			if suppressed[key] || !suppressible(doc, f) {
				continue
			}
			suppressed[key] = true
			if place == nil {
				place = newPlacer(doc)
			}
			if act, ok := suppressAction(d.uri, doc, f, diag, enc, place); ok {
				actions = append(actions, act)
			}
		}
	}
	if ctx.Err() != nil {
		return nil, errorf(CodeRequestCancelled, "cancelled")
	}
	if want(KindFixAll) && hasSafeFix(a.findings) {
		fixed, err := a.ctx.pipe.Fix(doc, a.findings, false)
		if err != nil {
			s.logf(msgError, "%v", err)
		} else if fixed.Changed() {
			actions = append(actions, CodeAction{
				Title: fmt.Sprintf("Fix all docqa findings with a safe fix (%d)", fixed.Fixed),
				Kind:  KindFixAll,
				Edit:  &WorkspaceEdit{Changes: map[string][]TextEdit{d.uri: editsBetween(doc, fixed.Doc.Text, enc)}},
			})
		}
	}
	return actions, nil
}

// hasSafeFix reports whether some finding has a fix that is not unsafe.
func hasSafeFix(fs []rules.Finding) bool {
	for _, f := range fs {
		for _, x := range f.Fixes {
			if !x.Unsafe {
				return true
			}
		}
	}
	return false
}

// fixAction returns the quick fix of a finding: its edits, applied
// together, named as every printer names them.
func fixAction(uri string, doc *document.Document, f rules.Finding, diag Diagnostic, enc document.Unit) CodeAction {
	var titles []string
	var edits []TextEdit
	unsafe := false
	for _, x := range f.Fixes {
		unsafe = unsafe || x.Unsafe
		t := strings.TrimSuffix(rules.Fix{Span: x.Span, Replacement: x.Replacement, Message: x.Message}.Describe(doc.String(x.Span)), ".")
		if !slices.Contains(titles, t) {
			titles = append(titles, t)
		}
		edits = append(edits, TextEdit{Range: rangeOf(doc, x.Span, enc), NewText: x.Replacement})
	}
	title := strings.Join(titles, "; ")
	if unsafe {
		title += " (inside a quotation: check the source first)"
	}
	return CodeAction{
		Title:       title,
		Kind:        KindQuickFix,
		Diagnostics: []Diagnostic{diag},
		IsPreferred: !unsafe,
		Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{uri: edits}},
	}
}

// reasonPlaceholder is the reason a suppression directive is inserted
// with, for the writer to replace: a directive without a reason
// suppresses nothing.
const reasonPlaceholder = "TODO: say why"

// suppressible reports whether a directive can suppress a finding: one of
// a rule of the linter's in a Markdown document (plain text has no
// comments).
func suppressible(doc *document.Document, f rules.Finding) bool {
	return doc.Format == document.Markdown && !strings.HasPrefix(f.Rule, "docqa/") && !strings.HasPrefix(f.Rule, "checks/")
}

// suppressAction returns the action that inserts a directive suppressing
// the finding's rule on its line, in a Markdown document: at the end of
// the line before when that line belongs to the same block (an HTML
// comment inside a paragraph is inline, and a comment line there would
// split it), else on a line of its own before the finding's. The first
// placement that leaves the rendered document as it was (place judges)
// wins; there is none if neither does.
func suppressAction(uri string, doc *document.Document, f rules.Finding, diag Diagnostic, enc document.Unit, place *placer) (CodeAction, bool) {
	if !suppressible(doc, f) {
		return CodeAction{}, false
	}
	directive := "<!-- docqa-disable-next-line " + f.Rule + " -- " + reasonPlaceholder + " -->"
	line := doc.LineOf(f.Span.Start)
	lineSpan := doc.Line(line)
	var tries []rules.Fix
	if line > 1 {
		prev := doc.Line(line - 1)
		if len(bytes.TrimSpace(doc.Slice(prev))) > 0 {
			tries = append(tries, rules.Fix{Span: document.Span{Start: prev.End, End: prev.End}, Replacement: " " + directive})
		}
	}
	indent := lineSpan.Start
	for indent < lineSpan.End && (doc.Text[indent] == ' ' || doc.Text[indent] == '\t') {
		indent++
	}
	ws := string(doc.Text[lineSpan.Start:indent])
	tries = append(tries, rules.Fix{Span: document.Span{Start: lineSpan.Start, End: lineSpan.Start}, Replacement: ws + directive + lineBreak(doc)})
	for _, t := range tries {
		if place.keeps(t.Span.Start, t.Replacement) {
			return CodeAction{
				Title:       "Suppress " + f.Rule + " on this line",
				Kind:        KindQuickFix,
				Diagnostics: []Diagnostic{diag},
				Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{uri: {{Range: rangeOf(doc, t.Span, enc), NewText: t.Replacement}}}},
			}, true
		}
	}
	return CodeAction{}, false
}

// lineBreak returns the document's line break: CRLF if its first line
// ends with one, else LF.
func lineBreak(doc *document.Document) string {
	if i := bytes.IndexByte(doc.Text, '\n'); i > 0 && doc.Text[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// editsBetween returns the edits that turn doc's text into text, one for
// each run of changed lines (a line diff of the two), so that an editor
// undoes and shows them where they are rather than as one edit from the
// first fix to the last. Each edit is trimmed to the characters that
// differ.
func editsBetween(doc *document.Document, text []byte, enc document.Unit) []TextEdit {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	a, b, lines := dmp.DiffLinesToRunes(string(doc.Text), string(text))
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines)
	var edits []TextEdit
	oldOff, newOff := 0, 0
	for i := 0; i < len(diffs); {
		if diffs[i].Type == diffmatchpatch.DiffEqual {
			oldOff += len(diffs[i].Text)
			newOff += len(diffs[i].Text)
			i++
			continue
		}
		oldStart, newStart := oldOff, newOff
		for ; i < len(diffs) && diffs[i].Type != diffmatchpatch.DiffEqual; i++ {
			if diffs[i].Type == diffmatchpatch.DiffDelete {
				oldOff += len(diffs[i].Text)
			} else {
				newOff += len(diffs[i].Text)
			}
		}
		edits = append(edits, trimmedEdit(doc, text, oldStart, oldOff, newStart, newOff, enc))
	}
	return edits
}

// trimmedEdit returns the edit that replaces doc.Text[os:oe] by
// text[ns:ne], without the characters the two share at their ends.
func trimmedEdit(doc *document.Document, text []byte, os, oe, ns, ne int, enc document.Unit) TextEdit {
	old := doc.Text
	for os < oe && ns < ne && old[os] == text[ns] {
		os++
		ns++
	}
	for oe > os && ne > ns && old[oe-1] == text[ne-1] {
		oe--
		ne--
	}
	// Keep the edit on whole characters.
	for os > 0 && !startsRune(old, os) {
		os--
		ns--
	}
	for oe < len(old) && !startsRune(old, oe) {
		oe++
		ne++
	}
	return TextEdit{Range: rangeOf(doc, document.Span{Start: os, End: oe}, enc), NewText: string(text[ns:ne])}
}

// startsRune reports whether offset i of b starts a character (or is its
// end).
func startsRune(b []byte, i int) bool {
	return i >= len(b) || b[i]&0xC0 != 0x80
}

// rangeOf converts a span of doc to a range.
func rangeOf(doc *document.Document, s document.Span, enc document.Unit) Range {
	bom := bomWidth(doc.Text, enc)
	return Range{Start: position(doc.PositionIn(s.Start, enc), bom), End: position(doc.PositionIn(s.End, enc), bom)}
}

// hover answers textDocument/hover: for the findings at the position, the
// rule's explanation with its examples.
func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, *ResponseError) {
	var p TextDocumentPositionParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, errorf(CodeInvalidParams, "textDocument/hover: %v", err)
	}
	_, a, rerr := s.waitCurrent(ctx, p.TextDocument.URI)
	if rerr != nil {
		return nil, rerr
	}
	if a.doc == nil || a.ctx == nil {
		return nil, nil
	}
	doc := a.doc
	off := s.offset(document.NewLines(doc.Text), doc.Text, p.Position)
	var b strings.Builder
	var at *Range
	seen := map[string]bool{}
	for i, f := range a.findings {
		if off < f.Span.Start || off > f.Span.End || f.Path != doc.Path {
			continue
		}
		if at == nil {
			r := a.diags[i].Range
			at = &r
		}
		if b.Len() > 0 {
			b.WriteString("\n\n---\n\n")
		}
		fmt.Fprintf(&b, "**%s** (%s): %s", f.Rule, f.Severity, escapeMarkdown(f.Message))
		if seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		if r, ok := a.ctx.pipe.Registry.Lookup(f.Rule); ok {
			b.WriteString("\n\n")
			writeRuleMarkdown(&b, r)
		}
	}
	if b.Len() == 0 {
		return nil, nil
	}
	return Hover{Contents: MarkupContent{Kind: "markdown", Value: b.String()}, Range: at}, nil
}

// writeRuleMarkdown writes a rule's documentation as Markdown: its
// summary, explanation and examples.
func writeRuleMarkdown(b *strings.Builder, r *rules.Rule) {
	fmt.Fprintf(b, "%s\n\n", escapeMarkdown(r.Summary))
	if r.Explanation != "" {
		b.WriteString(escapeMarkdown(r.Explanation))
		b.WriteString("\n")
	}
	if r.Bad != "" {
		f := fence(r.Bad)
		fmt.Fprintf(b, "\nReported:\n\n%stext\n%s\n%s\n", f, r.Bad, f)
	}
	if r.Good != "" {
		f := fence(r.Good)
		fmt.Fprintf(b, "\nAccepted:\n\n%stext\n%s\n%s\n", f, r.Good, f)
	}
	if r.Link != "" {
		fmt.Fprintf(b, "\n[%s](%s)\n", "Style guide", r.Link)
	}
}

// fence returns a code fence for text: three backticks, or one more than
// the longest run of backticks in text, so that an example with a fence
// of its own stays inside.
func fence(text string) string {
	longest, run := 0, 0
	for _, c := range text {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// escapeMarkdown keeps text literal in Markdown: HTML (a directive's
// comment would vanish) and the marks of emphasis and code are escaped.
func escapeMarkdown(s string) string {
	return markdownEscaper.Replace(s)
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "<", `\<`, ">", `\>`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`)
