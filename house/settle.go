package house

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// DefRef names one item of a definition: a pair of swap, a word of tokens,
// a preferred form of prefer.
type DefRef struct {
	// Index is the definition's index among those given to Compile.
	Index int
	// ID is the definition's rule ID.
	ID string
	// Field is the list the item is in, as a config file names it.
	Field string
	// Item is the item's index in Field.
	Item int
}

// String returns "house/x swap[1]".
func (r DefRef) String() string {
	return fmt.Sprintf("%s %s[%d]", r.ID, r.Field, r.Item)
}

// output is a text a fix writes: the replacement of a substitution, or the
// preferred form of a consistency rule's set.
type output struct {
	ref   DefRef
	from  []string // what the fix replaces, as written
	to    string   // what it writes, as written
	exact bool     // the rule matches only as written
}

// effect is what a fix or an existence rule does to an output.
type effect struct {
	ref      DefRef
	reports  bool   // an existence rule reports it
	from, to string // the rule's own pair, as written, for the message
	result   string // the output once rewritten
}

// settle checks that the fixes of the rules cs settle: that the text a fix
// writes is not rewritten by another fix of the set (a chain: "A" → "B"
// and "B" → "C"), nor undone ("B" → "A", a cycle: every --fix would flip
// the words back), nor rewritten by the same fix ("A" → "A city"), nor
// reported by an existence rule. The rules compare as their matcher m
// does: the replacement is matched in every case the fix can write it in,
// and only by rules whose scope meets the fix's. A match must lie within
// the replacement: a phrase that would need the words around it is not
// looked for. Rules turned off (Def.Off) are left out. The first problem,
// in the order of the definitions, is a *DefError at the later of the two
// items it involves.
func settle(cs []*compiled, m *matcher) error {
	// One scratch space for every run of the matcher: a config may hold
	// thousands of replacements.
	found := make([][]match, m.nrules)
	next := make([]int, m.nrules)
	for _, c := range cs {
		if c.def.Off {
			continue
		}
		for _, out := range outputs(c) {
			if !m.mayMatch(out.to) {
				continue // nor in any other case: the words fold alike
			}
			for _, form := range caseForms(out) {
				for q := range found {
					found[q] = found[q][:0]
				}
				clear(next)
				d := document.LoadFormat("", []byte(form), document.Plain)
				for q, ms := range m.runInto(d, found, next) {
					if cs[q].def.Off || !scopesMeet(c.def.Scope, cs[q].def.Scope) {
						continue
					}
					for _, mt := range ms {
						if e, ok := effectOn(cs[q], d, mt); ok {
							return conflict(out, e)
						}
					}
				}
			}
		}
	}
	return nil
}

// mayMatch reports whether a phrase of m may start at a word of text,
// itself or with a possessive ending: a cheap test, splitting text into
// words as a document does, that spares most replacements the making of a
// document. It may say yes when no phrase matches, never the reverse.
func (m *matcher) mayMatch(text string) bool {
	rs := []rune(text)
	var buf []byte
	for i := 0; i < len(rs); {
		// A word starts at a word rune, or at the sign of a handle or a
		// hashtag; it goes on as a document's words do (document.IsJoiner).
		if !document.IsWordRune(rs[i]) && !(i+1 < len(rs) && document.SigilStarts(rs[i], rs[i+1])) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && (document.IsWordRune(rs[j]) || j+1 < len(rs) && document.IsJoiner(rs[j-1], rs[j], rs[j+1])) {
			j++
		}
		buf = rules.FoldWord(buf[:0], []byte(string(rs[i:j])))
		if m.byFirst[string(buf)] != nil {
			return true
		}
		if stem, ok := bytes.CutSuffix(buf, []byte("'s")); ok && m.byFirst[string(stem)] != nil {
			return true
		}
		i = j
	}
	return false
}

// outputs returns the texts the fixes of c write.
func outputs(c *compiled) []output {
	d := c.def
	var outs []output
	switch d.Kind {
	case Substitution:
		for j, p := range d.Swap {
			outs = append(outs, output{
				ref:  DefRef{Index: c.index, ID: d.ID, Field: "swap", Item: j},
				from: []string{p.From}, to: p.To, exact: d.CaseSensitive,
			})
		}
	case Consistency:
		for j, p := range d.Prefer {
			for s, set := range d.Sets {
				if v := c.prefer[s]; v >= 0 && set[v] == p {
					var others []string
					for k, f := range set {
						if k != v {
							others = append(others, f)
						}
					}
					outs = append(outs, output{
						ref:  DefRef{Index: c.index, ID: d.ID, Field: "prefer", Item: j},
						from: others, to: p, exact: d.CaseSensitive,
					})
				}
			}
		}
	}
	return outs
}

// caseForms returns the forms in which a fix writes out.to, in the case
// of what it replaces as written first: keepCase gives the replacement
// the case of the text it replaces, which a rule that ignores case finds
// in any case.
func caseForms(out output) []string {
	var forms []string
	for _, f := range out.from {
		forms = append(forms, keepCase(f, out.to))
	}
	if !out.exact {
		for _, f := range []string{out.to, strings.ToLower(out.to), strings.ToUpper(out.to), titled(strings.ToLower(out.to))} {
			forms = append(forms, keepCase(f, out.to))
		}
	}
	uniq := forms[:0]
	for _, f := range forms {
		if !slices.Contains(uniq, f) {
			uniq = append(uniq, f)
		}
	}
	return uniq
}

// titled returns s with its first letter in upper case.
func titled(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// scopesMeet reports whether rules of scopes a and b look at some text in
// common.
func scopesMeet(a, b string) bool {
	return a == b || a == ScopeAll || b == ScopeAll
}

// effectOn returns what rule q does to the match mt in d, a document of
// one output: report it (an existence rule) or rewrite it (a
// substitution, or a consistency rule whose set has a preferred form).
// It returns false if the rule leaves the text as it is.
func effectOn(q *compiled, d *document.Document, mt match) (effect, bool) {
	e := effect{ref: DefRef{Index: q.index, ID: q.def.ID, Item: mt.ph.item}}
	var to string
	switch q.def.Kind {
	case Existence:
		e.ref.Field = "tokens"
		e.reports, e.from = true, q.def.Tokens[mt.ph.item]
		return e, true
	case Substitution:
		e.ref.Field = "swap"
		p := q.def.Swap[mt.ph.item]
		e.from, to = p.From, p.To
	case Consistency:
		want := q.prefer[mt.ph.set]
		if want < 0 || want == mt.ph.vari {
			return e, false
		}
		set := q.def.Sets[mt.ph.set]
		e.ref.Field, e.ref.Item = "prefer", q.preferItem[mt.ph.set]
		e.from, to = set[mt.ph.vari], set[want]
	default:
		return e, false
	}
	fix, ok := rewrite(d, mt, to)
	if !ok {
		return e, false
	}
	e.to = to
	e.result = string(d.Text[:fix.Span.Start]) + fix.Replacement + string(d.Text[fix.Span.End:])
	return e, true
}

// conflict describes the problem of the output out and the effect e on it
// as a *DefError at the later of the two items.
func conflict(out output, e effect) *DefError {
	fix := pair(out.from, out.to)
	if e.ref == out.ref {
		return &DefError{Index: out.ref.Index, Field: out.ref.Field, Item: out.ref.Item,
			Msg: fix + " rewrites its own replacement", Why: "fixes would never settle"}
	}
	later := e.ref.Index > out.ref.Index || e.ref.Index == out.ref.Index && e.ref.Item > out.ref.Item
	err := &DefError{Index: out.ref.Index, Field: out.ref.Field, Item: out.ref.Item}
	other := e.ref
	if later {
		err.Index, err.Field, err.Item = e.ref.Index, e.ref.Field, e.ref.Item
		other = out.ref
	}
	err.Other = &other
	switch {
	case e.reports:
		err.Why = "--fix would write a finding"
		if later {
			err.Msg = fmt.Sprintf("“%s” reports the replacement of %s", e.from, fix)
		} else {
			err.Msg = fmt.Sprintf("the replacement of %s is reported by “%s”", fix, e.from)
		}
	case undoes(e.result, out.from):
		err.Why = "fixes would never settle"
		if later {
			err.Msg = fmt.Sprintf("%s undoes %s", pair([]string{e.from}, e.to), fix)
		} else {
			err.Msg = fmt.Sprintf("%s is undone by %s", fix, pair([]string{e.from}, e.to))
		}
	default:
		err.Why = "a fix would need a second fix"
		if out.ref.Field == "swap" {
			err.Why += fmt.Sprintf(": make it %s", pair(out.from, e.result))
		}
		if later {
			err.Msg = fmt.Sprintf("%s rewrites the replacement of %s", pair([]string{e.from}, e.to), fix)
		} else {
			err.Msg = fmt.Sprintf("the replacement of %s is rewritten by %s", fix, pair([]string{e.from}, e.to))
		}
	}
	return err
}

// pair writes a fix as “from” → “to”, its forms joined by slashes.
func pair(from []string, to string) string {
	return "“" + strings.Join(from, "” / “") + "” → “" + to + "”"
}

// undoes reports whether text, folded as the matcher folds phrases, is one
// of froms.
func undoes(text string, froms []string) bool {
	key, err := phraseKey(text)
	if err != nil {
		return false
	}
	for _, f := range froms {
		if k, err := phraseKey(f); err == nil && k == key {
			return true
		}
	}
	return false
}

// phraseKey returns text as the matcher compares it: its words folded, the
// punctuation between and around them, white space made one space.
func phraseKey(text string) (string, error) {
	ph, err := parsePhrase(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(ph.lead)
	for i, w := range ph.folded {
		if i > 0 {
			b.WriteString(ph.seps[i-1])
		}
		b.WriteString(w)
	}
	b.WriteString(ph.trail)
	return b.String(), nil
}
