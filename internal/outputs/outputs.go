// Package outputs is the --format of docqa's commands: FORMAT or
// FORMAT:PATH, repeatable. An output on standard output is written as the
// command goes; one to a file is buffered and written whole when the
// command ends, never over a file it read (see package writeplan), so a
// reader never sees a part-written report and a failed run leaves the file
// as it was.
package outputs

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/report"
)

// Output is one --format: a format and where it goes.
type Output struct {
	Spec   string // as given, for messages
	Format string
	Path   string // "" for standard output
	// Dest is where the output goes, once the command's writes are
	// planned (see Plan).
	Dest *writeplan.Destination
}

// Plan records each output in the plan of the command's writes, which
// checks it against the files read and the other outputs.
func Plan(p *writeplan.Plan, outs []Output) {
	for i := range outs {
		outs[i].Dest = p.Output("--format "+outs[i].Spec, outs[i].Path)
	}
}

// Parse parses the values of --format, FORMAT or FORMAT:PATH, each
// format one of report.Formats. The paths are checked against each other
// and the files read by a writeplan.Plan (see Plan).
func Parse(specs []string) ([]Output, error) {
	outs := make([]Output, 0, len(specs))
	for _, spec := range specs {
		format, path, hasPath := strings.Cut(spec, ":")
		if _, err := report.New(format, io.Discard, report.Options{}); err != nil {
			return nil, err // unknown format "x" (want ...)
		}
		if hasPath && path == "" {
			return nil, fmt.Errorf("--format %s: no file name after the colon (FORMAT or FORMAT:PATH)", spec)
		}
		outs = append(outs, Output{Spec: spec, Format: format, Path: path})
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

// LintPrinter opens the outputs of lint's --format, outs, each with its
// destination: one on standard output is printed as the run goes, the
// others are written when it ends. It returns one printer writing all of
// them, and close, which writes each file if the run reached its end;
// close returns the first error, having tried every file.
func LintPrinter(outs []Output, opts report.Options, stdout io.Writer) (p report.Printer, close func() error, err error) {
	var printers []report.Printer
	var files []*fileOutput
	for _, out := range outs {
		if out.Dest.Kind() == writeplan.ToStdout {
			p, err := report.New(out.Format, stdout, opts)
			if err != nil {
				return nil, nil, err
			}
			printers = append(printers, p)
			continue
		}
		f := &fileOutput{dest: out.Dest}
		f.Printer, err = report.New(out.Format, &f.buf, opts)
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

// Sink is where one output of a command goes: its standard output as the
// command goes, or a buffer written whole to the output's file at the end,
// so that a reader never sees a part-written report.
type Sink struct {
	Output
	stdout io.Writer
	buf    bytes.Buffer
}

// Open returns a sink for each output, whose destinations are planned.
func Open(outs []Output, stdout io.Writer) []*Sink {
	sinks := make([]*Sink, len(outs))
	for i, out := range outs {
		sinks[i] = &Sink{Output: out, stdout: stdout}
	}
	return sinks
}

// ToStdout reports whether the sink is the command's standard output.
func (s *Sink) ToStdout() bool { return s.Dest == nil || s.Dest.Kind() == writeplan.ToStdout }

// Writer returns what the output is written to.
func (s *Sink) Writer() io.Writer {
	if s.ToStdout() {
		return s.stdout
	}
	return &s.buf
}

// Flush writes each sink that goes to a file, having tried every one; it
// returns the first error.
func Flush(sinks []*Sink) error {
	var first error
	for _, s := range sinks {
		if s.ToStdout() {
			continue
		}
		if err := s.Dest.Write(s.buf.Bytes()); err != nil && first == nil {
			first = err
		}
	}
	return first
}
