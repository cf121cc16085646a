package main

import (
	"io"
	"os"
	"slices"
	"strings"

	"github.com/docqa/docqa/internal/files"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/internal/outputs"
	"github.com/docqa/docqa/internal/term"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// diffOptions are the flags of "docqa diff".
type diffOptions struct {
	formats    []string // "FORMAT" or "FORMAT:PATH", repeatable
	configPath string
	enable     []string
	disable    []string
	failLevel  string
	color      string
}

// diffColorModes returns the values --color accepts.
func diffColorModes() []string { return []string{"auto", "always", "never"} }

// newDiffCommand returns "docqa diff OLD NEW".
func newDiffCommand() *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two revisions of a document",
		Long: `Compare two revisions of a document: OLD, the earlier, and NEW, the later.
The quotations, sentences and lint findings of the two are paired, and the
revision checks report what an editor must confirm: a quotation whose words
changed, a quotation now credited to someone else, a changed figure, an added
or removed quotation, changed code, HTML, link targets or front matter, and
lint findings that NEW introduced. White space and line endings alone are no
change.

The text format prints a word-level diff of the changed paragraphs,
deletions as [-old-] and insertions as {+new+} (in red and green on a
terminal), then a blank line and the findings, one a line, as 'docqa lint'
prints them. A finding lies in NEW, but for a removed quotation, code block,
HTML block or front matter, which lies in OLD. The json format is that of
'docqa lint --format json', with "old_text" and "new_text" where a finding
has them. The html format is one page to read in a browser: NEW's
paragraphs, each changed one with its word diff and findings beside it.

The exit status is 1 if any finding is at or above --fail-level, 2 for a
usage, config or I/O error.`,
		Example: `  docqa diff draft-3.md draft-4.md
  docqa diff --format json --fail-level error old.txt new.txt
  docqa diff --color never --disable checks/quote-added a.md b.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return failure("diff takes two files, OLD and NEW, not %d (usage: %s)", len(args), cmd.UseLine())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, args[0], args[1])
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.formats, "format", []string{"text"}, "output format, optionally written to a file (FORMAT[:PATH], repeatable; PATH '-' is standard output): "+strings.Join(report.Formats(), ", "))
	f.StringVar(&o.configPath, "config", "", "config file (default: NEW's nearest "+config.FileName+", in its folder or above)")
	f.StringSliceVar(&o.enable, "enable", nil, "enable a rule or a category of rules (repeatable)")
	f.StringSliceVar(&o.disable, "disable", nil, "disable a rule or a category of rules (repeatable)")
	f.StringVar(&o.failLevel, "fail-level", "warning", "lowest severity that makes the exit status 1: error, warning, info or never")
	f.StringVar(&o.color, "color", "auto", "colour the word diff: auto (on a terminal, unless NO_COLOR is set), always or never")
	return cmd
}

// run compares the revisions at oldPath and newPath and prints the result
// to the command's output.
func (o *diffOptions) run(cmd *cobra.Command, oldPath, newPath string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	outs, err := outputs.Parse(o.formats)
	if err != nil {
		return failure("%v", err)
	}
	if !slices.Contains(diffColorModes(), o.color) {
		return failure("unknown --color %q (want %s)", o.color, strings.Join(diffColorModes(), ", "))
	}
	failAt, err := parseFailLevel(o.failLevel)
	if err != nil {
		return failure("%v", err)
	}

	// The new revision's configuration judges both.
	resolver, err := newResolver(o.configPath, o.enable, o.disable)
	if err != nil {
		return failure("%v", err)
	}
	pl, err := resolver.For(newPath)
	if err != nil {
		return failure("%v", err)
	}
	comparer, err := pl.Comparer()
	if err != nil {
		return failure("%v", err)
	}
	// Every output is checked against the revisions and the config file
	// before anything is written.
	plan := newWritePlan(cmd.Context(), stdout, stderr)
	plan.ReadFile("the revision "+oldPath, oldPath)
	plan.ReadFile("the revision "+newPath, newPath)
	if pl.File != "" {
		plan.ReadFile("the config file "+displayPath(resolver, pl.File), pl.File)
	}
	outputs.Plan(plan, outs)
	if err := plan.Check(); err != nil {
		return failure("%v", err)
	}

	oldDoc, err := loadRevision(oldPath, pl.Documents)
	if err != nil {
		return failure("%v", err)
	}
	newDoc, err := loadRevision(newPath, pl.Documents)
	if err != nil {
		return failure("%v", err)
	}
	if err := cmd.Context().Err(); err != nil {
		return failure("interrupted")
	}
	res, err := pipeline.Compare(comparer, oldDoc, newDoc)
	if err != nil {
		return failure("%v", err)
	}

	files := report.SplitFindings(res)
	var sum report.Summary
	for _, f := range files {
		sum.Add(f.Findings)
	}
	sinks := outputs.Open(outs, stdout)
	defer outputs.Abort(sinks) // a failed run leaves the files as they were
	for _, sk := range sinks {
		switch sk.Format {
		case "text":
			err = report.WriteDiffText(sk.Writer(), res, sk.ToStdout() && o.useColor(stdout))
		case "html":
			err = report.WriteDiffHTML(sk.Writer(), res, reportOptions(pl.Registry))
		default:
			err = writeDiffReport(sk.Writer(), sk.Format, pl.Registry, files, sum)
		}
		if err != nil {
			return failure("writing output: %v", err)
		}
	}
	if err := outputs.Flush(sinks); err != nil {
		return failure("%v", err)
	}
	if failAt != 0 && sum.AtLeast(failAt) > 0 {
		return &exitError{code: exitFindings}
	}
	return nil
}

// loadRevision reads the file at path into a document named as lint names
// it (cleaned, with "/" separators), with opts. A file that cannot be read,
// is too large or holds a NUL byte is an error naming it.
func loadRevision(path string, opts *document.Options) (*document.Document, error) {
	name := inputs.DisplayName(path)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(name, err)
	}
	if _, err := inputs.Refuse(input{File: files.File{Name: name, Explicit: true}}, data, document.MaxSize, "compared", false); err != nil {
		return nil, err
	}
	return opts.Load(name, data), nil
}

// writeDiffReport writes the findings in one of lint's machine formats
// (json, sarif, github, checkstyle, junit, rdjsonl): both revisions, each
// with its findings, and the summary.
func writeDiffReport(w io.Writer, format string, reg *rules.Registry, files []report.RevisionFile, sum report.Summary) error {
	printer, err := report.New(format, w, reportOptions(reg))
	if err != nil {
		return err
	}
	if err := printer.Begin(); err != nil {
		return err
	}
	for _, f := range files {
		if err := printer.File(f.Doc, f.Findings); err != nil {
			return err
		}
	}
	return printer.End(sum)
}

// useColor reports whether the word diff written to w is coloured: always,
// never, or with "auto" when w is a terminal and the NO_COLOR environment
// variable is unset or empty (https://no-color.org).
func (o *diffOptions) useColor(w io.Writer) bool {
	switch o.color {
	case "always":
		return true
	case "never":
		return false
	}
	return term.Color(w)
}
