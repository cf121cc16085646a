package report

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// JSON writes the findings as one JSON object,
//
//	{"findings": [{"path", "line", "column", "end_line", "end_column",
//	  "rule", "severity", "message", "text",
//	  "fixes": [{"line", "column", "end_line", "end_column", "replacement", "unsafe"}]}],
//	 "summary": {"files", "error", "warning", "info"}}
//
// indented by two spaces, byte for byte what json.MarshalIndent(v, "", "  ")
// gives for the whole object (without escaping <, > and &), but written a
// document at a time. Lines and columns are 1-based, columns count Unicode
// code points and end_column is exclusive. "text" is the finding's span as
// written in the document. "fixes" is left out when a finding has none, and
// "unsafe" is present, and true, only on a fix that changes a quotation.
type JSON struct {
	w     io.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	out   []byte // File's buffer, kept for the next document
	count int    // findings written so far
}

// NewJSON returns a JSON printer writing to w.
func NewJSON(w io.Writer) *JSON {
	p := &JSON{w: w}
	p.enc = json.NewEncoder(&p.buf)
	p.enc.SetEscapeHTML(false)
	return p
}

type jsonFinding struct {
	Path      string        `json:"path"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"end_line"`
	EndColumn int           `json:"end_column"`
	Rule      string        `json:"rule"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	Text      string        `json:"text"`
	Fixes     []jsonFix     `json:"fixes,omitempty"`
	Related   []jsonRelated `json:"related,omitempty"`
	OldText   string        `json:"old_text,omitempty"`
	NewText   string        `json:"new_text,omitempty"`
}

// jsonRelated is another place a finding is about.
type jsonRelated struct {
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

type jsonFix struct {
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
	Replacement string `json:"replacement"`
	Message     string `json:"message,omitempty"`
	Unsafe      bool   `json:"unsafe,omitempty"`
}

type jsonSummary struct {
	Files   int `json:"files"`
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Begin implements Printer: it opens the object and the findings list.
func (p *JSON) Begin() error {
	p.count = 0
	_, err := io.WriteString(p.w, "{\n  \"findings\": [")
	return err
}

// jsonChunk is the size of the writes of JSON.File: a document with many
// findings is written in pieces of about this size, not held whole.
const jsonChunk = 64 << 10

// File implements Printer: it writes the document's findings, in writes
// of about jsonChunk bytes.
func (p *JSON) File(doc *document.Document, findings []rules.Finding) error {
	if len(findings) == 0 {
		return nil
	}
	jfs := jsonFindings(doc, findings)
	return p.writeEach(len(jfs), func(out []byte, i int) ([]byte, error) {
		return appendFindingJSON(out, &jfs[i], "    "), nil
	})
}

// writeEach writes n findings to the list, each appended to the output by
// add, separated and indented as the list is, in writes of about jsonChunk
// bytes.
func (p *JSON) writeEach(n int, add func(out []byte, i int) ([]byte, error)) error {
	if n == 0 {
		return nil
	}
	out := p.out[:0]
	for i := range n {
		if p.count > 0 {
			out = append(out, ',')
		}
		p.count++
		out = append(out, "\n    "...)
		var err error
		if out, err = add(out, i); err != nil {
			return err
		}
		if len(out) >= jsonChunk {
			if _, err := p.w.Write(out); err != nil {
				return err
			}
			out = out[:0]
		}
	}
	p.out = out
	_, err := p.w.Write(out)
	return err
}

// End implements Printer: it closes the findings list and writes the
// summary.
func (p *JSON) End(sum Summary) error {
	var out bytes.Buffer
	if p.count > 0 {
		out.WriteString("\n  ")
	}
	out.WriteString("],\n  \"summary\": ")
	js := jsonSummary(sum)
	if err := p.encode(&out, js, "  "); err != nil {
		return err
	}
	out.WriteString("\n}\n")
	_, err := p.w.Write(out.Bytes())
	return err
}

// encode appends v to out as indented JSON whose lines after the first
// start with prefix, without a final newline.
func (p *JSON) encode(out *bytes.Buffer, v any, prefix string) error {
	p.buf.Reset()
	p.enc.SetIndent(prefix, "  ")
	if err := p.enc.Encode(v); err != nil {
		return err
	}
	out.Write(bytes.TrimSuffix(p.buf.Bytes(), []byte("\n")))
	return nil
}
