package goldenfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/internal/fserr"
)

// Entry is what a Checker found for one document.
type Entry struct {
	// Name is the document's name as reported.
	Name string
	// Golden is the golden copy's path with "/" separators; "" if the
	// document has no place in the golden folder.
	Golden string
	Status Status
	// Changes compares a drifted document with its golden copy.
	Changes *checks.Result
	// Err says why the document could not be checked (Status Unchecked).
	Err error
}

// Summary counts the documents of a run by outcome.
type Summary struct {
	Documents int `json:"documents"`
	Passed    int `json:"passed"`
	Drifted   int `json:"drifted"`
	Missing   int `json:"missing"`
	Written   int `json:"written"`
	Errors    int `json:"errors"`
}

// Add counts one document's outcome.
func (s *Summary) Add(st Status) {
	s.Documents++
	switch st {
	case Pass:
		s.Passed++
	case Drift:
		s.Drifted++
	case Missing:
		s.Missing++
	case Written:
		s.Written++
	case Unchecked:
		s.Errors++
	}
}

// String returns the summary line: "3 documents: 1 passed, 1 drifted, 1
// missing", with update "3 documents: 1 passed, 2 written", followed by
// ", N errors" when there are errors.
func (s Summary) String(update bool) string {
	noun := "documents"
	if s.Documents == 1 {
		noun = "document"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s: %d passed, ", s.Documents, noun, s.Passed)
	if update {
		fmt.Fprintf(&b, "%d written", s.Written)
	} else {
		fmt.Fprintf(&b, "%d drifted, %d missing", s.Drifted, s.Missing)
	}
	switch {
	case s.Errors == 1:
		b.WriteString(", 1 error")
	case s.Errors > 1:
		fmt.Fprintf(&b, ", %d errors", s.Errors)
	}
	return b.String()
}

// Checker checks documents against their golden copies and, with Update,
// approves them. It is not safe for concurrent use.
type Checker struct {
	// WorkDir is the absolute working folder: golden copies mirror the
	// documents' paths below it.
	WorkDir string
	// Dir is the golden folder, relative to WorkDir or absolute.
	Dir string
	// Update writes each document that differs from its golden copy, or
	// has none, over the copy: only if the copy is still the one compared.
	Update bool
	// BeforeWrite, if set, is called with a golden copy's path after the
	// comparison and before Update checks that the copy did not change
	// meanwhile: tests change it there.
	BeforeWrite func(golden string)
}

// Path returns the path of the golden copy of the document named name
// (see Path).
func (k *Checker) Path(name string) (string, error) {
	return Path(k.WorkDir, k.Dir, filepath.FromSlash(name))
}

// Check checks the document named name, whose bytes are data, against its
// golden copy at golden (from Path), comparing them with c when they
// differ, and with Update approves it. A golden copy that cannot be read,
// a failed write, and a panic in the comparison are an Unchecked entry
// whose error names the file.
func (k *Checker) Check(c *checks.Comparer, name string, data []byte, golden string) *Entry {
	e := &Entry{Name: name, Golden: filepath.ToSlash(golden), Status: Unchecked}
	gc, err := readCopy(golden)
	if err != nil {
		e.Err = err
		return e
	}
	if k.Update {
		c = nil // only the status is needed
	}
	r, err := compare(c, name, data, golden, gc)
	if err != nil {
		e.Err = err
		return e
	}
	e.Status, e.Changes = r.Status, r.Changes
	if !k.Update || e.Status == Pass {
		return e
	}
	if k.BeforeWrite != nil {
		k.BeforeWrite(golden)
	}
	if err := gc.unchanged(golden); err != nil {
		e.Status, e.Changes, e.Err = Unchecked, nil, err
		return e
	}
	if err := Update(golden, data); err != nil {
		e.Status, e.Changes, e.Err = Unchecked, nil, err
		return e
	}
	e.Status, e.Changes = Written, nil
	return e
}

// goldenCopy is a golden copy as read: its bytes and the file they came
// from, or that there was none.
type goldenCopy struct {
	exists bool
	data   []byte
	info   os.FileInfo
}

// readCopy reads the golden copy at golden, as Check does, keeping the
// identity of the file read so that Update writes over the copy only if it
// is still the one compared.
func readCopy(golden string) (goldenCopy, error) {
	f, err := os.Open(golden)
	if errors.Is(err, fs.ErrNotExist) {
		return goldenCopy{}, nil
	}
	if err != nil {
		return goldenCopy{}, readError(golden, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return goldenCopy{}, readError(golden, err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return goldenCopy{}, readError(golden, err)
	}
	return goldenCopy{exists: true, data: data, info: fi}, nil
}

// readError is the error for a golden copy that cannot be read.
func readError(golden string, err error) error {
	return fmt.Errorf("%s: reading the golden copy: %w", golden, fserr.Cause(err))
}

// unchanged checks, right before Update writes over the golden copy at
// golden, that the copy is still the one read: none if there was none,
// else the same file with the same bytes. A golden copy someone wrote
// meanwhile is never overwritten.
func (gc goldenCopy) unchanged(golden string) error {
	changed := fmt.Errorf("%s: changed while docqa was running, not written", filepath.ToSlash(golden))
	now, err := readCopy(golden)
	switch {
	case err != nil:
		return err
	case now.exists != gc.exists:
		return changed
	case gc.exists && (!os.SameFile(now.info, gc.info) || !bytes.Equal(now.data, gc.data)):
		return changed
	}
	return nil
}

// compare compares the document with its golden copy gc as Compare does,
// turning a panic in the comparison into an error naming the document.
func compare(c *checks.Comparer, name string, data []byte, golden string, gc goldenCopy) (r *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%s: internal error while comparing with %s: %v", name, filepath.ToSlash(golden), p)
		}
	}()
	if !gc.exists {
		return &Result{Path: name, Golden: golden, Status: Missing}, nil
	}
	return Compare(c, name, data, golden, gc.data), nil
}
