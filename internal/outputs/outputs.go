// Package outputs is the --format of docqa's commands: FORMAT or
// FORMAT:PATH, repeatable. An output on standard output is written as the
// command goes; one to a regular file is written as the command goes to a
// temporary file beside it, renamed over the file when the command ends
// (one to standard error or a special file is held until then and written
// in place), never over a file it read (see package writeplan), so a
// reader never sees a part-written report, a failed run leaves the file as
// it was, and a large report is not held in memory.
package outputs

import (
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

// fileWriter is an output to a file, written as it is produced to a
// writeplan.Stream: to a temporary file beside a regular file, renamed over
// it when the command ends well. A file that cannot be opened or written
// does not stop the command, as when each file was written whole at the
// end: the error is kept, the rest of the output dropped (and its
// temporary file removed), and commit returns it once the other outputs
// are written.
type fileWriter struct {
	stream *writeplan.Stream // nil if it could not be opened
	err    error
}

// openFile opens the output to d, a file (see fileWriter).
func openFile(d *writeplan.Destination) *fileWriter {
	s, err := d.Create()
	return &fileWriter{stream: s, err: err}
}

// Write implements io.Writer. It never fails: an error writing the file
// is kept for commit.
func (w *fileWriter) Write(p []byte) (int, error) {
	if w.err == nil {
		if _, err := w.stream.Write(p); err != nil {
			w.err = err
			w.stream.Abort()
		}
	}
	return len(p), nil
}

// commit writes the file with the output, or returns the error that
// stopped it; either way no temporary file is left.
func (w *fileWriter) commit() error {
	if w.err != nil {
		w.abort()
		return w.err
	}
	return w.stream.Commit()
}

// abort gives up the output, leaving the file as it was and no temporary
// file. After commit it does nothing.
func (w *fileWriter) abort() {
	if w.stream != nil {
		w.stream.Abort()
	}
}

// fileOutput is a format written to a file as the run goes (see
// fileWriter), which replaces the file only if the run reaches its end.
type fileOutput struct {
	report.Printer
	w     *fileWriter
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
// destination: one on standard output is printed as the run goes, one to
// a regular file is written as the run goes to a temporary file beside
// it, and the others (standard error, special files) are held until it
// ends. It returns one printer writing all of them, and close, which
// writes each file if the run reached its end (renaming its temporary file
// over it) and otherwise leaves it as it was, removing the temporary file;
// close returns the first error, having tried every file, and must be
// called whatever the run's outcome. A second call does nothing.
func LintPrinter(outs []Output, opts report.Options, stdout io.Writer) (p report.Printer, close func() error, err error) {
	return lintPrinter(outs, stdout, func(format string, w io.Writer) (report.Printer, error) {
		return report.New(format, w, opts)
	})
}

// lintPrinter is LintPrinter with the function that makes each format's
// printer, for tests.
func lintPrinter(outs []Output, stdout io.Writer, newPrinter func(format string, w io.Writer) (report.Printer, error)) (p report.Printer, close func() error, err error) {
	var printers []report.Printer
	var files []*fileOutput
	defer func() {
		if err != nil {
			abortFiles(files)
		}
	}()
	for _, out := range outs {
		if out.Dest.Kind() == writeplan.ToStdout {
			p, err := newPrinter(out.Format, stdout)
			if err != nil {
				return nil, nil, err
			}
			printers = append(printers, p)
			continue
		}
		f := &fileOutput{w: openFile(out.Dest)}
		files = append(files, f)
		f.Printer, err = newPrinter(out.Format, f.w)
		if err != nil {
			return nil, nil, err
		}
		printers = append(printers, f)
	}
	closed := false
	close = func() error {
		if closed {
			return nil
		}
		closed = true
		var first error
		for _, f := range files {
			if !f.ended {
				continue
			}
			if err := f.w.commit(); err != nil && first == nil {
				first = err
			}
		}
		abortFiles(files)
		return first
	}
	if len(printers) == 1 && len(files) == 0 {
		return printers[0], close, nil
	}
	return report.Multi(printers...), close, nil
}

// abortFiles gives up the outputs not written, the last opened first, so
// that a folder made for two of them is empty when the first's is removed.
func abortFiles(files []*fileOutput) {
	for i := len(files) - 1; i >= 0; i-- {
		files[i].w.abort()
	}
}

// Sink is where one output of a command goes: its standard output as the
// command goes, or the output's file (see LintPrinter): written as the
// command goes to a temporary file that Flush renames over a regular file,
// or held for Flush to write in place for standard error and special
// files. A reader never sees a part-written report, and a command that
// fails leaves the file as it was.
type Sink struct {
	Output
	stdout io.Writer
	file   *fileWriter // nil on standard output
}

// Open returns a sink for each output, whose destinations are planned
// and checked; it creates the temporary file of each regular file. A file
// that cannot be written is reported by Flush, once the others are
// written. The caller must call Flush if the command reaches its end, and
// Abort in any case (it may defer it).
func Open(outs []Output, stdout io.Writer) []*Sink {
	sinks := make([]*Sink, len(outs))
	for i, out := range outs {
		sinks[i] = &Sink{Output: out, stdout: stdout}
		if !sinks[i].ToStdout() {
			sinks[i].file = openFile(out.Dest)
		}
	}
	return sinks
}

// ToStdout reports whether the sink is the command's standard output.
func (s *Sink) ToStdout() bool { return s.Dest == nil || s.Dest.Kind() == writeplan.ToStdout }

// Writer returns what the output is written to. A write to a file never
// fails: its error is kept for Flush.
func (s *Sink) Writer() io.Writer {
	if s.file == nil {
		return s.stdout
	}
	return s.file
}

// Flush writes each sink that goes to a file, having tried every one; it
// returns the first error.
func Flush(sinks []*Sink) error {
	var first error
	for _, s := range sinks {
		if s.file == nil {
			continue
		}
		if err := s.file.commit(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Abort gives up the sinks that Flush has not written, leaving their files
// as they were and no temporary file. After Flush it does nothing, so that
// a command can defer it as soon as it has opened its sinks.
func Abort(sinks []*Sink) {
	for i := len(sinks) - 1; i >= 0; i-- {
		if sinks[i].file != nil {
			sinks[i].file.abort()
		}
	}
}
