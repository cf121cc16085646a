package fix

import (
	"bytes"
	"fmt"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// contextLines is how many unchanged lines a hunk shows around a change.
const contextLines = 3

// Unified returns a unified diff from old to new, both the file called
// name: a "--- a/NAME" and "+++ b/NAME" header and hunks with three lines
// of context, as "diff -u" writes them and "patch -p1" and "git apply"
// read them. Lines end at LF; a last line without one is marked "\ No
// newline at end of file". It returns nil if old and new are equal.
//
// The line alignment is go-diff's Myers diff without a time limit, so the
// same texts always give the same diff.
func Unified(name string, old, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	ops := diffLines(splitLines(old), splitLines(new))
	var b bytes.Buffer
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", name, name)
	for i := 0; i < len(ops); {
		// Find the next change and the hunk around it: changes closer than
		// twice the context share a hunk.
		for i < len(ops) && ops[i].kind == ' ' {
			i++
		}
		if i == len(ops) {
			break
		}
		start := max(0, i-contextLines)
		end := i // after the last change of the hunk
		for j := i; j < len(ops) && j < end+2*contextLines+1; j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			}
		}
		stop := min(len(ops), end+contextLines)
		writeHunk(&b, ops, start, stop)
		i = stop
	}
	return b.Bytes()
}

// line is one line of a diff: its kind (' ' unchanged, '-' removed, '+'
// added), its text with its line break, and its 1-based numbers in the old
// and new text (the number of the next line where it is in only one).
type line struct {
	kind     byte
	text     []byte
	old, new int
}

// writeHunk writes the hunk of ops[start:stop].
func writeHunk(b *bytes.Buffer, ops []line, start, stop int) {
	var nOld, nNew int
	for _, op := range ops[start:stop] {
		if op.kind != '+' {
			nOld++
		}
		if op.kind != '-' {
			nNew++
		}
	}
	// An empty range is numbered by the line before it.
	oldStart, newStart := ops[start].old, ops[start].new
	if nOld == 0 {
		oldStart--
	}
	if nNew == 0 {
		newStart--
	}
	fmt.Fprintf(b, "@@ -%d,%d +%d,%d @@\n", oldStart, nOld, newStart, nNew)
	for _, op := range ops[start:stop] {
		b.WriteByte(op.kind)
		b.Write(op.text)
		if !bytes.HasSuffix(op.text, []byte("\n")) {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// splitLines splits text after each LF.
func splitLines(text []byte) [][]byte {
	var lines [][]byte
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n') + 1
		if i == 0 {
			i = len(text)
		}
		lines = append(lines, text[:i])
		text = text[i:]
	}
	return lines
}

// diffLines aligns two texts' lines: unchanged lines, and in between the
// removed lines, then the added ones.
func diffLines(a, b [][]byte) []line {
	ra, rb, ok := symbolize(a, b)
	var ops []line
	i, j := 0, 0 // next old and new line
	emit := func(kind byte, n int) {
		for range n {
			switch kind {
			case ' ':
				ops = append(ops, line{' ', a[i], i + 1, j + 1})
				i++
				j++
			case '-':
				ops = append(ops, line{'-', a[i], i + 1, j + 1})
				i++
			case '+':
				ops = append(ops, line{'+', b[j], i + 1, j + 1})
				j++
			}
		}
	}
	if !ok { // too many distinct lines to align: replace them all
		emit('-', len(a))
		emit('+', len(b))
		return ops
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: the same diff on any machine
	del, ins := 0, 0    // a change not yet emitted
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			del += n
		case diffmatchpatch.DiffInsert:
			ins += n
		case diffmatchpatch.DiffEqual:
			emit('-', del)
			emit('+', ins)
			del, ins = 0, 0
			emit(' ', n)
		}
	}
	emit('-', del)
	emit('+', ins)
	return ops
}

// symbolize maps each distinct line to a rune, a valid code point that is
// not a surrogate, so that go-diff can align lines as it aligns
// characters. ok is false if there are more distinct lines than runes.
func symbolize(a, b [][]byte) (ra, rb []rune, ok bool) {
	ids := make(map[string]rune)
	next := rune(0)
	conv := func(lines [][]byte) []rune {
		rs := make([]rune, len(lines))
		for i, l := range lines {
			r, seen := ids[string(l)]
			if !seen {
				if next > unicode.MaxRune {
					ok = false
					continue
				}
				r = next
				ids[string(l)] = r
				next++
				if next == 0xD800 {
					next = 0xE000
				}
			}
			rs[i] = r
		}
		return rs
	}
	ok = true
	ra, rb = conv(a), conv(b)
	return ra, rb, ok
}
