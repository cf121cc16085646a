package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/rulestest"
)

// rulesTestOptions are the flags of "docqa rules test".
type rulesTestOptions struct {
	configPath string
	update     bool
}

// newRulesTestCommand returns "docqa rules test [PATH]...".
func newRulesTestCommand() *cobra.Command {
	o := &rulesTestOptions{}
	cmd := &cobra.Command{
		Use:   "test [PATH]...",
		Short: "Check the rules against fixtures that say what they must find",
		Long: `Lint fixture documents with the configured rules (built-in and house rules)
and compare the findings with the expectations written inside the fixtures:

  <!-- want: house/kyiv -->
  The war reached Kiev in February.

A marker line is about the next line that is not a marker line; a marker at
the end of a line is about that line; several rules are separated by commas.
Plain-text fixtures may write a marker line as "# want: RULE". Folders are
searched for .md, .markdown and .txt files; the default is the working folder.

Missing and unexpected findings are printed as path:line; the exit status is
1 if there are any, 0 if every fixture matches, 2 for a usage, config or I/O
error. --update rewrites the markers from the findings instead.`,
		Example: `  docqa rules test testdata/
  docqa rules test --config examples/news.yaml examples/news.md
  docqa rules test --update testdata/kyiv.md`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd.OutOrStdout(), args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.configPath, "config", "", "config file (default: the nearest .docqa.yaml in the working folder or above)")
	f.BoolVar(&o.update, "update", false, "rewrite the fixtures' markers from the findings")
	return cmd
}

func (o *rulesTestOptions) run(w io.Writer, args []string) error {
	if len(args) == 0 {
		args = []string{"."}
	}
	res, err := newResolver(o.configPath, nil, nil)
	if err != nil {
		return failure("%v", err)
	}
	pl, err := workingPipeline(res)
	if err != nil {
		return failure("%v", err)
	}
	files, err := rulestest.Files(args)
	if err != nil {
		return failure("%v", err)
	}
	if len(files) == 0 {
		return failure("no fixtures (.md, .markdown or .txt files) in %v", args)
	}
	r := &rulestest.Runner{Linter: pl.Linter(), Filter: pl.Process, Documents: pl.Documents}
	failed := 0
	for _, path := range files {
		ps, changed, err := r.Check(path, o.update)
		if err != nil {
			return failure("%v", err)
		}
		if changed {
			fmt.Fprintf(w, "updated %s\n", path)
		}
		for _, p := range ps {
			fmt.Fprintln(w, p)
		}
		if len(ps) > 0 {
			failed++
		}
	}
	if failed > 0 {
		return &exitError{code: exitFindings, msg: fmt.Sprintf("%d of %d fixtures do not match", failed, len(files))}
	}
	if !o.update {
		fmt.Fprintf(w, "ok: %d %s\n", len(files), plural(len(files), "fixture", "fixtures"))
	}
	return nil
}

// plural returns one if n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
