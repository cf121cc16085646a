package main

import (
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/internal/lintrun"
	"github.com/docqa/docqa/internal/outputs"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
	"github.com/docqa/docqa/verify"
)

// verifyOptions are the flags of "docqa verify".
type verifyOptions struct {
	sources       []string
	formats       []string
	configPath    string
	enable        []string
	disable       []string
	failLevel     string
	stdinFilename string
}

// newVerifyCommand returns "docqa verify [PATH|-]... --sources PATH...".
func newVerifyCommand() *cobra.Command {
	o := &verifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify [PATH|-]... --sources PATH...",
		Short: "Check each quotation against its sources",
		Long: `Check each quotation of the documents against the sources it comes from:
reports, statements, speeches, transcripts, earlier articles (.txt, .md,
.markdown, HTML pages, .srt and .vtt transcripts; folders are searched),
named by --sources, or else by the configuration's sources: or a Markdown
document's front matter. Each quotation of three words or more is looked up
and classed:

  verbatim   a passage of a source says its words (typography, the case of a
             letter, an ellipsis for omitted words and bracketed editorial
             words aside): no finding, unless sources/verbatim is enabled;
  altered    the closest passage is the same statement in other words:
             sources/altered (error), with the word diff [-source-]{+quotation+}
             and the passage's path:line:col;
  not found  no source has it: sources/not-found (info).

The rules are configured like the others (severity, --enable, --disable,
suppression directives). The exit status is 1 if any finding is at or above
--fail-level, 2 for a usage, config or I/O error: a source that cannot be
read, or a folder of --sources in which none can. A binary file found in a
folder is skipped, and a source not in UTF-8 read as it is, with a notice.`,
		Example: `  docqa verify article.md --sources reports/
  docqa verify --format json --enable sources/verbatim drafts/ --sources sources/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.sources, "sources", nil, "a source file or folder the quotations come from (repeatable)")
	f.StringArrayVar(&o.formats, "format", []string{"text"}, "output format, optionally written to a file (FORMAT[:PATH], repeatable; PATH '-' is standard output): "+strings.Join(report.Formats(), ", "))
	f.StringVar(&o.configPath, "config", "", "config file (default: each document's nearest "+config.FileName+")")
	f.StringSliceVar(&o.enable, "enable", nil, "enable a rule or a category of rules (repeatable)")
	f.StringSliceVar(&o.disable, "disable", nil, "disable a rule or a category of rules (repeatable)")
	f.StringVar(&o.failLevel, "fail-level", "warning", "lowest severity that makes the exit status 1: error, warning, info or never")
	f.StringVar(&o.stdinFilename, "stdin-filename", "<stdin>", "name reported for '-' input; its extension picks the format")
	return cmd
}

// run checks the quotations of args against the sources.
func (o *verifyOptions) run(cmd *cobra.Command, args []string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if len(args) == 0 {
		return failure("no paths given (usage: %s)", cmd.UseLine())
	}
	failAt, err := parseFailLevel(o.failLevel)
	if err != nil {
		return failure("%v", err)
	}
	outs, err := outputs.Parse(o.formats)
	if err != nil {
		return failure("%v", err)
	}
	res, err := newResolver(o.configPath, o.enable, o.disable)
	if err != nil {
		return failure("%v", err)
	}
	docs, ok := inputs.Collect(args, o.stdinFilename, stderr)
	if err := resolveInputs(res, docs); err != nil {
		return failure("%v", err)
	}
	// The sources of --sources, for every document; without them, each
	// document's pipeline reads those its configuration or front matter
	// names.
	var sources []*verify.Source
	if len(o.sources) > 0 {
		var problems []verify.Problem
		sources, problems = verify.ReadSources(res.Settings().WorkDir, o.sources)
		for _, p := range problems {
			warn(stderr, "%v", p)
			ok = ok && p.Notice
		}
	}
	// Every output is checked against the documents and sources before
	// anything is written.
	plan := newWritePlan(cmd.Context(), stdout, stderr)
	planInputs(plan, docs, args)
	planInputs(plan, nil, o.sources)
	for _, s := range sources {
		plan.ReadFile("the input "+s.Path, s.File)
	}
	planSources(plan, res)
	for _, src := range o.sources {
		plan.ReadSource(src, src) // a folder of them: no page or text put in it
	}
	outputs.Plan(plan, outs)
	if err := plan.Check(); err != nil {
		return failure("%v", err)
	}
	// The index is a large live heap, of arrays the collector does not
	// scan: a collection costs little, and lint's setting would let the
	// heap grow to five times it. With --sources, the heap grows a fifth
	// over the index between collections; otherwise, as much again.
	gc := 100
	var index *verify.Index
	if len(o.sources) > 0 {
		index, gc = verify.NewIndex(sources), 20
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gc)
	}
	opts := reportOptions(res.Registry())
	opts.Command = "verify"
	printer, closeOutputs, err := outputs.LintPrinter(outs, opts, stdout)
	if err != nil {
		return failure("%v", err)
	}
	// A run that ends early (a panic included) leaves no temporary file:
	// a second call of closeOutputs does nothing.
	defer closeOutputs()
	l := &lintrun.Run{Stdin: cmd.InOrStdin(), Stdout: stdout, Stderr: stderr, Printer: printer,
		Jobs: runtime.NumCPU(), Progress: lintrun.NewProgress(stderr, len(docs)), Verb: "checked",
		Check: func(p *pipeline.Pipeline, doc *document.Document) ([]rules.Finding, error) {
			return p.Verify(doc, index)
		}}
	sum, runOK, err := l.Lint(cmd.Context(), docs)
	recordReadSources(plan, res) // no output is written over one
	printSourceNotices(res, stderr)
	if cerr := closeOutputs(); err == nil {
		err = cerr
	}
	switch {
	case errors.Is(err, context.Canceled):
		return failure("interrupted")
	case err != nil:
		return failure("%v", err)
	case !ok || !runOK:
		return &exitError{code: exitFailure}
	case failAt != 0 && sum.AtLeast(failAt) > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}

// printSourceNotices prints the notices of the sources the run's pipelines
// read (see pipeline.Pipeline.SourceNotices), by configuration file.
func printSourceNotices(res *pipeline.Resolver, stderr io.Writer) {
	ps := res.Pipelines()
	for _, cfg := range slices.Sorted(maps.Keys(ps)) {
		for _, n := range ps[cfg].SourceNotices() {
			warn(stderr, "%v", n)
		}
	}
}
