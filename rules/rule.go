// Package rules is docqa's rule engine and its built-in rules.
//
// A Rule is a value: its ID, default severity and documentation live beside
// the code that checks, so listing, explaining and configuring rules all
// come from one source. A rule checks one document through a Pass and
// reports Findings, each a byte range of the document with a message and
// optional Fixes; the Linter runs the enabled rules over a document and
// returns the findings sorted.
//
// The package is usable without the docqa command:
//
//	reg := rules.Builtin()
//	l, err := rules.NewLinter(reg, rules.Config{})
//	findings := l.Lint(document.Load("a.md", text))
package rules

import (
	"fmt"
	"strings"

	"github.com/docqa/docqa/document"
)

// Severity is how much a finding matters.
type Severity int

// The severities, least first.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// String returns the severity's name as written in output and config.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// ByRule names the default severity of a rule whose Severity is zero: one
// whose findings take the severity of the finding they are about, as
// checks/new-finding's keep the severity of the lint rule that found them.
const ByRule = "by rule"

// Rule is one check over a document, with its documentation.
type Rule struct {
	// ID is "category/name", e.g. "repetition/doubled-word".
	ID string
	// Severity is the rule's default severity. Zero means none of its own:
	// each finding takes the severity of what it reports (see ByRule),
	// unless the configuration sets one.
	Severity Severity
	// Off marks an opt-in rule: it runs only when the configuration names
	// it (a severity, "on" or options) or --enable turns it on.
	Off bool
	// Summary is a one-line description, without a final full stop.
	Summary string
	// Explanation says what the rule finds and why, in a few sentences.
	Explanation string
	// Bad and Good are short examples of text the rule reports and accepts.
	Bad, Good string
	// Options are the settings the rule takes from the config file.
	Options []Option
	// New prepares the rule for a run with the given option values (absent
	// options hold their defaults) and returns the function that checks one
	// document. It is called once per run; the returned Check must be safe
	// for concurrent use. It is nil for a rule that does not check single
	// documents (the revision checks of package checks, which compare two):
	// the Linter skips those.
	New func(opts Options) (Check, error)
	// Across, if set, reports whether the rule with these options looks
	// across the documents of a run (see Census). If nil, the rule does
	// when its option "across" is "documents" (see AcrossOption).
	Across func(opts Options) bool
	// Link, if set, is the address of the rule's documentation elsewhere
	// (a house style guide's entry), for SARIF's helpUri.
	Link string
}

// DefaultSeverity names the rule's default severity as docqa shows it:
// "error", "warning", "info", ByRule for a rule whose Severity is zero, or
// "off" for an opt-in rule.
func (r *Rule) DefaultSeverity() string {
	if r.Off {
		return "off"
	}
	if r.Severity == 0 {
		return ByRule
	}
	return r.Severity.String()
}

// Category returns the part of the ID before the slash.
func (r *Rule) Category() string {
	c, _, _ := strings.Cut(r.ID, "/")
	return c
}

// Check checks one document.
type Check func(p *Pass)

// OptionKind is the type of a rule option's value.
type OptionKind int

// The kinds of option values.
const (
	String     OptionKind = iota // a string
	StringList                   // a list of strings
	StringSets                   // a list of lists of strings
	Bool                         // true or false
	Int                          // a whole number, 0 or more
)

// String names the kind as a config file's author would.
func (k OptionKind) String() string {
	switch k {
	case String:
		return "a string"
	case StringList:
		return "a list of strings"
	case StringSets:
		return "a list of lists of strings"
	case Bool:
		return "true or false"
	case Int:
		return "a whole number, 0 or more"
	}
	return "unknown"
}

// Option documents one setting of a rule.
type Option struct {
	Name string
	Kind OptionKind
	Doc  string
	// Choices, if set, are the only values a String option accepts.
	Choices []string
	// Default, if set, is the value the rule uses when the option is not
	// set, of the option's kind, for documentation ("docqa rules", "docqa
	// init"): a list the option replaces, say. Nil means the empty value.
	Default any
}

// OptionError is a problem with the value of one of a rule's options, as
// a rule's New returns it: it names the option and the offending item, so
// that a config file's reader can point at the line.
type OptionError struct {
	// Option is the option's name.
	Option string
	// Index locates the offending item in the value: for a list, its
	// index; for a list of lists, the list's index and the item's in it.
	// Empty for the value as a whole.
	Index []int
	// Msg says what is wrong.
	Msg string
}

// Error returns "option[i][j]: problem".
func (e *OptionError) Error() string {
	var b strings.Builder
	b.WriteString(e.Option)
	for _, i := range e.Index {
		fmt.Fprintf(&b, "[%d]", i)
	}
	return b.String() + ": " + e.Msg
}

// Options holds a rule's option values by name: string, []string,
// [][]string or bool according to the option's kind.
type Options map[string]any

// String returns a string option's value, or "".
func (o Options) String(name string) string {
	s, _ := o[name].(string)
	return s
}

// Strings returns a string-list option's value and whether it was set.
func (o Options) Strings(name string) ([]string, bool) {
	s, ok := o[name].([]string)
	return s, ok
}

// Sets returns a list-of-lists option's value.
func (o Options) Sets(name string) [][]string {
	s, _ := o[name].([][]string)
	return s
}

// Int returns a whole-number option's value, and false if it is not set.
func (o Options) Int(name string) (int, bool) {
	n, ok := o[name].(int)
	return n, ok
}

// Bool returns a boolean option's value, or false.
func (o Options) Bool(name string) bool {
	b, _ := o[name].(bool)
	return b
}

// Fix is an edit that resolves a finding: replace the bytes of Span with
// Replacement.
type Fix struct {
	Span        document.Span
	Replacement string
	// Message says what the fix does, as an editor's code action or a
	// SARIF fix's description names it ("Use the house spelling “Kyiv”");
	// "" lets each printer say it from the edit ("Replace “Kiev” with
	// “Kyiv”").
	Message string
	// Unsafe marks a fix that changes a speaker's words (it lies inside a
	// quotation): apply it only after checking the source.
	Unsafe bool
}

// Describe says what the fix does to old, the text of its span, as every
// printer and the language server's code actions name it: its Message, or
// "Replace "old" with "new".", "Delete "old"." or "Insert "new".", with a
// warning for an unsafe fix.
func (f Fix) Describe(old string) string {
	var s string
	switch {
	case f.Message != "":
		s = f.Message + "."
	case f.Replacement == "":
		s = fmt.Sprintf("Delete %q.", old)
	case old == "":
		s = fmt.Sprintf("Insert %q.", f.Replacement)
	default:
		s = fmt.Sprintf("Replace %q with %q.", old, f.Replacement)
	}
	if f.Unsafe {
		s += " The text is inside a quotation: check the source first."
	}
	return s
}

// Related is another place a finding is about, which a reader wants to
// see beside it: the first use of the spelling a document chose, the
// opening mark a closing one lacks, the passage of a source.
type Related struct {
	// Path is the document it lies in; "" for the finding's own.
	Path string
	// Doc is that document when it is another than the finding's (a
	// source), so that printers can give the place's line and column;
	// nil for the finding's own.
	Doc  *document.Document
	Span document.Span
	// Message says what the place is ("first use of “Uyghur”").
	Message string
}

// Finding is one problem a rule found in a document.
type Finding struct {
	Path     string
	Rule     string
	Severity Severity
	// Span is the text the finding is about.
	Span    document.Span
	Message string
	Fixes   []Fix
	// Related are the other places the finding is about, in order.
	Related []Related
	// OldText and NewText are the text before and after the change the
	// finding is about: set by revision checks, and by sources/altered
	// (the source's words and the quotation's).
	OldText, NewText string
}

// Pass is what a Check receives: the document and a way to report.
type Pass struct {
	Doc  *document.Document
	Rule *Rule
	out  *[]Finding
	sev  Severity
	// census holds the run's counts for a rule that looks across
	// documents, nil when documents are linted one by one.
	census *Census
	// tally is not nil in the counting pass (see Counting).
	tally map[useKey]int
	// shared is what the checks of one document compute once and share;
	// nil for a Pass made outside a Linter.
	shared *shared
}

// shared holds what more than one check needs of a document, computed on
// first use: the paragraphs its speakers say.
type shared struct {
	spoken     []bool
	spokenDone bool
}

// spokenParagraphs returns spokenParagraphs of the document, computed once
// for every check of it.
func (p *Pass) spokenParagraphs() []bool {
	sh := p.shared
	if sh == nil {
		sh = &shared{}
		p.shared = sh
	}
	if !sh.spokenDone {
		sh.spoken, sh.spokenDone = spokenParagraphs(p.Doc), true
	}
	return sh.spoken
}

// Report records a finding over span with a message and optional fixes.
// Fixes that touch a quotation, in any style docqa pairs (“…”, „…“, «…»,
// 「…」, …), are marked unsafe.
func (p *Pass) Report(span document.Span, message string, fixes ...Fix) {
	for i := range fixes {
		f := &fixes[i]
		if p.Doc.InQuote(f.Span.Start) || (f.Span.End > f.Span.Start && p.Doc.InQuote(f.Span.End-1)) {
			f.Unsafe = true
		}
	}
	*p.out = append(*p.out, Finding{
		Path: p.Doc.Path, Rule: p.Rule.ID, Severity: p.sev, Span: span, Message: message, Fixes: fixes,
	})
}

// ReportRelated records a finding over span with a message, the other
// places it is about and optional fixes (see Report).
func (p *Pass) ReportRelated(span document.Span, message string, related []Related, fixes ...Fix) {
	p.Report(span, message, fixes...)
	(*p.out)[len(*p.out)-1].Related = related
}

// WordFix returns fix as a finding's fixes, or none if its span is not
// prose a fix may edit (see document.Editable): the fix of a word never
// touches Markdown markup or a reference label, so a misspelling inside
// [recieve][] or across *per* cent is reported without one.
func WordFix(d *document.Document, fix Fix) []Fix {
	if !d.Editable(fix.Span) {
		return nil
	}
	return []Fix{fix}
}

// Reportf is Report with a formatted message and no fixes.
func (p *Pass) Reportf(span document.Span, format string, args ...any) {
	p.Report(span, fmt.Sprintf(format, args...))
}
