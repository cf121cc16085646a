package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/inputs"
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
reports, statements, speeches, transcripts, earlier articles (.txt, .md and
.markdown files; folders are searched). Each quotation of three words or more
is looked up and classed:

  verbatim   a passage of a source says its words (typography, the case of a
             letter, an ellipsis for omitted words and bracketed editorial
             words aside): no finding, unless sources/verbatim is enabled;
  altered    the closest passage is the same statement in other words:
             sources/altered (error), with the word diff [-source-]{+quotation+}
             and the passage's path:line:col;
  not found  no source has it: sources/not-found (info).

The rules are configured like the others (severity, --enable, --disable,
suppression directives). The exit status is 1 if any finding is at or above
--fail-level, 2 for a usage, config or I/O error.`,
		Example: `  docqa verify article.md --sources reports/
  docqa verify --format json --enable sources/verbatim drafts/ --sources sources/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.sources, "sources", nil, "a source file or folder the quotations come from (repeatable)")
	f.StringArrayVar(&o.formats, "format", []string{"text"}, "output format, optionally written to a file (FORMAT[:PATH], repeatable): "+strings.Join(report.Formats(), ", "))
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
	srcs, srcOK := inputs.CollectWith(o.sources, "", stderr, pipeline.IsSource)
	ok = ok && srcOK
	var sources []*verify.Source
	for _, in := range srcs {
		data, err := os.ReadFile(in.Path)
		if err != nil {
			warn(stderr, "%v", fileError(in.Name, err))
			ok = false
			continue
		}
		if notice, err := inputs.Refuse(in, data, document.MaxSize, "read as a source", false); err != nil {
			warn(stderr, "%v", err)
			ok = ok && notice
			continue
		}
		text, times, err := verify.Text(in.Name, data)
		if err != nil {
			warn(stderr, "%s: %v", in.Name, err)
			ok = false
			continue
		}
		sources = append(sources, &verify.Source{Path: in.Name, Text: text, Times: times})
	}
	// Every output is checked against the documents and sources before
	// anything is written.
	plan := newWritePlan(cmd.Context(), stdout, stderr)
	planInputs(plan, docs, args)
	planInputs(plan, srcs, o.sources)
	outputs.Plan(plan, outs)
	if err := plan.Check(); err != nil {
		return failure("%v", err)
	}
	index := verify.NewIndex(sources)
	printer, closeOutputs, err := outputs.LintPrinter(outs, reportOptions(res.Registry()), stdout)
	if err != nil {
		return failure("%v", err)
	}
	// The index is a large live heap: the collector at its default keeps
	// the peak near twice it, where lint's setting would let it grow five
	// times.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(100)
	}
	var sum report.Summary
	if err := printer.Begin(); err != nil {
		return failure("writing output: %v", err)
	}
	// The documents are checked by a pool of workers and printed in input
	// order, as lint prints them.
	type result struct {
		doc      *document.Document
		findings []rules.Finding
		err      error // printed on stderr; the run fails
		notice   error // printed on stderr; the run goes on
	}
	check := func(in input) result {
		data, err := readInput(cmd, in)
		if err != nil {
			return result{err: err}
		}
		if notice, err := inputs.Refuse(in, data, document.MaxSize, "checked", false); err != nil {
			if notice {
				return result{notice: err}
			}
			return result{err: err}
		}
		doc := in.Pipeline.Load(in.Name, data)
		sevs, err := in.Pipeline.Rules.Severities(in.Pipeline.Registry)
		if err != nil {
			return result{err: err}
		}
		x := index
		if len(o.sources) == 0 {
			// The sources the configuration or the front matter names.
			paths, err := in.Pipeline.SourcesFor(doc)
			if err != nil {
				return result{err: err}
			}
			if len(paths) == 0 {
				return result{err: fmt.Errorf("%s: no sources: name them with --sources PATH, in %s (sources:) or in its front matter", in.Name, config.FileName)}
			}
			if x, err = in.Pipeline.SourceIndex(paths); err != nil {
				return result{err: err}
			}
		}
		findings, err := in.Pipeline.ProcessOnly(doc, x.Check(doc, sevs), "sources")
		if err != nil {
			return result{err: err}
		}
		rules.SortFindings(findings)
		return result{doc: doc, findings: findings}
	}
	ready := make(chan struct{}, len(docs))
	results := make([]chan result, len(docs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	next := make(chan int)
	jobs := runtime.NumCPU()
	for range jobs {
		go func() {
			for i := range next {
				results[i] <- check(docs[i])
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range docs {
			// At most twice the workers' documents wait to be printed.
			if i >= 2*jobs {
				<-ready
			}
			next <- i
		}
	}()
	for i := range docs {
		r := <-results[i]
		ready <- struct{}{}
		switch {
		case r.err != nil:
			warn(stderr, "%v", r.err)
			ok = false
			continue
		case r.notice != nil:
			warn(stderr, "%v", r.notice)
			continue
		}
		sum.Add(r.findings)
		if err := printer.File(r.doc, r.findings); err != nil {
			return failure("writing output: %v", err)
		}
	}
	if err := printer.End(sum); err != nil {
		return failure("writing output: %v", err)
	}
	if err := closeOutputs(); err != nil {
		return failure("%v", err)
	}
	switch {
	case !ok:
		return &exitError{code: exitFailure}
	case failAt != 0 && sum.AtLeast(failAt) > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}

// readInput reads a document: a file, or standard input for "-".
func readInput(cmd *cobra.Command, in input) ([]byte, error) {
	if in.Stdin {
		data, err := io.ReadAll(cmd.InOrStdin())
		if err != nil {
			return nil, fileError(in.Name, err)
		}
		return data, nil
	}
	data, err := os.ReadFile(in.Path)
	if err != nil {
		return nil, fileError(filepath.ToSlash(in.Name), err)
	}
	return data, nil
}
