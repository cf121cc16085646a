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

// add adds a phrase of rule to the matcher.
func (m *matcher) add(text string, rule int, repl string, exact bool, set, vari int) error {
	ph, err := parsePhrase(text)
	if err != nil {
		return err
	}
	ph.rule, ph.repl, ph.exact, ph.set, ph.vari = rule, repl, exact, set, vari
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
// each word the longest phrase wins, and the search goes on after it.
func (m *matcher) run(d *document.Document) [][]match {
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
	out := make([][]match, m.nrules)
	next := make([]int, m.nrules) // per rule, the first word a new match may start at
	for i := range words {
		phs := m.byFirst[string(folded(i))]
		for _, ph := range phs {
			if i < next[ph.rule] || !m.matchAt(d, words, folded, i, ph) {
				continue
			}
			end := i + len(ph.folded)
			span := document.Span{Start: int(words[i].Start) - len(ph.lead), End: int(words[end-1].End) + len(ph.trail)}
			out[ph.rule] = append(out[ph.rule], match{span: span, ph: ph})
			next[ph.rule] = end
		}
	}
	return out
}

// matchAt reports whether ph matches the words from i on: the same folded
// words (or the same words, for an exact phrase), in one paragraph, with
// the same separators and nothing masked between them.
func (m *matcher) matchAt(d *document.Document, words []document.Word, folded func(int) []byte, i int, ph *phrase) bool {
	n := len(ph.folded)
	if i+n > len(words) {
		return false
	}
	if ph.lead != "" && !bytes.HasSuffix(d.Prose[:words[i].Start], []byte(ph.lead)) {
		return false
	}
	if ph.trail != "" && !bytes.HasPrefix(d.Prose[words[i+n-1].End:], []byte(ph.trail)) {
		return false
	}
	for k := range n {
		w := words[i+k]
		if k > 0 {
			if w.Paragraph != words[i].Paragraph || string(folded(i+k)) != ph.folded[k] {
				return false
			}
			gap := d.Prose[words[i+k-1].End:w.Start]
			if len(gap) == 1 && gap[0] == ' ' {
				if ph.seps[k-1] != " " {
					return false
				}
			} else if bytes.IndexByte(gap, document.Masked) >= 0 || normalizeSep(gap) != ph.seps[k-1] {
				return false
			}
		}
		if ph.exact && string(d.Slice(w.Span())) != ph.words[k] {
			return false
		}
	}
	return true
}
