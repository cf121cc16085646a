package report

import (
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// JSONFindings returns findings, which lie in doc, as the objects the JSON
// format writes for them: json.Marshal encodes each exactly as a finding of
// "docqa lint --format json" (see JSON), so other commands' JSON output
// shares its schema. The result is never nil.
func JSONFindings(doc *document.Document, findings []rules.Finding) []any {
	out := make([]any, 0, len(findings))
	for _, jf := range jsonFindings(doc, findings) {
		out = append(out, jf)
	}
	return out
}

// jsonFindings converts findings, which lie in doc, to their JSON form.
func jsonFindings(doc *document.Document, findings []rules.Finding) []jsonFinding {
	out := make([]jsonFinding, 0, len(findings))
	cur := doc.Cursor()
	for i := range findings {
		f := &findings[i]
		start, end := cur.Position(f.Span.Start), cur.Position(f.Span.End)
		jf := jsonFinding{
			Path:      path(doc, f),
			Line:      start.Line,
			Column:    start.Column,
			EndLine:   end.Line,
			EndColumn: end.Column,
			Rule:      f.Rule,
			Severity:  f.Severity.String(),
			Message:   f.Message,
			Text:      doc.String(f.Span),
			OldText:   f.OldText,
			NewText:   f.NewText,
		}
		for _, fix := range f.Fixes {
			fs, fe := cur.Position(fix.Span.Start), cur.Position(fix.Span.End)
			jf.Fixes = append(jf.Fixes, jsonFix{
				Line: fs.Line, Column: fs.Column, EndLine: fe.Line, EndColumn: fe.Column,
				Replacement: fix.Replacement, Message: fix.Message, Unsafe: fix.Unsafe,
			})
		}
		for _, rel := range f.Related {
			in, ok := relatedDoc(doc, rel)
			if !ok {
				continue // another document, whose positions are not known here
			}
			rs, re := in.Position(rel.Span.Start), in.Position(rel.Span.End)
			jf.Related = append(jf.Related, jsonRelated{
				Path: in.Path, Line: rs.Line, Column: rs.Column, EndLine: re.Line, EndColumn: re.Column,
				Message: rel.Message,
			})
		}
		out = append(out, jf)
	}
	return out
}

// relatedDoc returns the document a related place of a finding of doc lies
// in, and false when it is another document not at hand.
func relatedDoc(doc *document.Document, rel rules.Related) (*document.Document, bool) {
	switch {
	case rel.Doc != nil:
		return rel.Doc, true
	case rel.Path == "" || rel.Path == doc.Path:
		return doc, true
	}
	return nil, false
}
