package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules/internal/wordtable"
)

// This file holds the word and line helpers shared by spelling/misspell,
// consistency/variants, boilerplate/web and style/second-person.

// wordFold appends to dst the folded form of the word w: every letter in
// lower case, every right single quotation mark (’) made an ASCII
// apostrophe and every Unicode hyphen an ASCII one, so that "Report’s" and
// "report's" look up alike. With a dst that has room (a slice of an array
// on the stack), it allocates nothing.
func wordFold(dst, w []byte) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(w[i:])
		i += n
		switch r {
		case '’':
			dst = append(dst, '\'')
		case '‐', '‑':
			dst = append(dst, '-')
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// foldKey returns the folded form of the word w (see wordFold) and its
// wordtable.Hash, computed in one pass. A word of lower-case ASCII, the
// common case, is its own folded form: w itself is returned, not a copy;
// otherwise the folded form is built in buf (which it overwrites).
func foldKey(buf, w []byte) ([]byte, uint32) {
	h := uint32(wordtable.HashOffset)
	i := 0
	for ; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
		h = (h ^ uint32(c)) * wordtable.HashPrime
	}
	if i == len(w) {
		return w, h
	}
	buf = append(buf[:0], w[:i]...)
	for ; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			key := wordFold(buf, w[i:]) // rare: hash it again
			return key, wordtable.Hash(key)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
		h = (h ^ uint32(c)) * wordtable.HashPrime
	}
	return buf, h
}

// foldPlainKey is foldKey for a word of ASCII letters without a hyphen,
// the common case, in one pass; ok is false for any other word, which
// the caller splits or folds as foldKey does.
func foldPlainKey(buf, w []byte) (key []byte, h uint32, ok bool) {
	h = uint32(wordtable.HashOffset)
	lower := true
	for _, c := range w {
		if c >= utf8.RuneSelf || c == '-' {
			return nil, 0, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			lower = false
		}
		h = (h ^ uint32(c)) * wordtable.HashPrime
	}
	if lower {
		return w, h, true
	}
	buf = buf[:0]
	for _, c := range w {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, h, true
}

// mayEqualFold reports whether a and b may be equal under Unicode case
// folding, by their first bytes: a cheap test that turns away most pairs
// of words before bytes.EqualFold.
func mayEqualFold(a, b []byte) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	x, y := a[0], b[0]
	if x >= utf8.RuneSelf || y >= utf8.RuneSelf {
		return true // the Kelvin sign folds to k: let EqualFold decide
	}
	return x|0x20 == y|0x20 && ('a' <= x|0x20 && x|0x20 <= 'z' || x == y)
}

// FoldWord appends to dst the folded form of the word w, the form docqa
// compares words in: lower case, the right single quotation mark (’) an
// ASCII apostrophe, Unicode hyphens ASCII ones. With a dst that has room,
// it allocates nothing.
func FoldWord(dst, w []byte) []byte { return wordFold(dst, w) }

// wordFoldString is wordFold for a string, returning a string.
func wordFoldString(s string) string {
	return string(wordFold(make([]byte, 0, len(s)), []byte(s)))
}

// isCompoundHyphen reports whether r is one of the hyphens that join the parts of a
// compound word.
func isCompoundHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// letterCase is the capitalisation of a word.
type letterCase int

const (
	caseMixed letterCase = iota // anything else: "eMail", "McDonald"
	caseLower                   // "uighur"
	caseUpper                   // "UIGHUR"
	caseTitle                   // "Uighur": a capital, then only small letters
)

// letterCaseOf returns the capitalisation of the text s, counting letters
// only.
func letterCaseOf(s []byte) letterCase {
	upper, lower := 0, 0
	firstUpper, first := false, true
	for _, r := range string(s) { // no copy: the compiler ranges over s
		switch {
		case unicode.IsUpper(r):
			upper++
			if first {
				firstUpper = true
			}
		case unicode.IsLower(r):
			lower++
		default:
			continue
		}
		first = false
	}
	switch {
	case upper > 0 && lower == 0:
		return caseUpper
	case upper == 0 && lower > 0:
		return caseLower
	case upper == 1 && firstUpper:
		return caseTitle
	}
	return caseMixed
}

// inLetterCase returns form written in the capitalisation c: all capitals, all
// small letters, or its first letter made a capital (the rest as in form,
// so "YouTube" stays "YouTube"). A mixed c leaves form as it is.
func inLetterCase(form string, c letterCase) string {
	switch c {
	case caseUpper:
		return strings.ToUpper(form)
	case caseLower:
		return strings.ToLower(form)
	case caseTitle:
		for i, r := range form {
			if unicode.IsLetter(r) {
				return form[:i] + string(unicode.ToUpper(r)) + form[i+utf8.RuneLen(r):]
			}
		}
	}
	return form
}

// phraseMatcher recognises lines made of nothing but known phrases, such as
// the "Share this article" and "Advertisement" lines a web page leaves in
// copied text. It is read-only once built and safe for concurrent use.
type phraseMatcher struct {
	// phrases are folded (lower case) with runs of white space made one
	// space and trailing separators removed.
	phrases []string
	// longest is the length in bytes of the longest phrase.
	longest int
}

// maxPhraseLine is the longest line, in bytes, that is tried as a run of
// phrases: boilerplate lines are short, and the cap bounds the work on a
// long paragraph that happens to open with a phrase.
const maxPhraseLine = 1024

// newPhraseMatcher returns a matcher of the given phrases. It fails on a
// phrase that has no word in it.
func newPhraseMatcher(phrases ...[]string) (*phraseMatcher, error) {
	m := &phraseMatcher{}
	seen := make(map[string]bool)
	for _, list := range phrases {
		for _, p := range list {
			n := normalizePhrase(p)
			if n == "" {
				return nil, fmt.Errorf("phrase %q has no words", p)
			}
			if seen[n] {
				continue
			}
			seen[n] = true
			m.phrases = append(m.phrases, n)
			m.longest = max(m.longest, len(n))
		}
	}
	return m, nil
}

// normalizePhrase folds a phrase's case, makes each run of white space one
// space, and drops separators at either end ("Required fields are marked *"
// becomes "required fields are marked"). It returns "" for a phrase with no
// word in it.
func normalizePhrase(p string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimFunc(p, isPhraseSep) {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r == '’' {
			r = '\''
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s := b.String()
	if strings.IndexFunc(s, document.IsWordRune) < 0 {
		return ""
	}
	return s
}

// isPhraseSep reports whether r may stand between, before or after the
// phrases of a boilerplate line: white space, punctuation and the arrows and
// bullets web pages decorate links with ("Read more »", "• Share").
func isPhraseSep(r rune) bool {
	if unicode.IsSpace(r) || r == document.Masked {
		return true
	}
	switch r {
	case '\u00a0', '\u202f', '.', ',', ':', ';', '!', '?', '*', '|', '/', '·', '•',
		'–', '—', '-', '…', '>', '»', '›', '→', '(', ')', '[', ']':
		return true
	}
	return false
}

// skipPhraseSeps returns the offset of the first rune at or after i in line that
// is not a separator.
func skipPhraseSeps(line []byte, i int) int {
	for i < len(line) {
		r, n := utf8.DecodeRune(line[i:])
		if !isPhraseSep(r) {
			break
		}
		i += n
	}
	return i
}

// matchPhraseAt returns the end of phrase p matched at offset i of line, ignoring
// case and treating a run of white space in the line as one space; the match
// must end at a word boundary.
func matchPhraseAt(line []byte, i int, p string) (int, bool) {
	for j := 0; j < len(p); {
		if i >= len(line) {
			return 0, false
		}
		if p[j] == ' ' {
			k := i
			for k < len(line) {
				r, n := utf8.DecodeRune(line[k:])
				if !unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' {
					break
				}
				k += n
			}
			if k == i {
				return 0, false
			}
			i = k
			j++
			continue
		}
		want, wn := utf8.DecodeRuneInString(p[j:])
		got, gn := utf8.DecodeRune(line[i:])
		if got == '’' {
			got = '\''
		}
		if unicode.ToLower(got) != want {
			return 0, false
		}
		i += gn
		j += wn
	}
	if i < len(line) {
		if r, _ := utf8.DecodeRune(line[i:]); document.IsWordRune(r) {
			return 0, false
		}
	}
	return i, true
}

// startsWithPhrase reports whether line, after any separators, opens with
// one of the phrases: a cheap test before whole.
func (m *phraseMatcher) startsWithPhrase(line []byte) bool {
	i := skipPhraseSeps(line, 0)
	for _, p := range m.phrases {
		if _, ok := matchPhraseAt(line, i, p); ok {
			return true
		}
	}
	return false
}

// whole reports whether line consists of one or more phrases and nothing
// else but separators.
func (m *phraseMatcher) whole(line []byte) bool {
	start := skipPhraseSeps(line, 0)
	if start == len(line) || len(line) > maxPhraseLine || !m.startsWithPhrase(line) {
		return false
	}
	// reach[i]: a run of whole phrases and separators ends at start+i.
	var small [256]bool
	var reach []bool
	if n := len(line) - start + 1; n <= len(small) {
		reach = small[:n]
	} else {
		reach = make([]bool, n)
	}
	reach[0] = true
	for i := start; i < len(line); i++ {
		if !reach[i-start] {
			continue
		}
		for _, p := range m.phrases {
			end, ok := matchPhraseAt(line, i, p)
			if !ok {
				continue
			}
			j := skipPhraseSeps(line, end)
			if j == len(line) {
				return true
			}
			reach[j-start] = true
		}
	}
	return false
}

// trimmedLineProse returns the prose bytes of a document line with white
// space and masked markup (a heading's #, a list's bullet) trimmed from
// either end, and the offset in the document where they start.
func trimmedLineProse(doc *document.Document, line document.Span) ([]byte, int) {
	b := doc.Prose[line.Start:line.End]
	start := 0
	for start < len(b) {
		r, n := utf8.DecodeRune(b[start:])
		if !isLineBlank(r) {
			break
		}
		start += n
	}
	end := len(b)
	for end > start {
		r, n := utf8.DecodeLastRune(b[start:end])
		if !isLineBlank(r) {
			break
		}
		end -= n
	}
	return b[start:end], line.Start + start
}

// isLineBlank reports whether r is white space or masked markup.
func isLineBlank(r rune) bool {
	return unicode.IsSpace(r) || r == document.Masked || r == '\u00a0' || r == '\u202f'
}

// boilerplateLine reports whether line n of doc is a line of nothing but
// phrases of m that lies in a prose paragraph, and returns the span of its
// text. A line that is one line of a longer paragraph counts only when it
// reads as a line of its own rather than a wrapped piece of a sentence: it
// opens with a capital and the paragraph's next line does not open with a
// small letter ("Read more\nbooks." is prose).
func (m *phraseMatcher) boilerplateLine(doc *document.Document, n int) (document.Span, bool) {
	line := doc.Line(n)
	text, off := trimmedLineProse(doc, line)
	if len(text) == 0 {
		return document.Span{}, false
	}
	pi := doc.ParagraphAt(off)
	if pi < 0 || !m.whole(text) {
		return document.Span{}, false
	}
	span := document.Span{Start: off, End: off + len(text)}
	if p := doc.Paragraphs[pi]; p.Start < line.Start || p.End > line.End {
		if !firstLetterIs(text, unicode.IsUpper) {
			return document.Span{}, false
		}
		if next := doc.Line(n + 1); next.Start < p.End {
			if t, _ := trimmedLineProse(doc, next); firstLetterIs(t, unicode.IsLower) {
				return document.Span{}, false
			}
		}
	}
	return span, true
}

// firstLetterIs reports whether the first letter or digit of b satisfies is.
func firstLetterIs(b []byte, is func(rune) bool) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if document.IsWordRune(r) {
			return is(r)
		}
		i += n
	}
	return false
}
