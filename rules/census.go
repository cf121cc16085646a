package rules

import (
	"maps"
	"slices"
	"sync"

	"github.com/docqa/docqa/document"
)

// A rule that keeps one spelling across the documents of a run (the
// option across: documents) cannot decide from one document alone: it
// needs to know how often the whole run uses each spelling. The Linter
// gives it that in two passes. First Linter.Count runs such rules over
// every document in counting mode (Pass.Counting), where they report
// nothing and record each use with Pass.Count; the counts go into a
// Census. Then the Linter returned by WithCensus checks the documents,
// and the rules read the run's counts with Pass.Uses.
//
// Counts are sums, so the census, and the findings that follow from it,
// do not depend on the order the documents are counted in nor on how many
// workers count them.

// Across values: the option a rule that can look across documents takes.
const (
	AcrossDocument  = "document"  // each document chooses its own spelling (the default)
	AcrossDocuments = "documents" // the whole run chooses one spelling
)

// AcrossOption returns the option of a rule that can keep one spelling
// across the documents of a run.
func AcrossOption() Option {
	return Option{
		Name:    "across",
		Kind:    String,
		Choices: []string{AcrossDocument, AcrossDocuments},
		Doc: "document (the default): each document's first use chooses its spelling; " +
			"documents: the whole run counts every spelling, the most used (or the preferred one) wins, " +
			"and the others are reported in every document that uses them",
	}
}

// useKey names one spelling of one set of one rule.
type useKey struct {
	rule         string
	set, variant int
}

// Census holds the uses of each spelling counted over the documents of a
// run, for the rules that look across documents. It is safe for
// concurrent use; the zero value is empty and ready.
type Census struct {
	mu   sync.Mutex
	uses map[useKey]int
	docs int
}

// Tally is one document's counts for the rules that look across
// documents (see Linter.Tally): what it adds to a Census, and what to take
// away when the document changes.
type Tally struct {
	uses map[useKey]int
}

// Equal reports whether two tallies hold the same counts: whether a
// changed document changed what it adds to a census.
func (t Tally) Equal(u Tally) bool { return maps.Equal(t.uses, u.uses) }

// Add adds one document's counts to the census.
func (c *Census) Add(t Tally) { c.add(t.uses, 1) }

// Remove takes one document's counts, added before, out of the census:
// an editor that changes one document replaces its old tally with its new
// one, and the census stays that of the run.
func (c *Census) Remove(t Tally) { c.add(t.uses, -1) }

// add adds sign times the counts of one document.
func (c *Census) add(uses map[useKey]int, sign int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.uses == nil {
		c.uses = make(map[useKey]int, len(uses))
	}
	for k, n := range uses {
		c.uses[k] += sign * n
		if c.uses[k] == 0 {
			delete(c.uses, k)
		}
	}
	c.docs += sign
}

// Documents returns the number of documents counted.
func (c *Census) Documents() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs
}

// count returns the count of one spelling.
func (c *Census) count(k useKey) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.uses[k]
}

// Counting reports whether the pass is the counting pass of a run across
// documents: the check records each use with Count and reports nothing.
func (p *Pass) Counting() bool { return p.tally != nil }

// Count records, in the counting pass, one use of the variant-th spelling
// of the rule's set-th set of spellings. Outside it, Count does nothing.
func (p *Pass) Count(set, variant int) {
	if p.tally != nil {
		p.tally[useKey{p.Rule.ID, set, variant}]++
	}
}

// Uses returns how many times the documents of the run use the
// variant-th spelling of the set-th set, as counted by the first pass,
// and true; or 0 and false when there was no such pass (documents linted
// one by one, or a rule that does not look across documents).
func (p *Pass) Uses(set, variant int) (int, bool) {
	if p.census == nil {
		return 0, false
	}
	return p.census.count(useKey{p.Rule.ID, set, variant}), true
}

// Majority returns the spelling among variants 0..n-1 of set that the run
// uses most, the first of them on a tie, and its count; ok is false when
// there was no counting pass.
func (p *Pass) Majority(set, n int) (variant, uses int, ok bool) {
	if p.census == nil {
		return 0, 0, false
	}
	counts := make([]int, n)
	for v := range counts {
		counts[v], _ = p.Uses(set, v)
	}
	best := slices.Index(counts, slices.Max(counts))
	return best, counts[best], true
}

// acrossDocuments reports whether a rule's options ask it to look across
// documents.
func acrossDocuments(r *Rule, opts Options) bool {
	if r.Across != nil {
		return r.Across(opts)
	}
	return opts.String("across") == AcrossDocuments
}

// Across reports whether some rule of l looks across documents: the
// caller should then Count every document of the run and lint with the
// linter WithCensus returns. A linter used without a census checks such
// rules one document at a time.
func (l *Linter) Across() bool {
	for _, c := range l.checks {
		if c.across {
			return true
		}
	}
	return false
}

// Count runs the rules of l that look across documents over doc in
// counting mode and adds what they count to c. It is safe for concurrent
// use.
func (l *Linter) Count(doc *document.Document, c *Census) {
	c.Add(l.Tally(doc, nil))
}

// Tally runs the rules of l that look across documents over doc in
// counting mode and returns what they count, leaving out the rules for
// which skip (if not nil) reports true: those whose configuration ignores
// the document, which therefore has no say in the run's spelling.
func (l *Linter) Tally(doc *document.Document, skip func(rule string) bool) Tally {
	tally := make(map[useKey]int)
	sh := &shared{}
	for _, ch := range l.checks {
		if !ch.across || skip != nil && skip(ch.rule.ID) {
			continue
		}
		var none []Finding
		ch.check(&Pass{Doc: doc, Rule: ch.rule, out: &none, sev: ch.sev, tally: tally, shared: sh})
	}
	return Tally{uses: tally}
}

// WithCensus returns a linter that runs the rules of l, those that look
// across documents reading the counts of c.
func (l *Linter) WithCensus(c *Census) *Linter {
	return &Linter{checks: l.checks, census: c}
}
