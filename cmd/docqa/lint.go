package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
	"github.com/spf13/cobra"
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
	f.StringVar(&o.configPath, "config", "", "config file (default: the nearest "+config.FileName+" in the working folder or above)")
	f.StringVar(&o.profile, "profile", "", "the profile, news or docs, instead of the config file's (the rules the file configures keep its settings)")
	f.StringSliceVar(&o.enable, "enable", nil, "enable a rule or a category of rules (repeatable)")
	f.StringSliceVar(&o.disable, "disable", nil, "disable a rule or a category of rules (repeatable)")
	f.StringVar(&o.failLevel, "fail-level", "warning", "lowest severity that makes the exit status 1: error, warning, info or never")
	f.StringVar(&o.stdinFilename, "stdin-filename", "<stdin>", "name reported for '-' input; its extension picks the format")
	f.IntVar(&o.jobs, "jobs", runtime.NumCPU(), "number of files linted at once")
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
	sh, err := parseShard(o.shard)
	if err != nil {
		return failure("%v", err)
	}
	if o.jobs < 1 {
		return failure("--jobs must be at least 1, not %d", o.jobs)
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

	// The revision checks are in the registry so that a config file may
	// configure them; the linter skips them.
	reg := checks.Registry()
	file, err := o.loadConfig(reg)
	if err != nil {
		return failure("%v", err)
	}
	if o.profile != "" {
		if err := file.SetProfile(o.profile, reg); err != nil {
			return failure("--profile: %v", err)
		}
	}
	cfg := file.Rules
	cfg.Enable = append(slices.Clone(cfg.Enable), o.enable...)
	cfg.Disable = append(slices.Clone(cfg.Disable), o.disable...)
	linter, err := rules.NewLinter(reg, cfg)
	if err != nil {
		return failure("%v", err)
	}
	stages, err := o.stages(reg, cfg)
	if err != nil {
		return failure("%v", err)
	}
	all, ok := collectInputs(args, o.stdinFilename, stderr)
	// Every output is checked before anything is linted or written.
	outs, baseDest, err := o.planWrites(newWritePlan(cmd.Context(), stdout, stderr), args, all)
	if err != nil {
		return failure("%v", err)
	}
	inputs := sh.filter(all)
	pl := &pipeline{docs: &file.Documents, linter: linter, stages: stages, fix: fx.stage()}
	stdin := cmd.InOrStdin()
	if linter.Across() {
		// A rule looks across documents: count every file of the run
		// first, those of the other shards too, so that every shard
		// keeps the same spelling.
		c := &lintRun{pipeline: pl, stdin: stdin, jobs: o.jobs}
		census, err := c.census(cmd.Context(), all)
		if errors.Is(err, context.Canceled) {
			return failure("interrupted")
		}
		if err != nil {
			return failure("%v", err)
		}
		pl.linter, stdin = linter.WithCensus(census), c.stdin
	}
	printer, closeOutputs, err := openPrinter(outs, reg, stdout)
	if err != nil {
		return failure("%v", err)
	}
	printer, saveBaseline := recordBaseline(printer, baseDest, stderr)

	l := &lintRun{
		pipeline: pl,
		stdin:    stdin,
		stdout:   stdout,
		stderr:   stderr,
		printer:  printer,
		jobs:     o.jobs,
		progress: newProgress(stderr, len(inputs)),
	}
	sum, lintOK, err := l.run(cmd.Context(), inputs)
	diffed := fx.finish(stderr)
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
func (o *lintOptions) planWrites(plan *writePlan, args []string, inputs []input) ([]output, *destination, error) {
	outs, err := parseOutputs(o.formats)
	if err != nil {
		return nil, nil, err
	}
	plan.readInputs(inputs)
	plan.readFolders(args)
	switch cfg, err := findConfig(o.configPath); {
	case err != nil:
		return nil, nil, err
	case o.configPath != "":
		plan.readFile("the --config file "+cfg, cfg)
	case cfg != "":
		plan.readFile("the config file "+cfg, cfg)
	}
	if o.baseline != "" {
		plan.readFile("the --baseline file "+o.baseline, o.baseline)
	}
	for i := range outs {
		outs[i].dest = plan.output("--format "+outs[i].spec, outs[i].path)
	}
	var base *destination
	if o.writeBaseline != "" {
		base = plan.output("--write-baseline "+o.writeBaseline, o.writeBaseline)
	}
	if err := plan.check(); err != nil {
		return nil, nil, err
	}
	return outs, base, nil
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

// loadConfig reads the configuration: the --config file, else the
// nearest config file found from the working folder up, else the defaults.
func (o *lintOptions) loadConfig(reg *rules.Registry) (*config.Config, error) {
	return loadRuleConfig(o.configPath, reg)
}

// loadRuleConfig reads the configuration of a command: the file at path if
// it is not empty, else the nearest config file found from the working
// folder up, else the defaults (a zero Config). It adds the config's house
// rules to reg.
func loadRuleConfig(path string, reg *rules.Registry) (*config.Config, error) {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return nil, fileError(path, err)
		}
	}
	path, err := findConfig(path)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return &config.Config{}, nil
	}
	cfg, err := config.Load(path, reg)
	if err != nil {
		return nil, err // "path:line: problem"
	}
	for _, r := range cfg.House { // the config's house rules join the registry
		reg.Add(r)
	}
	return cfg, nil
}

// findConfig returns the config file a command uses: path if it is not
// empty, else the nearest config file found from the working folder up,
// relative to the working folder, else "".
func findConfig(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", config.FileName, err)
	}
	found, err := config.Find(wd)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", config.FileName, err)
	}
	if rel, err := filepath.Rel(wd, found); err == nil && found != "" {
		found = rel // shorter in messages
	}
	return found, nil
}

// fileError describes a failure to read a file as "name: problem", without
// the operation Go's errors name ("open name: ...").
func fileError(name string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: no such file or directory", name)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", name, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// warn prints a one-line message on w as "docqa: message".
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "docqa: "+format+"\n", args...)
}
