package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/docqa/docqa/report"
	"github.com/spf13/cobra"
)

// stdinName is the name standard input goes by in merge's messages.
const stdinName = "<stdin>"

// mergeOptions are the flags of "docqa merge".
type mergeOptions struct {
	format    string
	output    string
	failLevel string
}

// newMergeCommand returns "docqa merge [FILE|-]...".
func newMergeCommand() *cobra.Command {
	o := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge [FILE|-]...",
		Short: "Merge the JSON or SARIF outputs of the shards of a lint run",
		Long: `Merge the outputs of "docqa lint --shard I/N --format json" (or sarif) into
the one output the whole run would have printed: the findings sorted by path
as lint sorts them, the summary counts added up; for SARIF one run with the
union of the rules and every result. Give the outputs of every shard, in any
order; '-' reads standard input. The format is read from the content unless
--format names it; all the inputs must be in one format, SARIF logs from one
docqa version.

The merged output goes to standard output, or with -o to a file, written
atomically, and only if every input could be merged. A file that is not a
regular file (a named pipe, a device, /dev/stdout) is written in place. An
-o file that is one of the inputs is a usage error.

Exit status, as for lint: 0 no finding at or above --fail-level; 1 findings
at or above it (the merged output is written all the same); 2 a usage or
I/O error, or inputs that do not merge (not docqa's JSON or SARIF, of
different formats, from different docqa versions, one document's findings
in two inputs), with a one-line message naming the input.`,
		Example: `  docqa merge shard-*.json > docqa.json
  docqa merge --format sarif -o docqa.sarif --fail-level error shard-*/docqa.sarif`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "", "format of the inputs and the output: "+strings.Join(report.MergeFormats(), " or ")+" (default: read from the first input)")
	f.StringVarP(&o.output, "output", "o", "", "write the merged output to this file, atomically, instead of standard output; never one of the inputs")
	f.StringVar(&o.failLevel, "fail-level", "warning", "lowest severity that makes the exit status 1: error, warning, info or never")
	return cmd
}

// run merges the files named by args.
func (o *mergeOptions) run(cmd *cobra.Command, args []string) error {
	failAt, err := parseFailLevel(o.failLevel)
	if err != nil {
		return failure("%v", err)
	}
	if o.format != "" && !slices.Contains(report.MergeFormats(), o.format) {
		return failure("cannot merge --format %q (want %s)", o.format, strings.Join(report.MergeFormats(), " or "))
	}
	if len(args) == 0 {
		return failure("no files given (usage: %s)", cmd.UseLine())
	}
	plan := newWritePlan(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr())
	for _, arg := range args {
		plan.ReadFile("the input "+arg, arg)
	}
	dest := plan.Output("-o "+o.output, o.output)
	if err := plan.Check(); err != nil {
		return failure("%v", err)
	}
	inputs, err := readMergeInputs(args, cmd.InOrStdin())
	if err != nil {
		return failure("%v", err)
	}
	var out bytes.Buffer
	sum, err := report.Merge(&out, o.format, inputs)
	if err != nil {
		return failure("%v", err)
	}
	if err := dest.Write(out.Bytes()); err != nil {
		return failure("%v", err)
	}
	if failAt != 0 && sum.AtLeast(failAt) > 0 {
		return &exitError{code: exitFindings}
	}
	return nil
}

// readMergeInputs reads the files to merge; "-" is standard input. A file
// named twice is an error: merged twice, its findings would count twice.
func readMergeInputs(args []string, stdin io.Reader) ([]report.MergeInput, error) {
	inputs := make([]report.MergeInput, 0, len(args))
	seen := map[string]string{} // fileKey → name as given
	for _, arg := range args {
		name, key := stdinName, "\x00stdin"
		if arg != "-" {
			name, key = arg, fileKey(arg)
		}
		if prev, dup := seen[key]; dup {
			if prev == name {
				return nil, fmt.Errorf("%s: named twice", name)
			}
			return nil, fmt.Errorf("%s: the same file as %s", name, prev)
		}
		seen[key] = name
		var data []byte
		var err error
		if arg == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(arg)
		}
		if err != nil {
			return nil, fileError(filepath.ToSlash(name), err)
		}
		inputs = append(inputs, report.MergeInput{Name: name, Data: data})
	}
	return inputs, nil
}
