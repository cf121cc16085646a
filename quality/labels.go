// Package quality scores docqa's rules on a labelled corpus of real text:
// precision, recall and false findings per 10,000 words, per rule and per
// class of text (news, documentation, fiction).
//
// The corpus is in corpus/, one folder per class, each file with its
// origin and licence in corpus/SOURCES.md. The labels are in labels/, one
// file per class, written by people: for every finding a rule makes on the
// corpus, whether it is a real problem or a false alarm, and the real
// problems no rule finds. The code under test never writes a label; a
// finding with no label is reported as such, and the test fails until a
// person labels it.
//
// Recall on the defects that matter most is measured on planted copies:
// each document with one quotation mark dropped, or one word doubled (see
// Plant), which the planting code knows without asking the rules.
package quality

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Verdict is a person's judgement of a place in the corpus for one rule.
type Verdict string

// The verdicts of a label.
const (
	// Problem is a real problem the rule should report there.
	Problem Verdict = "problem"
	// Fine is a place the rule reports where nothing is wrong.
	Fine Verdict = "fine"
)

// Label is one line of a labels file:
//
//	path	line:column	rule	verdict	text	note
//
// separated by tabs. Path is relative to the corpus folder; line and
// column are those docqa reports (1-based, columns in code points); text
// is the finding's text, for a reader; note says why, in a few words.
// Lines starting with # and blank lines are comments. A position of *
// labels every finding of the rule in the file Fine at once: a transcript
// whose every "you" is a speaker's, say. A Problem is always one place.
type Label struct {
	Path string
	// Line and Column are 0 for a label of the whole file (position *).
	Line, Column int
	Rule         string
	Verdict      Verdict
	Text, Note   string
	// Source is "file:line" of the label, for messages.
	Source string
}

// key identifies the place and rule a label is about.
type key struct {
	path         string
	line, column int
	rule         string
}

func (l Label) key() key { return key{l.Path, l.Line, l.Column, l.Rule} }

// ReadLabels reads a labels file. name is used in error messages, which
// are "name:line: problem".
func ReadLabels(name string, r io.Reader) ([]Label, error) {
	var out []Label
	seen := map[key]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		f := strings.Split(line, "\t")
		if len(f) < 4 || len(f) > 6 {
			return nil, fmt.Errorf("%s: want path, line:column, rule, verdict, text and note separated by tabs; got %d fields", where, len(f))
		}
		for len(f) < 6 {
			f = append(f, "")
		}
		l := Label{Path: f[0], Rule: f[2], Verdict: Verdict(f[3]), Text: f[4], Note: f[5], Source: where}
		if f[1] != "*" {
			ln, col, ok := strings.Cut(f[1], ":")
			var err1, err2 error
			l.Line, err1 = strconv.Atoi(ln)
			l.Column, err2 = strconv.Atoi(col)
			if !ok || err1 != nil || err2 != nil || l.Line < 1 || l.Column < 1 {
				return nil, fmt.Errorf("%s: position %q is not line:column or *", where, f[1])
			}
		}
		if l.Verdict != Problem && l.Verdict != Fine {
			return nil, fmt.Errorf("%s: verdict %q is neither %q nor %q", where, f[3], Problem, Fine)
		}
		if l.Line == 0 && l.Verdict == Problem {
			return nil, fmt.Errorf("%s: a problem is at one place: give its line:column, not *", where)
		}
		if l.Path == "" || !strings.Contains(l.Rule, "/") {
			return nil, fmt.Errorf("%s: a label needs a path and a rule ID", where)
		}
		if prev, dup := seen[l.key()]; dup {
			return nil, fmt.Errorf("%s: labels the same place and rule as %s", where, prev)
		}
		seen[l.key()] = where
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// ReadLabelsFile reads the labels file at path; a missing file has none.
func ReadLabelsFile(path string) ([]Label, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ReadLabels(path, bytes.NewReader(data))
}

// FormatLabel returns a label's line in a labels file, without the line
// break.
func FormatLabel(l Label) string {
	clean := func(s string) string {
		return strings.NewReplacer("\t", " ", "\n", "⏎", "\r", "").Replace(s)
	}
	pos := fmt.Sprintf("%d:%d", l.Line, l.Column)
	if l.Line == 0 {
		pos = "*"
	}
	return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s", l.Path, pos, l.Rule, l.Verdict, clean(l.Text), clean(l.Note))
}
