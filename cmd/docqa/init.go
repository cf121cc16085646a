package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/internal/atomicfile"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/rules"
	"github.com/spf13/cobra"
)

// initOptions are the settings of "docqa init".
type initOptions struct {
	force    bool
	stdout   bool
	registry func() *rules.Registry
}

// newInitCommand returns "docqa init".
func newInitCommand() *cobra.Command {
	o := &initOptions{registry: pipeline.Registry}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter " + config.FileName,
		Long: `Write a commented starter ` + config.FileName + ` in the working folder: the profile,
and every rule and revision check with its default severity and options,
commented out. Uncomment a line to change a setting.

An existing ` + config.FileName + ` is left alone unless --force is given. The file is
written to a temporary file and renamed into place, never left half-written.`,
		Example: `  docqa init
  docqa init --stdout > team.docqa.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.force, "force", false, "overwrite an existing "+config.FileName)
	f.BoolVar(&o.stdout, "stdout", false, "print the starter configuration instead of writing it")
	return cmd
}

// run writes the starter configuration to config.FileName in the working
// folder, or to w with --stdout.
func (o *initOptions) run(w io.Writer) error {
	data := config.Starter(o.registry(), checks.Rules())
	if o.stdout {
		_, err := w.Write(data)
		return err
	}
	path := config.FileName
	if !o.force {
		// Lstat, so that a symbolic link, even a dangling one, counts as
		// an existing file.
		switch _, err := os.Lstat(path); {
		case err == nil:
			return failure("%s: already exists (use --force to overwrite)", path)
		case !errors.Is(err, fs.ErrNotExist):
			return failure("%v", fileProblem(path, err))
		}
	}
	if err := atomicfile.Write(path, data); err != nil {
		return failure("%v", err)
	}
	_, err := fmt.Fprintf(w, "wrote %s\n", path)
	return err
}

// fileProblem returns "path: problem" for an error about path, without the
// operation Go's errors name ("lstat path: ...").
func fileProblem(path string, err error) error {
	return fserr.Named(path, err)
}
