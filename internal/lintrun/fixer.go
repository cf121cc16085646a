package lintrun

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/fix"
	"github.com/docqa/docqa/internal/atomicfile"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/internal/inputs"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/rules"
)

// Fixer applies the fixes of --fix, or shows them for --diff. One fixer
// serves a whole run; its stage runs in many workers at once.
type Fixer struct {
	// Write writes the fixed files (--fix); else the fixes are shown as
	// unified diffs (--diff).
	Write bool
	// Unsafe applies the fixes inside quotations too (--unsafe-fixes).
	Unsafe bool

	diffs atomic.Int64 // documents whose diff was shown (--diff)

	mu      sync.Mutex
	wrote   []wroteFile // files written (--fix)
	refused []refusal   // fixes not applied: they would change the Markdown structure

	// BeforeWrite, if set, is called with the file's path after the fixes
	// are made and before the file is read again to check that it did not
	// change meanwhile: tests change it there.
	BeforeWrite func(path string)
}

// wroteFile records a file --fix wrote and how many findings it fixed.
type wroteFile struct {
	name  string
	fixed int
}

// refusal is a fix that was not applied because it would change the
// structure of a Markdown document.
type refusal struct {
	name string
	pos  document.Position // in the file as docqa leaves it
	f    rules.Finding
}

// Stage returns the fixer's stage, or nil for a nil fixer.
func (f *Fixer) Stage() FixStage {
	if f == nil {
		return nil
	}
	return f.run
}

// Finish prints a line on stderr for each fix not applied because it
// would change the structure of a Markdown document, in the order of the
// paths and positions, then one for each file --fix wrote, in the order of
// the paths, and reports whether --diff showed any diff: its exit status
// is then 1, as ruff's. A nil fixer prints nothing.
func (f *Fixer) Finish(stderr io.Writer) (diffed bool) {
	if f == nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	slices.SortFunc(f.refused, func(a, b refusal) int {
		return cmp.Or(strings.Compare(a.name, b.name), cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Column, b.pos.Column),
			strings.Compare(a.f.Rule, b.f.Rule))
	})
	for _, r := range f.refused {
		fmt.Fprintf(stderr, "docqa: %s:%d:%d: fix not applied, it would change the Markdown structure: %s [%s]\n",
			r.name, r.pos.Line, r.pos.Column, r.f.Message, r.f.Rule)
	}
	slices.SortFunc(f.wrote, func(a, b wroteFile) int { return strings.Compare(a.name, b.name) })
	for _, w := range f.wrote {
		fmt.Fprintf(stderr, "docqa: wrote %s (%d fixed)\n", w.name, w.fixed)
	}
	return f.diffs.Load() > 0
}

// run is the FixStage. It applies the fixes of findings through the
// document's pipeline (pipeline.Pipeline.Fix: rounds of fixing and linting
// again), and Finish reports the fixes not applied because they would change
// the structure of a Markdown document. With --fix it writes the file if
// the text changed and returns the final document and its findings; with
// --diff it writes nothing and returns the diff from the text read to the
// final one, and no findings.
func (f *Fixer) run(in inputs.Input, doc *document.Document, findings []rules.Finding, lib *pipeline.Pipeline) (*document.Document, []rules.Finding, []byte, error) {
	// The file linted, to write back only into it: stat'd as soon as the
	// fixer has the document, and again right before the write.
	var readInfo os.FileInfo
	if f.Write {
		fi, err := os.Stat(in.Path)
		if err != nil {
			return nil, nil, nil, fserr.Named(in.Name, err)
		}
		readInfo = fi
	}
	res, err := lib.Fix(doc, findings, f.Unsafe)
	if err != nil {
		return nil, nil, nil, err
	}
	if !f.Write {
		// The file stays as it was read: say where in it.
		f.refuse(in.Name, res, doc)
		if !res.Changed() {
			return doc, nil, nil, nil
		}
		f.diffs.Add(1)
		return doc, nil, fix.Unified(in.Name, doc.Text, res.Doc.Text), nil
	}
	if !res.Changed() {
		f.refuse(in.Name, res, nil)
		return doc, res.Findings, nil, nil
	}
	if err := f.writeBack(in, readInfo, doc.Text, res.Doc.Text); err != nil {
		return nil, nil, nil, err
	}
	f.refuse(in.Name, res, nil)
	f.mu.Lock()
	f.wrote = append(f.wrote, wroteFile{in.Name, res.Fixed})
	f.mu.Unlock()
	return res.Doc, res.Findings, nil, nil
}

// refuse records the findings whose fixes res refused at their positions
// in the file as docqa leaves it: in original, the document res was made
// from, if it is not nil (the file is not written), else in the final
// document.
func (f *Fixer) refuse(name string, res *pipeline.Fixed, original *document.Document) {
	if len(res.Refused) == 0 {
		return
	}
	rs := make([]refusal, len(res.Refused))
	for i, r := range res.Refused {
		pos := res.Doc.Position(r.Span.Start)
		if original != nil {
			pos = original.Position(res.Before(r.Span.Start))
		}
		rs[i] = refusal{name, pos, r}
	}
	f.mu.Lock()
	f.refused = append(f.refused, rs...)
	f.mu.Unlock()
}

// writeBack replaces the file of in, read as read, with fixed. It refuses
// a file without its owner's write permission, and one that changed since
// it was read: other bytes, or another file now at its path (readInfo is
// the file's stat taken when the fixer got the document). docqa never
// overwrites what someone else wrote meanwhile, nor writes into a file it
// did not lint.
func (f *Fixer) writeBack(in inputs.Input, readInfo os.FileInfo, read, fixed []byte) error {
	fi, err := os.Stat(in.Path)
	if err != nil {
		return fserr.Named(in.Name, err)
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%s: not writable, not fixed", in.Name)
	}
	if f.BeforeWrite != nil {
		f.BeforeWrite(in.Path)
	}
	now, err := os.ReadFile(in.Path)
	if err != nil {
		return fserr.Named(in.Name, err)
	}
	fi, err = os.Stat(in.Path)
	if err != nil {
		return fserr.Named(in.Name, err)
	}
	if !bytes.Equal(now, read) || !os.SameFile(fi, readInfo) {
		return fmt.Errorf("%s: changed while docqa was running, not written", in.Name)
	}
	return atomicfile.Write(in.Path, fixed)
}
