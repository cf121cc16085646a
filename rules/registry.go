package rules

import (
	"fmt"
	"sort"
	"strings"
)

// Registry is a set of rules by ID.
type Registry struct {
	rules []*Rule // sorted by ID
	byID  map[string]*Rule
}

// NewRegistry returns a registry of the given rules. It panics on a
// duplicate or malformed ID: that is a programming error.
func NewRegistry(rs ...*Rule) *Registry {
	reg := &Registry{byID: make(map[string]*Rule, len(rs))}
	for _, r := range rs {
		reg.Add(r)
	}
	return reg
}

// Add adds a rule. It panics on a duplicate or malformed ID.
func (reg *Registry) Add(r *Rule) {
	if c, n, ok := strings.Cut(r.ID, "/"); !ok || c == "" || n == "" {
		panic("rules: malformed rule ID " + r.ID)
	}
	if _, dup := reg.byID[r.ID]; dup {
		panic("rules: duplicate rule ID " + r.ID)
	}
	reg.byID[r.ID] = r
	i := sort.Search(len(reg.rules), func(i int) bool { return reg.rules[i].ID > r.ID })
	reg.rules = append(reg.rules, nil)
	copy(reg.rules[i+1:], reg.rules[i:])
	reg.rules[i] = r
}

// Rules returns the rules sorted by ID.
func (reg *Registry) Rules() []*Rule { return reg.rules }

// Lookup returns the rule with the given ID.
func (reg *Registry) Lookup(id string) (*Rule, bool) {
	r, ok := reg.byID[id]
	return r, ok
}

// Select returns the rules a name stands for: the rule with that ID, or
// every rule of that category. It is an error if the name matches none.
func (reg *Registry) Select(name string) ([]*Rule, error) {
	if r, ok := reg.byID[name]; ok {
		return []*Rule{r}, nil
	}
	var out []*Rule
	for _, r := range reg.rules {
		if r.Category() == name {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("unknown rule or category %q", name)
	}
	return out, nil
}

// Builtin returns a new registry holding docqa's built-in rules.
func Builtin() *Registry {
	return NewRegistry(
		QuotesUnbalanced,
		QuotesAttribution,
		DoubledWord,
		Coordination,
		Misspell,
		Typo,
		Variants,
		WebBoilerplate,
		SecondPerson,
		Directive,
		Encoding,
	)
}
