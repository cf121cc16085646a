package rules

import (
	"bytes"
	_ "embed"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules/internal/bloom"
)

// Typo is the spelling/typo rule: a word that no dictionary lists and that
// is one slip of the keyboard away from a common word. It is a rule of its
// own, beside spelling/misspell's curated list, so that a user can switch
// the guesswork off and keep the list.
var Typo = &Rule{
	ID:       "spelling/typo",
	Severity: Warning,
	// Opt-in until it is measured on held-out text: it costs a fifth of
	// the engine's time, and documentation's jargon (toml, args) needs a
	// project's word list.
	Off:     true,
	Summary: "Words in no dictionary that are one slip away from a common word (“fnial”, “enginering”)",
	Explanation: "The rule reports a word in small letters that SCOWL's word lists (every size, every " +
		"English and its variants, names, abbreviations and contractions) do not list and that is one edit " +
		"(a letter added, dropped, changed, or two letters swapped) away from a common word (SCOWL up to " +
		"size 50). When one common word is that close, the fix replaces the word with it; when several " +
		"are, the message names those among the most common words (SCOWL up to size 20), without a fix, " +
		"and a word whose close words are all rarer is not reported. " +
		"It is precise before it is thorough: words with a capital, a digit or another sign are names, " +
		"codes or terms; a word the document uses twice, in any case or inflection, is its own vocabulary; " +
		"a word beside another word in no dictionary, or in a quotation of four words or fewer, is a " +
		"phrase of another language (“Nie wieder”, foie gras); a word cut off by a hyphen is a false start " +
		"(“coun- — council”), one followed closely by its correction a slip the text shows (“ramrond — " +
		"ramrod”), one with a letter written three times drawn out on purpose (“shhh”), one that drops the " +
		"g of -ing dialect (“lookin”), one with a common prefix or suffix on a known word a coinage " +
		"(“prepends”), one that is a common word with a letter before or after it a name or a term " +
		"(“libc”, “pthread”), and one without a vowel an abbreviation (“bzr”). A document with many words in no dictionary (one in a hundred) is dialect or " +
		"jargon and is not checked. Words that spelling/misspell's list knows are left to it. " +
		"Code, URLs and addresses are never checked. " +
		"The rule is off unless turned on (--enable spelling/typo, or spelling/typo: on in the configuration).",
	Bad:  "The fnial report was published in science, technology, enginering and math.",
	Good: "The final report was published in science, technology, engineering and math.",
	Options: []Option{
		{
			Name: "ignore",
			Kind: StringList,
			Doc:  "words not to report (case is ignored)",
		},
	},
	New: newTypo,
}

//go:generate go run ./internal/gentypo -o .

// typoKnownData, typoCommonData and typoTopData are the Bloom filters that
// gentypo writes from SCOWL's lists: every word known, the common words a
// typo is corrected to, and the most common of those (see
// rules/internal/gentypo).
var (
	//go:embed typo_known.bloom
	typoKnownData string
	//go:embed typo_common.bloom
	typoCommonData string
	//go:embed typo_top.bloom
	typoTopData string
)

// typoMinLen is the length of the shortest word looked at: shorter ones
// are one edit from too many words, and are often abbreviations.
const typoMinLen = 3

// typoMaxLen is the length of the longest word looked at.
const typoMaxLen = 40

// typoMinSeveral is the length of the shortest word reported with several
// corrections: a shorter one ("ctr", "tsc") is an abbreviation as often
// as not.
const typoMinSeveral = 4

// typoMaxCandidates is how many corrections a word may have: one with
// more is a short word of its own, an abbreviation or a code, more often
// than a typo, and is not reported.
const typoMaxCandidates = 16

// A document with at least typoDialectMin words in no dictionary, one in
// typoDialectRate of its words or more, is not checked.
const (
	typoDialectMin  = 10
	typoDialectRate = 100
)

type typoChecker struct {
	known, common, top bloom.Filter
	ignore             map[string]bool
}

func newTypo(opts Options) (Check, error) {
	known, err := bloom.Decode(typoKnownData)
	if err != nil {
		return nil, err
	}
	common, err := bloom.Decode(typoCommonData)
	if err != nil {
		return nil, err
	}
	top, err := bloom.Decode(typoTopData)
	if err != nil {
		return nil, err
	}
	c := &typoChecker{known: known, common: common, top: top}
	if ignore, _ := opts.Strings("ignore"); len(ignore) > 0 {
		c.ignore = make(map[string]bool, len(ignore))
		for _, w := range ignore {
			c.ignore[strings.ToLower(w)] = true
		}
	}
	return c.check, nil
}

// typoSuspect is a word in no dictionary.
type typoSuspect struct {
	span  document.Span
	word  string
	index int // in doc.Words
}

func (c *typoChecker) check(p *Pass) {
	doc := p.Doc
	var suspects []typoSuspect
	scratch := make([]byte, 0, typoMaxLen)
	for i, w := range doc.Words {
		if w.Len() < typoMinLen || w.Len() > 3*typoMaxLen {
			continue
		}
		n := len(suspects)
		suspects = c.suspects(doc, w.Span(), scratch, suspects)
		for j := n; j < len(suspects); j++ {
			suspects[j].index = i
		}
	}
	if len(suspects) == 0 {
		return
	}
	if len(suspects) >= typoDialectMin && len(suspects)*typoDialectRate > len(doc.Words) {
		// So many words in no dictionary are a dialect, another language
		// or a field's jargon: the dictionary does not fit the text, and
		// its guesses would be wrong more often than right.
		return
	}
	lower := []byte(strings.ToLower(string(doc.Text)))
	var buf []byte
	for _, s := range suspects {
		if c.ignore[s.word] || inAddress(doc, s.span) || truncated(doc.Text, s.span) {
			continue
		}
		if _, listed := misspellMain.Lookup([]byte(s.word)); listed {
			continue // spelling/misspell's to report, with its correction
		}
		if countWord(lower, s.word, false) > 1 || countWord(lower, typoStem(s.word), true) > 1 {
			continue // the document's own vocabulary
		}
		if c.derived(s.word) {
			continue
		}
		if c.foreignBeside(doc, s.index) || inShortQuote(doc, s.span) {
			continue // a phrase of another language: "foie gras", “Nie wieder”
		}
		if s.span.Start > 0 && doc.Text[s.span.Start-1] == '&' {
			continue // an HTML entity: "&mdash;"
		}
		cands := c.corrections(s.word, buf[:0])
		if len(cands) == 0 || len(cands) > typoMaxCandidates {
			continue
		}
		meant := false
		for _, right := range cands {
			if strings.HasSuffix(s.word, "in") && right == s.word+"g" {
				meant = true // a dropped g, written so on purpose: "lookin"
			}
			if correctedAfter(lower, s.span.End, right) {
				meant = true // a slip the transcript shows: "ramrond — ramrod", "crode [code]"
			}
		}
		if meant {
			continue
		}
		// A letter before or after a common word, not the doubling of its
		// neighbour, makes a name or a term more often than a typo:
		// "libc", "pthread", "fsync".
		kept := cands[:0]
		for _, cand := range cands {
			if !edgeLetter(s.word, cand) {
				kept = append(kept, cand)
			}
		}
		cands = kept
		if len(cands) > 1 {
			// Of several, those among the most common words; none, and
			// the word is as likely a word of its own (a foreign word, a
			// dialect, a term) as a typo.
			top := cands[:0]
			for _, cand := range cands {
				if c.top.Has(bloom.HashString(cand)) {
					top = append(top, cand)
				}
			}
			cands = top
		}
		switch {
		case len(cands) == 1:
			p.Report(s.span, "“"+s.word+"” is in no dictionary: a typo of “"+cands[0]+"”?",
				WordFix(doc, Fix{Span: s.span, Replacement: cands[0]})...)
		case len(cands) > 1 && len(s.word) >= typoMinSeveral:
			p.Report(s.span, "“"+s.word+"” is in no dictionary: a typo of “"+strings.Join(cands, "” or “")+"”?")
		}
	}
}

// edgeLetter reports whether word is right with a letter added before or
// after it that does not double its neighbour.
func edgeLetter(word, right string) bool {
	n := len(word)
	if n != len(right)+1 {
		return false
	}
	return word[1:] == right && word[0] != word[1] || word[:n-1] == right && word[n-1] != word[n-2]
}

// typoShortQuote is the most words a quotation holds that is a phrase
// quoted as such: a foreign saying, a term, a title.
const typoShortQuote = 4

// inShortQuote reports whether span lies in a quotation of at most
// typoShortQuote words.
func inShortQuote(doc *document.Document, span document.Span) bool {
	for _, q := range doc.Quotes {
		if q.Open > span.Start {
			break
		}
		if q.Content.Start <= span.Start && span.End <= q.Content.End {
			if len(bytes.Fields(doc.Text[q.Content.Start:q.Content.End])) <= typoShortQuote {
				return true
			}
		}
	}
	return false
}

// foreignBeside reports whether a word next to the i-th word of doc, in
// its paragraph, is in no dictionary either, in any case: two such words
// together are a phrase of another language or a name.
func (c *typoChecker) foreignBeside(doc *document.Document, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(doc.Words) || doc.Words[j].Paragraph != doc.Words[i].Paragraph {
			continue
		}
		if c.unknown(doc.Text[doc.Words[j].Start:doc.Words[j].End]) {
			return true
		}
	}
	return false
}

// unknown reports whether the word w, folded, is in no dictionary. A word
// with a digit or a sign other than an apostrophe or a hyphen (a number, a
// file name) is not a word of any language, and is not unknown; one with
// a letter outside ASCII is, unless the dictionary lists it.
func (c *typoChecker) unknown(w []byte) bool {
	if len(w) > typoMaxLen {
		return false
	}
	var buf [typoMaxLen]byte
	key := wordFold(buf[:0], w)
	for _, ch := range key {
		if ch < 'a' && ch != '\'' && ch != '-' || ch > 'z' && ch < 0x80 || 'Z' < ch && ch < 'a' {
			return false
		}
	}
	return !c.known.Has(bloom.Hash(key))
}

// typoSelfCorrection is how far after a word, in bytes, its correction
// shows that the text means the slip.
const typoSelfCorrection = 60

// correctedAfter reports whether the word right follows offset off of
// lower closely.
func correctedAfter(lower []byte, off int, right string) bool {
	end := min(len(lower), off+typoSelfCorrection+len(right))
	return countWord(lower[off:end], right, false) > 0
}

// truncated reports whether the word at span is cut off by a hyphen: a
// false start in a transcript ("County coun- — I can’t").
func truncated(text []byte, span document.Span) bool {
	if span.End < len(text) && text[span.End] == '-' {
		return true
	}
	return span.End+2 < len(text) && text[span.End] == 0xE2 && text[span.End+1] == 0x80 && (text[span.End+2] == 0x90 || text[span.End+2] == 0x91)
}

// typoPrefixes and typoSuffixes are the affixes that make words from
// words: a suspect that is one of them and a known word is a coinage
// ("prepends", "deallocating", "bubblings"), not a typo.
var (
	typoPrefixes = []string{"anti", "auto", "back", "co", "counter", "cross", "de", "dis", "front",
		"hyper", "in", "inter", "meta", "micro", "mis", "multi", "non", "out", "over", "post", "pre",
		"re", "self", "semi", "sub", "super", "trans", "un", "under"}
	typoSuffixes = []string{"able", "dom", "ful", "hood", "ish", "ism", "ist", "ity", "ize", "ise",
		"less", "like", "ness", "ship"}
)

// derived reports whether word is a known word with a prefix or a suffix
// of typoPrefixes and typoSuffixes, or the plural of a known gerund
// ("bubblings"). Inflections are not looked through: a dictionary lists
// the inflections of its words, and a typo may make a rare word's
// ("enginering", from "enginer").
func (c *typoChecker) derived(word string) bool {
	if rest, ok := strings.CutSuffix(word, "ings"); ok && len(rest) >= 3 && c.known.Has(bloom.HashString(rest+"ing")) {
		return true
	}
	for _, a := range typoPrefixes {
		if rest, ok := strings.CutPrefix(word, a); ok && len(rest) >= 3 && c.known.Has(bloom.HashString(rest)) {
			return true
		}
	}
	for _, a := range typoSuffixes {
		if rest, ok := strings.CutSuffix(word, a); ok && len(rest) >= 3 && c.known.Has(bloom.HashString(rest)) {
			return true
		}
	}
	return false
}

// typoStem returns word without an inflection (-s, -es, -ed, -ing), or
// word itself.
func typoStem(word string) string {
	for _, a := range []string{"ing", "es", "ed", "s"} {
		if rest, ok := strings.CutSuffix(word, a); ok && len(rest) >= 4 {
			return rest
		}
	}
	return word
}

// suspects appends to out the parts of the word at span that are in small
// letters and in no dictionary. A hyphenated compound is looked at part by
// part; a possessive ending is dropped; a word with anything but small
// letters, apostrophes and hyphens (a capital, a digit, a full stop) is a
// name, a code or a term, and is left alone.
// scratch is a buffer of capacity typoMaxLen.
func (c *typoChecker) suspects(doc *document.Document, span document.Span, scratch []byte, out []typoSuspect) []typoSuspect {
	text := doc.Text[span.Start:span.End]
	buf := scratch[:typoMaxLen]
	key := scratch[:0]
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case 'a' <= ch && ch <= 'z', ch == '-', ch == '\'':
			if len(key) == len(buf) {
				return out
			}
			key = append(key, ch)
		case ch == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0x99 || text[i+2] == 0x90 || text[i+2] == 0x91):
			if len(key) == len(buf) {
				return out
			}
			if text[i+2] == 0x99 {
				key = append(key, '\'')
			} else {
				key = append(key, '-')
			}
			i += 2
		default:
			return out
		}
	}
	if c.known.Has(bloom.Hash(key)) {
		return out
	}
	for i := 2; i < len(key); i++ {
		if key[i] == key[i-1] && key[i] == key[i-2] {
			return out // drawn out on purpose: "shhh", "sooo"
		}
	}
	// A compound is looked at part by part, and only where its other parts
	// are common words: one with a rare part is a name or a foreign phrase
	// ("ku-kluxed", "pince-nez").
	if bytes.IndexByte(key, '-') >= 0 {
		suspect := 0
		for _, part := range bytes.Split(key, []byte("-")) {
			if _, ok := c.suspectPart(part); ok {
				suspect++
			} else if !c.common.Has(bloom.Hash(part)) {
				return out
			}
		}
		if suspect > 1 {
			return out
		}
	}
	// Part by part, at hyphens, tracking byte offsets in text.
	start, kstart := 0, 0
	for ki, ti := 0, 0; ki <= len(key); {
		if ki == len(key) || key[ki] == '-' {
			part := key[kstart:ki]
			if s, ok := c.suspectPart(part); ok {
				// s is part, a possessive ending perhaps dropped: one byte
				// of the key for each character of the text.
				end := span.Start + start + typoBytes(text[start:ti], len(s))
				out = append(out, typoSuspect{span: document.Span{Start: span.Start + start, End: end}, word: string(s)})
			}
			if ki == len(key) {
				break
			}
			ki++
			ti += typoRuneLen(text[ti])
			start, kstart = ti, ki
			continue
		}
		ti += typoRuneLen(text[ti])
		ki++
	}
	return out
}

// typoRuneLen is the length in bytes of the character that starts with c,
// for the characters suspects accepts.
func typoRuneLen(c byte) int {
	if c == 0xE2 {
		return 3
	}
	return 1
}

// typoBytes returns the length in bytes of the first n folded characters of
// text.
func typoBytes(text []byte, n int) int {
	i := 0
	for ; n > 0; n-- {
		i += typoRuneLen(text[i])
	}
	return i
}

// suspectPart returns the part of a word, its possessive dropped, if it is
// in no dictionary.
func (c *typoChecker) suspectPart(part []byte) ([]byte, bool) {
	if len(part) < typoMinLen {
		return nil, false
	}
	if c.known.Has(bloom.Hash(part)) {
		return nil, false
	}
	switch {
	case len(part) > 2 && part[len(part)-2] == '\'' && part[len(part)-1] == 's':
		part = part[:len(part)-2]
	case part[len(part)-1] == '\'':
		part = part[:len(part)-1]
	}
	if len(part) < typoMinLen || part[0] == '\'' {
		return nil, false
	}
	for _, ch := range part {
		if ch == '\'' {
			return nil, false // a contraction or dialect
		}
	}
	if c.known.Has(bloom.Hash(part)) {
		return nil, false
	}
	if !bytes.ContainsAny(part, "aeiouy") {
		return nil, false // no vowel: an abbreviation or a code ("bzr")
	}
	return part, true
}

// corrections returns the common words one edit away from word, at most
// typoMaxCandidates+1 of them (then not sorted, else sorted). buf is
// scratch space.
func (c *typoChecker) corrections(word string, buf []byte) []string {
	var out []string
	try := func(cand []byte) bool {
		if !c.common.Has(bloom.Hash(cand)) {
			return true
		}
		s := string(cand)
		for _, o := range out {
			if o == s {
				return true
			}
		}
		out = append(out, s)
		return len(out) <= typoMaxCandidates
	}
	n := len(word)
	// Deletions and transpositions.
	for i := 0; i < n; i++ {
		buf = append(append(buf[:0], word[:i]...), word[i+1:]...)
		if !try(buf) {
			return out
		}
		if i+1 < n && word[i] != word[i+1] {
			buf = append(append(append(buf[:0], word[:i]...), word[i+1], word[i]), word[i+2:]...)
			if !try(buf) {
				return out
			}
		}
	}
	// Substitutions and insertions.
	for i := 0; i <= n; i++ {
		for ch := byte('a'); ch <= 'z'; ch++ {
			if i < n && ch != word[i] {
				buf = append(append(append(buf[:0], word[:i]...), ch), word[i+1:]...)
				if !try(buf) {
					return out
				}
			}
			buf = append(append(append(buf[:0], word[:i]...), ch), word[i:]...)
			if !try(buf) {
				return out
			}
		}
	}
	sortStrings(out)
	return out
}

// sortStrings sorts a few strings in place.
func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// countWord counts the occurrences of word in lower (a lower-cased text)
// as a whole word: not inside a longer run of letters; with prefix, as the
// start of a word.
func countWord(lower []byte, word string, prefix bool) int {
	n, w := 0, []byte(word)
	for i := 0; ; {
		j := bytes.Index(lower[i:], w)
		if j < 0 {
			return n
		}
		a, b := i+j, i+j+len(word)
		if (a == 0 || !isASCIILetter(lower[a-1])) && (prefix || b == len(lower) || !isASCIILetter(lower[b])) {
			n++
		}
		i = a + 1
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
