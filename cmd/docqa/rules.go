package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/rules"
)

// rulesOptions are the settings of "docqa rules".
type rulesOptions struct {
	registry   func() *rules.Registry
	configPath string
}

// newRulesCommand returns "docqa rules [ID]".
func newRulesCommand() *cobra.Command {
	o := &rulesOptions{registry: checks.Registry}
	cmd := &cobra.Command{
		Use:   "rules [ID]",
		Short: "List the rules, or explain one",
		Long: `List the rules with their default severity, or explain one rule: what it
finds, its options, and an example of text it reports and of text it accepts.
A category name ("quotes") lists the rules of that category. The list holds
the lint rules, the house rules of the config file ("house/...") and the
revision checks ("checks/...") that 'docqa diff' and 'docqa golden' report.

'docqa rules test' checks the rules against fixtures.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.OutOrStdout(), args)
		},
	}
	cmd.Flags().StringVar(&o.configPath, "config", "", "config file whose house rules to list (default: the nearest .docqa.yaml in the working folder or above)")
	cmd.AddCommand(newRulesTestCommand())
	return cmd
}

func (o *rulesOptions) run(w io.Writer, args []string) error {
	reg := o.registry()
	res, err := newResolver(o.configPath, nil, nil)
	if err != nil {
		return failure("%v", err)
	}
	pl, err := workingPipeline(res)
	if err != nil {
		return failure("%v", err)
	}
	for _, r := range pl.Config.House { // the configuration's house rules join the list
		reg.Add(r)
	}
	if len(args) == 0 {
		return writeRuleTable(w, reg.Rules())
	}
	if r, ok := reg.Lookup(args[0]); ok {
		return explainRule(w, r)
	}
	rs, err := reg.Select(args[0])
	if err != nil {
		return failure("%v", err)
	}
	return writeRuleTable(w, rs)
}

// writeRuleTable writes one rule a line: ID, default severity, summary.
func writeRuleTable(w io.Writer, rs []*rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tSUMMARY")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.DefaultSeverity(), r.Summary)
	}
	return tw.Flush()
}

// explainRule writes a rule's documentation: summary, default severity,
// explanation, options and examples.
func explainRule(w io.Writer, r *rules.Rule) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Summary)
	fmt.Fprintf(&b, "Default severity: %s\n", r.DefaultSeverity())
	if r.Explanation != "" {
		b.WriteString("\n")
		writeWrapped(&b, r.Explanation, "", 80)
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
				writeWrapped(&b, opt.Doc, "      ", 80)
			}
			if opt.Default != nil {
				writeWrapped(&b, "Default: "+exampleValue(opt), "      ", 80)
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

// writeIndented writes text with every line indented by indent.
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
