package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// output is one --format: a format and the file to write it to, or "" for
// standard output.
type output struct {
	spec   string // as given, for messages
	format string
	path   string
}

// parseOutputs parses the values of --format, FORMAT or FORMAT:PATH. At
// most one may lack a path (it goes to standard output), and no two may
// name the same file.
func parseOutputs(specs []string) ([]output, error) {
	outs := make([]output, 0, len(specs))
	var stdout *output
	files := map[string]output{} // by cleaned absolute path
	for _, spec := range specs {
		format, path, hasPath := strings.Cut(spec, ":")
		if _, err := report.New(format, io.Discard, report.Options{}); err != nil {
			return nil, err // unknown format "x" (want ...)
		}
		out := output{spec: spec, format: format, path: path}
		switch {
		case hasPath && path == "":
			return nil, fmt.Errorf("--format %s: no file name after the colon (FORMAT or FORMAT:PATH)", spec)
		case !hasPath:
			if stdout != nil {
				return nil, fmt.Errorf("--format %s and --format %s both write to standard output: give all but one a file (FORMAT:PATH)", stdout.spec, spec)
			}
			stdout = &out
		default:
			key := filepath.Clean(path)
			if abs, err := filepath.Abs(path); err == nil {
				key = abs
			}
			if prev, dup := files[key]; dup {
				return nil, fmt.Errorf("--format %s and --format %s both write %s", prev.spec, spec, path)
			}
			files[key] = out
		}
		outs = append(outs, out)
	}
	return outs, nil
}

// fileOutput is a format written to a file: buffered, and written whole
// when the run has ended, so that a reader never sees a part-written report
// and a failed run leaves the file as it was.
type fileOutput struct {
	report.Printer
	path  string
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

// openPrinter opens the outputs of --format: FORMAT or FORMAT:PATH,
// repeatable, at most one without a path (written to stdout as the run
// goes). It returns one printer writing all of them, and close, which
// writes each file, atomically, if the run reached its end; close returns
// the first error, having tried every file.
func (o *lintOptions) openPrinter(reg *rules.Registry, stdout io.Writer) (p report.Printer, close func() error, err error) {
	outs, err := parseOutputs(o.formats)
	if err != nil {
		return nil, nil, err
	}
	opts := report.Options{Registry: reg, Version: version()}
	if wd, err := os.Getwd(); err == nil {
		opts.SrcRoot = wd
	}
	var printers []report.Printer
	var files []*fileOutput
	for _, out := range outs {
		if out.path == "" {
			p, err := report.New(out.format, stdout, opts)
			if err != nil {
				return nil, nil, err
			}
			printers = append(printers, p)
			continue
		}
		f := &fileOutput{path: out.path}
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
			if err := checks.WriteFileAtomic(f.path, f.buf.Bytes()); err != nil && first == nil {
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
