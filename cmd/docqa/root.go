package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// newRootCommand returns the docqa command with its subcommands.
func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "docqa",
		Short: "docqa checks prose: quotations, repetitions, web page residue and house style",
		Long: `docqa checks prose: quotations, repetitions, web page residue and house style.

Exit status: 0 nothing at or above the fail level; 1 findings;
2 a usage, config or I/O error.`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return failure("%v (see '%s --help')", err, cmd.CommandPath())
	})
	root.AddCommand(newLintCommand(), newDiffCommand(), newGoldenCommand(), newVerifyCommand(), newLSPCommand(), newRulesCommand(), newInitCommand(), newVersionCommand(), newMergeCommand())
	return root
}

// execute runs docqa with args (without the program name) and returns the
// exit status. A failing command's message is printed on stderr as one line,
// "docqa: message".
func execute(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCommand()
	if args == nil {
		args = []string{} // cobra reads os.Args for nil
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		ee = &exitError{code: exitFailure, msg: err.Error()}
	}
	if ee.msg != "" {
		fmt.Fprintf(stderr, "docqa: %s\n", firstLine(ee.msg))
	}
	return ee.code
}

// firstLine returns s up to its first line break.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}
