package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// output is one --format: a format and where it goes.
type output struct {
	spec   string // as given, for messages
	format string
	path   string // "" for standard output
	// dest is where the output goes, once the run's writes are planned
	// (see lintOptions.planWrites).
	dest *writeplan.Destination
}

// parseOutputs parses the values of --format, FORMAT or FORMAT:PATH. The
// paths are checked against each other and the inputs by a writePlan.
func parseOutputs(specs []string) ([]output, error) {
	outs := make([]output, 0, len(specs))
	for _, spec := range specs {
		format, path, hasPath := strings.Cut(spec, ":")
		if _, err := report.New(format, io.Discard, report.Options{}); err != nil {
			return nil, err // unknown format "x" (want ...)
		}
		if hasPath && path == "" {
			return nil, fmt.Errorf("--format %s: no file name after the colon (FORMAT or FORMAT:PATH)", spec)
		}
		outs = append(outs, output{spec: spec, format: format, path: path})
	}
	return outs, nil
}

// fileOutput is a format written to a file: buffered, and written whole
// when the run has ended, so that a reader never sees a part-written report
// and a failed run leaves the file as it was.
type fileOutput struct {
	report.Printer
	dest  *writeplan.Destination
	buf   bytes.Buffer
	ended bool
}

// End implements report.Printer: it notes that the output is complete.
func (f *fileOutput) End(sum report.Summary) error {
	if err := f.Printer.End(sum); err != nil {
		return err
	}
	f.ended = true
	return nil
}

// openPrinter opens the outputs of --format, outs, each with its
// destination: one on standard output is printed as the run goes, the
// others are written when it ends. It returns one printer writing all of
// them, and close, which writes each file if the run reached its end;
// close returns the first error, having tried every file.
func openPrinter(outs []output, reg *rules.Registry, stdout io.Writer) (p report.Printer, close func() error, err error) {
	opts := reportOptions(reg)
	var printers []report.Printer
	var files []*fileOutput
	for _, out := range outs {
		if out.dest.Kind() == writeplan.ToStdout {
			p, err := report.New(out.format, stdout, opts)
			if err != nil {
				return nil, nil, err
			}
			printers = append(printers, p)
			continue
		}
		f := &fileOutput{dest: out.dest}
		f.Printer, err = report.New(out.format, &f.buf, opts)
		if err != nil {
			return nil, nil, err
		}
		printers = append(printers, f)
		files = append(files, f)
	}
	close = func() error {
		var first error
		for _, f := range files {
			if !f.ended {
				continue
			}
			if err := f.dest.Write(f.buf.Bytes()); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	if len(printers) == 1 && len(files) == 0 {
		return printers[0], close, nil
	}
	return report.Multi(printers...), close, nil
}

// reportOptions returns the options of a command's reports: the rules of
// reg, docqa's version, the working folder as SARIF's %SRCROOT%.
func reportOptions(reg *rules.Registry) report.Options {
	opts := report.Options{Registry: reg, Version: version()}
	if wd, err := os.Getwd(); err == nil {
		opts.SrcRoot = wd
	}
	return opts
}

// sink is where one output of a command goes: its standard output as the
// command goes, or a buffer written whole to the output's file at the end,
// so that a reader never sees a part-written report.
type sink struct {
	out    output
	stdout io.Writer
	buf    bytes.Buffer
}

// openSinks returns a sink for each output, whose destinations are
// planned.
func openSinks(outs []output, stdout io.Writer) []*sink {
	sinks := make([]*sink, len(outs))
	for i, out := range outs {
		sinks[i] = &sink{out: out, stdout: stdout}
	}
	return sinks
}

// toStdout reports whether the sink is the command's standard output.
func (s *sink) toStdout() bool { return s.out.dest == nil || s.out.dest.Kind() == writeplan.ToStdout }

// writer returns what the output is written to.
func (s *sink) writer() io.Writer {
	if s.toStdout() {
		return s.stdout
	}
	return &s.buf
}

// flushSinks writes each sink that goes to a file, having tried every one;
// it returns the first error.
func flushSinks(sinks []*sink) error {
	var first error
	for _, s := range sinks {
		if s.toStdout() {
			continue
		}
		if err := s.out.dest.Write(s.buf.Bytes()); err != nil && first == nil {
			first = err
		}
	}
	return first
}
