package config

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/house"
	"github.com/docqa/docqa/rules"
)

// variantsID is the built-in rule whose preferred spellings are fix
// outputs.
const variantsID = "consistency/variants"

// fixOutput is a text that a fix writes whatever the document: the
// replacement of a house substitution, the preferred form of a house
// consistency set, a preferred spelling of consistency/variants.
type fixOutput struct {
	rule  string // the ID of the rule whose fix writes it
	text  string
	scope string // where the fix writes it: house.ScopeProse, ScopeQuotes or ScopeAll
	// what names the fix in messages: "the replacement of “Kiev” → “Kyiv”".
	what string
	// from is what a substitution replaces, for the suggestion of a
	// direct swap; "" for a preferred form.
	from string
	// fail returns an *Error at the line of the output's item.
	fail func(msg string) error
}

// settle checks that the texts the fixes of the configuration write are
// left alone by the fixes of the other rules it enables: a replacement of
// a house rule that a built-in rule rewrites (a misspelling, or the other
// spelling of a set whose preferred one consistency/variants names), or a
// preferred spelling that a house substitution or spelling/misspell
// rewrites. Such fixes would undo each other at every --fix, or need two
// rounds. Each text is linted on its own, where its fix writes it (in
// prose, in a quotation), with every rule the configuration turns on; the
// house rules among themselves are house.Compile's to check.
func (p *parser) settle(cfg *Config) error {
	outs := p.fixOutputs(cfg)
	if len(outs) == 0 {
		return nil
	}
	// The rules prepared already, to judge their options, are not
	// prepared again: some take milliseconds.
	rs := slices.Clone(p.reg.Rules())
	for i, r := range rs {
		if check, ok := p.prepared[r.ID]; ok {
			ready := *r
			ready.New = func(rules.Options) (rules.Check, error) { return check, nil }
			rs[i] = &ready
		}
	}
	linter, err := rules.NewLinter(rules.NewRegistry(rs...), cfg.Rules)
	if err != nil {
		return &Error{File: p.name, Msg: err.Error(), Err: err}
	}
	for _, out := range outs {
		forms := []string{out.text}
		switch out.scope {
		case house.ScopeQuotes:
			forms = []string{"“" + out.text + "”"}
		case house.ScopeAll:
			forms = append(forms, "“"+out.text+"”")
		}
		for _, form := range forms {
			at := strings.Index(form, out.text)
			within := document.Span{Start: at, End: at + len(out.text)}
			f, fix, ok := rewriter(linter, form, within, out.rule)
			if !ok {
				continue
			}
			once := form[:fix.Span.Start] + fix.Replacement + form[fix.Span.End:]
			result := once[at : len(once)-(len(form)-within.End)]
			msg := fmt.Sprintf("%s is rewritten by %s as “%s”", out.what, f.Rule, result)
			if _, back, ok := rewriter(linter, once, document.Span{Start: 0, End: len(once)}, ""); ok &&
				once[:back.Span.Start]+back.Replacement+once[back.Span.End:] == form {
				return out.fail(msg + ", and back: fixes would never settle")
			}
			msg += ": a fix would need a second fix"
			if out.from != "" {
				msg += fmt.Sprintf(": make it “%s” → “%s”", out.from, result)
			}
			return out.fail(msg)
		}
	}
	return nil
}

// rewriter returns the first finding of the linter in text, of a rule
// other than skip and not a house rule if skip is one, whose first fix
// lies within the span and changes the text.
func rewriter(l *rules.Linter, text string, within document.Span, skip string) (rules.Finding, rules.Fix, bool) {
	for _, f := range l.Lint(document.LoadFormat("", []byte(text), document.Plain)) {
		if f.Rule == skip || strings.HasPrefix(skip, house.Prefix) && strings.HasPrefix(f.Rule, house.Prefix) || len(f.Fixes) == 0 {
			continue
		}
		fix := f.Fixes[0]
		if fix.Span.Start >= within.Start && fix.Span.End <= within.End && text[fix.Span.Start:fix.Span.End] != fix.Replacement {
			return f, fix, true
		}
	}
	return rules.Finding{}, rules.Fix{}, false
}

// fixOutputs returns the texts the fixes of the rules the configuration
// turns on write whatever the document, in the order of the file.
func (p *parser) fixOutputs(cfg *Config) []fixOutput {
	var outs []fixOutput
	if h := p.house; h != nil {
		for k, d := range h.defs {
			if cfg.Rules.Rules[d.ID].Off {
				continue
			}
			w := h.where[k]
			scope := d.Scope
			if scope == "" {
				scope = house.ScopeProse
			}
			fail := func(field string, item int) func(string) error {
				return func(msg string) error {
					return &Error{File: w.file, Line: w.line(field, item), Msg: fmt.Sprintf("%s: %s[%d]: %s", w.label, field, item, msg)}
				}
			}
			for j, pr := range d.Swap {
				outs = append(outs, fixOutput{rule: d.ID, text: pr.To, scope: scope, from: pr.From,
					what: fmt.Sprintf("the replacement of “%s” → “%s”", pr.From, pr.To), fail: fail("swap", j)})
			}
			for j, pf := range d.Prefer {
				outs = append(outs, fixOutput{rule: d.ID, text: pf, scope: scope,
					what: fmt.Sprintf("the preferred “%s”", pf), fail: fail("prefer", j)})
			}
		}
	}
	s, ok := cfg.Rules.Rules[variantsID]
	node := p.ruleNode(variantsID)
	if !ok || s.Off || node == nil {
		return outs
	}
	prefer, _ := s.Options.Strings("prefer")
	for j, pf := range prefer {
		outs = append(outs, fixOutput{rule: variantsID, text: pf, scope: house.ScopeAll,
			what: fmt.Sprintf("the preferred “%s”", pf),
			fail: func(msg string) error {
				return p.optionError("rules."+variantsID, node, &rules.OptionError{Option: "prefer", Index: []int{j}, Msg: msg})
			}})
	}
	return outs
}

// ruleNode returns the mapping of settings of rule id under rules:, or nil.
func (p *parser) ruleNode(id string) *yaml.Node {
	if p.rulesNode == nil {
		return nil
	}
	n := deref(p.rulesNode)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if deref(n.Content[i]).Value == id {
			if v := deref(n.Content[i+1]); v.Kind == yaml.MappingNode {
				return v
			}
		}
	}
	return nil
}

// houseForms tells consistency/variants the spellings the house rules that
// cfg turns on prefer (see rules.HouseFormsOption): the replacement of each
// substitution, with what it replaces, and the preferred form of each
// consistency set, with the set's other forms. Without it, a document
// with "Kiev" and "Kyiv" and a house rule Kiev → Kyiv would be told both
// to use Kyiv and, if Kiev came first, that Kyiv is inconsistent.
func (p *parser) houseForms(cfg *Config) {
	if p.house == nil {
		return
	}
	if _, ok := p.reg.Lookup(variantsID); !ok {
		return
	}
	s := cfg.Rules.Rules[variantsID]
	if s.Off {
		return
	}
	var forms [][]string
	for _, d := range p.house.defs {
		if cfg.Rules.Rules[d.ID].Off {
			continue
		}
		scope := d.Scope
		if scope == "" {
			scope = house.ScopeProse
		}
		byTo := map[string]int{} // the rule's replacement → index in forms
		for _, pr := range d.Swap {
			if i, ok := byTo[pr.To]; ok {
				forms[i] = append(forms[i], pr.From)
				continue
			}
			byTo[pr.To] = len(forms)
			forms = append(forms, []string{scope, pr.To, pr.From})
		}
		if len(d.Prefer) == 0 {
			// A consistency set without a preferred form picks its own
			// spelling: variants leaves the sets it shares to it.
			for _, set := range d.Sets {
				forms = append(forms, append([]string{scope, ""}, set...))
			}
		}
		for _, pf := range d.Prefer {
			for _, set := range d.Sets {
				if k := slices.IndexFunc(set, func(f string) bool { return strings.EqualFold(f, pf) }); k >= 0 {
					forms = append(forms, append([]string{scope, pf}, slices.Delete(slices.Clone(set), k, k+1)...))
				}
			}
		}
	}
	if len(forms) == 0 {
		return
	}
	opts := make(rules.Options, len(s.Options)+1)
	for k, v := range s.Options {
		opts[k] = v
	}
	opts[rules.HouseFormsOption] = forms
	s.Options = opts
	cfg.Rules.Rules[variantsID] = s
}
