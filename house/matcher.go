package house

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"weak"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// matcher finds the phrases of every existence, substitution and
// consistency rule of a set in one pass over a document's words. Phrases
// are keyed by their first folded word: at each word of the document one
// map lookup yields the few phrases that can start there, and each is
// compared word by word, so a run costs O(words × longest phrase) whatever
// the number of phrases.
type matcher struct {
	byFirst map[string][]*phrase
	nrules  int

	mu    sync.Mutex
	cache map[weak.Pointer[document.Document]]*docMatches
}

// phrase is one word sequence to find, and what finding it means.
type phrase struct {
	rule   int      // index of the rule in the set
	item   int      // index of the phrase in its rule's list (tokens, swap, sets)
	folded []string // the folded words
	words  []string // the words as written, for case-sensitive rules
	seps   []string // the separators between words, spaces collapsed
	lead   string   // punctuation before the first word ("(" of "(sic)")
	trail  string   // punctuation after the last word ("." of "e.g.")
	exact  bool     // match words as written
	repl   string   // substitution: the replacement; consistency: the variant
	set    int      // consistency: the set
	vari   int      // consistency: the variant's index in its set
}

// match is one phrase found in a document.
type match struct {
	span document.Span
	ph   *phrase
	// poss is the length in bytes of the possessive ending ('s, ’s) that
	// span holds after the phrase, or 0.
	poss int
}

// stem returns the span of the phrase itself: the match without its
// possessive ending.
func (mt match) stem() document.Span {
	return document.Span{Start: mt.span.Start, End: mt.span.End - mt.poss}
}

// docMatches are the matches of one document, by rule.
type docMatches struct {
	once   sync.Once
	byRule [][]match
}

func newMatcher(nrules int) *matcher {
	return &matcher{
		byFirst: map[string][]*phrase{},
		nrules:  nrules,
		cache:   map[weak.Pointer[document.Document]]*docMatches{},
	}
}

// add adds a phrase of rule, its item-th, to the matcher.
func (m *matcher) add(text string, rule, item int, repl string, exact bool, set, vari int) error {
	ph, err := parsePhrase(text)
	if err != nil {
		return err
	}
	ph.rule, ph.item, ph.repl, ph.exact, ph.set, ph.vari = rule, item, repl, exact, set, vari
	m.byFirst[ph.folded[0]] = append(m.byFirst[ph.folded[0]], ph)
	return nil
}

// finish orders each word's phrases longest first, so that the longest
// phrase of a rule starting at a word wins.
func (m *matcher) finish() {
	for _, phs := range m.byFirst {
		sort.SliceStable(phs, func(i, j int) bool { return len(phs[i].folded) > len(phs[j].folded) })
	}
}

// parsePhrase splits text into words as documents are split, so that a
// phrase matches the words the rules see ("counter-terrorism" and
// "report’s" are one word, "per cent" two). Punctuation before the first
// word and after the last must be there too, with no space between, and
// is part of the match ("e.g." matches "e.g." but not "e.g"); between words
// the punctuation must match too, white space matching any white space.
func parsePhrase(text string) (*phrase, error) {
	d := document.LoadFormat("", []byte(text), document.Plain)
	if len(d.Words) == 0 {
		return nil, fmt.Errorf("%q holds no word", text)
	}
	ph := &phrase{}
	for i, w := range d.Words {
		if i > 0 {
			ph.seps = append(ph.seps, normalizeSep(d.Prose[d.Words[i-1].End:w.Start]))
		}
		ph.words = append(ph.words, d.String(w.Span()))
		ph.folded = append(ph.folded, string(rules.FoldWord(nil, d.Slice(w.Span()))))
	}
	ph.lead = strings.TrimSpace(string(d.Prose[:d.Words[0].Start]))
	ph.trail = strings.TrimSpace(string(d.Prose[d.Words[len(d.Words)-1].End:]))
	return ph, nil
}

// normalizeSep returns the text between two words with every run of white
// space (line breaks included) made one space.
func normalizeSep(b []byte) string {
	var sb strings.Builder
	space := false
	for _, r := range string(b) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	if space {
		sb.WriteByte(' ')
	}
	return sb.String()
}

// matches returns the matches of every rule of the set in d, computed once
// per document however many of the set's rules ask: the first rule to
// check d finds them all. Entries go when d is garbage.
func (m *matcher) matches(d *document.Document) [][]match {
	if len(m.byFirst) == 0 {
		return nil
	}
	wp := weak.Make(d)
	m.mu.Lock()
	e, ok := m.cache[wp]
	if !ok {
		e = &docMatches{}
		m.cache[wp] = e
		runtime.AddCleanup(d, func(wp weak.Pointer[document.Document]) {
			m.mu.Lock()
			delete(m.cache, wp)
			m.mu.Unlock()
		}, wp)
	}
	m.mu.Unlock()
	e.once.Do(func() { e.byRule = m.run(d) })
	return e.byRule
}

// run finds every phrase in d. For each rule, matches do not overlap: at
// each word the longest phrase wins, and the search goes on after it. A
// phrase also matches with a possessive ending on its last word ("Kiev's",
// "Kiev’s" for "Kiev"), unless it ends in punctuation; a phrase written
// with the ending matches before one without it.
func (m *matcher) run(d *document.Document) [][]match {
	return m.runInto(d, make([][]match, m.nrules), make([]int, m.nrules))
}

// runInto is run with the matches appended to out and next for its
// scratch space, both of length m.nrules; next must be all zeros.
func (m *matcher) runInto(d *document.Document, out [][]match, next []int) [][]match {
	words := d.Words
	// Fold every word once into one buffer.
	buf := make([]byte, 0, len(d.Text))
	ends := make([]int, len(words))
	for i, w := range words {
		buf = rules.FoldWord(buf, d.Slice(w.Span()))
		ends[i] = len(buf)
	}
	folded := func(i int) []byte {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		return buf[start:ends[i]]
	}
	// next holds, per rule, the first word a new match may start at.
	found := func(i int, ph *phrase, poss int) {
		end := i + len(ph.folded)
		span := document.Span{Start: int(words[i].Start) - len(ph.lead), End: int(words[end-1].End) + len(ph.trail)}
		out[ph.rule] = append(out[ph.rule], match{span: span, ph: ph, poss: poss})
		next[ph.rule] = end
	}
	for i := range words {
		key := folded(i)
		for _, ph := range m.byFirst[string(key)] {
			if i >= next[ph.rule] {
				if poss, ok := m.matchAt(d, words, folded, i, ph); ok {
					found(i, ph, poss)
				}
			}
		}
		// A phrase of one word, with a possessive ending.
		stem, ok := bytes.CutSuffix(key, []byte("'s"))
		if !ok || len(stem) == 0 {
			continue
		}
		for _, ph := range m.byFirst[string(stem)] {
			if len(ph.folded) == 1 && i >= next[ph.rule] {
				if poss, ok := m.matchAt(d, words, folded, i, ph); ok && poss > 0 {
					found(i, ph, poss)
				}
			}
		}
	}
	return out
}

// possessive returns the length in bytes of the possessive ending of the
// word w, 's or ’s in either case, or 0 if it has none.
func possessive(w []byte) int {
	if len(w) < 2 || w[len(w)-1] != 's' && w[len(w)-1] != 'S' {
		return 0
	}
	switch head := w[:len(w)-1]; {
	case bytes.HasSuffix(head, []byte("'")):
		return 2
	case bytes.HasSuffix(head, []byte("’")):
		return 1 + len("’")
	}
	return 0
}

// matchAt reports whether ph matches the words from i on: the same folded
// words (or the same words, for an exact phrase), in one paragraph, with
// the same separators and nothing masked between them. The last word may
// carry a possessive ending that the phrase lacks, if the phrase does not
// end in punctuation: poss is then the ending's length in bytes. The
// caller has checked that the first word is the phrase's, but for that
// ending.
func (m *matcher) matchAt(d *document.Document, words []document.Word, folded func(int) []byte, i int, ph *phrase) (poss int, ok bool) {
	n := len(ph.folded)
	if i+n > len(words) {
		return 0, false
	}
	if ph.lead != "" && !bytes.HasSuffix(d.Prose[:words[i].Start], []byte(ph.lead)) {
		return 0, false
	}
	if ph.trail != "" && !bytes.HasPrefix(d.Prose[words[i+n-1].End:], []byte(ph.trail)) {
		return 0, false
	}
	for k := range n {
		w := words[i+k]
		text := d.Slice(w.Span())
		if k == n-1 && ph.trail == "" && string(folded(i+k)) != ph.folded[k] {
			// The last word differs: it may be the phrase's plus 's.
			poss = possessive(text)
			if poss == 0 || string(folded(i+k)) != ph.folded[k]+"'s" {
				return 0, false
			}
			text = text[:len(text)-poss]
		}
		if k > 0 {
			if w.Paragraph != words[i].Paragraph || poss == 0 && string(folded(i+k)) != ph.folded[k] {
				return 0, false
			}
			gap := d.Prose[words[i+k-1].End:w.Start]
			if len(gap) == 1 && gap[0] == ' ' {
				if ph.seps[k-1] != " " {
					return 0, false
				}
			} else if bytes.IndexByte(gap, document.Masked) >= 0 || normalizeSep(gap) != ph.seps[k-1] {
				return 0, false
			}
		}
		if ph.exact && string(text) != ph.words[k] {
			return 0, false
		}
	}
	return poss, true
}
