package main

import (
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/goldenfile"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/internal/outputs"
	"github.com/docqa/docqa/internal/term"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
)

// defaultGoldenDir is the default of --golden-dir.
const defaultGoldenDir = "golden"

// goldenOptions are the flags of "docqa golden".
type goldenOptions struct {
	goldenDir  string
	update     bool
	formats    []string // "FORMAT" or "FORMAT:PATH", repeatable
	configPath string
}

// newGoldenCommand returns "docqa golden [PATH]...".
func newGoldenCommand() *cobra.Command {
	o := &goldenOptions{}
	cmd := &cobra.Command{
		Use:   "golden [PATH]...",
		Short: "Compare documents with their golden copies",
		Long: `Compare documents with their approved ("golden") copies. The golden copy of
articles/x.md is golden/articles/x.md: the golden folder mirrors the
documents' paths relative to the working folder. Folders are searched as by
'docqa lint', leaving out the golden folder itself.

A document whose text is its golden copy's, line endings and a byte order
mark aside, passes. One that differs in any other byte fails, with a
word-level diff of its prose, a line diff of the lines that differ in more
than words (code, HTML, link targets, front matter, white space), and the
revision checks (changed quotations, speakers, figures, code and markup;
lint findings it introduced). One without a golden copy fails too.
--update approves the documents: it writes each one that differs or is
missing over its golden copy, atomically, keeping the file's mode, and says
which it wrote.

The exit status is 0 if every document passes (or, with --update, was
written), 1 if any differs from its golden copy or has none, 2 for a usage,
config or I/O error.`,
		Example: `  docqa golden articles/
  docqa golden --update articles/x.md
  docqa golden --golden-dir testdata/approved --format junit articles/ > golden.xml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.goldenDir, "golden-dir", defaultGoldenDir, "folder of the golden copies, mirroring the documents' paths")
	f.BoolVar(&o.update, "update", false, "write the documents that differ or are missing over their golden copies")
	f.StringArrayVar(&o.formats, "format", []string{"text"}, "output format, optionally written to a file (FORMAT[:PATH], repeatable; PATH '-' is standard output): "+strings.Join(report.Formats(), ", ")+"; text, json, junit and html report every document, the others the revision findings of the drifted ones")
	f.StringVar(&o.configPath, "config", "", "config file for every document (default: each document's nearest "+config.FileName+", in its folder or above)")
	return cmd
}

// goldenRun checks documents against their golden copies.
type goldenRun struct {
	opts    *goldenOptions
	checker *goldenfile.Checker
	// comparers are the comparers of the configurations met so far.
	comparers map[*pipeline.Pipeline]*checks.Comparer
	stderr    io.Writer
}

// run checks args and prints the outcome to the command's outputs.
func (o *goldenOptions) run(cmd *cobra.Command, args []string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if o.goldenDir == "" {
		return failure("--golden-dir must name a folder")
	}
	if len(args) == 0 {
		return failure("no paths given (usage: %s)", cmd.UseLine())
	}
	if slices.Contains(args, "-") {
		return failure("standard input has no golden copy: name the documents' files")
	}
	outs, err := outputs.Parse(o.formats)
	if err != nil {
		return failure("%v", err)
	}

	res, err := newResolver(o.configPath, nil, nil)
	if err != nil {
		return failure("%v", err)
	}
	inputs, ok := inputs.Collect(args, "", stderr)
	if err := resolveInputs(res, inputs); err != nil {
		return failure("%v", err)
	}
	// Every output is checked against the documents, their golden copies
	// and the config files before anything is written.
	plan := newWritePlan(cmd.Context(), stdout, stderr)
	planInputs(plan, inputs, append(slices.Clone(args), o.goldenDir))
	for _, cfg := range slices.Sorted(maps.Keys(res.Pipelines())) {
		plan.ReadFile("the config file "+displayPath(res, cfg), cfg)
	}
	outputs.Plan(plan, outs)
	if err := plan.Check(); err != nil {
		return failure("%v", err)
	}
	opts := report.GoldenOptions{Options: reportOptions(res.Registry()), Update: o.update, Approve: o.approveHint}
	sinks := outputs.Open(outs, stdout)
	defer outputs.Abort(sinks) // a failed run leaves the files as they were
	var printers []report.GoldenPrinter
	for _, sk := range sinks {
		opts.Color = sk.ToStdout() && term.Color(stdout)
		p, err := report.NewGolden(sk.Format, sk.Writer(), opts)
		if err != nil {
			return failure("%v", err)
		}
		printers = append(printers, p)
	}
	printer := report.MultiGolden(printers...)

	g := &goldenRun{
		opts:      o,
		checker:   &goldenfile.Checker{WorkDir: res.Settings().WorkDir, Dir: o.goldenDir, Update: o.update},
		comparers: map[*pipeline.Pipeline]*checks.Comparer{},
		stderr:    stderr,
	}
	var sum goldenfile.Summary
	if err := printer.Begin(); err != nil {
		return failure("writing output: %v", err)
	}
	for _, in := range inputs {
		if err := cmd.Context().Err(); err != nil {
			return failure("interrupted")
		}
		e, skip := g.check(in)
		if skip {
			continue
		}
		if e.Err != nil {
			warn(stderr, "%v", e.Err)
		}
		sum.Add(e.Status)
		if err := printer.Entry(e); err != nil {
			return failure("writing output: %v", err)
		}
	}
	if err := printer.End(sum); err != nil {
		return failure("writing output: %v", err)
	}
	if err := outputs.Flush(sinks); err != nil {
		return failure("%v", err)
	}
	switch {
	case !ok || sum.Errors > 0:
		return &exitError{code: exitFailure} // each problem is already reported
	case sum.Drifted > 0 || sum.Missing > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}

// check checks one document against its golden copy, and with --update
// approves it. skip reports a document found in a folder walk that is not
// to be checked: a golden copy itself, or a file too large or binary (with
// a notice on stderr).
func (g *goldenRun) check(in input) (e *goldenfile.Entry, skip bool) {
	e = &goldenfile.Entry{Name: in.Name, Status: goldenfile.Unchecked}
	golden, err := g.checker.Path(in.Name)
	if err != nil {
		if errors.Is(err, goldenfile.ErrInGoldenDir) && !in.Explicit {
			return nil, true
		}
		e.Err = err
		return e, false
	}
	e.Golden = filepath.ToSlash(golden)
	data, err := os.ReadFile(in.Path)
	if err != nil {
		e.Err = fileError(in.Name, err)
		return e, false
	}
	if notice, err := inputs.Refuse(in, data, document.MaxSize, "checked", false); err != nil {
		if notice {
			warn(g.stderr, "%v", err)
			return nil, true
		}
		e.Err = err
		return e, false
	}
	c, err := g.comparer(in.Pipeline)
	if err != nil {
		e.Err = err
		return e, false
	}
	return g.checker.Check(c, in.Name, data, golden), false
}

// comparer returns the comparer of a document's configuration, made once.
func (g *goldenRun) comparer(rp *pipeline.Pipeline) (*checks.Comparer, error) {
	if c := g.comparers[rp]; c != nil {
		return c, nil
	}
	c, err := rp.Comparer()
	if err != nil {
		return nil, err
	}
	g.comparers[rp] = c
	return c, nil
}

// approveHint is the command that approves the document at name.
func (o *goldenOptions) approveHint(name string) string {
	cmd := "docqa golden"
	if o.goldenDir != defaultGoldenDir {
		cmd += " --golden-dir " + shellQuote(o.goldenDir)
	}
	return cmd + " --update " + shellQuote(name)
}

// shellQuote quotes s for a POSIX shell when it holds more than letters,
// digits and the punctuation of ordinary paths.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@%") == "" {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`").Replace(s) + `"`
}
