// Package house turns declarative house rules, written in a config file
// rather than in Go, into rules.Rule values.
//
// A house rule has an ID under "house/", a message, a severity, a scope and
// one of four kinds:
//
//   - existence: flag these words or phrases;
//   - substitution: write To instead of From, with a fix that keeps the
//     case of the original ("Kiev" → "Kyiv", "KIEV" → "KYIV");
//   - consistency: sets of variants; in each document the first variant
//     used (or the set's preferred one) wins and the others are reported;
//   - pattern: a Go (RE2) regular expression over the document's prose.
//
// Compile builds the rules of a run together: the phrases of every
// existence, substitution and consistency rule go into one matcher keyed by
// folded word sequences, run once per document whatever the number of
// rules, so thousands of phrases cost a map lookup per word. A phrase also
// matches with a possessive ending ("Kiev's", "Kiev’s" for "Kiev"), which a
// fix keeps as written.
//
// Compile refuses rules whose fixes would not settle: a replacement that
// another fix rewrites ("Kiev" → "Kyiv" and "Kyiv" → "Kyjiw", a chain) or
// undoes ("Kyiv" → "Kiev", a cycle: each --fix would flip the words back),
// or that an existence rule reports.
//
//	rs, err := house.Compile([]house.Def{{
//		ID: "house/kyiv", Kind: house.Substitution,
//		Swap: []house.Pair{{From: "Kiev", To: "Kyiv"}},
//		Message: "use %[2]s, not %[1]s",
//	}})
//	reg := rules.Builtin()
//	for _, r := range rs {
//		reg.Add(r)
//	}
package house

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/docqa/docqa/rules"
)

// The kinds of house rule.
const (
	Existence    = "existence"
	Substitution = "substitution"
	Consistency  = "consistency"
	Pattern      = "pattern"
)

// Kinds returns the kinds of house rule, in the order the documentation
// gives them.
func Kinds() []string { return []string{Existence, Substitution, Consistency, Pattern} }

// The scopes of a house rule: where in a document it looks.
const (
	// ScopeProse is the text outside quotations, the default: a writer
	// cannot fix a speaker's words.
	ScopeProse = "prose"
	// ScopeQuotes is the text inside quotations.
	ScopeQuotes = "quotes"
	// ScopeAll is both.
	ScopeAll = "all"
)

// Scopes returns the scopes a house rule may name.
func Scopes() []string { return []string{ScopeProse, ScopeQuotes, ScopeAll} }

// Prefix is what every house rule's ID starts with.
const Prefix = "house/"

// Pair is one substitution: From is reported, To is the fix.
type Pair struct {
	From, To string
}

// Def is the definition of one house rule, as a config file writes it.
type Def struct {
	// ID is "house/name".
	ID string
	// Kind is Existence, Substitution, Consistency or Pattern.
	Kind string
	// Message is a fmt format for the finding: %[1]s is the matched text,
	// %[2]s the replacement (substitution) or the chosen form
	// (consistency), "" for the other kinds. A literal % is written %%.
	Message string
	// Description, if set, is the rule's summary in "docqa rules";
	// otherwise the message, filled in from the rule's first example, is.
	Description string
	// Severity is the default severity; 0 means warning.
	Severity rules.Severity
	// Scope is ScopeProse (the default when empty), ScopeQuotes or
	// ScopeAll.
	Scope string
	// Link, if set, points to the style guide's entry.
	Link string
	// CaseSensitive makes the phrases of existence, substitution and
	// consistency rules match only as written (the config's
	// "ignorecase: false"); by default they match in any case.
	CaseSensitive bool
	// Tokens are the words and phrases an existence rule reports.
	Tokens []string
	// Swap are the substitutions of a substitution rule, in order.
	Swap []Pair
	// Sets are the variant sets of a consistency rule.
	Sets [][]string
	// Prefer are the preferred forms of a consistency rule, at most one
	// from each set; a set without one lets a document's first use choose.
	Prefer []string
	// Across is rules.AcrossDocuments for a consistency rule that keeps one
	// form across the documents of a run, rules.AcrossDocument or "" for
	// one that lets each document choose.
	Across string
	// Pattern is a pattern rule's Go regular expression.
	Pattern string
	// Source says where the rule was defined, e.g. ".docqa.yaml:12", for
	// its explanation.
	Source string
	// Off reports that the configuration turns the rule off. It is
	// compiled all the same, but its fixes, which do not run, are not held
	// against the others' (see Compile): a rule of a shared pack that
	// conflicts with one's own can be turned off rather than edited.
	Off bool
}

// DefError is a problem with one definition of those given to Compile.
type DefError struct {
	// Index is the definition's index.
	Index int
	// Field is the offending field as a config file names it ("id",
	// "kind", "message", "tokens", "swap", "sets", "prefer", "pattern"),
	// or "" for the definition as a whole.
	Field string
	// Item is the index of the offending item of a list field, or -1.
	Item int
	// Msg says what is wrong.
	Msg string
	// Other, if not nil, is the other item the problem involves: the fix
	// that undoes or rewrites this one's replacement, say, or the one
	// whose replacement this one rewrites.
	Other *DefRef
	// Why, if set, says what the problem leads to.
	Why string
}

// Error returns the problem, naming the rule's field, and the other item
// it involves as "house/x swap[0]" (see Text).
func (e *DefError) Error() string {
	return e.Text(nil)
}

// Text returns the problem as Error does, but names Other with where, if
// not nil: "field[item]: Msg (where(Other)): Why".
func (e *DefError) Text(where func(DefRef) string) string {
	var b strings.Builder
	switch {
	case e.Field != "" && e.Item >= 0:
		fmt.Fprintf(&b, "%s[%d]: ", e.Field, e.Item)
	case e.Field != "":
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	if e.Other != nil {
		if where == nil {
			where = DefRef.String
		}
		b.WriteString(" (" + where(*e.Other) + ")")
	}
	if e.Why != "" {
		b.WriteString(": " + e.Why)
	}
	return b.String()
}

// compiled is one rule of a set, ready to check documents.
type compiled struct {
	def     Def
	index   int
	re      *regexp.Regexp // pattern rules
	prefer  []int          // consistency: per set, the preferred variant or -1
	nvar    []int          // consistency: per set, the number of variants
	matcher *matcher       // the set's shared matcher
	// preferItem is, per set of a consistency rule, the index in
	// Def.Prefer of its preferred variant, or -1.
	preferItem []int
}

// Compile checks the definitions and returns their rules, in the order
// given. Every existence, substitution and consistency phrase of defs goes
// into one shared matcher. A problem is a *DefError; one that involves two
// items of the definitions (a fix that undoes another) is at the later
// one, and names the earlier one in its Other.
func Compile(defs []Def) ([]*rules.Rule, error) {
	rs, _, err := compileAll(defs)
	return rs, err
}

// compileAll is Compile, returning the rules' shared matcher too.
func compileAll(defs []Def) ([]*rules.Rule, *matcher, error) {
	m := newMatcher(len(defs))
	seen := make(map[string]int, len(defs))
	cs := make([]*compiled, len(defs))
	for i, d := range defs {
		c, err := compile(i, d, m)
		if err != nil {
			return nil, nil, err
		}
		if prev, dup := seen[d.ID]; dup {
			first := fmt.Sprintf("by rule %d", prev+1)
			if src := defs[prev].Source; src != "" {
				first = "at " + src
			}
			return nil, nil, &DefError{Index: i, Field: "id", Item: -1, Msg: fmt.Sprintf("duplicate rule ID %q (first defined %s)", d.ID, first)}
		}
		seen[d.ID] = i
		cs[i] = c
	}
	m.finish()
	if err := settle(cs, m); err != nil {
		return nil, nil, err
	}
	out := make([]*rules.Rule, len(cs))
	for i, c := range cs {
		out[i] = c.rule()
	}
	return out, m, nil
}

// compile checks one definition and adds its phrases to m.
func compile(i int, d Def, m *matcher) (*compiled, error) {
	fail := func(field string, item int, format string, args ...any) error {
		return &DefError{Index: i, Field: field, Item: item, Msg: fmt.Sprintf(format, args...)}
	}
	if d.ID == "" {
		return nil, fail("id", -1, "missing")
	}
	if err := checkID(d.ID); err != nil {
		return nil, fail("id", -1, "%v", err)
	}
	if d.Kind == "" {
		return nil, fail("kind", -1, "missing (want %s)", strings.Join(Kinds(), ", "))
	}
	if !slices.Contains(Kinds(), d.Kind) {
		return nil, fail("kind", -1, "unknown kind %q (want %s)", d.Kind, strings.Join(Kinds(), ", "))
	}
	if strings.TrimSpace(d.Message) == "" {
		return nil, fail("message", -1, "missing")
	}
	if out := format(d.Message, "a", "b"); strings.Contains(out, "%!") {
		return nil, fail("message", -1, "bad format: %q gives %q (use %%[1]s for the match, %%[2]s for the replacement, %%%% for a literal %%)", d.Message, out)
	}
	switch d.Scope {
	case "":
		d.Scope = ScopeProse
	case ScopeProse, ScopeQuotes, ScopeAll:
	default:
		return nil, fail("scope", -1, "unknown scope %q (want %s)", d.Scope, strings.Join(Scopes(), ", "))
	}
	if d.Severity == 0 {
		d.Severity = rules.Warning
	}
	if d.Link != "" {
		if u, err := url.Parse(d.Link); err != nil || u.Scheme == "" || u.Host == "" && u.Opaque == "" {
			return nil, fail("link", -1, "%q is not an absolute URL (want e.g. https://style.example.com/kyiv)", d.Link)
		}
	}
	switch d.Across {
	case "", rules.AcrossDocument:
	case rules.AcrossDocuments:
		if d.Kind != Consistency {
			return nil, fail("across", -1, "only a consistency rule looks across documents")
		}
	default:
		return nil, fail("across", -1, "unknown value %q (want %s or %s)", d.Across, rules.AcrossDocument, rules.AcrossDocuments)
	}
	c := &compiled{def: d, index: i, matcher: m}
	// Each kind takes its own field and no other's.
	fields := map[string]bool{
		"tokens": len(d.Tokens) > 0, "swap": len(d.Swap) > 0, "sets": len(d.Sets) > 0,
		"prefer": len(d.Prefer) > 0, "pattern": d.Pattern != "",
	}
	own := map[string][]string{
		Existence: {"tokens"}, Substitution: {"swap"}, Consistency: {"sets", "prefer"}, Pattern: {"pattern"},
	}[d.Kind]
	for _, f := range []string{"tokens", "swap", "sets", "prefer", "pattern"} {
		if fields[f] && !slices.Contains(own, f) {
			return nil, fail(f, -1, "not a field of a %s rule (want %s)", d.Kind, strings.Join(own, ", "))
		}
	}
	if !fields[own[0]] {
		return nil, fail(own[0], -1, "missing: a %s rule needs %s", d.Kind, own[0])
	}
	switch d.Kind {
	case Existence:
		for j, t := range d.Tokens {
			if err := m.add(t, i, j, "", d.CaseSensitive, 0, 0); err != nil {
				return nil, fail("tokens", j, "%v", err)
			}
		}
	case Substitution:
		for j, p := range d.Swap {
			if strings.TrimSpace(p.To) == "" {
				return nil, fail("swap", j, "no replacement for %q", p.From)
			}
			if err := m.add(p.From, i, j, p.To, d.CaseSensitive, 0, 0); err != nil {
				return nil, fail("swap", j, "%v", err)
			}
		}
	case Consistency:
		c.prefer = make([]int, len(d.Sets))
		c.preferItem = make([]int, len(d.Sets))
		c.nvar = make([]int, len(d.Sets))
		for s, set := range d.Sets {
			if len(set) < 2 {
				return nil, fail("sets", s, "want two variants or more")
			}
			c.prefer[s], c.preferItem[s] = -1, -1
			c.nvar[s] = len(set)
			for v, form := range set {
				if err := m.add(form, i, s, form, d.CaseSensitive, s, v); err != nil {
					return nil, fail("sets", s, "%v", err)
				}
			}
		}
		for j, p := range d.Prefer {
			found := false
			for s, set := range d.Sets {
				if v := slices.Index(set, p); v >= 0 {
					if c.prefer[s] >= 0 {
						return nil, fail("prefer", j, "%q and %q are of the same set", set[c.prefer[s]], p)
					}
					c.prefer[s], c.preferItem[s], found = v, j, true
				}
			}
			if !found {
				return nil, fail("prefer", j, "%q is in none of the sets", p)
			}
		}
	case Pattern:
		re, err := regexp.Compile(d.Pattern)
		if err != nil {
			return nil, fail("pattern", -1, "%v", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		if re.MatchString("") {
			return nil, fail("pattern", -1, "%q matches the empty string", d.Pattern)
		}
		c.re = re
	}
	return c, nil
}

// checkID checks a house rule ID: "house/" and a name of lower-case
// letters, digits and hyphens.
func checkID(id string) error {
	name, ok := strings.CutPrefix(id, Prefix)
	if !ok {
		return fmt.Errorf("%q is not under %s (house rules are named %sNAME)", id, Prefix, Prefix)
	}
	if name == "" {
		return fmt.Errorf("%q has no name after %s", id, Prefix)
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_' || r == '.') {
			return fmt.Errorf("%q: a name holds only lower-case letters, digits, '-', '_' and '.'", id)
		}
	}
	return nil
}

// rule returns the rules.Rule of a compiled definition.
func (c *compiled) rule() *rules.Rule {
	d := c.def
	first, second := c.example()
	summary := d.Description
	if summary == "" {
		summary = format(d.Message, first, second)
	}
	summary = strings.TrimSuffix(strings.TrimSpace(summary), ".")
	var ex strings.Builder
	switch d.Kind {
	case Existence:
		fmt.Fprintf(&ex, "Reports these words and phrases: %s.", strings.Join(d.Tokens, ", "))
	case Substitution:
		parts := make([]string, len(d.Swap))
		for i, p := range d.Swap {
			parts[i] = p.From + " → " + p.To
		}
		fmt.Fprintf(&ex, "Replaces, keeping the case of the original: %s.", strings.Join(parts, ", "))
	case Consistency:
		parts := make([]string, len(d.Sets))
		for i, s := range d.Sets {
			parts[i] = strings.Join(s, " / ")
			if c.prefer[i] >= 0 {
				parts[i] += " (prefer " + s[c.prefer[i]] + ")"
			}
		}
		if d.Across == rules.AcrossDocuments {
			fmt.Fprintf(&ex, "Keeps one form of each set across the documents of a run, the preferred one or else the one they use most: %s.", strings.Join(parts, "; "))
		} else {
			fmt.Fprintf(&ex, "Keeps one form of each set in a document, the preferred one or else the first used: %s.", strings.Join(parts, "; "))
		}
	case Pattern:
		fmt.Fprintf(&ex, "Reports what the regular expression %s matches in the prose.", d.Pattern)
	}
	if d.Kind != Pattern {
		if d.CaseSensitive {
			ex.WriteString(" Matches only as written.")
		} else {
			ex.WriteString(" Matches in any case.")
		}
	}
	switch d.Scope {
	case ScopeProse:
		ex.WriteString(" Looks outside quotations.")
	case ScopeQuotes:
		ex.WriteString(" Looks inside quotations only.")
	case ScopeAll:
		ex.WriteString(" Looks inside and outside quotations.")
	}
	if d.Description != "" {
		ex.WriteString("\n\n" + sentence(d.Description))
	}
	if d.Source != "" {
		ex.WriteString("\n\nA house rule defined in " + d.Source + ".")
	}
	if d.Link != "" {
		ex.WriteString("\n\nSee " + d.Link)
	}
	r := &rules.Rule{
		ID:          d.ID,
		Severity:    d.Severity,
		Summary:     summary,
		Explanation: ex.String(),
		Link:        d.Link,
		New: func(rules.Options) (rules.Check, error) {
			return c.check, nil
		},
	}
	if d.Kind == Consistency {
		r.Options = []rules.Option{rules.AcrossOption()}
		r.Across = func(opts rules.Options) bool {
			if v := opts.String("across"); v != "" {
				return v == rules.AcrossDocuments
			}
			return d.Across == rules.AcrossDocuments
		}
	}
	switch d.Kind {
	case Existence:
		r.Bad = d.Tokens[0]
	case Substitution:
		r.Bad, r.Good = d.Swap[0].From, d.Swap[0].To
	case Consistency:
		set := d.Sets[0]
		want := 0
		if c.prefer[0] >= 0 {
			want = c.prefer[0]
		}
		other := set[(want+1)%len(set)]
		r.Bad, r.Good = set[want]+" … "+other, set[want]+" … "+set[want]
	}
	return r
}

// example returns a match and its replacement to fill in the message with
// for the rule's summary.
func (c *compiled) example() (string, string) {
	d := c.def
	switch d.Kind {
	case Existence:
		return d.Tokens[0], ""
	case Substitution:
		return d.Swap[0].From, d.Swap[0].To
	case Consistency:
		set := d.Sets[0]
		if p := c.prefer[0]; p >= 0 {
			return set[(p+1)%len(set)], set[p]
		}
		return set[1], set[0]
	}
	return "…", ""
}

// format fills in a rule's message with the matched text and the
// replacement; a message may use either, both or neither.
func format(msg, text, repl string) string {
	return fmt.Sprintf(msg+"%.0[1]s", text, repl) // the empty verb allows unused arguments
}

// sentence returns s, trimmed, ending in a full stop, question or
// exclamation mark: a description written with or without one.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".?!") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}
