package rules

import (
	"bytes"
	"strings"

	"github.com/docqa/docqa/document"
)

// Coordination is the repetition/coordination rule.
var Coordination = &Rule{
	ID:       "repetition/coordination",
	Severity: Warning,
	Summary:  "The same term on both sides of “and” or “or”",
	Explanation: `Reports the same word on both sides of "and" or "or" ("counter-terrorism and
counter-terrorism strategies"): one of the two was meant to be another word,
and a reader cannot tell which. Intensifying repetitions are idiom and are
left alone: "more and more", "again and again", "over and over", comparatives
("bigger and bigger", "worse and worse") and spans of time or quantity
("years and years", "thousands and thousands"). Two capitalised words are
taken for a name ("Johnson and Johnson"), and a word in capitals beside its
lower-case form for a name and a word ("AND and OR").

Deliberate repetitions are left alone too: a polar alternative ("may or may
not", "has or has not passed"), two forms of an auxiliary ("I have and have
had"), a repeated action or a chain of three ("sniffed and sniffed", "called
and called and called"), and a term modified differently on each side
("different words and words of different lengths", "the balloon and balloon
systems"). Words are compared as written: "main or main.exe" names two files.`,
	Bad:  "within the context of the government’s application of counter-terrorism and counter-terrorism strategies",
	Good: "within the context of the government’s application of counter-terrorism and counter-extremism strategies; more and more people",
	Options: []Option{
		{Name: "allow", Kind: StringList, Doc: "more words that may stand on both sides of “and”/“or” (case-insensitive)"},
	},
	New: newCoordination,
}

// coordinationAllowed are words whose "X and X" is idiom.
var coordinationAllowed = []string{
	"more", "less", "fewer", "again", "over", "on", "round", "around", "through", "by", "out", "up",
	"down", "back", "in", "off", "away", "further", "farther", "better", "worse", "time", "times",
	"years", "months", "weeks", "days", "hours", "minutes", "miles", "dozens", "hundreds", "thousands",
	"millions", "billions", "rows", "layers", "piles", "ages", "bigger", "louder", "faster", "slower",
	"higher", "lower", "deeper", "closer", "worse", "far", "near", "here", "there", "now", "ever",
	"on", "so", "this", "that", "such", "such-and-such", "and", "or", "neither", "nor", "either",
}

func newCoordination(opts Options) (Check, error) {
	allowed := wordSet(coordinationAllowed, opts, "allow")
	return func(p *Pass) {
		d := p.Doc
		for i := 2; i < len(d.Words); i++ {
			a, conj, b := d.Words[i-2], d.Words[i-1], d.Words[i]
			if a.Paragraph != b.Paragraph {
				continue
			}
			if n := conj.Len(); n != 2 && n != 3 {
				continue // not "and" nor "or"
			}
			cs := conj.Span()
			ct := d.Slice(cs)
			if !bytes.EqualFold(ct, []byte("and")) && !bytes.EqualFold(ct, []byte("or")) {
				continue
			}
			as, bs := a.Span(), b.Span()
			at, bt := d.Slice(as), d.Slice(bs)
			if !mayEqualFold(at, bt) || !bytes.EqualFold(at, bt) || !d.OnlySpaceBetween(as.End, cs.Start) || !d.OnlySpaceBetween(cs.End, bs.Start) {
				continue
			}
			lower := strings.ToLower(string(at))
			if allowed[lower] || isNumber(at) || isComparative(lower) ||
				(isCapitalized(at) && isCapitalized(bt)) || namesForm(at, bt) ||
				deliberate(d, i, lower, strings.ToLower(string(ct))) {
				continue
			}
			p.Report(document.Span{Start: as.Start, End: bs.End},
				"“"+string(bt)+"” on both sides of “"+string(ct)+"”: one of them was probably meant to be another word")
		}
	}, nil
}

// auxiliaries are the auxiliary and modal verbs: "I have and have had",
// "it can and can be" set two of a verb's forms side by side.
var auxiliaries = map[string]bool{
	"have": true, "has": true, "had": true, "is": true, "are": true, "was": true, "were": true,
	"be": true, "been": true, "do": true, "does": true, "did": true, "will": true, "would": true,
	"can": true, "could": true, "may": true, "might": true, "shall": true, "should": true, "must": true,
}

// deliberate reports whether the term w on both sides of the conjunction
// conj, whose second side is word i, is repeated on purpose:
//
//   - a polar alternative, the second side negated: "may or may not",
//     "has or has not passed", "are and are not";
//   - an auxiliary with a different verb after its second side: "the
//     support I have and have had";
//   - a repeated action or a chain of three: "sniffed and sniffed",
//     "called and called and called";
//   - the term modified differently on each side: "different words and
//     words of different lengths", "the balloon and balloon systems", a
//     noun phrase and a compound.
//
// The words around must be joined by white space only.
func deliberate(d *document.Document, i int, w, conj string) bool {
	next := wordAfter(d, i)
	switch {
	case next == "not" || next == "never":
		return true
	case auxiliaries[w] && next != "":
		return true
	case next == conj && wordAfter(d, i+1) == w,
		wordBefore(d, i-2) == conj && wordBefore(d, i-3) == w:
		return true
	case conj == "and" && isPastForm(w) && (next == "" || next == "and"):
		return true
	case next == "of":
		return true
	case next != "" && determiners[wordBefore(d, i-2)]:
		return true
	}
	return false
}

// isPastForm reports whether a lower-case word looks like a regular verb's
// past form ("sniffed", "waited"), whose "X and X" says it went on.
func isPastForm(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && !strings.Contains(w, "-")
}

// isComparative reports whether a lower-case word looks like a comparative
// adjective or adverb ("bigger", "happier"), whose "X and X" intensifies.
func isComparative(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "er") && !strings.Contains(w, "-")
}
