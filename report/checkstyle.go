package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// Checkstyle writes the findings as a Checkstyle XML report, which CI
// systems and code review tools (Jenkins' warnings plugin, reviewdog,
// GitLab converters) read:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<checkstyle version="4.3">
//	  <file name="PATH">
//	    <error line="L" column="C" severity="error|warning|info" message="..." source="docqa.RULE"/>
//	  </file>
//	</checkstyle>
//
// Every document linted has a file element, in the order given (empty if it
// has no findings). Lines and columns are 1-based and columns count Unicode
// code points. Text is escaped as XML requires (line breaks in a message
// too, so they survive attribute normalisation), and characters XML cannot
// hold become U+FFFD. It writes each document's element as File receives
// it.
type Checkstyle struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewCheckstyle returns a Checkstyle printer writing to w.
func NewCheckstyle(w io.Writer) *Checkstyle { return &Checkstyle{w: w} }

// Begin implements Printer: it writes the XML header and opens the root.
func (p *Checkstyle) Begin() error {
	_, err := io.WriteString(p.w, xml.Header+`<checkstyle version="4.3">`+"\n")
	return err
}

// File implements Printer: it writes the document's file element.
func (p *Checkstyle) File(doc *document.Document, findings []rules.Finding) error {
	p.buf.Reset()
	name := filepath.ToSlash(doc.Path)
	if len(findings) > 0 {
		name = path(doc, &findings[0])
	}
	p.buf.WriteString(`  <file name="`)
	p.attr(name)
	if len(findings) == 0 {
		p.buf.WriteString("\"/>\n")
		_, err := p.w.Write(p.buf.Bytes())
		return err
	}
	p.buf.WriteString("\">\n")
	cur := doc.Cursor()
	for i := range findings {
		f := &findings[i]
		pos := cur.Position(f.Span.Start)
		fmt.Fprintf(&p.buf, `    <error line="%d" column="%d" severity="%s" message="`, pos.Line, pos.Column, level(f.Severity))
		p.attr(f.Message)
		p.buf.WriteString(`" source="docqa.`)
		p.attr(f.Rule)
		p.buf.WriteString("\"/>\n")
	}
	p.buf.WriteString("  </file>\n")
	_, err := p.w.Write(p.buf.Bytes())
	return err
}

// End implements Printer: it closes the root.
func (p *Checkstyle) End(Summary) error {
	_, err := io.WriteString(p.w, "</checkstyle>\n")
	return err
}

// attr appends s escaped for an attribute value in double quotes.
func (p *Checkstyle) attr(s string) {
	xml.EscapeText(&p.buf, []byte(s)) // writing to a bytes.Buffer cannot fail
}
