package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// rulesOptions are the settings of "docqa rules".
type rulesOptions struct {
	registry   func() *rules.Registry
	configPath string
}

// newRulesCommand returns "docqa rules [ID]".
func newRulesCommand() *cobra.Command {
	o := &rulesOptions{registry: pipeline.Registry}
	cmd := &cobra.Command{
		Use:   "rules [ID]",
		Short: "List the rules, or explain one",
		Long: `List the rules with their default severity, or explain one rule: what it
finds, its options, and an example of text it reports and of text it accepts.
A category name ("quotes") lists the rules of that category. The list holds
the lint rules, the house rules of the config file ("house/..."), the
revision checks ("checks/...") that 'docqa diff' and 'docqa golden' report
and the rules of 'docqa verify' ("sources/...").

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

// run writes the table of the rules, the configuration's house rules
// among them, or with an argument the explanation of one rule or the table
// of a category.
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
		return report.WriteRuleTable(w, reg.Rules())
	}
	if r, ok := reg.Lookup(args[0]); ok {
		return report.ExplainRule(w, r)
	}
	rs, err := reg.Select(args[0])
	if err != nil {
		return failure("%v", err)
	}
	return report.WriteRuleTable(w, rs)
}
