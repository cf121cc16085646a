// Package rulestest checks rules against fixture documents whose expected
// findings are written inside them, next to the text they are about, as
// golang.org/x/tools/go/analysis/analysistest does for Go.
//
// In a Markdown fixture (.md, .markdown) an expectation is an HTML comment
//
//	<!-- want: house/kyiv -->
//	The war reached Kiev in February.
//
// on a line of its own, about the next line that is not itself a marker
// line, or at the end of the line it is about:
//
//	The war reached Kiev in February. <!-- want: house/kyiv -->
//
// Several findings are separated by commas ("<!-- want: a, b -->"); a rule
// named twice expects two findings on the line. A plain-text fixture (.txt
// and any other name) writes a marker line as "# want: RULE" (or as the
// HTML comment); an HTML comment at the end of a line works there too.
//
// Marker lines are taken out of the text before it is linted, so that they
// neither split a paragraph nor hold prose; markers at the end of a line
// are masked (Markdown: they are comments) or blanked (plain text). A
// finding's line is the line of its first byte.
package rulestest

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// Want is one expected finding.
type Want struct {
	Line int // 1-based, in the fixture as written
	Rule string
}

// Problem is a difference between the expected and the actual findings.
type Problem struct {
	Path string
	Line int
	Rule string
	// Missing is true for an expected finding that did not occur, false
	// for a finding no marker expects.
	Missing bool
	// Message is an unexpected finding's message.
	Message string
}

// String returns "path:line: missing RULE" or "path:line: unexpected RULE:
// message".
func (p Problem) String() string {
	if p.Missing {
		return fmt.Sprintf("%s:%d: missing %s", p.Path, p.Line, p.Rule)
	}
	return fmt.Sprintf("%s:%d: unexpected %s: %s", p.Path, p.Line, p.Rule, p.Message)
}

// Finding is an actual finding with its line in the fixture as written.
type Finding struct {
	rules.Finding
	Line int
}

// Fixture is a fixture document with its markers taken out.
type Fixture struct {
	Path string
	// Text is the fixture as written, markers included.
	Text []byte
	// Want are the expected findings, sorted by line and rule.
	Want []Want
	// Doc is the document that is linted: Text without its marker lines.
	Doc *document.Document

	lines    [][]byte // the lines of Text, each with its line break
	marker   []bool   // by line of Text: a marker line
	origLine []int    // by 1-based line of Doc: the line of Text
	markdown bool
}

// Markers: the HTML comment and, in plain text, a "# want:" line.
var (
	commentMarker = regexp.MustCompile(`[ \t]*<!--[ \t]*want:([^>]*?)-->`)
	hashLine      = regexp.MustCompile(`^[ \t]*#[ \t]*want:(.*?)[ \t]*\r?\n?$`)
)

// Parse reads the markers of a fixture and builds the document to lint.
func Parse(path string, text []byte) *Fixture {
	return parse(path, text, nil)
}

// parse is Parse, reading the document with opts (nil for the defaults).
func parse(path string, text []byte, opts *document.Options) *Fixture {
	f := &Fixture{Path: path, Text: text, markdown: document.FormatFor(path) == document.Markdown}
	f.lines = splitLines(text)
	f.marker = make([]bool, len(f.lines))
	var pending []string // rules of marker lines waiting for their line
	var stripped []byte
	for i, line := range f.lines {
		if rs, ok := f.markerLine(line); ok {
			f.marker[i] = true
			pending = append(pending, rs...)
			continue
		}
		for _, r := range pending {
			f.Want = append(f.Want, Want{Line: i + 1, Rule: r})
		}
		pending = nil
		for _, m := range commentMarker.FindAllSubmatchIndex(line, -1) {
			for _, r := range ruleList(string(line[m[2]:m[3]])) {
				f.Want = append(f.Want, Want{Line: i + 1, Rule: r})
			}
			if !f.markdown { // plain text: not prose
				line = slices.Clone(line)
				for k := m[0]; k < m[1]; k++ {
					line[k] = ' '
				}
			}
		}
		stripped = append(stripped, line...)
		f.origLine = append(f.origLine, i+1)
	}
	for _, r := range pending { // markers at the end: about no line
		f.Want = append(f.Want, Want{Line: len(f.lines) + 1, Rule: r})
	}
	sort.SliceStable(f.Want, func(i, j int) bool {
		if f.Want[i].Line != f.Want[j].Line {
			return f.Want[i].Line < f.Want[j].Line
		}
		return f.Want[i].Rule < f.Want[j].Rule
	})
	f.Doc = opts.Load(path, stripped)
	return f
}

// markerLine reports whether line holds markers only, and their rules.
func (f *Fixture) markerLine(line []byte) ([]string, bool) {
	if m := hashLine.FindSubmatch(line); m != nil && !f.markdown {
		return ruleList(string(m[1])), true
	}
	ms := commentMarker.FindAllSubmatchIndex(line, -1)
	if len(ms) == 0 || len(bytes.TrimSpace(commentMarker.ReplaceAll(line, nil))) > 0 {
		return nil, false
	}
	var rs []string
	for _, m := range ms {
		rs = append(rs, ruleList(string(line[m[2]:m[3]]))...)
	}
	return rs, true
}

// ruleList splits "a, b" into rule IDs.
func ruleList(s string) []string {
	var out []string
	for _, r := range strings.Split(s, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// splitLines splits text into lines, each with its line break.
func splitLines(text []byte) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	return out
}

// Findings returns the findings in the fixture's lines as written.
func (f *Fixture) Findings(fs []rules.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, fd := range fs {
		line := f.Doc.LineOf(fd.Span.Start)
		orig := len(f.lines) + 1
		if line-1 < len(f.origLine) {
			orig = f.origLine[line-1]
		}
		out[i] = Finding{Finding: fd, Line: orig}
	}
	return out
}

// Compare returns the differences between the fixture's expectations and
// the findings, sorted by line, then rule, the missing first.
func (f *Fixture) Compare(fs []rules.Finding) []Problem {
	type key struct {
		line int
		rule string
	}
	want := map[key]int{}
	for _, w := range f.Want {
		want[key{w.Line, w.Rule}]++
	}
	var out []Problem
	for _, fd := range f.Findings(fs) {
		k := key{fd.Line, fd.Rule}
		if want[k] > 0 {
			want[k]--
			continue
		}
		out = append(out, Problem{Path: f.Path, Line: fd.Line, Rule: fd.Rule, Message: fd.Message})
	}
	for _, w := range f.Want {
		k := key{w.Line, w.Rule}
		if want[k] > 0 {
			want[k]--
			out = append(out, Problem{Path: f.Path, Line: w.Line, Rule: w.Rule, Missing: true})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Missing != b.Missing:
			return a.Missing
		}
		return a.Rule < b.Rule
	})
	return out
}

// Update returns the fixture's text with its markers rewritten from the
// findings: every old marker goes, and each line with findings gets a
// marker line before it naming their rules, sorted.
func (f *Fixture) Update(fs []rules.Finding) []byte {
	byLine := map[int][]string{}
	for _, fd := range f.Findings(fs) {
		byLine[fd.Line] = append(byLine[fd.Line], fd.Rule)
	}
	eol := "\n"
	if len(f.lines) > 0 && bytes.HasSuffix(f.lines[0], []byte("\r\n")) {
		eol = "\r\n"
	}
	var b bytes.Buffer
	for i, line := range f.lines {
		if f.marker[i] {
			continue
		}
		if rs := byLine[i+1]; len(rs) > 0 {
			sort.Strings(rs)
			indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
			b.Write(indent)
			if f.markdown {
				fmt.Fprintf(&b, "<!-- want: %s -->%s", strings.Join(rs, ", "), eol)
			} else {
				fmt.Fprintf(&b, "# want: %s%s", strings.Join(rs, ", "), eol)
			}
		}
		b.Write(commentMarker.ReplaceAll(line, nil))
	}
	if rs := byLine[len(f.lines)+1]; len(rs) > 0 { // a finding on the last line, unterminated
		sort.Strings(rs)
		fmt.Fprintf(&b, "<!-- want: %s -->%s", strings.Join(rs, ", "), eol)
	}
	return b.Bytes()
}

// Runner checks fixtures with a linter.
type Runner struct {
	Linter *rules.Linter
	// Filter, if set, post-processes each fixture's findings, as the lint
	// command's stages do (suppression directives, say).
	Filter func(*document.Document, []rules.Finding) []rules.Finding
	// Documents are the options fixtures are read with (a configuration's
	// template delimiters); nil reads them as document.Load does.
	Documents *document.Options
}

// Run lints a fixture and returns it with its findings.
func (r *Runner) Run(path string, text []byte) (*Fixture, []rules.Finding) {
	f := parse(path, text, r.Documents)
	fs := r.Linter.Lint(f.Doc)
	if r.Filter != nil {
		fs = r.Filter(f.Doc, fs)
	}
	return f, fs
}

// Check reads the fixture at path and returns the differences between its
// markers and its findings. With update, it rewrites the markers from the
// findings instead (atomically, and only if they change) and returns no
// problems; changed reports whether it wrote the file.
func (r *Runner) Check(path string, update bool) (problems []Problem, changed bool, err error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, false, err
	}
	f, fs := r.Run(filepath.ToSlash(path), text)
	if !update {
		return f.Compare(fs), false, nil
	}
	out := f.Update(fs)
	if bytes.Equal(out, text) {
		return nil, false, nil
	}
	return nil, true, writeAtomic(path, out)
}

// writeAtomic replaces the file at path with data: a temporary file in the
// same folder, renamed over it, with the old file's permissions.
func writeAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, info.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// Files returns the fixtures that paths name: files as given, and the
// .md, .markdown and .txt files of folders, recursively, leaving out
// hidden folders and node_modules; sorted, each once.
func Files(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if p != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			switch strings.ToLower(filepath.Ext(name)) {
			case ".md", ".markdown", ".txt":
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return out, nil
}
