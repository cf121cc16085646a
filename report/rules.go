package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/docqa/docqa/internal/wrap"

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
		wrap.Write(&b, r.Explanation, "", explainWidth)
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
				wrap.Write(&b, opt.Doc, "      ", explainWidth)
			}
			if opt.Default != nil {
				wrap.Write(&b, "Default: "+config.ExampleValue(opt), "      ", explainWidth)
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
