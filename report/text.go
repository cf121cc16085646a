package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// Text writes one finding a line, "path:line:col: severity: message
// [rule-id]", the shape vim's quickfix, emacs' compile mode and editor
// problem matchers read. Line and column are 1-based and the column counts
// Unicode code points. It writes no summary.
type Text struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewText returns a text printer writing to w.
func NewText(w io.Writer) *Text { return &Text{w: w} }

// Begin implements Printer; it writes nothing.
func (p *Text) Begin() error { return nil }

// File implements Printer: it writes the document's findings in one write.
func (p *Text) File(doc *document.Document, findings []rules.Finding) error {
	if len(findings) == 0 {
		return nil
	}
	p.buf.Reset()
	cur := doc.Cursor()
	for i := range findings {
		f := &findings[i]
		pos := cur.Position(f.Span.Start)
		fmt.Fprintf(&p.buf, "%s:%d:%d: %s: %s [%s]\n",
			path(doc, f), pos.Line, pos.Column, f.Severity, oneLine(f.Message), f.Rule)
	}
	_, err := p.w.Write(p.buf.Bytes())
	return err
}

// End implements Printer; it writes nothing.
func (p *Text) End(Summary) error { return nil }

// lineBreaks turns each kind of line break into a space.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// oneLine keeps a message on its line: line breaks become spaces.
func oneLine(s string) string { return lineBreaks.Replace(s) }
