package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// GitHub writes one GitHub Actions workflow command a finding, which the
// Actions runner turns into an annotation on the file:
//
//	::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE
//
// The command is error, warning or notice (for info). Lines and columns are
// 1-based, columns count Unicode code points and endColumn is exclusive.
// Values are escaped as the actions toolkit escapes them: in the message
// "%", CR and LF become %25, %0D and %0A; in the properties ":" and ","
// also become %3A and %2C. It writes no summary.
type GitHub struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewGitHub returns a GitHub workflow-command printer writing to w.
func NewGitHub(w io.Writer) *GitHub { return &GitHub{w: w} }

// Begin implements Printer; it writes nothing.
func (p *GitHub) Begin() error { return nil }

// File implements Printer: it writes the document's findings in one write.
func (p *GitHub) File(doc *document.Document, findings []rules.Finding) error {
	if len(findings) == 0 {
		return nil
	}
	p.buf.Reset()
	cur := doc.Cursor()
	for i := range findings {
		f := &findings[i]
		start, end := cur.Position(f.Span.Start), cur.Position(f.Span.End)
		fmt.Fprintf(&p.buf, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubCommand(f.Severity), githubProperty(path(doc, f)),
			start.Line, start.Column, end.Line, end.Column,
			githubProperty(f.Rule), githubData(f.Message))
	}
	_, err := p.w.Write(p.buf.Bytes())
	return err
}

// End implements Printer; it writes nothing.
func (p *GitHub) End(Summary) error { return nil }

// githubCommand names the workflow command for a severity.
func githubCommand(sev rules.Severity) string {
	if sev == rules.Info {
		return "notice"
	}
	return level(sev)
}

// The actions toolkit's escaping (toolkit's command.ts, escapeData and
// escapeProperty). "%" comes first, so the escapes are not escaped again.
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubData escapes a workflow command's message.
func githubData(s string) string { return githubDataEscaper.Replace(s) }

// githubProperty escapes the value of a workflow command's property.
func githubProperty(s string) string { return githubPropertyEscaper.Replace(s) }
