package checks

import (
	"fmt"

	"github.com/yuin/goldmark/parser"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// The revision checks. They are rules.Rule values without a New function:
// they compare two documents rather than check one, so the Linter skips
// them, but they are listed, explained and configured like lint rules.
var (
	QuoteChanged = &rules.Rule{
		ID:       "checks/quote-changed",
		Severity: rules.Error,
		Summary:  "The words inside a quotation changed between revisions",
		Explanation: `Reports a quotation whose words differ between two revisions of a document, with
a word-level diff of the quotation: a speaker's words change only after
checking the source. Typography is not a change: straight versus curly marks,
"..." versus "…" and white space are ignored. A quotation is paired with its
counterpart by its place in the word alignment of the two revisions and by
similarity, so a reworded quotation is still the same quotation, and one that
moved to another paragraph unchanged is no change at all.`,
		Bad:  "old: the “extent of arbitrary and discriminatory detention … may constitute international crimes”\nnew: the “scale of arbitrary and discriminatory detention … could constitute international crimes”",
		Good: "old: the “extent of arbitrary detention”\nnew: the \"extent of arbitrary detention\"",
	}
	AttributionChanged = &rules.Rule{
		ID:       "checks/attribution-changed",
		Severity: rules.Warning,
		Summary:  "A quotation is now credited to someone else",
		Explanation: `Reports a quotation whose speaker, as named in its paragraph ("… ,” Smith said",
"according to the ministry"), differs between two revisions. Swapping two
speakers is one of the costliest corrections a newsroom publishes.`,
		Bad:  "old: “We will stay,” Bachelet said.\nnew: “We will stay,” Zenz said.",
		Good: "old: “We will stay,” Bachelet said.\nnew: “We will stay,” Bachelet told reporters.",
	}
	FigureChanged = &rules.Rule{
		ID:       "checks/figure-changed",
		Severity: rules.Warning,
		Summary:  "A number changed in an otherwise matching sentence",
		Explanation: `Reports a number that changed in a sentence that otherwise matches its
counterpart in the other revision ("40 people" to "14 people"): figures are
where a transposition slips through, and an editor must confirm each.`,
		Bad:  "old: interviews with 40 people\nnew: interviews with 14 people",
		Good: "old: interviews with 40 people\nnew: interviews with forty people in Almaty",
	}
	QuoteAdded = &rules.Rule{
		ID:       "checks/quote-added",
		Severity: rules.Info,
		Summary:  "A new quotation: it needs a source",
		Explanation: `Reports a quotation in the new revision with no counterpart in the old one. A new
quotation needs a source an editor can check.`,
		Bad:  "old: The minister left.\nnew: “I am leaving,” the minister said.",
		Good: "old: “I am leaving,” the minister said.\nnew: “I am leaving,” the minister said on Monday.",
	}
	QuoteRemoved = &rules.Rule{
		ID:       "checks/quote-removed",
		Severity: rules.Info,
		Summary:  "A quotation was removed: check for a dangling attribution",
		Explanation: `Reports a quotation of the old revision with no counterpart in the new one. A
removed quotation may leave a dangling "he said" or a reply to nothing.`,
		Bad:  "old: “I am leaving,” the minister said. Critics disagreed.\nnew: Critics disagreed.",
		Good: "old: “I am leaving,” the minister said.\nnew: “I am leaving,” the minister said.",
	}
	MarkupChanged = &rules.Rule{
		ID:       "checks/markup-changed",
		Severity: rules.Warning,
		Summary:  "Code, HTML, a link target or front matter changed between revisions",
		Explanation: `Reports each part of a document that is not prose and changed between two
revisions, where the word diff of the prose does not show it or shows it in
passing: a code block or code span, a link or image target (and an image's
description), a link reference definition, inline HTML or an HTML block, front
matter, a heading's level, template or shortcode syntax ({{< … >}}, {% … %}),
an admonition's first line, and in plain text and Markdown alike a web address
written in the prose. One finding a changed part, at its place in the new
revision, names
what changed: "code block changed: “rm -rf /” is now “rm -rf /tmp/x”", "link
target changed from https://a.example to https://b.example", "front matter
changed: “draft: true” is now “draft: false”". A code block, HTML block, front
matter or link reference definition added is reported too, and one removed, at
its place in the old revision.

White space and line endings alone are no change: a re-wrapped paragraph or
code span, trailing spaces, re-indented HTML. Indentation inside a code block
or front matter is (YAML, Python and Makefiles depend on it). A part that moved
unchanged is no change, nor a link whose target stayed the same but is now
written by reference.`,
		Bad:  "old: Run `make test`, then see [the guide](https://example.com/v1).\nnew: Run `make release`, then see [the guide](https://example.com/v2).",
		Good: "old: See [the guide](https://example.com/guide).\nnew: See [our guide](https://example.com/guide).",
	}
	NewFinding = &rules.Rule{
		ID:      "checks/new-finding",
		Summary: "A lint finding the new revision introduced",
		Explanation: `Reports each lint finding of the new revision that the old one did not have,
matched by rule and text rather than by line, so edits elsewhere in the
document do not make old findings look new. The finding keeps the severity of
the rule that found it, unless the configuration sets one for
checks/new-finding: then every new finding has that one.`,
		Bad:  "old: in particular crimes\nnew: in particular particular crimes",
		Good: "old: in particular particular crimes\nnew: Earlier, in particular particular crimes",
	}
)

// Rules returns the revision checks, to add to a registry so that they are
// listed, explained and configured with the lint rules.
func Rules() []*rules.Rule {
	return []*rules.Rule{QuoteChanged, AttributionChanged, FigureChanged, QuoteAdded, QuoteRemoved, MarkupChanged, NewFinding}
}

// Registry returns the built-in lint rules and the revision checks in one
// registry.
func Registry() *rules.Registry {
	reg := rules.Builtin()
	for _, r := range Rules() {
		reg.Add(r)
	}
	return reg
}

// Comparer compares revisions of documents with one configuration. It is
// safe for concurrent use.
type Comparer struct {
	// Documents are the options CompareGolden reads documents with (a
	// configuration's template delimiters); nil reads them as
	// document.Load does.
	Documents *document.Options
	// Filter, when set, processes the findings of each revision before
	// checks/new-finding compares them: suppression directives and
	// ignored paths, as lint applies them (see package pipeline).
	Filter func(*document.Document, []rules.Finding) []rules.Finding

	linter *rules.Linter
	sev    map[string]rules.Severity // enabled checks and their severities
	verbs  verbSet
	md     parser.Parser // CommonMark, for checks/markup-changed
}

// NewComparer prepares the lint rules and the revision checks that cfg
// enables; reg must hold both (see Registry). The speakers the revision
// checks look for are attributed by cfg's quotes/attribution verbs.
func NewComparer(reg *rules.Registry, cfg rules.Config) (*Comparer, error) {
	linter, err := rules.NewLinter(reg, cfg)
	if err != nil {
		return nil, err
	}
	sevs, err := cfg.Severities(reg)
	if err != nil {
		return nil, err
	}
	verbs := rules.AttributionVerbs(cfg.Rules[rules.QuotesAttribution.ID].Options)
	c := &Comparer{linter: linter, sev: map[string]rules.Severity{}, verbs: newVerbSet(verbs), md: newMarkdownParser()}
	for _, r := range Rules() {
		if _, ok := reg.Lookup(r.ID); !ok {
			return nil, fmt.Errorf("registry lacks revision check %s", r.ID)
		}
		if sev, on := sevs[r.ID]; on {
			c.sev[r.ID] = sev
		}
	}
	return c, nil
}

// lint lints a revision and processes its findings with Filter.
func (c *Comparer) lint(d *document.Document) []rules.Finding {
	fs := c.linter.Lint(d)
	if c.Filter != nil {
		fs = c.Filter(d, fs)
	}
	return fs
}

// Result is what a comparison found.
type Result struct {
	Old, New *document.Document
	// Findings are sorted by path, position and rule. Each lies in New,
	// but for checks/quote-removed and a block removed
	// (checks/markup-changed), which lie in Old (their Path is Old's).
	Findings []rules.Finding
	// Paragraphs are the changed paragraphs, in order, for display.
	Paragraphs []ParagraphDiff
}

// Changed reports whether the two revisions differ in their words.
func (r *Result) Changed() bool { return len(r.Paragraphs) > 0 }

// ParagraphDiff is the word-level change of one paragraph. Old or New is an
// empty span at the place of the paragraph in that revision when the
// paragraph was added or removed.
type ParagraphDiff struct {
	Old, New document.Span
	Ops      []Op
}

// OpKind says whether a piece of text is in both revisions or one.
type OpKind int

// The kinds of diff pieces.
const (
	Equal OpKind = iota
	Delete
	Insert
)

// Op is one piece of a word-level diff.
type Op struct {
	Kind OpKind
	Text string
}
