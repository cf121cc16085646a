package checks

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// verbSet holds the speech verbs that attribute a quotation, lower case;
// phrases ("according to") by their first word.
type verbSet map[string][]string

func newVerbSet(verbs []string) verbSet {
	s := verbSet{}
	for _, v := range verbs {
		f := strings.Fields(v)
		s[f[0]] = append(s[f[0]], strings.Join(f[1:], " "))
	}
	return s
}

// match reports whether a speech verb starts at word i, and how many words
// it has.
func (s verbSet) match(d *document.Document, i int) (int, bool) {
	rests, ok := s[strings.ToLower(d.String(d.Words[i].Span()))]
	if !ok {
		return 0, false
	}
	longest, found := 0, false
	for _, rest := range rests {
		f := strings.Fields(rest)
		if i+len(f) >= len(d.Words) {
			continue
		}
		okRest := true
		for k, w := range f {
			if !strings.EqualFold(d.String(d.Words[i+1+k].Span()), w) {
				okRest = false
				break
			}
		}
		if okRest && (!found || len(f)+1 > longest) {
			longest, found = len(f)+1, true
		}
	}
	return longest, found
}

// speaker finds the words naming who a quotation is attributed to: the
// subject of the speech verb nearest after the quotation in its paragraphs
// (or, failing that, the nearest before it): "the Chinese response" in
// “…,” the Chinese response said; "John Fisher" in “…,” John Fisher, deputy
// director, said; "the ministry" in according to the ministry.
func speaker(d *document.Document, verbs verbSet, q document.Quote) (document.Span, bool) {
	ext := d.Extent(q)
	first := d.Paragraphs[q.FirstParagraph]
	last := d.Paragraphs[q.LastParagraph]
	before, after := -1, -1
	var beforeLen, afterLen int
	for i := first.FirstWord; i < last.EndWord; i++ {
		w := d.Words[i].Span()
		if d.InQuote(w.Start) {
			continue
		}
		n, ok := verbs.match(d, i)
		if !ok {
			continue
		}
		if w.Start >= ext.End && after < 0 {
			after, afterLen = i, n
		}
		if w.End <= ext.Start {
			before, beforeLen = i, n
		}
	}
	v, n := after, afterLen
	if v < 0 {
		v, n = before, beforeLen
	}
	if v < 0 {
		return document.Span{}, false
	}
	if n > 1 { // "according to the ministry": the speaker follows
		return followingName(d, v+n-1, false)
	}
	para := d.Words[v].Paragraph
	// The clause the verb ends: back to a sentence end, a quotation mark
	// or the paragraph's start.
	s := v
	for s > 0 && d.Words[s-1].Paragraph == para && !d.InQuote(int(d.Words[s-1].Start)) &&
		!clauseBreak(d.Prose[d.Words[s-1].End:d.Words[s].Start]) {
		s--
	}
	if s == v { // “…,” said John Fisher
		return followingName(d, v, true)
	}
	// The subject: the clause's first words, up to a comma or the verb.
	e := s + 1
	for e < v && e-s < 6 && spaceAfterWord(d, e-1) {
		e++
	}
	return wordRun(d, s, e), true
}

// resolvedSpeaker is speaker for the quotation d.Quotes[qi], with a
// pronoun resolved to the speaker last named before it: in “…,” he said,
// "he" is whoever the quotations just before were attributed to by name.
// It returns the span of the words in the text and the name they stand for
// (the words themselves when they are a name, or a pronoun that nothing
// before resolves).
func resolvedSpeaker(d *document.Document, verbs verbSet, qi int) (document.Span, string, bool) {
	span, ok := speaker(d, verbs, d.Quotes[qi])
	if !ok {
		return span, "", false
	}
	name := d.String(span)
	if !pronouns[normalizeSpeaker(name)] {
		return span, name, true
	}
	const lookBack = 6 // quotations
	seen := 0
	for k := qi - 1; k >= 0 && seen < lookBack; k-- {
		if d.Quotes[k].Depth != 0 {
			continue
		}
		seen++
		if s, ok := speaker(d, verbs, d.Quotes[k]); ok {
			if prev := d.String(s); !pronouns[normalizeSpeaker(prev)] {
				return span, prev, true
			}
		}
	}
	return span, name, true
}

// followingName returns the words after word i up to punctuation, at most
// six; with capitalized set, only capitalized words and pronouns count
// ("said John Fisher in a statement" gives "John Fisher").
func followingName(d *document.Document, i int, capitalized bool) (document.Span, bool) {
	para := d.Words[i].Paragraph
	s := i + 1
	if s >= len(d.Words) || d.Words[s].Paragraph != para || !spaceAfterWord(d, i) {
		return document.Span{}, false
	}
	e := s
	for e < len(d.Words) && e-s < 6 && d.Words[e].Paragraph == para &&
		(e == s || spaceAfterWord(d, e-1)) {
		if capitalized {
			t := d.Slice(d.Words[e].Span())
			r, _ := utf8.DecodeRune(t)
			if !unicode.IsUpper(r) && !pronouns[strings.ToLower(string(t))] {
				break
			}
		}
		e++
	}
	if e == s {
		return document.Span{}, false
	}
	return wordRun(d, s, e), true
}

// spaceAfterWord reports whether only white space lies between word i of d
// and the word after it.
func spaceAfterWord(d *document.Document, i int) bool {
	return d.OnlySpaceBetween(int(d.Words[i].End), int(d.Words[i+1].Start))
}

// wordRun returns the span of words [lo, hi) of d: from the start of the
// first to the end of the last.
func wordRun(d *document.Document, lo, hi int) document.Span {
	return document.Span{Start: int(d.Words[lo].Start), End: int(d.Words[hi-1].End)}
}

// clauseBreak reports whether the text between two words ends a clause for
// attribution: a sentence's end or a quotation mark.
func clauseBreak(between []byte) bool {
	return bytes.ContainsAny(between, ".!?;“”\"«»")
}
