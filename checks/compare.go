package checks

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// Compare compares two revisions of a document: old is the earlier (or the
// approved golden copy), new the later. It pairs their quotations and
// sentences through a word-level alignment and reports the revision checks
// the Comparer enables.
func (c *Comparer) Compare(old, new *document.Document) *Result {
	cmp := &comparison{c: c, old: old, new: new, al: alignWords(old, new)}
	cmp.quotes()
	cmp.figures()
	cmp.markup()
	cmp.newFindings()
	rules.SortFindings(cmp.findings)
	return &Result{Old: old, New: new, Findings: cmp.findings, Paragraphs: cmp.paragraphs()}
}

// comparison is the state of one Compare call.
type comparison struct {
	c        *Comparer
	old, new *document.Document
	al       alignment
	findings []rules.Finding
}

func (cmp *comparison) report(r *rules.Rule, doc *document.Document, span document.Span, msg, oldText, newText string) {
	sev, on := cmp.c.sev[r.ID]
	if !on {
		return
	}
	cmp.findings = append(cmp.findings, rules.Finding{
		Path: doc.Path, Rule: r.ID, Severity: sev, Span: span, Message: msg,
		OldText: oldText, NewText: newText,
	})
}

// wordRange returns the indexes [lo, hi) of the words inside span s.
func wordRange(d *document.Document, s document.Span) (int, int) {
	lo := sort.Search(len(d.Words), func(i int) bool { return int(d.Words[i].Start) >= s.Start })
	hi := sort.Search(len(d.Words), func(i int) bool { return int(d.Words[i].End) > s.End })
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// unit is a quotation or a sentence: a span and its words.
type unit struct {
	span   document.Span
	lo, hi int // word indexes
	quote  int // index in Quotes, for quotations
}

func (u unit) words() int { return u.hi - u.lo }

// pairUnits pairs the units of the old revision with those of the new:
// first by the words the alignment maps from one into the other (a reworded
// unit keeps most of its words), then, for units without such a partner, by
// their place between the same aligned words (a unit reworded throughout),
// then by equal or similar text anywhere (a moved unit). It returns, for
// each old unit, the index of its new partner or -1.
func (cmp *comparison) pairUnits(olds, news []unit, minShare float64, byPlace bool) []int {
	pair := make([]int, len(olds))
	for i := range pair {
		pair[i] = -1
	}
	taken := make([]bool, len(news))
	// The new unit holding each new word.
	owner := make([]int, len(cmp.new.Words))
	for i := range owner {
		owner[i] = -1
	}
	for j, u := range news {
		for w := u.lo; w < u.hi; w++ {
			owner[w] = j
		}
	}
	type cand struct{ o, n, shared int }
	var cands []cand
	counts := map[int]int{}
	for i, u := range olds {
		clear(counts)
		for w := u.lo; w < u.hi; w++ {
			if nw := cmp.al.oldToNew[w]; nw >= 0 && owner[nw] >= 0 {
				counts[owner[nw]]++
			}
		}
		for j, k := range counts {
			if float64(k) >= minShare*float64(max(u.words(), news[j].words())) {
				cands = append(cands, cand{i, j, k})
			}
		}
	}
	sort.Slice(cands, func(a, b int) bool {
		x, y := cands[a], cands[b]
		if x.shared != y.shared {
			return x.shared > y.shared
		}
		if x.o != y.o {
			return x.o < y.o
		}
		return x.n < y.n
	})
	for _, c := range cands {
		if pair[c.o] < 0 && !taken[c.n] {
			pair[c.o], taken[c.n] = c.n, true
		}
	}
	if byPlace {
		for i, u := range olds {
			if pair[i] >= 0 {
				continue
			}
			lo, hi := cmp.anchors(u)
			for j, v := range news {
				if !taken[j] && v.lo >= lo && v.hi <= hi && v.words() > 0 {
					pair[i], taken[j] = j, true
					break
				}
			}
		}
	}
	// Moved: the same text, or mostly the same words, elsewhere.
	for i, u := range olds {
		if pair[i] >= 0 {
			continue
		}
		best, bestScore := -1, 0.0
		for j, v := range news {
			if taken[j] {
				continue
			}
			if u.words() == 0 && v.words() == 0 {
				// Units without words ("!", "* * *") pair by equal text.
				if sameText(cmp.old.String(u.span), cmp.new.String(v.span)) {
					best = j
					break
				}
				continue
			}
			if s := cmp.similarity(u, v); s >= 0.6 && s > bestScore {
				best, bestScore = j, s
			}
		}
		if best >= 0 {
			pair[i], taken[best] = best, true
		}
	}
	return pair
}

// anchors returns the range of new word indexes that the unit's place maps
// to: after the new counterpart of the last aligned word before it and
// before that of the first aligned word after it.
func (cmp *comparison) anchors(u unit) (lo, hi int) {
	lo, hi = 0, len(cmp.new.Words)
	for w := u.lo - 1; w >= 0; w-- {
		if nw := cmp.al.oldToNew[w]; nw >= 0 {
			lo = nw + 1
			break
		}
	}
	for w := u.hi; w < len(cmp.old.Words); w++ {
		if nw := cmp.al.oldToNew[w]; nw >= 0 {
			hi = nw
			break
		}
	}
	return lo, hi
}

// sameText reports whether two texts are equal but for white space.
func sameText(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// similarity is the share of words two units have in common, counted as
// multisets, over the longer unit's words.
func (cmp *comparison) similarity(u, v unit) float64 {
	if u.words() == 0 || v.words() == 0 {
		return 0
	}
	bag := map[string]int{}
	for w := u.lo; w < u.hi; w++ {
		bag[strings.ToLower(cmp.old.String(cmp.old.Words[w].Span()))]++
	}
	shared := 0
	for w := v.lo; w < v.hi; w++ {
		k := strings.ToLower(cmp.new.String(cmp.new.Words[w].Span()))
		if bag[k] > 0 {
			bag[k]--
			shared++
		}
	}
	return float64(shared) / float64(max(u.words(), v.words()))
}

// quoteUnits returns a document's quotations inside no other.
func quoteUnits(d *document.Document) []unit {
	var us []unit
	for i, q := range d.Quotes {
		if q.Depth != 0 {
			continue
		}
		lo, hi := wordRange(d, q.Content)
		us = append(us, unit{span: d.Extent(q), lo: lo, hi: hi, quote: i})
	}
	return us
}

// quotes pairs the quotations and reports changed, added, removed and
// re-attributed ones.
func (cmp *comparison) quotes() {
	olds, news := quoteUnits(cmp.old), quoteUnits(cmp.new)
	pair := cmp.pairUnits(olds, news, 0.5, true)
	paired := make([]bool, len(news))
	for i, j := range pair {
		o := olds[i]
		if j < 0 {
			cmp.report(QuoteRemoved, cmp.old, o.span,
				"quotation removed: check for an attribution or a reply left behind: "+ellipsize(cmp.old.String(o.span), 80),
				cmp.old.String(cmp.old.Quotes[o.quote].Content), "")
			continue
		}
		paired[j] = true
		n := news[j]
		oq, nq := cmp.old.Quotes[o.quote], cmp.new.Quotes[n.quote]
		ot, nt := cmp.old.String(oq.Content), cmp.new.String(nq.Content)
		if normalizeQuote(ot) != normalizeQuote(nt) {
			cmp.report(QuoteChanged, cmp.new, n.span,
				"quotation changed: “"+describeChange(diffWords(ot, nt))+"”: check the source", ot, nt)
		}
		was, wasName, okOld := resolvedSpeaker(cmp.old, cmp.c.verbs, o.quote)
		now, nowName, okNew := resolvedSpeaker(cmp.new, cmp.c.verbs, n.quote)
		if okOld && okNew && !sameSpeaker(wasName, nowName) {
			cmp.report(AttributionChanged, cmp.new, now,
				fmt.Sprintf("quotation now attributed to %s, was %s", speakerText(cmp.new.String(now), nowName), speakerText(cmp.old.String(was), wasName)),
				cmp.old.String(was), cmp.new.String(now))
		}
	}
	for j, n := range news {
		if !paired[j] {
			cmp.report(QuoteAdded, cmp.new, n.span,
				"new quotation: it needs a source: "+ellipsize(cmp.new.String(n.span), 80),
				"", cmp.new.String(cmp.new.Quotes[n.quote].Content))
		}
	}
}

// quoteMarks are the marks normalizeQuote makes straight, and the ways of
// writing an ellipsis it makes one character.
var quoteMarks = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`,
	"‘", "'", "’", "'", "‚", "'", "...", "…", ". . .", "…")

// normalizeQuote removes what does not change a quotation's words:
// straight versus curly marks, "..." versus "…", and white space.
func normalizeQuote(s string) string {
	return strings.Join(strings.Fields(quoteMarks.Replace(s)), " ")
}

// describeChange renders a diff with [-deleted-] and {+inserted+} pieces,
// keeping three words of context around each change and eliding the rest.
func describeChange(ops []Op) string {
	const context = 3
	var b strings.Builder
	for i, op := range ops {
		switch op.Kind {
		case Delete:
			b.WriteString("[-" + op.Text + "-]")
		case Insert:
			b.WriteString("{+" + op.Text + "+}")
		case Equal:
			toks := tokenize(op.Text)
			keepHead, keepTail := wordsSpan(toks, context, true), wordsSpan(toks, context, false)
			switch {
			case i == 0 && i == len(ops)-1:
				b.WriteString(op.Text)
			case i == 0:
				if keepTail < len(toks) {
					b.WriteString("… ")
				}
				b.WriteString(strings.TrimLeft(strings.Join(toks[len(toks)-keepTail:], ""), " "))
			case i == len(ops)-1:
				b.WriteString(strings.TrimRight(strings.Join(toks[:keepHead], ""), " "))
				if keepHead < len(toks) {
					b.WriteString(" …")
				}
			case keepHead+keepTail >= len(toks):
				b.WriteString(op.Text)
			default:
				b.WriteString(strings.TrimRight(strings.Join(toks[:keepHead], ""), " "))
				b.WriteString(" … ")
				b.WriteString(strings.TrimLeft(strings.Join(toks[len(toks)-keepTail:], ""), " "))
			}
		}
	}
	return b.String()
}

// wordsSpan returns how many tokens from the head (or the tail) of toks
// hold n words.
func wordsSpan(toks []string, n int, head bool) int {
	words := 0
	for k := range toks {
		i := k
		if !head {
			i = len(toks) - 1 - k
		}
		r, _ := utf8.DecodeRuneInString(toks[i])
		if document.IsWordRune(r) {
			if words == n {
				return k
			}
			words++
		}
	}
	return len(toks)
}

// ellipsize shortens s to about n characters.
func ellipsize(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// speakerText quotes the words naming a speaker, with the name a pronoun
// stands for: “he” (Omer Kanat).
func speakerText(words, name string) string {
	if words == name {
		return "“" + words + "”"
	}
	return "“" + words + "” (" + name + ")"
}

// pronouns name a speaker without naming them.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true}

// speakerNoise are words between a speaker and the verb that do not change
// who spoke.
var speakerNoise = map[string]bool{
	"also": true, "has": true, "have": true, "had": true, "previously": true, "later": true, "then": true,
	"further": true, "earlier": true, "once": true, "again": true, "repeatedly": true, "has also": true,
	"the": true, "a": true, "an": true, "would": true, "will": true, "had previously": true,
}

// sameSpeaker reports whether two speaker phrases name the same speaker. A
// pronoun and a name may be the same person: only a change between two
// pronouns or two names counts.
func sameSpeaker(a, b string) bool {
	na, nb := normalizeSpeaker(a), normalizeSpeaker(b)
	if na == nb {
		return true
	}
	return pronouns[na] != pronouns[nb]
}

func normalizeSpeaker(s string) string {
	var keep []string
	for _, w := range strings.Fields(strings.ToLower(quoteMarks.Replace(s))) {
		w = strings.Trim(w, ",.;:")
		if !speakerNoise[w] {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}
