package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/rules"
)

// explainWidth is the width ExplainRule wraps prose to.
const explainWidth = 80

// WriteRuleTable writes rs to w as a table, one rule a line under a
// heading: ID, default severity and summary, in columns aligned with
// spaces.
func WriteRuleTable(w io.Writer, rs []*rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tSUMMARY")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.DefaultSeverity(), r.Summary)
	}
	return tw.Flush()
}

// ExplainRule writes r's documentation to w: its ID and summary, its
// default severity, its explanation, its options (kind, choices,
// documentation and default, as a configuration would give it) and its
// examples of text it reports (Bad) and accepts (Good). Prose is wrapped
// to lines of at most 80 characters; the examples are indented as they
// are. The output ends with one newline.
func ExplainRule(w io.Writer, r *rules.Rule) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Summary)
	fmt.Fprintf(&b, "Default severity: %s\n", r.DefaultSeverity())
	if r.Explanation != "" {
		b.WriteString("\n")
		writeWrapped(&b, r.Explanation, "", explainWidth)
	}
	if len(r.Options) > 0 {
		b.WriteString("\nOptions:\n")
		for _, opt := range r.Options {
			kind := opt.Kind.String()
			if len(opt.Choices) > 0 {
				kind += ", one of " + strings.Join(opt.Choices, ", ")
			}
			fmt.Fprintf(&b, "  %s (%s)\n", opt.Name, kind)
			if opt.Doc != "" {
				writeWrapped(&b, opt.Doc, "      ", explainWidth)
			}
			if opt.Default != nil {
				writeWrapped(&b, "Default: "+config.ExampleValue(opt), "      ", explainWidth)
			}
		}
	}
	if r.Bad != "" {
		b.WriteString("\nBad:\n")
		writeIndented(&b, r.Bad, "    ")
	}
	if r.Good != "" {
		b.WriteString("\nGood:\n")
		writeIndented(&b, r.Good, "    ")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeIndented writes text with every line indented by indent, its blank
// lines left empty.
func writeIndented(b *bytes.Buffer, text, indent string) {
	for line := range strings.Lines(strings.TrimRight(text, "\n") + "\n") {
		if strings.TrimSpace(line) == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString(indent + line)
	}
}

// writeWrapped writes text reflowed to lines of at most width characters (a
// longer word gets a line of its own), each starting with indent.
// Paragraphs, separated by blank lines, stay apart.
func writeWrapped(b *bytes.Buffer, text, indent string, width int) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		n := 0
		for _, word := range strings.Fields(para) {
			switch {
			case n == 0:
				b.WriteString(indent)
				n = len(indent)
			case n+1+utf8.RuneCountInString(word) > width:
				b.WriteString("\n" + indent)
				n = len(indent)
			default:
				b.WriteByte(' ')
				n++
			}
			b.WriteString(word)
			n += utf8.RuneCountInString(word)
		}
		if n > 0 {
			b.WriteString("\n")
		}
	}
}
