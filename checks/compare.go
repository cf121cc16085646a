package checks

import (
	"io"

	"github.com/docqa/docqa/document"
)

// Compare compares two revisions of a document. (Being written.)
func (c *Comparer) Compare(old, new *document.Document) *Result {
	return &Result{Old: old, New: new}
}

// WriteDiff writes the changed paragraphs as a word-level diff: each
// paragraph under a line naming its place in both revisions, deletions as
// [-old-] and insertions as {+new+}, or in red and green when color is set.
// (Being written.)
func (r *Result) WriteDiff(w io.Writer, color bool) error { return nil }
