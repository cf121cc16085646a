package rules

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// QuotesAttribution is the quotes/attribution rule.
var QuotesAttribution = &Rule{
	ID:       "quotes/attribution",
	Severity: Warning,
	Summary:  "A direct quotation with no speaker",
	Explanation: `Reports a paragraph that holds a direct quotation (a quoted sentence or
clause of four words or more, not a scare quote of a word or two, nor a title
in capitals) but no attribution: no speech verb (said, told, added, according
to, …) outside the quotation in the paragraph, no colon introducing it, and
not the continuation of a quotation opened, and attributed, in an earlier
paragraph. A reader must always know who is speaking.

The verbs are configurable: "verbs" replaces the built-in list and
"extra_verbs" adds to it; an entry of several words ("according to") matches
those words in a row.`,
	Bad: "“We will not stand for the destruction of our way of life,” the crowd in the square.",
	Good: "“We will not stand for the destruction of our way of life,” the mayor said.\n\n" +
		"The statement read:\n\n“We will not stand for it.”",
	Options: []Option{
		{Name: "verbs", Kind: StringList, Doc: "the speech verbs and phrases that attribute a quotation, replacing the built-in list", Default: SpeechVerbs()},
		{Name: "extra_verbs", Kind: StringList, Doc: "speech verbs and phrases added to the list"},
	},
	New: newAttribution,
}

// speechVerbs are the built-in attribution verbs and phrases, in the forms
// newsroom copy uses them.
var speechVerbs = []string{
	"said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "adding",
	"asked", "asks", "asking", "wrote", "writes", "writing", "written", "stated", "states", "stating",
	"according to", "explained", "explains", "noted", "notes", "noting", "claimed", "claims",
	"argued", "argues", "arguing", "described", "describes", "describing", "called", "calls", "calling",
	"concluded", "concludes", "concluding", "reported", "reports", "reporting", "responded", "responds",
	"replied", "replies", "insisted", "insists", "warned", "warns", "warning", "recalled", "recalls",
	"announced", "announces", "declared", "declares", "testified", "testifies", "acknowledged",
	"acknowledges", "admitted", "admits", "suggested", "suggests", "urged", "urges", "found", "finds",
	"accused", "accuses", "accusing", "denied", "denies", "denounced", "denounces", "denouncing",
	"quoted", "quotes", "quoting", "cited", "cites", "citing", "read", "reads", "commented", "comments",
	"remarked", "remarks", "observed", "observes", "tweeted", "posted", "posts", "shouted", "shouts",
	"yelled", "whispered", "cried", "chanted", "sang", "pleaded", "vowed", "vows", "promised",
	"promises", "predicted", "predicts", "conceded", "concedes", "confirmed", "confirms", "continued",
	"continues", "estimated", "estimates", "maintained", "maintains", "complained", "complains",
	"boasted", "joked", "mused", "recounted", "recounts", "emphasized", "emphasised", "stressed",
	"stresses", "explaining", "calls for", "in a statement", "in an interview", "per",
}

// SpeechVerbs returns the built-in speech verbs and phrases that attribute
// a quotation ("said", "according to"), lower case, in the forms newsroom
// copy uses them.
func SpeechVerbs() []string { return append([]string(nil), speechVerbs...) }

func newAttribution(opts Options) (Check, error) {
	list := speechVerbs
	if v, ok := opts.Strings("verbs"); ok {
		list = v
	}
	extra, _ := opts.Strings("extra_verbs")
	verbs := newPhraseSet(append(append([]string(nil), list...), extra...))
	return func(p *Pass) {
		d := p.Doc
		if len(d.Quotes) == 0 {
			return
		}
		// judged marks the paragraphs already decided: those a quotation
		// from an earlier paragraph continues into (attributed where it
		// opened), and those whose first direct quotation was checked (the
		// verdict holds for the whole paragraph).
		judged := make([]bool, len(d.Paragraphs))
		for _, q := range d.Quotes {
			for pi := q.FirstParagraph + 1; pi <= q.LastParagraph; pi++ {
				judged[pi] = true
			}
		}
		for _, q := range d.Quotes {
			if q.Depth != 0 || judged[q.FirstParagraph] || q.Colon || !isDirect(d, q) {
				continue
			}
			judged[q.FirstParagraph] = true
			if !attributed(d, verbs, q) {
				p.Report(d.Extent(q), "quotation with no attribution: no speech verb (said, told, according to, …) in its paragraph and no colon introducing it")
			}
		}
	}, nil
}

// isDirect reports whether a quotation quotes speech: four words or more,
// and not a title (every word capitalised but the small ones).
func isDirect(d *document.Document, q document.Quote) bool {
	words := d.WordsIn(q.Content)
	if len(words) < 4 {
		return false
	}
	for _, w := range words {
		t := d.Slice(w.Span())
		r, _ := utf8.DecodeRune(t)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !titleSmallWords[strings.ToLower(string(t))] {
			return true
		}
	}
	return false // a title: “The Lord of the Rings”
}

var titleSmallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "for": true, "by": true, "with": true, "from": true,
	"as": true, "into": true, "vs": true, "via": true,
}

// attributed reports whether a speech verb stands outside quotations in any
// paragraph the quotation runs over.
func attributed(d *document.Document, verbs phraseSet, q document.Quote) bool {
	for pi := q.FirstParagraph; pi <= q.LastParagraph; pi++ {
		para := d.Paragraphs[pi]
		words := d.Words[para.FirstWord:para.EndWord]
		for i := range words {
			if d.InQuote(int(words[i].Start)) {
				continue
			}
			if verbs.matchAt(d, words, i) {
				return true
			}
		}
	}
	return false
}

// phraseSet is a set of one- or several-word phrases, matched against runs
// of consecutive words case-insensitively.
type phraseSet map[string][][]string // by lower-case first word: the rest of each phrase

func newPhraseSet(phrases []string) phraseSet {
	s := phraseSet{}
	for _, ph := range phrases {
		f := strings.Fields(strings.ToLower(ph))
		if len(f) == 0 {
			continue
		}
		s[f[0]] = append(s[f[0]], f[1:])
	}
	return s
}

// matchAt reports whether a phrase of the set starts at words[i].
func (s phraseSet) matchAt(d *document.Document, words []document.Word, i int) bool {
	var buf [32]byte
	first := lowerASCII(buf[:0], d.Slice(words[i].Span()))
	rests, ok := s[string(first)]
	if !ok {
		return false
	}
	for _, rest := range rests {
		if i+len(rest) >= len(words) {
			continue
		}
		match := true
		for k, w := range rest {
			s := words[i+1+k].Span()
			if !bytes.EqualFold(d.Slice(s), []byte(w)) || d.InQuote(s.Start) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// lowerASCII appends the lower-case form of w to dst, folding ASCII only
// (enough to look up English verbs without allocating).
func lowerASCII(dst, w []byte) []byte {
	for _, c := range w {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
