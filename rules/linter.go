package rules

import (
	"fmt"
	"sort"

	"github.com/docqa/docqa/document"
)

// Setting is the configuration of one rule.
type Setting struct {
	// Off turns the rule off.
	Off bool
	// Severity, if not zero, replaces the rule's default severity.
	Severity Severity
	// Options are the rule's option values; absent ones keep their defaults.
	Options Options
	// IgnorePaths are path patterns (see MatchPath) of documents whose
	// findings of the rule are dropped; the Linter still reports them, its
	// caller drops them (see Setting.IgnoresPath). The docqa command
	// matches them against paths relative to the config file's folder.
	IgnorePaths []string
}

// Config selects and configures the rules of a run.
type Config struct {
	// Rules holds settings by rule ID.
	Rules map[string]Setting
	// Enable and Disable name rules or categories to turn on or off, after
	// Rules is applied: Disable wins over Rules, Enable wins over both.
	Enable, Disable []string
}

// Severities returns the severity of every rule of reg that c turns on,
// whether or not the rule checks single documents: the one selection that
// NewLinter, the suppressor and the revision checks share. It fails on an
// unknown rule or category.
func (c Config) Severities(reg *Registry) (map[string]Severity, error) {
	on := make(map[string]bool, len(reg.Rules()))
	for _, r := range reg.Rules() {
		on[r.ID] = !r.Off
	}
	for id, s := range c.Rules {
		if _, ok := reg.Lookup(id); !ok {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
		on[id] = !s.Off // a setting names the rule: an opt-in one runs
	}
	for _, sel := range []struct {
		flag  string
		names []string
		on    bool
	}{{"--disable", c.Disable, false}, {"--enable", c.Enable, true}} {
		for _, name := range sel.names {
			rs, err := reg.Select(name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", sel.flag, err)
			}
			for _, r := range rs {
				on[r.ID] = sel.on
			}
		}
	}
	sevs := make(map[string]Severity)
	for _, r := range reg.Rules() {
		if !on[r.ID] {
			continue
		}
		sev := r.Severity
		if s := c.Rules[r.ID].Severity; s != 0 {
			sev = s
		}
		sevs[r.ID] = sev
	}
	return sevs, nil
}

// Linter runs a set of prepared rules over documents. It is safe for
// concurrent use.
type Linter struct {
	checks []prepared
	census *Census // see WithCensus
}

type prepared struct {
	rule   *Rule
	sev    Severity
	check  Check
	across bool // the rule looks across documents
}

// NewLinter prepares the rules of reg that cfg enables. It fails if cfg
// names an unknown rule or a rule rejects its options.
func NewLinter(reg *Registry, cfg Config) (*Linter, error) {
	sevs, err := cfg.Severities(reg)
	if err != nil {
		return nil, err
	}
	l := &Linter{}
	for _, r := range reg.Rules() {
		sev, on := sevs[r.ID]
		if !on || r.New == nil {
			continue
		}
		opts := cfg.Rules[r.ID].Options
		if opts == nil {
			opts = Options{}
		}
		check, err := r.New(opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		l.checks = append(l.checks, prepared{rule: r, sev: sev, check: check, across: acrossDocuments(r, opts)})
	}
	return l, nil
}

// Rules returns the IDs of the rules the linter runs, sorted.
func (l *Linter) Rules() []string {
	ids := make([]string, len(l.checks))
	for i, c := range l.checks {
		ids[i] = c.rule.ID
	}
	return ids
}

// Lint runs every rule over doc and returns the findings sorted by
// position, then rule, then message.
func (l *Linter) Lint(doc *document.Document) []Finding {
	var out []Finding
	sh := &shared{}
	for _, c := range l.checks {
		p := &Pass{Doc: doc, Rule: c.rule, out: &out, sev: c.sev, shared: sh}
		if c.across {
			p.census = l.census
		}
		c.check(p)
	}
	SortFindings(out)
	return out
}

// SortFindings sorts findings by path, start, rule, end and message: the
// order docqa prints them in.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		switch {
		case a.Path != b.Path:
			return a.Path < b.Path
		case a.Span.Start != b.Span.Start:
			return a.Span.Start < b.Span.Start
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		case a.Span.End != b.Span.End:
			return a.Span.End < b.Span.End
		}
		return a.Message < b.Message
	})
}
