// Package goldenfile is docqa's golden-file harness: it compares documents
// with their approved ("golden") copies. A document's golden copy lies in
// a golden folder at the document's path relative to the working folder:
// articles/x.md has its copy at golden/articles/x.md. The same text, line
// endings and a byte order mark aside, passes; any other difference
// drifts, and a checks.Comparer says what changed (the word diff, the line
// diff of what the word diff does not show, the revision checks); no copy
// at all is missing. A Checker runs the harness over a command's
// documents, and with Update approves them: it writes each document over
// its golden copy, atomically, and only if the copy is still the one it
// compared. The package reads no working directory: it is given.
package goldenfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/internal/atomicfile"
)

// Status is the outcome of checking a document against its golden copy.
type Status int

// The outcomes of a golden check.
const (
	// Pass: the document and its golden copy hold the same text, line
	// endings and a byte order mark aside.
	Pass Status = iota
	// Drift: the document differs from its golden copy.
	Drift
	// Missing: the document has no golden copy.
	Missing
	// Written: the document differed from its golden copy or had none,
	// and Checker.Update wrote it over the copy.
	Written
	// Unchecked: the document could not be checked (Entry.Err says why).
	Unchecked
)

// String returns the status's name: "pass", "drift", "missing",
// "written" or "error" (Unchecked).
func (s Status) String() string {
	switch s {
	case Pass:
		return "pass"
	case Drift:
		return "drift"
	case Missing:
		return "missing"
	case Written:
		return "written"
	case Unchecked:
		return "error"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Errors Path wraps, for errors.Is.
var (
	// ErrOutsideWorkDir: the document does not lie below the working
	// folder, so it has no place in the golden folder.
	ErrOutsideWorkDir = errors.New("lies outside the working folder")
	// ErrInGoldenDir: the document lies in the golden folder; it is a
	// golden copy, not a document to check.
	ErrInGoldenDir = errors.New("lies in the golden folder")
)

// Path returns the path of the golden copy of the document at doc:
// goldenDir joined with doc's path relative to the working folder wd (an
// absolute path). A relative goldenDir is itself relative to wd, and the
// result keeps goldenDir's form: Path(wd, "golden", "./a/x.md") is
// "golden/a/x.md" (with the system's separator). It fails, with an error
// naming doc and wrapping ErrOutsideWorkDir, for a document outside the
// working folder ("../x.md"), and with ErrInGoldenDir for one inside
// goldenDir.
func Path(wd, goldenDir, doc string) (string, error) {
	abs := absolute(wd, doc)
	rel, ok := below(wd, abs)
	if !ok {
		// The working folder or the document may be reached through a
		// symbolic link (macOS's /tmp is /private/tmp): compare the real
		// paths too.
		realWD, err1 := filepath.EvalSymlinks(wd)
		realDoc, err2 := filepath.EvalSymlinks(abs)
		if err1 == nil && err2 == nil {
			rel, ok = below(realWD, realDoc)
		}
	}
	if !ok {
		return "", fmt.Errorf("%s: %w %s (golden copies mirror the paths below it)", doc, ErrOutsideWorkDir, wd)
	}
	if _, in := below(absolute(wd, goldenDir), abs); in {
		return "", fmt.Errorf("%s: %w %s: it is a golden copy, not a document to check", doc, ErrInGoldenDir, goldenDir)
	}
	return filepath.Join(goldenDir, rel), nil
}

// absolute returns path as an absolute, clean path, taking a relative one
// as relative to wd.
func absolute(wd, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path)
	}
	return filepath.Join(wd, path)
}

// below returns path relative to dir, both absolute, and whether path lies
// strictly below dir.
func below(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// Result is the outcome of checking one document against its golden
// copy.
type Result struct {
	// Path is the document's name as reported.
	Path string
	// Golden is the path of the golden copy.
	Golden string
	// Status says whether the document passed, drifted or has no copy.
	Status Status
	// Changes compares the golden copy (Old, reported under Golden with
	// "/" separators) with the document (New) when Status is Drift and a
	// Comparer was given; it is nil otherwise. The texts may differ while
	// Changes.Changed() is false: a change the word diff does not see,
	// such as code or white space, which Changes.WriteLineDiff shows.
	Changes *checks.Result
}

// Check checks the document named doc, whose bytes are data, against
// its golden copy at golden, read from disk: Missing if there is no file at
// golden, else as Compare. It fails, naming golden, only if the
// golden copy exists but cannot be read. c may be nil when only the status
// is wanted.
func Check(c *checks.Comparer, doc string, data []byte, golden string) (*Result, error) {
	want, err := os.ReadFile(golden)
	if errors.Is(err, fs.ErrNotExist) {
		return &Result{Path: doc, Golden: golden, Status: Missing}, nil
	}
	if err != nil {
		return nil, readError(golden, err)
	}
	return Compare(c, doc, data, golden, want), nil
}

// Compare checks the document named doc, whose bytes are data,
// against the golden copy at path golden whose bytes are want: Pass if the
// texts are equal, line endings and a byte order mark aside (see
// EqualText), else Drift, with the
// comparison of the golden copy, as the old revision, and the document, as
// the new one, when c is not nil. Each document's format follows from its
// name, as for document.Load.
func Compare(c *checks.Comparer, doc string, data []byte, golden string, want []byte) *Result {
	r := &Result{Path: doc, Golden: golden, Status: Pass}
	if EqualText(data, want) {
		return r
	}
	r.Status = Drift
	if c != nil {
		old := c.Documents.Load(filepath.ToSlash(golden), want)
		r.Changes = c.Compare(old, c.Documents.Load(doc, data))
	}
	return r
}

// Update approves a document: it writes data, the document's bytes,
// over its golden copy at golden, atomically (see package atomicfile).
func Update(golden string, data []byte) error {
	return atomicfile.Write(golden, data)
}

// EqualText reports whether a and b hold the same text, line endings and
// a byte order mark aside: CRLF, CR and LF are all the same line break,
// and a UTF-8 byte order mark at the start is left out, since editors show
// neither. A byte order mark anywhere else is a character like any other.
func EqualText(a, b []byte) bool {
	a = bytes.TrimPrefix(a, []byte(byteOrderMark))
	b = bytes.TrimPrefix(b, []byte(byteOrderMark))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		var ca, cb byte
		ca, i = nextByte(a, i)
		cb, j = nextByte(b, j)
		if ca != cb {
			return false
		}
	}
	return i == len(a) && j == len(b)
}

// nextByte returns the byte of s at i, with a line break of any kind read
// as '\n', and the index after it.
func nextByte(s []byte, i int) (byte, int) {
	if s[i] != '\r' {
		return s[i], i + 1
	}
	if i+1 < len(s) && s[i+1] == '\n' {
		return '\n', i + 2
	}
	return '\n', i + 1
}

// byteOrderMark is UTF-8's byte order mark.
const byteOrderMark = "\uFEFF"
