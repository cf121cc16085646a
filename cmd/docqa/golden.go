package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// defaultGoldenDir is the default of --golden-dir.
const defaultGoldenDir = "golden"

// goldenFormats returns the output formats of "docqa golden".
func goldenFormats() []string { return []string{"text", "json", "junit"} }

// goldenOptions are the flags of "docqa golden".
type goldenOptions struct {
	goldenDir  string
	update     bool
	format     string
	configPath string
}

// newGoldenCommand returns "docqa golden [PATH]...".
func newGoldenCommand() *cobra.Command {
	o := &goldenOptions{}
	cmd := &cobra.Command{
		Use:   "golden [PATH]...",
		Short: "Compare documents with their golden copies",
		Long: `Compare documents with their approved ("golden") copies. The golden copy of
articles/x.md is golden/articles/x.md: the golden folder mirrors the
documents' paths relative to the working folder. Folders are searched as by
'docqa lint', leaving out the golden folder itself.

A document whose text is its golden copy's, line endings and a byte order
mark aside, passes. One that differs in any other byte fails, with a
word-level diff of its prose, a line diff of the lines that differ in more
than words (code, HTML, link targets, front matter, white space), and the
revision checks (changed quotations, speakers, figures, code and markup;
lint findings it introduced). One without a golden copy fails too.
--update approves the documents: it writes each one that differs or is
missing over its golden copy, atomically, keeping the file's mode, and says
which it wrote.

The exit status is 0 if every document passes (or, with --update, was
written), 1 if any differs from its golden copy or has none, 2 for a usage,
config or I/O error.`,
		Example: `  docqa golden articles/
  docqa golden --update articles/x.md
  docqa golden --golden-dir testdata/approved --format junit articles/ > golden.xml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(cmd, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.goldenDir, "golden-dir", defaultGoldenDir, "folder of the golden copies, mirroring the documents' paths")
	f.BoolVar(&o.update, "update", false, "write the documents that differ or are missing over their golden copies")
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(goldenFormats(), ", "))
	f.StringVar(&o.configPath, "config", "", "config file (default: the nearest "+config.FileName+" in the working folder or above)")
	return cmd
}

// goldenStatus is the outcome for one document, as reported.
type goldenStatus string

// The outcomes reported.
const (
	goldenPass    goldenStatus = "pass"
	goldenDrift   goldenStatus = "drift"
	goldenMissing goldenStatus = "missing"
	goldenWritten goldenStatus = "written"
	goldenError   goldenStatus = "error"
)

// goldenEntry is what "docqa golden" found for one document.
type goldenEntry struct {
	// name is the document's name as reported.
	name string
	// golden is the golden copy's path with "/" separators; empty if the
	// document has no place in the golden folder.
	golden string
	status goldenStatus
	// result is the comparison of a drifted document with its golden copy.
	result *checks.Result
	// err says why the document could not be checked (status goldenError).
	err error
}

// goldenSummary counts the documents by outcome.
type goldenSummary struct {
	Documents int `json:"documents"`
	Passed    int `json:"passed"`
	Drifted   int `json:"drifted"`
	Missing   int `json:"missing"`
	Written   int `json:"written"`
	Errors    int `json:"errors"`
}

func (s *goldenSummary) add(st goldenStatus) {
	s.Documents++
	switch st {
	case goldenPass:
		s.Passed++
	case goldenDrift:
		s.Drifted++
	case goldenMissing:
		s.Missing++
	case goldenWritten:
		s.Written++
	case goldenError:
		s.Errors++
	}
}

// goldenRun checks documents against their golden copies.
type goldenRun struct {
	opts *goldenOptions
	// comparers are the comparers of the configurations met so far.
	comparers map[*runPipeline]*checks.Comparer
	stderr    io.Writer

	// beforeWrite, if set, is called with the golden copy's path after the
	// comparison and before --update checks that the copy did not change
	// meanwhile: tests change it there.
	beforeWrite func(golden string)
}

// run checks args and prints the outcome to the command's output.
func (o *goldenOptions) run(cmd *cobra.Command, args []string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if !slices.Contains(goldenFormats(), o.format) {
		return failure("unknown format %q (want text, json or junit)", o.format)
	}
	if o.goldenDir == "" {
		return failure("--golden-dir must name a folder")
	}
	if len(args) == 0 {
		return failure("no paths given (usage: %s)", cmd.UseLine())
	}
	if slices.Contains(args, "-") {
		return failure("standard input has no golden copy: name the documents' files")
	}

	res, err := newResolver(o.configPath, nil, nil)
	if err != nil {
		return failure("%v", err)
	}
	inputs, ok := collectInputs(args, "", stderr)
	if err := resolveInputs(res, inputs, nil); err != nil {
		return failure("%v", err)
	}

	var printer goldenPrinter
	switch o.format {
	case "json":
		printer = &goldenJSON{w: stdout}
	case "junit":
		printer = &goldenJUnit{w: stdout, opts: o}
	default:
		printer = &goldenText{w: stdout, opts: o, color: colorOutput(stdout)}
	}
	g := &goldenRun{opts: o, comparers: map[*runPipeline]*checks.Comparer{}, stderr: stderr}
	var sum goldenSummary
	for _, in := range inputs {
		if err := cmd.Context().Err(); err != nil {
			return failure("interrupted")
		}
		e, skip := g.check(in)
		if skip {
			continue
		}
		if e.err != nil {
			warn(stderr, "%v", e.err)
		}
		sum.add(e.status)
		if err := printer.entry(e); err != nil {
			return failure("writing output: %v", err)
		}
	}
	if err := printer.end(sum); err != nil {
		return failure("writing output: %v", err)
	}
	switch {
	case !ok || sum.Errors > 0:
		return &exitError{code: exitFailure} // each problem is already reported
	case sum.Drifted > 0 || sum.Missing > 0:
		return &exitError{code: exitFindings}
	}
	return nil
}

// check checks one document against its golden copy, and with --update
// approves it. skip reports a document found in a folder walk that is not
// to be checked: a golden copy itself, or a file too large or binary (with
// a notice on stderr).
func (g *goldenRun) check(in input) (e *goldenEntry, skip bool) {
	e = &goldenEntry{name: in.name, status: goldenError}
	golden, err := checks.GoldenPath(g.opts.goldenDir, filepath.FromSlash(in.name))
	if err != nil {
		if errors.Is(err, checks.ErrInGoldenDir) && !in.explicit {
			return nil, true
		}
		e.err = err
		return e, false
	}
	e.golden = filepath.ToSlash(golden)
	data, err := os.ReadFile(in.path)
	if err != nil {
		e.err = fileError(in.name, err)
		return e, false
	}
	if err := sizeError(in.name, len(data), document.MaxSize); err != nil {
		if !in.explicit {
			warn(g.stderr, "%v, skipped", err)
			return nil, true
		}
		e.err = err
		return e, false
	}
	if kind, hint := notText(data); kind != "" {
		if !in.explicit {
			warn(g.stderr, "%s: %s, skipped%s", in.name, kind, hint)
			return nil, true
		}
		e.err = fmt.Errorf("%s: %s, not checked%s", in.name, kind, hint)
		return e, false
	}
	gc, err := readGolden(golden)
	if err != nil {
		e.err = err
		return e, false
	}
	c, err := g.comparer(in.pipe)
	if err != nil {
		e.err = err
		return e, false
	}
	r, err := g.compare(c, in.name, data, golden, gc)
	if err != nil {
		e.err = err
		return e, false
	}
	switch r.Status {
	case checks.Pass:
		e.status = goldenPass
	case checks.Drift:
		e.status, e.result = goldenDrift, r.Result
	case checks.Missing:
		e.status = goldenMissing
	}
	if g.opts.update && e.status != goldenPass {
		if g.beforeWrite != nil {
			g.beforeWrite(golden)
		}
		if err := gc.unchanged(golden); err != nil {
			e.status, e.result, e.err = goldenError, nil, err
			return e, false
		}
		if err := checks.UpdateGolden(golden, data); err != nil {
			e.status, e.result, e.err = goldenError, nil, err
			return e, false
		}
		e.status, e.result = goldenWritten, nil
	}
	return e, false
}

// comparer returns the comparer of a document's configuration, made once.
func (g *goldenRun) comparer(rp *runPipeline) (*checks.Comparer, error) {
	if c := g.comparers[rp]; c != nil {
		return c, nil
	}
	c, err := rp.lib.Comparer()
	if err != nil {
		return nil, err
	}
	g.comparers[rp] = c
	return c, nil
}

// goldenCopy is a golden copy as read: its bytes and the file they came
// from, or that there was none.
type goldenCopy struct {
	exists bool
	data   []byte
	info   os.FileInfo
}

// readGolden reads the golden copy at golden, as checks.CheckGolden would,
// keeping the identity of the file read so that --update writes over the
// copy only if it is still the one compared.
func readGolden(golden string) (goldenCopy, error) {
	f, err := os.Open(golden)
	if errors.Is(err, fs.ErrNotExist) {
		return goldenCopy{}, nil
	}
	if err != nil {
		return goldenCopy{}, goldenReadError(golden, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return goldenCopy{}, goldenReadError(golden, err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return goldenCopy{}, goldenReadError(golden, err)
	}
	return goldenCopy{exists: true, data: data, info: fi}, nil
}

// goldenReadError is checks.CheckGolden's error for a golden copy that
// cannot be read.
func goldenReadError(golden string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: reading the golden copy: %w", golden, err)
}

// unchanged checks, right before --update writes over the golden copy at
// golden, that the copy is still the one read: none if there was none, else
// the same file with the same bytes. docqa never overwrites a golden copy
// someone wrote meanwhile.
func (gc goldenCopy) unchanged(golden string) error {
	changed := fmt.Errorf("%s: changed while docqa was running, not written", filepath.ToSlash(golden))
	now, err := readGolden(golden)
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

// compare compares the document with its golden copy gc as
// checks.CheckGolden does, turning a panic in the comparison into an error
// naming the document. With --update the revisions are not compared: only
// the status is needed.
func (g *goldenRun) compare(c *checks.Comparer, name string, data []byte, golden string, gc goldenCopy) (r *checks.GoldenResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%s: internal error while comparing with %s: %v", name, filepath.ToSlash(golden), p)
		}
	}()
	if !gc.exists {
		return &checks.GoldenResult{Path: name, Golden: golden, Status: checks.Missing}, nil
	}
	if g.opts.update {
		c = nil
	}
	return checks.CompareGolden(c, name, data, golden, gc.data), nil
}

// approveHint is the command that approves the document at name.
func (o *goldenOptions) approveHint(name string) string {
	cmd := "docqa golden"
	if o.goldenDir != defaultGoldenDir {
		cmd += " --golden-dir " + shellQuote(o.goldenDir)
	}
	return cmd + " --update " + shellQuote(name)
}

// shellQuote quotes s for a POSIX shell when it holds more than letters,
// digits and the punctuation of ordinary paths.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./+,:@%") == "" {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`").Replace(s) + `"`
}

// writeDrift writes a drifted document's word diff, the line diff of what
// the word diff does not show, then the revision findings in lint's text
// form, with a blank line between each part that is not empty.
func writeDrift(w io.Writer, r *checks.Result, color bool) error {
	if r == nil {
		return nil
	}
	var words, lines, findings bytes.Buffer
	if err := r.WriteDiff(&words, color); err != nil {
		return err
	}
	if err := r.WriteLineDiff(&lines, color); err != nil {
		return err
	}
	p := report.NewText(&findings)
	for _, grp := range groupFindings(r) {
		if err := p.File(grp.doc, grp.findings); err != nil {
			return err
		}
	}
	sep := false
	for _, part := range []*bytes.Buffer{&words, &lines, &findings} {
		if part.Len() == 0 {
			continue
		}
		if sep {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := part.WriteTo(w); err != nil {
			return err
		}
		sep = true
	}
	return nil
}

// findingGroup is a run of findings that lie in one document.
type findingGroup struct {
	doc      *document.Document
	findings []rules.Finding
}

// groupFindings splits a comparison's findings, sorted by path, into runs
// that lie in the same revision: checks/quote-removed findings lie in the
// old one, the others in the new one.
func groupFindings(r *checks.Result) []findingGroup {
	var groups []findingGroup
	fs := r.Findings
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j].Path == fs[i].Path {
			j++
		}
		doc := r.New
		if r.Old != nil && fs[i].Path == r.Old.Path && (r.New == nil || r.Old.Path != r.New.Path) {
			doc = r.Old
		}
		groups = append(groups, findingGroup{doc: doc, findings: fs[i:j]})
		i = j
	}
	return groups
}

// colorOutput reports whether to colour the output written to w: only on a
// terminal, and not when the NO_COLOR environment variable is set and not
// empty (https://no-color.org).
func colorOutput(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// goldenPrinter writes the outcome of "docqa golden" in one format.
type goldenPrinter interface {
	// entry writes (or records) one document's outcome.
	entry(e *goldenEntry) error
	// end finishes the output with the summary.
	end(sum goldenSummary) error
}

// goldenText writes one line a document, the diff and findings of a
// drifted one under its line, and a summary line:
//
//	PASS a.md
//	FAIL b.md: differs from golden/b.md
//	<word diff>
//
//	<line diff>
//
//	<findings, as docqa lint prints them>
//	FAIL c.md: no golden copy at golden/c.md (run 'docqa golden --update c.md' to approve it)
//	3 documents: 1 passed, 1 drifted, 1 missing
//
// With --update, a document written over its golden copy has the line
// "wrote golden/b.md". A document that could not be checked is reported on
// stderr only.
type goldenText struct {
	w     io.Writer
	opts  *goldenOptions
	color bool
	buf   bytes.Buffer
}

func (p *goldenText) entry(e *goldenEntry) error {
	p.buf.Reset()
	switch e.status {
	case goldenPass:
		fmt.Fprintf(&p.buf, "PASS %s\n", e.name)
	case goldenDrift:
		fmt.Fprintf(&p.buf, "FAIL %s: differs from %s\n", e.name, e.golden)
		if err := writeDrift(&p.buf, e.result, p.color); err != nil {
			return err
		}
	case goldenMissing:
		fmt.Fprintf(&p.buf, "FAIL %s: no golden copy at %s (run '%s' to approve it)\n",
			e.name, e.golden, p.opts.approveHint(e.name))
	case goldenWritten:
		fmt.Fprintf(&p.buf, "wrote %s\n", e.golden)
	case goldenError:
		return nil // on stderr
	}
	_, err := p.w.Write(p.buf.Bytes())
	return err
}

func (p *goldenText) end(sum goldenSummary) error {
	_, err := io.WriteString(p.w, sum.String(p.opts.update)+"\n")
	return err
}

// String returns the summary line: "3 documents: 1 passed, 1 drifted, 1
// missing", with --update "3 documents: 1 passed, 2 written", followed by
// ", N errors" when there are errors.
func (s goldenSummary) String(update bool) string {
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

// goldenJSON writes one JSON object,
//
//	{"documents": [{"path", "golden", "status", "diff", "line_diff", "findings", "error"}],
//	 "summary": {"documents", "passed", "drifted", "missing", "written", "errors"}}
//
// indented by two spaces. "status" is pass, drift, missing, written (with
// --update) or error. "diff" (drift only) is the word diff as the text
// format prints it, without colour, and "line_diff" the unified diff of
// the lines that differ in more than words (code, markup, white space),
// each left out when empty; "findings" are the revision findings
// of a drifted document in the schema of "docqa lint --format json", an
// empty list otherwise; "error" (error only) says why the document could
// not be checked. "golden" is left out when the document has no place in
// the golden folder.
type goldenJSON struct {
	w    io.Writer
	docs []goldenJSONEntry
}

type goldenJSONEntry struct {
	Path     string `json:"path"`
	Golden   string `json:"golden,omitempty"`
	Status   string `json:"status"`
	Diff     string `json:"diff,omitempty"`
	LineDiff string `json:"line_diff,omitempty"`
	Findings []any  `json:"findings"`
	Error    string `json:"error,omitempty"`
}

func (p *goldenJSON) entry(e *goldenEntry) error {
	je := goldenJSONEntry{Path: e.name, Golden: e.golden, Status: string(e.status), Findings: []any{}}
	if e.err != nil {
		je.Error = e.err.Error()
	}
	if r := e.result; r != nil {
		var diff bytes.Buffer
		if err := r.WriteDiff(&diff, false); err != nil {
			return err
		}
		je.Diff = diff.String()
		var lines bytes.Buffer
		if err := r.WriteLineDiff(&lines, false); err != nil {
			return err
		}
		je.LineDiff = lines.String()
		for _, grp := range groupFindings(r) {
			je.Findings = append(je.Findings, report.JSONFindings(grp.doc, grp.findings)...)
		}
	}
	p.docs = append(p.docs, je)
	return nil
}

func (p *goldenJSON) end(sum goldenSummary) error {
	v := struct {
		Documents []goldenJSONEntry `json:"documents"`
		Summary   goldenSummary     `json:"summary"`
	}{Documents: p.docs, Summary: sum}
	if v.Documents == nil {
		v.Documents = []goldenJSONEntry{}
	}
	enc := json.NewEncoder(p.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// goldenJUnit writes a JUnit XML report with one test case a document, in
// the suite "docqa golden", class "docqa.golden", named by the document's
// path. A drifted document's case fails with type "drift" and the word
// diff, the line diff and the findings as its text; a missing one with
// type "missing"; one that could not be checked has an error of type
// "error". Written documents pass.
type goldenJUnit struct {
	w     io.Writer
	opts  *goldenOptions
	cases []report.JUnitCase
}

func (p *goldenJUnit) entry(e *goldenEntry) error {
	c := report.JUnitCase{Classname: "docqa.golden", Name: e.name}
	switch e.status {
	case goldenDrift:
		var body bytes.Buffer
		if err := writeDrift(&body, e.result, false); err != nil {
			return err
		}
		c.Failure = &report.JUnitProblem{Message: "differs from " + e.golden, Type: "drift", Body: body.String()}
	case goldenMissing:
		c.Failure = &report.JUnitProblem{
			Message: "no golden copy at " + e.golden, Type: "missing",
			Body: "to approve it, run: " + p.opts.approveHint(e.name) + "\n",
		}
	case goldenError:
		c.Error = &report.JUnitProblem{Message: e.err.Error(), Type: "error"}
	}
	p.cases = append(p.cases, c)
	return nil
}

func (p *goldenJUnit) end(goldenSummary) error {
	return report.WriteJUnit(p.w, report.JUnitSuite{Name: "docqa golden", Cases: p.cases})
}
