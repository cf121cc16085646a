package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules/internal/wordtable"
)

//go:generate go run ./internal/genvariants -level 60 -o variants_scowl_gen.go

// variantNames are the built-in families of spellings of one name or
// word, curated: each family is a list of sets whose spellings are in the
// same order (the sets of Tsar and Czar: tsar, czar; tsarist, czarist). Each
// is uncontroversially one thing spelled two ways; the order means
// nothing, since a document's first use picks its form. Renamings are left
// out on purpose (Beijing and Peking: Peking University is a name; Mumbai
// and Bombay), and so are a word's spellings that also mean something else
// (spelt, a grain; burnt toast in American English).
var variantNames = [][][]string{
	{{"Uyghur", "Uighur"}},
	{{"Kyiv", "Kiev"}},
	{{"email", "e-mail"}},
	{{"website", "web site"}},
	{{"online", "on-line"}},
	{{"percent", "per cent"}},
	{{"towards", "toward"}},
	{{"learnt", "learned"}},
	{{"dreamt", "dreamed"}},
	{{"cooperate", "co-operate"}, {"cooperated", "co-operated"}, {"cooperating", "co-operating"},
		{"cooperation", "co-operation"}, {"cooperative", "co-operative"}, {"cooperatives", "co-operatives"}},
	{{"coordinate", "co-ordinate"}, {"coordinated", "co-ordinated"}, {"coordinating", "co-ordinating"},
		{"coordination", "co-ordination"}, {"coordinator", "co-ordinator"}},
	{{"Tehran", "Teheran"}},
	{{"tsar", "czar"}, {"tsarist", "czarist"}, {"tsarina", "czarina"}},
	{{"Hezbollah", "Hizbollah", "Hizballah"}},
	{{"Quran", "Koran", "Qur'an"}},
	{{"Hanukkah", "Chanukah", "Hanukah"}},
	{{"Kharkiv", "Kharkov"}},
	{{"Luhansk", "Lugansk"}},
	{{"Zelensky", "Zelenskyy", "Zelenskiy"}},
}

// ambiguousUKUS are British spellings (of misspell's DictAmerican and
// SCOWL's lists) whose
// American counterpart is also good British English with another meaning
// (a tyre and to tire, a storey and a story) or another use (a computer
// program, a dialog box, to license): a British document may well use both.
var ambiguousUKUS = map[string]bool{
	"cheque": true, "cheques": true, "dialogue": true, "dialogues": true,
	"groyne": true, "groynes": true, "licence": true, "licences": true,
	"metre": true, "metres": true, "philtre": true, "philtres": true,
	"practise": true, "practises": true, "programme": true, "programmes": true,
	"storey": true, "storeys": true, "tyre": true, "tyres": true,
	// the plural of analysis in both
	"analyses": true,
}

// variantSuffixes are the endings a variant may carry and still match:
// plurals and possessives (Uighurs, Kiev's). Keys are folded, so ’s is 's.
var variantSuffixes = []string{"s", "es", "'s"}

// Variants is the consistency/variants rule: two spellings of one name or
// word in one document.
var Variants = &Rule{
	ID:       "consistency/variants",
	Severity: Warning,
	Summary:  "Two spellings of one name or word in one document (Uyghur and Uighur, colour and color)",
	Explanation: "A name or word spelled two ways in one document reads as carelessness, or as two different things. " +
		"The first spelling the document uses sets its choice; later uses of another spelling are reported, " +
		"with a fix to the chosen one that keeps the word's capitals and its plural or possessive ending (Uighurs becomes Uyghurs). " +
		"Built in are names, compounds and transliterations (Uyghur/Uighur, Kyiv/Kiev, Tehran/Teheran, tsar/czar, email/e-mail, " +
		"website/web site, online/on-line, percent/per cent, towards/toward, learnt/learned), and the British and American spellings " +
		"of misspell's locale lists and SCOWL's word lists (colour/color, organise/organize, travelled/traveled, centre/center, " +
		"judgement/judgment), except pairs where both are good British English " +
		"with different meanings (tyre/tire, storey/story, programme/program). " +
		"Spellings come in families, a word's inflections and derivations (criticise, criticised, criticising, criticisation): " +
		"the document chooses a spelling for the family, so \"criticise\" and later \"criticized\" is a finding, whose message names " +
		"the spelling that set the choice and its line. A British or American spelling with a capital " +
		"in the middle of a sentence is taken for part of a name (Pearl Harbor, the Labor Party) and neither counts nor is reported. " +
		"Words match whole and case aside; a variant of several words matches words with only white space between them. " +
		"The option sets adds sets of one's own; a set that shares a spelling with a built-in set replaces it. " +
		"The option prefer names preferred spellings: any other spelling of their sets is reported, whatever a document uses first. " +
		"A spelling that a house rule of the config writes (the replacement of a substitution, the preferred form of a consistency set) " +
		"is kept the same way unless prefer names another of its set: it is never reported, and the spellings that house rule reports are left to it. " +
		"With across: documents, docqa lint first counts every spelling in all the files of the run, and the one used most " +
		"(the preferred one if set; on a tie, the one a set lists first) is kept in every document: an archive keeps one spelling of a name. " +
		"The counts are sums, so the result does not depend on the order of the files or the number of workers.",
	Bad:  "members of Uyghur and other minorities … give Uighurs and others the justice they deserve",
	Good: "members of Uyghur and other minorities … give Uyghurs and others the justice they deserve",
	Options: []Option{{
		Name: "sets",
		Kind: StringSets,
		Doc:  "more sets of variants, each a list of two or more spellings of one name or word, in any order",
	}, {
		Name: "prefer",
		Kind: StringList,
		Doc:  "preferred spellings, at most one of each set: every other spelling of its set is reported, whatever the document uses first",
	}, AcrossOption()},
	New: newVariants,
}

// variantSet is one set of spellings.
type variantSet struct {
	// forms are the spellings as written in the set; for a British and
	// American pair, the British one first.
	forms []string
	// folded are the forms folded (see foldForm).
	folded []string
	// ukus marks a British and American pair, where a capitalised word in
	// mid-sentence is taken for part of a name.
	ukus bool
	// family is the index of the first set of the set's family: the sets
	// of one word's inflections and derivations (criticise, criticised,
	// criticising), whose spellings are in the same order. A document
	// chooses a spelling of a family, not of each set.
	family int
}

// variantRef says which spelling of which set a lookup key stands for.
type variantRef struct {
	set, variant int
	// suffixed reports that the key is the spelling plus an ending.
	suffixed bool
}

// multiForm is a spelling of several words, keyed by its first word.
type multiForm struct {
	rest []string // the folded words after the first
	ref  variantRef
}

// variantTable is the prepared lookup of the rule, read-only once built.
type variantTable struct {
	sets   []variantSet
	single map[string]variantRef  // folded word, with or without an ending
	multi  map[string][]multiForm // by folded first word
	// multiFirst filters look-ups in multi: bit n%64 of multiFirst[c] is
	// set if a first word of n bytes starts with byte c. Most words are
	// turned away without hashing them.
	multiFirst [256]uint64
	// static, if set, is the built-in table as generated static data
	// (variants_gen.go), which costs nothing at start-up. Without masked,
	// it replaces single.
	static *wordtable.Table
	// masked, if set, marks by set the built-in sets of static that the
	// configured sets replace (they share a spelling): their spellings are
	// not looked up. single then holds the configured sets' spellings,
	// looked up with static (see withSets).
	masked []bool
}

// multiEntry is a multiForm with its first word, as variants_gen.go lists
// them.
type multiEntry struct {
	first string
	form  multiForm
}

// encodeRef and decodeRef pack a variantRef into the integer values of a
// wordtable.Table.
func encodeRef(r variantRef) uint32 {
	v := uint32(r.set)<<8 | uint32(r.variant)<<1
	if r.suffixed {
		v |= 1
	}
	return v
}

func decodeRef(v uint32) variantRef {
	return variantRef{set: int(v >> 8), variant: int(v>>1) & 0x7f, suffixed: v&1 != 0}
}

// defaultVariantTable returns the built-in table from the generated static
// data: the sets, the one-word lookup, and the few spellings of several
// words.
func defaultVariantTable() *variantTable {
	t := &variantTable{sets: defaultVariantSets, static: &defaultVariantSingle, multi: make(map[string][]multiForm, len(defaultVariantMulti))}
	for _, e := range defaultVariantMulti {
		t.addMulti(e.first, e.form)
	}
	return t
}

// addMulti adds a spelling of several words whose first word is first.
func (t *variantTable) addMulti(first string, f multiForm) {
	t.multi[first] = append(t.multi[first], f)
	t.multiFirst[first[0]] |= 1 << (len(first) % 64)
}

// multiFor returns the spellings of several words whose first word is key.
func (t *variantTable) multiFor(key []byte) []multiForm {
	if len(key) == 0 || t.multiFirst[key[0]]&(1<<(len(key)%64)) == 0 {
		return nil
	}
	return t.multi[string(key)]
}

// singleRef looks up a one-word spelling, folded.
func (t *variantTable) singleRef(key []byte) (variantRef, bool) {
	return t.singleRefHashed(key, wordtable.Hash(key))
}

// singleRefHashed is singleRef for a key whose wordtable.Hash is h.
func (t *variantTable) singleRefHashed(key []byte, h uint32) (variantRef, bool) {
	if t.static == nil {
		ref, ok := t.single[string(key)]
		return ref, ok
	}
	v, ok := t.static.LookupIntHashed(key, h)
	ref := decodeRef(v)
	if t.masked == nil {
		return ref, ok
	}
	// The configured sets' spellings and the built-in ones, in the order
	// newVariantTable gives them: a spelling of a set wins over another
	// plus an ending, and a configured set over a built-in one.
	ok = ok && !t.masked[ref.set]
	own, found := t.single[string(key)]
	switch {
	case found && !own.suffixed:
		return own, true
	case ok && !ref.suffixed:
		return ref, true
	case found:
		return own, true
	}
	return ref, ok
}

// newVariantTable builds the table: the configured sets first, then the
// built-in names, then the British and American pairs of misspell's and
// SCOWL's lists; a built-in set that shares a spelling with one already
// added is left out. A configured set is a family of its own; a British
// and American pair joins the family of the pairs whose British spelling
// has the same stem (see familyStem).
func newVariantTable(extra [][]string) (*variantTable, error) {
	n := len(extra) + len(variantNames) + misspellUS.Len() + len(scowlUKUS)/2 // sets, at most
	t := &variantTable{single: make(map[string]variantRef, 8*n), multi: make(map[string][]multiForm)}
	exact := make(map[string]int, 2*n) // folded spelling → set
	// add adds a set to the family fam (-1: a family of its own), or
	// returns the index of one of its spellings that an earlier set has,
	// and that set.
	add := func(forms []string, ukus bool, fam int) (dup, other int, ok bool) {
		folded := make([]string, len(forms))
		for i, f := range forms {
			folded[i] = foldForm(f)
			if s, dup := exact[folded[i]]; dup {
				return i, s, false
			}
		}
		si := len(t.sets)
		if fam < 0 {
			fam = si
		}
		t.sets = append(t.sets, variantSet{forms: forms, folded: folded, ukus: ukus, family: fam})
		for vi, f := range folded {
			exact[f] = si
			ref := variantRef{set: si, variant: vi}
			if first, rest, ok := strings.Cut(f, " "); ok {
				t.addMulti(first, multiForm{rest: strings.Fields(rest), ref: ref})
				continue
			}
			t.single[f] = ref
		}
		return 0, si, true
	}
	for i, set := range extra {
		if err := checkSet(i, set); err != nil {
			return nil, err
		}
		if k, other, ok := add(set, false, -1); !ok {
			return nil, inTwoSets(i, k, other, extra)
		}
	}
	for _, family := range variantNames {
		fam := -1
		for _, set := range family {
			if _, si, ok := add(set, false, fam); ok && fam < 0 {
				fam = si
			}
		}
	}
	// misspell's DictAmerican, from the generated table, its keys in the
	// list's order, each once; then SCOWL's pairs.
	ukToUS := make(map[string]string, misspellUS.Len()+len(scowlUKUS)/2)
	var pairs []string
	for i, uk := range misspellUS.Keys {
		ukToUS[uk] = misspellUS.Values[i]
		pairs = append(pairs, uk, misspellUS.Values[i])
	}
	for i := 0; i+1 < len(scowlUKUS); i += 2 {
		if _, dup := ukToUS[scowlUKUS[i]]; !dup {
			ukToUS[scowlUKUS[i]] = scowlUKUS[i+1]
		}
		pairs = append(pairs, scowlUKUS[i], scowlUKUS[i+1])
	}
	families := make(map[string]int, len(pairs)/4) // stem → family
	for i := 0; i+1 < len(pairs); i += 2 {
		uk, us := pairs[i], pairs[i+1]
		if ambiguousUKUS[uk] || regularPlural(ukToUS, uk, us) {
			continue
		}
		stem := familyStem(uk)
		fam, ok := families[stem]
		if !ok {
			fam = -1
		}
		if _, si, ok := add([]string{uk, us}, true, fam); ok && fam < 0 {
			families[stem] = si
		}
	}
	// Endings go in last, so that a spelling of its own (a set's "colours")
	// always wins over another's spelling plus an ending.
	t.addEndings(0)
	return t, nil
}

// familySuffixes are the endings familyStem takes off, longest first.
var familySuffixes = []string{"ations", "ation", "ings", "ing", "ers", "er", "ed", "es", "s", "d", "e"}

// familyStem returns the British spelling uk without its inflection or
// derivation, if any (criticise, criticised, criticising, criticisation:
// criticis), so that the pairs of one word's forms make one family.
func familyStem(uk string) string {
	for _, suf := range familySuffixes {
		if len(uk) >= len(suf)+4 && strings.HasSuffix(uk, suf) {
			return uk[:len(uk)-len(suf)]
		}
	}
	return uk
}

// addEndings adds the spellings with an ending (see variantSuffixes) of the
// sets from the from-th on, where no spelling of their own is taken.
func (t *variantTable) addEndings(from int) {
	for si := from; si < len(t.sets); si++ {
		for vi, f := range t.sets[si].folded {
			if strings.Contains(f, " ") {
				continue // several words: endings are matched on the last word
			}
			for _, suf := range variantSuffixes {
				if _, taken := t.single[f+suf]; !taken {
					t.single[f+suf] = variantRef{set: si, variant: vi, suffixed: true}
				}
			}
		}
	}
}

// checkSet checks the i-th configured set: two spellings or more, each a
// word, none twice.
func checkSet(i int, set []string) error {
	if len(set) < 2 {
		return &OptionError{Option: "sets", Index: []int{i}, Msg: fmt.Sprintf("%q: a set needs two or more spellings", set)}
	}
	seen := make(map[string]int, len(set))
	for k, f := range set {
		if strings.IndexFunc(f, document.IsWordRune) < 0 {
			return &OptionError{Option: "sets", Index: []int{i, k}, Msg: fmt.Sprintf("%q is not a word", f)}
		}
		key := foldForm(f)
		if first, dup := seen[key]; dup {
			msg := fmt.Sprintf("%q is in the set twice", f)
			if set[first] != f {
				msg = fmt.Sprintf("%q and %q are one spelling (case and hyphens aside)", set[first], f)
			}
			return &OptionError{Option: "sets", Index: []int{i, k}, Msg: msg}
		}
		seen[key] = k
	}
	return nil
}

// inTwoSets reports the k-th spelling of configured set i, which set other
// has too.
func inTwoSets(i, k, other int, extra [][]string) error {
	return &OptionError{Option: "sets", Index: []int{i, k},
		Msg: fmt.Sprintf("%q is in sets[%d] %q too: a spelling belongs to one set", extra[i][k], other, extra[other])}
}

// withSets returns the built-in table with the configured sets extra
// added, as newVariantTable(extra) builds it but at a fraction of the
// cost: the generated static lookup stays, the configured spellings (and
// their endings) go in a small map looked up with it, and a built-in set
// that shares a spelling with a configured one is masked. It differs from
// newVariantTable only where a masked set's spelling had kept another
// built-in set's spelling plus an ending out of the static table: that
// one stays out.
func withSets(extra [][]string) (*variantTable, error) {
	base := len(defaultVariantSets)
	t := &variantTable{
		sets:   append(make([]variantSet, 0, base+len(extra)), defaultVariantSets...),
		single: make(map[string]variantRef, 4*len(extra)),
		multi:  make(map[string][]multiForm, len(defaultVariantMulti)),
		static: &defaultVariantSingle,
		masked: make([]bool, base),
	}
	owner := make(map[string]int, 2*len(extra)) // folded spelling → configured set
	for i, set := range extra {
		if err := checkSet(i, set); err != nil {
			return nil, err
		}
		folded := make([]string, len(set))
		for k, f := range set {
			folded[k] = foldForm(f)
			if other, dup := owner[folded[k]]; dup {
				return nil, inTwoSets(i, k, other, extra)
			}
		}
		si := base + i
		t.sets = append(t.sets, variantSet{forms: set, folded: folded, family: si})
		for vi, f := range folded {
			owner[f] = i
			ref := variantRef{set: si, variant: vi}
			if first, rest, ok := strings.Cut(f, " "); ok {
				words := strings.Fields(rest)
				t.addMulti(first, multiForm{rest: words, ref: ref})
				for _, e := range defaultVariantMulti {
					if e.first == first && slices.Equal(e.form.rest, words) {
						t.masked[e.form.ref.set] = true
					}
				}
				continue
			}
			t.single[f] = ref
			if v, ok := t.static.LookupInt([]byte(f)); ok {
				if r := decodeRef(v); !r.suffixed {
					t.masked[r.set] = true
				}
			}
		}
	}
	// The built-in spellings of several words after the configured ones,
	// which win.
	for _, e := range defaultVariantMulti {
		if !t.masked[e.form.ref.set] {
			t.addMulti(e.first, e.form)
		}
	}
	t.addEndings(base)
	return t, nil
}

// foldForm folds a spelling for lookup: its words folded (see wordFold)
// and joined by one space.
func foldForm(f string) string {
	for i := 0; i < len(f); i++ {
		if c := f[i]; c >= utf8.RuneSelf || c <= ' ' || 'A' <= c && c <= 'Z' {
			return strings.Join(strings.Fields(wordFoldString(f)), " ")
		}
	}
	return f // already folded: the common case of misspell's word lists
}

// regularPlural reports whether the British and American pair uk, us is
// another pair plus the same ending ("colours", "colors" for "colour",
// "color"): the ending matching of the shorter pair covers it, and one set
// for both makes "colour" and "colors" in one document a finding.
func regularPlural(ukToUS map[string]string, uk, us string) bool {
	for _, suf := range variantSuffixes {
		if strings.HasSuffix(uk, suf) && strings.HasSuffix(us, suf) {
			if ukToUS[strings.TrimSuffix(uk, suf)] == strings.TrimSuffix(us, suf) {
				return true
			}
		}
	}
	return false
}

// variantChoice is the spelling a document chose for one family.
type variantChoice struct {
	set, variant int // set is the family
	first        int // the offset where the document first used it
	// from is the set of the spelling first used, and end its end offset.
	from, end int
}

// manyChoices is the number of choices a document makes (sets it uses)
// beyond which they are indexed by a map rather than searched in order.
const manyChoices = 32

// findChoice returns the position of the choice for set in list, or -1.
func findChoice(list []variantChoice, index map[int]int, set int) int {
	if index != nil {
		if i, ok := index[set]; ok {
			return i
		}
		return -1
	}
	for i := range list {
		if list[i].set == set {
			return i
		}
	}
	return -1
}

// HouseFormsOption is the option by which consistency/variants learns the
// spellings the house rules prefer. docqa's config package sets it from the
// house rules a configuration turns on; a config file cannot, since it is
// not among the rule's documented Options. Its value is a list of lists
// ([][]string): where the house rule looks ("prose", outside quotations;
// "quotes", inside them; "all"), a preferred spelling, then the spellings
// the house rule reports in its stead there (prose, Kyiv, Kiev for a
// substitution Kiev → Kyiv; a house consistency set with its preferred
// form first).
//
// Where a preferred spelling is one of a set of the rule's, and the rule's
// own option prefer names none of that set, the set keeps the house's
// spelling, as if prefer named it: that spelling is never reported, and
// no document's first use of another one sets the choice. The spellings of
// the set that the house rule reports are left to it where it looks, not
// reported twice; any other spelling of the set, and those where the
// house rule does not look, are reported with the house's as the fix.
// Items that are no spelling of a set are ignored: most house rules are
// about other words.
//
// An item whose preferred spelling is empty is a house consistency set
// without a preferred form (where it looks, then its spellings): the
// rule's families that share a spelling with it are left to the house
// rule, whole, since it picks the spelling itself.
const HouseFormsOption = "house_forms"

// houseChoice is a set's spelling that a house rule prefers.
type houseChoice struct {
	// set and variant are the spelling the house rule writes; the rest of
	// its family follows it.
	set, variant int
	// covered marks, by variant, the spellings of set the house rule reports
	// itself, in quotations (quotes), outside them (prose) or both.
	covered       map[int]bool
	prose, quotes bool
}

// looksAt reports whether the house rule looks at the offset off of doc.
func (c houseChoice) looksAt(doc *document.Document, off int) bool {
	if doc.InQuote(off) {
		return c.quotes
	}
	return c.prose
}

func newVariants(opts Options) (Check, error) {
	t := defaultVariantTable()
	if extra := opts.Sets("sets"); len(extra) > 0 {
		var err error
		if t, err = withSets(extra); err != nil {
			return nil, err
		}
	}
	r := &variantRule{t: t}
	prefer, _ := opts.Strings("prefer")
	for j, f := range prefer {
		fail := func(format string, args ...any) error {
			return &OptionError{Option: "prefer", Index: []int{j}, Msg: fmt.Sprintf(format, args...)}
		}
		if strings.IndexFunc(f, document.IsWordRune) < 0 {
			return nil, fail("%q is not a word", f)
		}
		ref, ok := t.lookupForm(f)
		if !ok {
			return nil, fail("%q is a spelling of none of the sets, built-in or configured", f)
		}
		if r.prefer == nil {
			r.prefer = make(map[int]int, len(prefer))
		}
		fam := t.sets[ref.set].family
		if v, dup := r.prefer[fam]; dup {
			return nil, fail("%q and %q are spellings of one set: prefer one", t.sets[ref.set].forms[v], f)
		}
		r.prefer[fam] = ref.variant
	}
	r.house = houseChoices(t, opts.Sets(HouseFormsOption), r.prefer)
	return r.check, nil
}

// houseChoices returns the house's preferred spellings of the sets of t,
// by set, from the value of HouseFormsOption, leaving out the sets that
// prefer (the rule's own option) settles. The first house form of a set
// wins.
func houseChoices(t *variantTable, forms [][]string, prefer map[int]int) map[int]houseChoice {
	var out map[int]houseChoice
	for _, item := range forms {
		if len(item) > 2 && item[1] == "" {
			// A house set without a preferred form: its sets are the
			// house rule's where it looks.
			for _, f := range item[2:] {
				if strings.IndexFunc(f, document.IsWordRune) < 0 {
					continue
				}
				ref, ok := t.lookupForm(f)
				if !ok {
					continue
				}
				if _, own := prefer[t.sets[ref.set].family]; own {
					continue
				}
				if out == nil {
					out = make(map[int]houseChoice)
				}
				fam := t.sets[ref.set].family
				c, seen := out[fam]
				if !seen {
					c = houseChoice{set: -1, variant: -1}
				}
				if c.set >= 0 {
					continue // another house rule prefers a spelling of it
				}
				c.prose = c.prose || item[0] == "prose" || item[0] == "all"
				c.quotes = c.quotes || item[0] == "quotes" || item[0] == "all"
				out[fam] = c
			}
			continue
		}
		if len(item) < 2 || strings.IndexFunc(item[1], document.IsWordRune) < 0 {
			continue
		}
		scope := item[0]
		item = item[1:]
		ref, ok := t.lookupForm(item[0])
		if !ok {
			continue
		}
		fam := t.sets[ref.set].family
		if _, own := prefer[fam]; own {
			continue
		}
		if c, seen := out[fam]; seen && c.variant != ref.variant && c.set >= 0 {
			continue // another house form of the set came first
		}
		if out == nil {
			out = make(map[int]houseChoice)
		}
		c, seen := out[fam]
		if !seen || c.set < 0 {
			c = houseChoice{set: ref.set, variant: ref.variant, covered: make(map[int]bool)}
		}
		c.prose = c.prose || scope == "prose" || scope == "all"
		c.quotes = c.quotes || scope == "quotes" || scope == "all"
		for _, f := range item[1:] {
			if strings.IndexFunc(f, document.IsWordRune) < 0 {
				continue
			}
			if other, ok := t.lookupForm(f); ok && other.set == c.set && other.variant != c.variant {
				c.covered[other.variant] = true
			}
		}
		out[fam] = c
	}
	return out
}

// variantRule is the rule prepared with its options.
type variantRule struct {
	t *variantTable
	// prefer holds the preferred spelling of a family (the variant of
	// its sets), by family, if the options name one.
	prefer map[int]int
	// house holds the spelling of a family that a house rule prefers, by
	// family, for the families without one in prefer (see
	// HouseFormsOption).
	house map[int]houseChoice
}

// lookupForm returns the spelling that the set form f is, ending aside.
func (t *variantTable) lookupForm(f string) (variantRef, bool) {
	folded := foldForm(f)
	first, rest, several := strings.Cut(folded, " ")
	if !several {
		ref, ok := t.singleRef([]byte(folded))
		return ref, ok && !ref.suffixed
	}
	words := strings.Fields(rest)
	for _, m := range t.multi[first] {
		if slices.Equal(m.rest, words) {
			return m.ref, true
		}
	}
	return variantRef{}, false
}

// runChoice is the spelling of a set that the documents of a run use
// most, and how often.
type runChoice struct {
	variant, uses int
}

// check is the rule's Check.
func (r *variantRule) check(p *Pass) {
	t := r.t
	doc := p.Doc
	// A document uses few sets: its choices live in a slice on the stack,
	// searched in order, until there are many.
	var backing [16]variantChoice
	chosen := backing[:0]
	var index map[int]int
	var run map[int]runChoice // the run's choices, when it looks across documents
	var buf [64]byte
	sentence, lastSentence := 0, -1
	for i := 0; i < len(doc.Words); i++ {
		w := doc.Words[i].Span()
		for sentence < len(doc.Sentences) && doc.Sentences[sentence].End <= w.Start {
			sentence++
		}
		initial := sentence != lastSentence
		lastSentence = sentence
		if w.Len() > len(buf) {
			continue
		}
		key, h := foldKey(buf[:0], doc.Slice(w))
		span, ref, last, ok := t.match(doc, i, key, h)
		if !ok {
			continue
		}
		// span covers the words matched; stem is span without its ending.
		stem := span
		if ref.suffixed {
			lw := doc.Words[last].Span()
			stem.End = stemEnd(doc.Slice(lw), ref, t, lw.Start)
		}
		i = last
		set := t.sets[ref.set]
		lc := letterCaseOf(doc.Slice(stem))
		if set.ukus && !initial && lc != caseLower && lc != caseUpper {
			continue // part of a name: Pearl Harbor, the Labor Party
		}
		fam := set.family
		if p.Counting() {
			p.Count(fam, ref.variant)
			continue
		}
		// want is the spelling to keep; why says why, for the message:
		// the preferred one, the run's (c), or the document's (first).
		var want int
		var c runChoice
		var first int
		var firstUse variantChoice
		why := byDocument
		if v, ok := r.prefer[fam]; ok {
			want, why = v, byPreference
		} else if hc, ok := r.house[fam]; ok {
			if hc.set < 0 {
				continue // a house set without a preferred form has it
			}
			if hc.set == ref.set && hc.covered[ref.variant] && hc.looksAt(doc, span.Start) {
				continue // the house rule reports it
			}
			want, why = hc.variant, byHouse
		} else if c, ok = run[fam]; ok || p.census != nil {
			if !ok {
				c.variant, c.uses, _ = p.Majority(fam, len(set.forms))
				if run == nil {
					run = make(map[int]runChoice)
				}
				run[fam] = c
			}
			want, why = c.variant, byRun
		} else {
			ci := findChoice(chosen, index, fam)
			if ci < 0 {
				chosen = append(chosen, variantChoice{set: fam, variant: ref.variant, first: w.Start, from: ref.set, end: span.End})
				switch {
				case index != nil:
					index[fam] = len(chosen) - 1
				case len(chosen) > manyChoices:
					index = make(map[int]int, 2*len(chosen))
					for i, c := range chosen {
						index[c.set] = i
					}
				}
				continue
			}
			firstUse = chosen[ci]
			want, first = firstUse.variant, firstUse.first
		}
		if ref.variant == want {
			continue
		}
		text, form := strings.Join(strings.Fields(doc.String(span)), " "), set.forms[want]
		var msg string
		var related []Related
		switch why {
		case byPreference:
			msg = fmt.Sprintf("“%s”: use “%s”, the preferred spelling", text, form)
		case byHouse:
			msg = fmt.Sprintf("“%s”: use “%s”, the house spelling", text, form)
		case byRun:
			mine, _ := p.Uses(fam, ref.variant)
			msg = fmt.Sprintf("“%s”: the documents of this run use “%s” %s, this spelling %s", text, form, times(c.uses), times(mine))
		default:
			firstSpan := document.Span{Start: first, End: firstUse.end}
			used := strings.Join(strings.Fields(doc.String(firstSpan)), " ")
			msg = fmt.Sprintf("“%s”: this document uses “%s” (first at line %d)", text, form, doc.LineOf(first))
			if firstUse.from != ref.set {
				// Another word of the family set the choice: name it as
				// the document wrote it.
				msg = fmt.Sprintf("“%s”: this document writes “%s” (first at line %d): use “%s”", text, used, doc.LineOf(first), form)
			}
			if firstUse.end > first {
				related = []Related{{Span: firstSpan, Message: "the document's first “" + used + "”, which chose the spelling"}}
			}
		}
		fix := inLetterCase(form, lc) + doc.String(document.Span{Start: stem.End, End: span.End})
		p.ReportRelated(span, msg, related, WordFix(doc, Fix{Span: span, Replacement: fix, Message: "Spell it “" + fix + "”"})...)
	}
}

// Why a spelling is the one to keep.
const (
	byDocument   = iota // the document used it first
	byPreference        // the options prefer it
	byRun               // the run's documents use it most
	byHouse             // a house rule prefers it
)

// times writes a count of uses: "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// match finds the spelling that starts at word i, whose folded text is key
// and its wordtable.Hash h:
// a spelling of several words if one matches, else a spelling of one word.
// It returns the span matched, the spelling, and the index of the last
// word matched.
func (t *variantTable) match(doc *document.Document, i int, key []byte, h uint32) (document.Span, variantRef, int, bool) {
	w := doc.Words[i].Span()
	for _, m := range t.multiFor(key) {
		if last, suffixed, ok := matchRest(doc, i, m.rest); ok {
			ref := m.ref
			ref.suffixed = suffixed
			return document.Span{Start: w.Start, End: int(doc.Words[last].End)}, ref, last, true
		}
	}
	ref, ok := t.singleRefHashed(key, h)
	return w, ref, i, ok
}

// matchRest reports whether the words after word i are rest, with only
// white space between them; the last may carry an ending.
func matchRest(doc *document.Document, i int, rest []string) (last int, suffixed, ok bool) {
	var buf [64]byte
	for k, want := range rest {
		j := i + 1 + k
		if j >= len(doc.Words) || doc.Words[j].Paragraph != doc.Words[i].Paragraph {
			return 0, false, false
		}
		w := doc.Words[j].Span()
		if !doc.OnlySpaceBetween(int(doc.Words[j-1].End), w.Start) || w.Len() > len(buf) {
			return 0, false, false
		}
		got := string(wordFold(buf[:0], doc.Slice(w)))
		if got == want {
			continue
		}
		if k < len(rest)-1 || !hasVariantSuffix(got, want) {
			return 0, false, false
		}
		suffixed = true
	}
	return i + len(rest), suffixed, true
}

// hasVariantSuffix reports whether got is want plus one of the endings.
func hasVariantSuffix(got, want string) bool {
	if !strings.HasPrefix(got, want) {
		return false
	}
	for _, suf := range variantSuffixes {
		if got[len(want):] == suf {
			return true
		}
	}
	return false
}

// stemEnd returns the offset in the document where the spelling ref ends
// within the word text at off, before its ending (the word is the last
// word of the spelling, plus one of variantSuffixes).
func stemEnd(text []byte, ref variantRef, t *variantTable, off int) int {
	stem := t.sets[ref.set].folded[ref.variant]
	if i := strings.LastIndexByte(stem, ' '); i >= 0 {
		stem = stem[i+1:]
	}
	// Walk the word's runes until the folded stem is consumed: folding may
	// change a rune's length (’ is three bytes, ' one).
	var buf [8]byte
	n := 0
	for i := 0; i < len(text); {
		if n >= len(stem) {
			return off + i
		}
		_, size := utf8.DecodeRune(text[i:])
		n += len(wordFold(buf[:0], text[i:i+size]))
		i += size
	}
	return off + len(text)
}
