// Package lintrun lints the documents of a docqa lint run: a pool of
// workers reads and lints them through their pipelines, applies the fixes
// of --fix or --diff, and hands the results to a printer in inputs.Input order,
// so the output is the same for any number of workers (docqa verify runs
// its check instead of lint's the same way); for the rules that
// look across documents, a census pass counts them first, reading each
// file once for both passes. A progress line shows on a terminal during a
// long run.
package lintrun

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// Run lints documents with a pool of workers and hands the results to a
// printer in inputs.Input order.
type Run struct {
	// Stdin is standard inputs.Input, for the inputs.Input "-".
	Stdin io.Reader
	// Stdout receives each outcome's preface (the diff of --diff);
	// Stderr the problems and notices, as "docqa: message" lines.
	Stdout, Stderr io.Writer
	Printer        report.Printer
	// Jobs is the number of documents linted at once.
	Jobs int
	// Progress is the progress line on a terminal, nil for none.
	Progress *Progress
	// ReadFile reads a named inputs.Input; nil means os.ReadFile. Tests set it to
	// fail a read where file permissions cannot (running as root).
	ReadFile func(path string) ([]byte, error)
	// MaxSize is the size in bytes of the largest document linted; 0
	// means document.MaxSize. Tests set it lower rather than write 2 GiB.
	MaxSize int
	// Kept holds the bytes the census read, for the lint pass: each file
	// is read once. nil keeps nothing.
	Kept *Kept
	// Fix applies the fixes (--fix) or shows them (--diff); nil for
	// neither.
	Fix FixStage
	// Check, when set, checks each document instead of its pipeline's
	// Lint: docqa verify's check of the quotations against their sources.
	// A document in UTF-16 or UTF-32 is then refused, as Verb ("checked")
	// says, rather than read for docqa/encoding to report it.
	Check func(p *pipeline.Pipeline, doc *document.Document) ([]rules.Finding, error)
	// Verb says what a document refused is not: "linted" when empty.
	Verb string
}

// FixStage applies the fixes of a document's findings (--fix) or shows
// them (--diff), through p, the pipeline that linted doc. It returns the
// document to report (the fixed one after --fix), the findings left, and
// bytes to print before them, in inputs.Input order (a unified diff for --diff).
// A failed write is an error naming the file.
type FixStage func(in inputs.Input, doc *document.Document, findings []rules.Finding, p *pipeline.Pipeline) (*document.Document, []rules.Finding, []byte, error)

// fixed lints one inputs.Input's document through its pipeline and applies its
// fixes.
func (l *Run) fixed(in inputs.Input, doc *document.Document) (*document.Document, []rules.Finding, []byte, error) {
	check := l.Check
	if check == nil {
		check = (*pipeline.Pipeline).Lint
	}
	fs, err := check(in.Pipeline, doc)
	if err != nil || l.Fix == nil {
		return doc, fs, nil, err
	}
	return l.Fix(in, doc, fs, in.Pipeline)
}

// keepLimit is the most bytes the census keeps for the lint pass; past
// it, the lint pass reads the rest of the files again.
const keepLimit = 512 << 20

// Kept holds files' bytes, by file key, from the census to the lint
// pass. It is safe for concurrent use; a nil *Kept keeps nothing.
type Kept struct {
	mu   sync.Mutex
	data map[string][]byte
	size int
}

// keep holds data, the bytes of the file key, unless that would pass
// keepLimit.
func (k *Kept) keep(key string, data []byte) {
	if k == nil || key == "" {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.size+len(data) > keepLimit {
		return
	}
	if k.data == nil {
		k.data = map[string][]byte{}
	}
	k.data[key] = data
	k.size += len(data)
}

// Len returns how many files' bytes are held, and how many bytes.
func (k *Kept) Len() (files, size int) {
	if k == nil {
		return 0, 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.data), k.size
}

// take returns and forgets the bytes held for the file key.
func (k *Kept) take(key string) ([]byte, bool) {
	if k == nil || key == "" {
		return nil, false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	data, ok := k.data[key]
	if ok {
		delete(k.data, key)
		k.size -= len(data)
	}
	return data, ok
}

// outcome is the result of linting one inputs.Input.
type outcome struct {
	doc      *document.Document
	findings []rules.Finding
	// preface is written to stdout, in inputs.Input order, before the findings
	// are printed (the unified diff of --diff).
	preface []byte
	// notice is printed on stderr; the run still succeeds.
	notice string
	// err is printed on stderr and fails the run.
	err error
}

// Lint lints ins, Jobs at a time, and prints each document's findings in
// the order of inputs as soon as it and all before it are done, so the
// output is the same for any number of jobs. At most twice as many
// documents as workers are held in memory. ok is false if a document could
// not be linted (each such problem is reported on stderr); err is an
// output error or the context's.
func (l *Run) Lint(ctx context.Context, ins []inputs.Input) (sum report.Summary, ok bool, err error) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
		l.Progress.finish()
	}()

	jobs := min(l.Jobs, len(ins))
	results := make([]chan outcome, len(ins))
	for i := range results {
		results[i] = make(chan outcome, 1)
	}
	window := make(chan struct{}, 2*max(jobs, 1)) // documents in flight or waiting to print
	next := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(next)
		for i := range ins {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] <- l.lint(ctx, ins[i])
			}
		}()
	}

	ok = true
	if err := l.Printer.Begin(); err != nil {
		return sum, false, fmt.Errorf("writing output: %w", err)
	}
	for i := range ins {
		var r outcome
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return sum, false, ctx.Err()
		}
		<-window
		if ctx.Err() != nil && r.err != nil {
			return sum, false, ctx.Err()
		}
		if r.err == nil && r.notice == "" {
			sum.Add(r.findings)
		}
		resume := l.Progress.pause()
		okFile, err := l.print(r)
		resume()
		if err != nil {
			return sum, false, fmt.Errorf("writing output: %w", err)
		}
		ok = ok && okFile
		size := 0
		if r.doc != nil {
			size = len(r.doc.Text)
		}
		l.Progress.fileDone(size)
	}
	l.Progress.finish()
	if err := l.Printer.End(sum); err != nil {
		return sum, false, fmt.Errorf("writing output: %w", err)
	}
	return sum, ok, nil
}

// print prints one outcome: its problem or notice on stderr, else its
// preface and findings. ok is false for a problem.
func (l *Run) print(r outcome) (ok bool, err error) {
	switch {
	case r.err != nil:
		warn(l.Stderr, "%v", r.err)
		return false, nil
	case r.notice != "":
		warn(l.Stderr, "%s", r.notice)
		return true, nil
	}
	if len(r.preface) > 0 {
		if _, err := l.Stdout.Write(r.preface); err != nil {
			return true, err
		}
	}
	return true, l.Printer.File(r.doc, r.findings)
}

// census counts, over every inputs.Input, what the rules that look across
// documents need (see rules.Census), jobs at a time, one census for each
// configuration, and returns for each such configuration's pipeline the
// pipeline that lints with its census. An inputs.Input that cannot be read, is
// too large or is binary is left for the linting pass to report. Standard
// inputs.Input is read here and kept for that pass. The counts are sums: they do
// not depend on the order of the inputs nor on the number of jobs.
func (l *Run) Census(ctx context.Context, ins []inputs.Input) (map[*pipeline.Pipeline]*pipeline.Pipeline, error) {
	censuses := map[*pipeline.Pipeline]*rules.Census{}
	for _, in := range ins {
		if in.Pipeline.Linter().Across() && censuses[in.Pipeline] == nil {
			censuses[in.Pipeline] = new(rules.Census)
		}
	}
	count := func(in inputs.Input, data []byte) {
		if c := censuses[in.Pipeline]; c != nil {
			c.Add(in.Pipeline.Tally(in.Pipeline.Load(in.Name, data)))
		}
	}
	for _, in := range ins {
		if in.Stdin {
			data, err := io.ReadAll(l.Stdin)
			if err != nil {
				return nil, fserr.Named(in.Name, err)
			}
			l.Stdin = bytes.NewReader(data)
			if r := l.refuse(in, data); r.err == nil && r.notice == "" {
				count(in, data)
			}
		}
	}
	next := make(chan inputs.Input)
	var wg sync.WaitGroup
	for range min(l.Jobs, len(ins)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for in := range next {
				if censuses[in.Pipeline] == nil {
					continue
				}
				data, err := l.read(ctx, in)
				if r := l.refuse(in, data); err != nil || r.err != nil || r.notice != "" {
					continue // the lint pass reads it again and reports why
				}
				count(in, data)
				l.Kept.keep(in.Key, data)
			}
		}()
	}
	send := func() error {
		defer wg.Wait()
		defer close(next)
		for _, in := range ins {
			if in.Stdin {
				continue
			}
			select {
			case next <- in:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}
	if err := send(); err != nil {
		return nil, err
	}
	counted := make(map[*pipeline.Pipeline]*pipeline.Pipeline, len(censuses))
	for p, c := range censuses {
		counted[p] = p.WithCensus(c)
	}
	return counted, nil
}

// lint reads and lints one inputs.Input.
func (l *Run) lint(ctx context.Context, in inputs.Input) (out outcome) {
	if err := ctx.Err(); err != nil {
		return outcome{err: err}
	}
	var data []byte
	var err error
	if in.Stdin {
		data, err = io.ReadAll(l.Stdin)
	} else if kept, ok := l.Kept.take(in.Key); ok {
		data = kept // read by the census
	} else {
		data, err = l.read(ctx, in)
	}
	if err != nil {
		return outcome{err: fserr.Named(in.Name, err)}
	}
	if r := l.refuse(in, data); r.err != nil || r.notice != "" {
		return r
	}
	defer func() {
		if p := recover(); p != nil {
			out = outcome{err: fmt.Errorf("%s: internal error while linting: %v", in.Name, p)}
		}
	}()
	doc, findings, preface, err := l.fixed(in, in.Pipeline.Load(in.Name, data))
	if err != nil {
		return outcome{err: err}
	}
	return outcome{doc: doc, findings: findings, preface: preface}
}

// refuse returns the outcome of an inputs.Input whose bytes docqa does not lint,
// too large or binary: an error for a file named on the command line, a
// notice for one found in a folder. It returns the zero outcome for bytes
// to lint.
func (l *Run) refuse(in inputs.Input, data []byte) outcome {
	verb := l.Verb
	if verb == "" {
		verb = "linted"
	}
	switch notice, err := inputs.Refuse(in, data, l.sizeLimit(), verb, l.Check == nil); {
	case err == nil:
		return outcome{}
	case notice:
		return outcome{notice: err.Error()}
	default:
		return outcome{err: err}
	}
}

// sizeLimit returns the size in bytes of the largest document linted.
func (l *Run) sizeLimit() int {
	if l.MaxSize > 0 {
		return l.MaxSize
	}
	return document.MaxSize
}

// read reads a named inputs.Input. A special file (a named pipe with no writer)
// may block for ever in open or read: it is read in a goroutine that an
// interrupt abandons, so that Ctrl-C still ends the run.
func (l *Run) read(ctx context.Context, in inputs.Input) ([]byte, error) {
	read := l.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	if !in.Special {
		return read(in.Path)
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := read(in.Path)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// warn prints a one-line message on w as "docqa: message".
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "docqa: "+format+"\n", args...)
}
