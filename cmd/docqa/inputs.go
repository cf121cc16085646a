package main

import (
	"context"
	"io"

	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/internal/writeplan"
)

// input is one document of a command (see package inputs).
type input = inputs.Input

// fileKey identifies a file across the spellings of its path (see
// writeplan.FileKey) so that it is linted once.
func fileKey(path string) string { return writeplan.FileKey(path) }

// newWritePlan returns the plan of a command's writes (see package
// writeplan), with the walk's rules: which files a folder walk lints.
func newWritePlan(ctx context.Context, stdout, stderr io.Writer) *writeplan.Plan {
	p := writeplan.New(ctx, stdout, stderr)
	p.IsDocument, p.SkipFolder = inputs.IsDocument, inputs.SkipFolder
	return p
}

// planInputs records the documents of a run and the folders among args,
// the command line's paths, in the plan: no output may overwrite one, nor
// land where a walk of one would lint it.
func planInputs(p *writeplan.Plan, ins []input, args []string) {
	for _, in := range ins {
		if !in.Stdin {
			p.ReadKeyed("the input "+in.Name, in.Path, in.Key)
		}
	}
	for _, arg := range args {
		if arg != "-" && arg != "" {
			p.ReadFolder(inputs.DisplayName(arg), arg)
		}
	}
}
