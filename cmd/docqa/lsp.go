package main

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/lsp"
	"github.com/docqa/docqa/pipeline"
)

// lspOptions are the flags of "docqa lsp".
type lspOptions struct {
	configPath string
	enable     []string
	disable    []string
	logPath    string
	debounce   time.Duration
}

// newLSPCommand returns "docqa lsp".
func newLSPCommand() *cobra.Command {
	o := &lspOptions{}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server (LSP 3.17 over standard input and output)",
		Long: `Run docqa's language server: an editor starts "docqa lsp" and speaks the
Language Server Protocol with it over standard input and output. Markdown
(.md, .markdown) and text (.txt) documents get docqa's findings as
diagnostics while they are edited, each rule's fixes and a directive that
suppresses it as code actions, source.fixAll.docqa for every safe fix, and
the rule's explanation on hover; with a golden copy (golden/ in the
workspace folder), the document's changes to quotations, speakers and
figures too. Each document uses its nearest .docqa.yaml, read again when it
changes. The log goes to the client, or to --log's file.

The client's initializationOptions may set "debounce" (milliseconds),
"goldenDir" and "languages" (language ID → "markdown" or "text").

Exit status: 0 after shutdown and exit; 1 when the client exits or goes
away without shutdown; 2 for a usage error or a broken stream.`,
		Example: `  nvim: vim.lsp.start({ name = "docqa", cmd = { "docqa", "lsp" } })`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.configPath, "config", "", "config file (default: each document's nearest "+config.FileName+")")
	f.StringSliceVar(&o.enable, "enable", nil, "enable a rule or a category of rules (repeatable)")
	f.StringSliceVar(&o.disable, "disable", nil, "disable a rule or a category of rules (repeatable)")
	f.StringVar(&o.logPath, "log", "", "append the server's log to this file instead of sending it to the client")
	f.DurationVar(&o.debounce, "debounce", lsp.DefaultDebounce, "pause after a change before the document is checked")
	return cmd
}

// run serves the client on standard input and output.
func (o *lspOptions) run(cmd *cobra.Command) error {
	wd, err := os.Getwd()
	if err != nil {
		return failure("finding the working folder: %v", err)
	}
	opts := lsp.Options{
		Settings: pipeline.Settings{WorkDir: wd, Config: o.configPath, Enable: o.enable, Disable: o.disable},
		Debounce: o.debounce,
		Version:  version(),
	}
	if o.debounce == 0 {
		opts.Debounce = -1
	}
	if o.logPath != "" {
		if inputs.IsDocument(o.logPath) || filepath.Base(o.logPath) == config.FileName {
			return failure("--log %s: a document or configuration, not a log file: name another file", o.logPath)
		}
		f, err := os.OpenFile(o.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return failure("--log: %v", fileError(o.logPath, err))
		}
		defer f.Close()
		opts.Log = f
	}
	err = lsp.NewServer(cmd.InOrStdin(), cmd.OutOrStdout(), opts).Run(cmd.Context())
	switch {
	case err == nil:
		return nil
	case errors.Is(err, lsp.ErrExitWithoutShutdown):
		return &exitError{code: exitFindings}
	}
	return failure("lsp: %v", err)
}
