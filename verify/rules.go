package verify

import (
	"fmt"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// The rules of the sources/ category: what Check reports of each quotation.
// They check no document alone (New is nil): a command that has the
// sources runs Check.
var (
	// RuleAltered reports a quotation whose words differ from its source's.
	RuleAltered = &rules.Rule{
		ID:       "sources/altered",
		Severity: rules.Error,
		Summary:  "A quotation says something else than its source",
		Explanation: `Reports a quotation whose closest passage in the sources is clearly the same
statement but whose words differ, with the word diff from the source's words
to the quotation's ([-source-]{+quotation+}) and the passage's place. Typography
(curly or straight marks, dashes, white space and line breaks, soft hyphens),
the case of a letter, an ellipsis (… or ...) standing for omitted words and
square-bracketed editorial words ([t]he, [Bachelet's]) are no difference. A
doubled word inside a quotation is an alteration too.`,
		Bad:  "source: The extent of arbitrary detention may constitute crimes.\narticle: “The scale of arbitrary detention may constitute crimes.”",
		Good: "source: The extent of arbitrary detention may constitute crimes.\narticle: “[T]he extent of arbitrary detention … constitute crimes.”",
	}
	// RuleNotFound reports a quotation no source holds.
	RuleNotFound = &rules.Rule{
		ID:       "sources/not-found",
		Severity: rules.Info,
		Summary:  "A quotation found in none of the sources",
		Explanation: `Reports a quotation of three words or more that no source given holds, nor any
passage close to it: the sources may simply not include it. Give the source
it comes from to check it.`,
		Bad:  "article: “We will build a bridge to the moon,” he said. (no source holds it)",
		Good: "article: “The extent of arbitrary detention may constitute crimes.” (a source holds it)",
	}
	// RuleVerbatim reports a quotation found word for word, for a list of
	// every quotation checked; off unless enabled.
	RuleVerbatim = &rules.Rule{
		ID:       "sources/verbatim",
		Severity: rules.Info,
		Off:      true,
		Summary:  "A quotation found word for word in a source",
		Explanation: `Reports each quotation a source holds word for word, with the passage's place:
off by default, on to list what was checked (with --format json, for a
fact-checking record).`,
		Bad:  "",
		Good: "article: “The extent of arbitrary detention may constitute crimes.”",
	}
)

// Rules returns the rules of the sources/ category, to add to a registry
// so that they are listed, explained and configured with the others.
func Rules() []*rules.Rule { return []*rules.Rule{RuleAltered, RuleNotFound, RuleVerbatim} }

// Check looks every quotation of doc up in the index and returns the
// findings of the rules sevs turns on (sources/altered,
// sources/not-found, sources/verbatim), in the order of the quotations.
// A quotation of fewer than MinWords words is not looked up.
func (x *Index) Check(doc *document.Document, sevs map[string]rules.Severity) []rules.Finding {
	var qs []document.Quote
	var ms []Match
	for _, q := range doc.Quotes {
		if q.Depth != 0 {
			continue
		}
		if m := x.Match(doc, q); m.Words >= MinWords {
			qs, ms = append(qs, q), append(ms, m)
		}
	}
	demoteShared(ms)
	var out []rules.Finding
	for i, q := range qs {
		m := ms[i]
		var r *rules.Rule
		var msg string
		var related []rules.Related
		var oldText, newText string
		first := firstWords(doc, q)
		switch m.Class {
		case Altered:
			r = RuleAltered
			msg = fmt.Sprintf("quotation %s differs from its source %s: %s", first, place(m), m.Diff)
			related = sourceWords(m)
			oldText, newText = m.SourceWords, m.QuoteWords
		case Verbatim:
			r = RuleVerbatim
			msg = fmt.Sprintf("quotation %s is word for word in %s", first, place(m))
			related = sourceWords(m)
		default:
			r = RuleNotFound
			msg = fmt.Sprintf("quotation %s is in none of the sources", first)
		}
		sev, on := sevs[r.ID]
		if !on {
			continue
		}
		out = append(out, rules.Finding{Path: doc.Path, Rule: r.ID, Severity: sev, Span: doc.Extent(q),
			Message: msg, Related: related, OldText: oldText, NewText: newText})
	}
	return out
}

// demoteShared makes not found an altered match that misses more than a
// quarter of its words and whose passage overlaps one that another
// quotation of the document matches with more of its words: a sentence
// shares a long phrase with a passage the article quotes elsewhere, and is
// no rewording of it (its own source is missing). A quotation that misses
// fewer is that passage reworded, quoted twice.
func demoteShared(ms []Match) {
	for i := range ms {
		if ms[i].Class != Altered || 4*ms[i].Matched >= 3*ms[i].Words {
			continue
		}
		for j := range ms {
			if j == i || ms[j].Source != ms[i].Source || ms[j].Matched <= ms[i].Matched {
				continue
			}
			if ms[j].Passage.Start < ms[i].Passage.End && ms[i].Passage.Start < ms[j].Passage.End {
				ms[i] = Match{Class: NotFound, Words: ms[i].Words}
				break
			}
		}
	}
}

// sourceWords returns a match's passage as a finding's related place.
func sourceWords(m Match) []rules.Related {
	doc, span := m.Source.Shown(m.Passage)
	return []rules.Related{{Path: m.Source.Path, Doc: doc, Span: span, Message: "the source's words"}}
}

// place returns where a match's passage starts: "path:line:col" (of an
// HTML page's markup), or in a transcript "path at time".
func place(m Match) string {
	if t := m.Source.Times; t != nil {
		if p := m.Source.Doc().Position(m.Passage.Start); p.Line-1 < len(t) {
			return fmt.Sprintf("%s at %s", m.Source.Path, t[p.Line-1])
		}
	}
	doc, span := m.Source.Shown(m.Passage)
	p := doc.Position(span.Start)
	return fmt.Sprintf("%s:%d:%d", m.Source.Path, p.Line, p.Column)
}

// firstWords names a quotation by its first words, in its marks, without
// the markup that reads as nothing (see shown).
func firstWords(d *document.Document, q document.Quote) string {
	words := d.WordsIn(q.Content)
	end := q.Content.End
	more := ""
	if len(words) > 6 {
		end, more = int(words[5].End), " …"
	}
	return "“" + strings.Join(strings.Fields(string(shown(d, document.Span{Start: q.Content.Start, End: end}))), " ") + more + "”"
}
