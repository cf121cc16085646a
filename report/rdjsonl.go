package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// RDJSONL writes reviewdog's diagnostic JSON lines (rdjsonl, the wire
// format of reviewdog.rdf.Diagnostic): one JSON object a line, one line a
// finding,
//
//	{"message": "...", "location": {"path": "PATH", "range": {
//	  "start": {"line": L, "column": C}, "end": {"line": EL, "column": EC}}},
//	 "severity": "ERROR|WARNING|INFO", "source": {"name": "docqa"},
//	 "code": {"value": "RULE"},
//	 "suggestions": [{"range": {...}, "text": "REPLACEMENT"}]}
//
// with one suggestion per fix ("suggestions" is left out when there are
// none). As reviewdog's format requires, lines and columns are 1-based and
// columns count UTF-8 bytes from the start of the line (a byte order mark
// included); the end is exclusive. It writes each document's lines as File
// receives them, and no summary.
type RDJSONL struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewRDJSONL returns an rdjsonl printer writing to w.
func NewRDJSONL(w io.Writer) *RDJSONL {
	p := &RDJSONL{w: w}
	p.enc = json.NewEncoder(&p.buf)
	p.enc.SetEscapeHTML(false)
	return p
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdSource struct {
	Name string `json:"name"`
}

type rdCode struct {
	Value string `json:"value"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

// Begin implements Printer; it writes nothing.
func (p *RDJSONL) Begin() error { return nil }

// File implements Printer: it writes the document's findings in one write.
func (p *RDJSONL) File(doc *document.Document, findings []rules.Finding) error {
	if len(findings) == 0 {
		return nil
	}
	p.buf.Reset()
	for i := range findings {
		f := &findings[i]
		d := rdDiagnostic{
			Message:  f.Message,
			Location: rdLocation{Path: path(doc, f), Range: byteRange(doc, f.Span)},
			Severity: strings.ToUpper(level(f.Severity)),
			Source:   rdSource{Name: "docqa"},
			Code:     rdCode{Value: f.Rule},
		}
		for _, fix := range f.Fixes {
			d.Suggestions = append(d.Suggestions, rdSuggestion{Range: byteRange(doc, fix.Span), Text: fix.Replacement})
		}
		if err := p.enc.Encode(d); err != nil {
			return err
		}
	}
	_, err := p.w.Write(p.buf.Bytes())
	return err
}

// End implements Printer; it writes nothing.
func (p *RDJSONL) End(Summary) error { return nil }

// byteRange returns a span's start and end as 1-based lines and 1-based
// columns counted in bytes.
func byteRange(doc *document.Document, s document.Span) rdRange {
	return rdRange{Start: bytePosition(doc, s.Start), End: bytePosition(doc, s.End)}
}

// bytePosition returns the line of a byte offset and its column in bytes
// from the start of the line; offsets outside the text are clamped to it.
// Reviewdog counts the bytes of the line as the file stores them, a byte
// order mark included, where the document's columns start after it: on
// line 1 the column is the offset itself, plus one.
func bytePosition(doc *document.Document, off int) rdPosition {
	p := doc.PositionIn(off, document.Bytes)
	if p.Line == 1 {
		p.Column = max(0, min(off, len(doc.Text))) + 1
	}
	return rdPosition{Line: p.Line, Column: p.Column}
}
