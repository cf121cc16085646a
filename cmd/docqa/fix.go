package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/docqa/docqa/internal/lintrun"
)

// newFixer checks the fix flags against each other, the arguments and
// --format, and returns the fixer for --fix or --diff, or nil without
// either. --diff prints no findings, so the text format on standard output
// prints nothing and leaves it to the diff; another format there would
// wrap the diff in its report.
func (o *lintOptions) newFixer(args []string) (*lintrun.Fixer, error) {
	switch {
	case o.fix && o.diff:
		return nil, errors.New("--fix and --diff cannot be used together: --diff writes nothing")
	case o.unsafeFixes && !o.fix && !o.diff:
		return nil, errors.New("--unsafe-fixes needs --fix or --diff")
	case o.fix && slices.Contains(args, "-"):
		return nil, errors.New("--fix cannot write to standard input; use --diff")
	case !o.fix && !o.diff:
		return nil, nil
	}
	if o.diff {
		// The diff goes to standard output; a report there would mix with it.
		for _, spec := range o.formats {
			if format, _, toFile := strings.Cut(spec, ":"); !toFile && format != "text" {
				return nil, fmt.Errorf("--diff and --format %s cannot be used together: --diff prints only the diff", spec)
			}
		}
	}
	return &lintrun.Fixer{Write: o.fix, Unsafe: o.unsafeFixes}, nil
}
