package checks

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/fix"
)

// WriteLineDiff writes a unified diff, line by line, from the old revision
// to the new, of what the word diff (WriteDiff) does not show: each hunk
// whose lines differ in anything but the words of the prose, such as code,
// HTML, link targets, web addresses, front matter, Markdown marks or white
// space. A hunk whose changes are all changed words, with the same markup
// around them, is left out; when the word diff is empty, every hunk is
// written. Line endings and a byte order mark are no difference: the
// lines are compared and written with LF endings. The header lines name
// the revisions by their paths ("--- OLD" and "+++ NEW"). Lines that
// differ are in red and green when color is set. Nothing is written when
// the texts are the same but for line endings and a byte order mark.
func (r *Result) WriteLineDiff(w io.Writer, color bool) error {
	u := fix.Unified("-", normalizeText(r.Old.Text), normalizeText(r.New.Text))
	if u == nil {
		return nil
	}
	lines := bytes.SplitAfter(u, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	bw := bufio.NewWriter(w)
	wroteHeader := false
	for _, h := range splitHunks(lines[2:]) { // after fix.Unified's "--- a/-" and "+++ b/-"
		if r.Changed() && r.explained(h) {
			continue
		}
		if !wroteHeader {
			fmt.Fprintf(bw, "--- %s\n+++ %s\n", r.Old.Path, r.New.Path)
			wroteHeader = true
		}
		for _, l := range h.lines {
			writeDiffLine(bw, l, color)
		}
	}
	return bw.Flush()
}

// writeDiffLine writes one line of a unified diff, coloured by its kind
// when color is set.
func writeDiffLine(w *bufio.Writer, l []byte, color bool) {
	c := ""
	if color && len(l) > 0 {
		switch l[0] {
		case '@':
			c = cyan
		case '-':
			c = red
		case '+':
			c = green
		}
	}
	if c == "" {
		w.Write(l)
		return
	}
	w.WriteString(c)
	w.Write(bytes.TrimSuffix(l, []byte("\n")))
	w.WriteString(reset + "\n")
}

// normalizeText returns text without a leading byte order mark and with
// every line break (CRLF, CR, LF) an LF, as EqualText compares texts; its
// lines are the document's, one for one.
func normalizeText(text []byte) []byte {
	text = bytes.TrimPrefix(text, []byte(byteOrderMark))
	if bytes.IndexByte(text, '\r') < 0 {
		return text
	}
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
}

// hunk is one hunk of a unified diff: its lines, the "@@" header first,
// and its changes.
type hunk struct {
	lines   [][]byte
	changes []lineChange
}

// lineChange is a run of changed lines in a hunk: the old lines
// [oldLine, oldLine+removed) became the new lines [newLine,
// newLine+added), numbered from 1.
type lineChange struct {
	oldLine, removed int
	newLine, added   int
}

// splitHunks splits the lines of a unified diff, after its header, into
// hunks and finds the changes in each.
func splitHunks(lines [][]byte) []hunk {
	var hunks []hunk
	var oldLine, newLine int
	var cur *lineChange
	for _, l := range lines {
		if bytes.HasPrefix(l, []byte("@@ ")) {
			var a, b, c, d int
			if _, err := fmt.Sscanf(string(l), "@@ -%d,%d +%d,%d @@", &a, &b, &c, &d); err != nil {
				continue // not fix.Unified's form: cannot happen
			}
			// An empty range is numbered by the line before it.
			oldLine, newLine = a, c
			if b == 0 {
				oldLine++
			}
			if d == 0 {
				newLine++
			}
			hunks = append(hunks, hunk{lines: [][]byte{l}})
			cur = nil
			continue
		}
		if len(hunks) == 0 || len(l) == 0 {
			continue
		}
		h := &hunks[len(hunks)-1]
		h.lines = append(h.lines, l)
		switch l[0] {
		case ' ':
			oldLine++
			newLine++
			cur = nil
		case '-', '+':
			if cur == nil {
				h.changes = append(h.changes, lineChange{oldLine: oldLine, newLine: newLine})
				cur = &h.changes[len(h.changes)-1]
			}
			if l[0] == '-' {
				cur.removed++
				oldLine++
			} else {
				cur.added++
				newLine++
			}
		}
	}
	return hunks
}

// explained reports whether the word diff shows every change of a hunk:
// in each, the words differ, and the markup around them (everything of
// the lines that is not prose) is the same.
func (r *Result) explained(h hunk) bool {
	for _, c := range h.changes {
		if !bytes.Equal(skeleton(r.Old, c.oldLine, c.removed), skeleton(r.New, c.newLine, c.added)) {
			return false
		}
		if proseWords(r.Old, c.oldLine, c.removed) == proseWords(r.New, c.newLine, c.added) {
			return false // white space or layout alone: the word diff shows nothing
		}
	}
	return true
}

// lineRange returns the span of n lines of d from line first (1-based),
// without the last line's line break.
func lineRange(d *document.Document, first, n int) document.Span {
	if n <= 0 {
		return document.Span{}
	}
	return document.Span{Start: d.Line(first).Start, End: d.Line(first + n - 1).End}
}

// skeleton returns what is not prose in n lines of d from line first: the
// bytes the document model masks or reads as space (code, HTML, link
// targets, web addresses, front matter, Markdown marks), each run of them
// followed by a 0 byte.
func skeleton(d *document.Document, first, n int) []byte {
	s := lineRange(d, first, n)
	var out []byte
	in := false
	for i := s.Start; i < s.End; i++ {
		if d.Prose[i] != d.Text[i] {
			out = append(out, d.Text[i])
			in = true
		} else if in {
			out = append(out, 0)
			in = false
		}
	}
	if in {
		out = append(out, 0)
	}
	return out
}

// proseWords returns the words and punctuation of the prose in n lines of
// d from line first, separated by single spaces.
func proseWords(d *document.Document, first, n int) string {
	s := lineRange(d, first, n)
	prose := bytes.ReplaceAll(d.Prose[s.Start:s.End], []byte{document.Masked}, []byte(" "))
	return strings.Join(strings.Fields(string(prose)), " ")
}
