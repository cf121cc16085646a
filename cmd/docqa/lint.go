package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/baseline"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/internal/lintrun"
	"github.com/docqa/docqa/internal/outputs"
	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
	"github.com/docqa/docqa/verify"
)

// lintOptions are the flags of "docqa lint".
type lintOptions struct {
	formats       []string // "FORMAT" or "FORMAT:PATH", repeatable
	fix           bool
	diff          bool
	unsafeFixes   bool
	baseline      string
	writeBaseline string
	shard         string
	configPath    string
	profile       string
	enable        []string
	disable       []string
	failLevel     string
	stdinFilename string
	jobs          int
	showConfig    string
}

// newLintCommand returns "docqa lint [PATH|-]...".
func newLintCommand() *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [PATH|-]...",
		Short: "Lint files and folders",
		Long: `Lint files and folders. Folders are searched recursively for .txt, .md and
.markdown files, leaving out hidden folders and node_modules; a file named
explicitly is linted whatever its extension. '-' reads standard input.

Findings are printed sorted by path, line and column. The exit status is 1 if
any finding is at or above --fail-level, 2 for a usage, config or I/O error.`,
		Example: `  docqa lint articles/
  docqa lint --format json - --stdin-filename draft.md < draft.md
  docqa lint --disable style --fail-level error a.txt b.md`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.formats, "format", []string{"text"}, "output format, optionally written to a file, never an input (FORMAT[:PATH], repeatable; PATH '-' is standard output): "+strings.Join(report.Formats(), ", "))
	f.BoolVar(&o.fix, "fix", false, "apply the safe fixes in place, then report what is left")
	f.BoolVar(&o.diff, "diff", false, "print the fixes --fix would apply as a unified diff, and no findings; write nothing; exit status 1 if there is a diff")
	f.BoolVar(&o.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, also apply fixes inside quotations (check the source first)")
	f.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "record today's findings in this baseline file, never an input ('-' for standard output)")
	f.StringVar(&o.shard, "shard", "", "lint only the I-th of N stable shares of the files (I/N, by a hash of each path), to split a run between CI jobs")
	f.StringVar(&o.configPath, "config", "", "config file for every document (default: each document's nearest "+config.FileName+", in its folder or above)")
	f.StringVar(&o.profile, "profile", "", "the profile, news or docs, instead of the config file's (the rules the file configures keep its settings)")
	f.StringSliceVar(&o.enable, "enable", nil, "enable a rule or a category of rules (repeatable)")
	f.StringSliceVar(&o.disable, "disable", nil, "disable a rule or a category of rules (repeatable)")
	f.StringVar(&o.failLevel, "fail-level", "warning", "lowest severity that makes the exit status 1: error, warning, info or never")
	f.StringVar(&o.stdinFilename, "stdin-filename", "<stdin>", "name reported for '-' input; its extension picks the format")
	// One worker more than cores: a worker waiting on a read leaves its
	// core to the others (5–10% faster over many small files).
	f.IntVar(&o.jobs, "jobs", runtime.NumCPU()+1, "number of files linted at once (default: one more than the cores)")
	// The usage says the default in words; the number is the machine's,
	// and cobra would add it after them: "(default: ...) (default 3)".
	f.Lookup("jobs").DefValue = "0"
	f.StringVar(&o.showConfig, "show-config", "", "print which config file applies to the document at this path and the rules it runs, and lint nothing")
	return cmd
}

// run lints args and prints the findings to the command's output.
func (o *lintOptions) run(cmd *cobra.Command, args []string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	failAt, err := parseFailLevel(o.failLevel)
	if err != nil {
		return failure("%v", err)
	}
	if p := o.profile; p != "" && p != config.ProfileNews && p != config.ProfileDocs {
		return failure("unknown --profile %q (want %s or %s)", p, config.ProfileNews, config.ProfileDocs)
	}
	sh, err := inputs.ParseShard(o.shard)
	if err != nil {
		return failure("%v", err)
	}
	if o.jobs < 1 {
		return failure("--jobs must be at least 1, not %d", o.jobs)
	}
	if o.showConfig != "" {
		if len(args) > 0 {
			return failure("--show-config lints nothing: give it a path and no other")
		}
		return o.printConfig(stdout)
	}
	if len(args) == 0 {
		return failure("no paths given (usage: %s)", cmd.UseLine())
	}
	fx, err := o.newFixer(args)
	if err != nil {
		return failure("%v", err)
	}
	if err := o.checkDryRun(); err != nil {
		return failure("%v", err)
	}

	wd, err := os.Getwd()
	if err != nil {
		return failure("finding the working folder: %v", err)
	}
	res, err := o.resolver(wd)
	if err != nil {
		return failure("%v", err)
	}
	// The working folder's configuration is read first, so that a broken
	// one is reported whatever is linted.
	if _, err := workingPipeline(res); err != nil {
		return failure("%v", err)
	}
	all, ok := inputs.Collect(args, o.stdinFilename, stderr)
	if err := resolveInputs(res, all); err != nil {
		return failure("%v", err)
	}
	// Every output is checked before anything is linted or written.
	plan := newWritePlan(cmd.Context(), stdout, stderr)
	outs, baseDest, err := o.planWrites(plan, args, all, res)
	if err != nil {
		return failure("%v", err)
	}
	ins := sh.Filter(all)
	stdin := cmd.InOrStdin()
	kept := &lintrun.Kept{} // the census's reads, for the lint pass
	if across(all) {
		// A rule looks across documents: count every file of the run
		// first, those of the other shards too, so that every shard
		// keeps the same spelling.
		c := &lintrun.Run{Stdin: stdin, Jobs: o.jobs, Kept: kept}
		counted, err := c.Census(cmd.Context(), all)
		if errors.Is(err, context.Canceled) {
			return failure("interrupted")
		} else if err != nil {
			return failure("%v", err)
		}
		for i, in := range ins {
			if p, ok := counted[in.Pipeline]; ok {
				ins[i].Pipeline = p
			}
		}
		stdin = c.Stdin
	}
	printer, closeOutputs, err := outputs.LintPrinter(outs, reportOptions(res.Registry()), stdout)
	if err != nil {
		return failure("%v", err)
	}
	// A run that ends early (a panic included) leaves no temporary file:
	// a second call of closeOutputs does nothing.
	defer closeOutputs()
	printer, saveBaseline := recordBaseline(printer, baseDest, stderr)

	l := &lintrun.Run{
		Fix:      fx.Stage(),
		Kept:     kept,
		Stdin:    stdin,
		Stdout:   stdout,
		Stderr:   stderr,
		Printer:  printer,
		Jobs:     o.jobs,
		Progress: lintrun.NewProgress(stderr, len(ins)),
	}
	sum, lintOK, err := l.Lint(cmd.Context(), ins)
	recordReadSources(plan, res) // no output is written over one
	printSourceNotices(res, stderr)
	diffed := fx.Finish(stderr)
	if cerr := closeOutputs(); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		err = saveBaseline(ok && lintOK)
	}
	if errors.Is(err, context.Canceled) {
		return failure("interrupted")
	}
	if err != nil {
		return failure("%v", err)
	}
	switch {
	case !ok || !lintOK:
		return &exitError{code: exitFailure} // each problem is already reported
	case diffed: // --diff: fixes to apply
		return &exitError{code: exitFindings}
	case failAt != 0 && sum.AtLeast(failAt) > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}

// checkDryRun refuses, with --diff, the flags that write a file: --diff
// is a dry run, and a report or baseline written from it would record no
// findings at all.
func (o *lintOptions) checkDryRun() error {
	if !o.diff {
		return nil
	}
	if o.writeBaseline != "" {
		return errors.New("--diff and --write-baseline cannot be used together: --diff writes nothing")
	}
	for _, spec := range o.formats {
		if _, _, toFile := strings.Cut(spec, ":"); toFile {
			return fmt.Errorf("--diff and --format %s cannot be used together: --diff writes nothing", spec)
		}
	}
	return nil
}

// planWrites plans the files the run writes, the outputs of --format and
// the --write-baseline file, against those it reads: the documents
// (inputs, found from args), the config file and the --baseline file. It
// returns the outputs, each with its destination, and the baseline's
// destination (nil without --write-baseline), or the error that refuses
// an output that would overwrite a file read or another output.
func (o *lintOptions) planWrites(plan *writeplan.Plan, args []string, ins []input, res *pipeline.Resolver) ([]outputs.Output, *writeplan.Destination, error) {
	outs, err := outputs.Parse(o.formats)
	if err != nil {
		return nil, nil, err
	}
	planInputs(plan, ins, args)
	for _, cfg := range slices.Sorted(maps.Keys(res.Pipelines())) {
		switch {
		case o.configPath != "":
			plan.ReadFile("the --config file "+o.configPath, cfg)
		case cfg != "":
			plan.ReadFile("the config file "+displayPath(res, cfg), cfg)
		}
	}
	if o.baseline != "" {
		plan.ReadFile("the --baseline file "+o.baseline, o.baseline)
	}
	planSources(plan, res)
	for i := range outs {
		outs[i].Dest = plan.Output("--format "+outs[i].Spec, outs[i].Path)
	}
	var base *writeplan.Destination
	if o.writeBaseline != "" {
		base = plan.Output("--write-baseline "+o.writeBaseline, o.writeBaseline)
	}
	if err := plan.Check(); err != nil {
		return nil, nil, err
	}
	return outs, base, nil
}

// planSources records in plan the sources of quotations that the run's
// configurations name (sources:): no output may overwrite one, nor put a
// file docqa reads as a source into a folder of them. Those a document's
// front matter names are recorded when the run ends (recordReadSources).
func planSources(plan *writeplan.Plan, res *pipeline.Resolver) {
	plan.IsSource = verify.IsSource
	ps := res.Pipelines()
	for _, cfg := range slices.Sorted(maps.Keys(ps)) {
		for _, path := range ps[cfg].ConfiguredSources() {
			plan.ReadSource(displayPath(res, path), path)
		}
	}
}

// recordReadSources records in plan the sources of quotations the run's
// pipelines were asked to read (a document's front matter, or its
// configuration), read or not: the outputs, written when the run ends,
// are checked against them.
func recordReadSources(plan *writeplan.Plan, res *pipeline.Resolver) {
	ps := res.Pipelines()
	for _, cfg := range slices.Sorted(maps.Keys(ps)) {
		for _, path := range ps[cfg].SourcePaths() {
			plan.ReadSource(displayPath(res, path), path)
		}
	}
}

// resolver returns the resolver of the run's configurations: --config's
// for every document, or each one's nearest, with the command's profile,
// rule selection and baseline.
func (o *lintOptions) resolver(wd string) (*pipeline.Resolver, error) {
	if o.baseline != "" && o.writeBaseline != "" {
		return nil, errors.New("--baseline and --write-baseline together: to update a baseline, run with --write-baseline alone")
	}
	s := pipeline.Settings{WorkDir: wd, Config: o.configPath, Profile: o.profile, Enable: o.enable, Disable: o.disable}
	if o.baseline != "" {
		b, err := baseline.Load(o.baseline)
		if err != nil {
			return nil, err
		}
		s.Baseline = b
	}
	return pipeline.NewResolver(s), nil
}

// printConfig prints, for the document at --show-config, the config file
// that applies to it (or that none does), its profile, and each rule it
// runs with its severity and the options it sets, then the processors its
// findings pass through.
func (o *lintOptions) printConfig(w io.Writer) error {
	wd, err := os.Getwd()
	if err != nil {
		return failure("finding the working folder: %v", err)
	}
	res, err := o.resolver(wd)
	if err != nil {
		return failure("%v", err)
	}
	pl, err := res.For(o.showConfig)
	if err != nil {
		return failure("%v", err)
	}
	file := ""
	if pl.File != "" {
		file = displayPath(res, pl.File)
	}
	if err := pl.Describe(w, o.showConfig, file, o.configPath != ""); err != nil {
		return failure("writing output: %v", err)
	}
	return nil
}

// displayPath returns path relative to the resolver's working folder, for
// messages.
func displayPath(res *pipeline.Resolver, path string) string {
	if rel, err := filepath.Rel(res.Settings().WorkDir, path); err == nil {
		return rel
	}
	return path
}

// across reports whether a rule of an input's pipeline looks across
// documents.
func across(ins []input) bool {
	for _, in := range ins {
		if in.Pipeline.Linter().Across() {
			return true
		}
	}
	return false
}

// parseFailLevel parses --fail-level; "never" is severity 0.
func parseFailLevel(s string) (rules.Severity, error) {
	if s == "never" {
		return 0, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown --fail-level %q (want error, warning, info or never)", s)
	}
	return sev, nil
}

// fileError describes a failure to read a file as "name: problem", without
// the operation Go's errors name ("open name: ...").
func fileError(name string, err error) error {
	return fserr.Named(name, err)
}

// warn prints a one-line message on w as "docqa: message".
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "docqa: "+format+"\n", args...)
}
