package rules

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

func TestVariantsSeedArticle(t *testing.T) {
	l, err := NewLinter(NewRegistry(Variants), Config{})
	if err != nil {
		t.Fatal(err)
	}
	doc := seedArticle(t)
	fs := l.Lint(doc)
	if len(fs) != 1 {
		for _, f := range fs {
			t.Log(renderFinding(doc, f), f.Message)
		}
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	f := fs[0]
	if got, want := renderFinding(doc, f), "69:145 Uighurs -> Uyghurs (unsafe)"; got != want {
		t.Errorf("finding %q, want %q", got, want)
	}
	if want := "“Uighurs”: this document uses “Uyghur” (first at line 3)"; f.Message != want {
		t.Errorf("message %q, want %q", f.Message, want)
	}
	if f.Severity != Warning || f.Rule != "consistency/variants" {
		t.Errorf("severity %v, rule %s", f.Severity, f.Rule)
	}
}

func TestVariantsCases(t *testing.T) {
	runWordRuleCases(t, Variants, nil, []wordRuleCase{
		{name: "first use decides", text: "Uyghur groups said. Uighur activists agreed.",
			want: []string{"1:21 Uighur -> Uyghur"}},
		{name: "other order", text: "Uighur groups said. Uyghur activists agreed.",
			want: []string{"1:21 Uyghur -> Uighur"}},
		{name: "plural and possessive keep their ending",
			text: "In Kyiv today.\n\nKiev’s mayor and the Kievs of old, and Kiev's streets.",
			want: []string{"3:1 Kiev’s -> Kyiv’s", "3:22 Kievs -> Kyivs", "3:40 Kiev's -> Kyiv's"}},
		{name: "upper and lower case", text: "The Uyghur community. UIGHUR RIGHTS. the uighur diaspora.",
			want: []string{"1:23 UIGHUR -> UYGHUR", "1:42 uighur -> uyghur"}},
		{name: "plural first", text: "Uyghurs said. Uighur groups agreed.",
			want: []string{"1:15 Uighur -> Uyghur"}},
		{name: "hyphenated variant", text: "Send an e-mail. Emails arrived.",
			want: []string{"1:17 Emails -> E-mails"}},
		{name: "two-word variant", text: "The website is down. The web site was down, and the Web\nsites too.",
			want: []string{"1:26 web site -> website", "1:53 Web\nsites -> Websites"}},
		{name: "two-word variant first", text: "The web site is down. The website was down.",
			want: []string{"1:27 website -> web site"}},
		{name: "British and American", text: "The colour of the flag. The color of the sky. Their colors.",
			want: []string{"1:29 color -> colour", "1:53 colors -> colours"}},
		{name: "inflected pair", text: "Colours faded. The color of the sky.",
			want: []string{"1:20 color -> colour"}},
		{name: "sentence-initial capital counts", text: "The town centre. Center stage.",
			want: []string{"1:18 Center -> Centre"}},
		{name: "emoji before", text: "Uyghur 👍🏽 Uighur", want: []string{"1:11 Uighur -> Uyghur"}},
		{name: "CJK before", text: "维吾尔 Uyghur, 维吾尔 Uighur", want: []string{"1:17 Uighur -> Uyghur"}},
		{name: "BOM and CRLF", text: "\uFEFFUyghur people.\r\nUighur people.\r\n",
			want: []string{"2:1 Uighur -> Uyghur"}},
		{name: "inside a quotation the fix is unsafe", text: "Uyghur people. He said: “Uighurs suffer.”",
			want: []string{"1:26 Uighurs -> Uyghurs (unsafe)"}},

		{name: "one variant only", text: "Uyghur groups and Uyghurs and UYGHUR."},
		{name: "longer words do not match", text: "Kyiv today. The Kievan Rus was a state."},
		{name: "Peking is not Beijing", text: "Beijing said. Peking University said."},
		{name: "American names in British copy", text: "The colour of the Pearl Harbor memorial, the Labor Party and the World Trade Center."},
		{name: "ambiguous British pairs", text: "The tyre was flat; they tire. A storey high; a story. A TV programme; a computer program."},
		{name: "web and site apart", text: "The website. A web of site visits: web, site."},
		{name: "Markdown code", file: "a.md", text: "Uyghur people.\n\n`Uighur` in code.\n\n```\nUighur\n```\n"},
	})
}

func TestVariantsSetsOption(t *testing.T) {
	runWordRuleCases(t, Variants, Options{"sets": [][]string{{"Gaddafi", "Qaddafi", "Kadhafi"}, {"Kyiv", "Kiev", "Kyjiw"}}},
		[]wordRuleCase{
			{name: "configured set", text: "Qaddafi said. Gaddafi said. Kadhafi said.",
				want: []string{"1:15 Gaddafi -> Qaddafi", "1:29 Kadhafi -> Qaddafi"}},
			{name: "configured set replaces the built-in one", text: "Kiev today. Kyjiw tomorrow. Kyiv.",
				want: []string{"1:13 Kyjiw -> Kiev", "1:29 Kyiv -> Kiev"}},
			{name: "built-in sets still apply", text: "Uyghur. Uighur.", want: []string{"1:9 Uighur -> Uyghur"}},
		})
	for _, bad := range [][][]string{
		{{"Kyiv"}},
		{{"Kyiv", "Kiev"}, {"Kiev", "Kijev"}},
		{{"Kyiv", "kyiv"}},
		{{"Kyiv", "--"}},
	} {
		if _, err := Variants.New(Options{"sets": bad}); err == nil {
			t.Errorf("sets %q: no error", bad)
		}
	}
}

func TestVariantsPreferOption(t *testing.T) {
	runWordRuleCases(t, Variants, Options{"prefer": []string{"Uighur", "web site", "color"}},
		[]wordRuleCase{
			{name: "preferred wins over first use", text: "Uyghur groups said. Uighur activists agreed.",
				want: []string{"1:1 Uyghur -> Uighur"}},
			{name: "alone, the other spelling is reported", text: "Uyghurs said.", want: []string{"1:1 Uyghurs -> Uighurs"}},
			{name: "preferred of several words", text: "The website.", want: []string{"1:5 website -> web site"}},
			{name: "British pair", text: "The colour.", want: []string{"1:5 colour -> color"}},
			{name: "other sets keep first use", text: "Kiev. Kyiv.", want: []string{"1:7 Kyiv -> Kiev"}},
			{name: "preferred only", text: "Uighur and web site."},
		})
	for _, bad := range [][]string{{"Uyghurstan"}, {"Uyghur", "Uighur"}, {"Uyghurs"}} {
		if _, err := Variants.New(Options{"prefer": bad}); err == nil {
			t.Errorf("prefer %q: no error", bad)
		}
	}
}

// TestVariantsHouseForms checks the spellings the house rules prefer (see
// HouseFormsOption): such a spelling is never the odd one out, the
// spellings its house rule reports are left to it, the others of its set
// are reported, and the rule's own prefer wins.
func TestVariantsHouseForms(t *testing.T) {
	house := [][]string{
		{"prose", "Kyiv", "Kiev"},                  // a substitution Kiev → Kyiv, outside quotations
		{"all", "e-mail", "mail"},                  // what it replaces is no spelling of the set
		{"all", "Uyghur", "Uighur"},                // prefer names another of this set: prefer wins
		{"all", "Kiev", "Kyiv"},                    // a later house form of a set already chosen
		{"all", "organise", "organize", "organiz"}, // a consistency set with its preferred form first
		{"all", "Cockney", "cockernee"},            // no spelling of any set
	}
	runWordRuleCases(t, Variants, Options{HouseFormsOption: house, "prefer": []string{"Uighur"}},
		[]wordRuleCase{
			{name: "the house form first: the replaced one is left to the house rule", text: "Kyiv said. Kiev said."},
			{name: "the replaced one first: the house form is not the odd one out", text: "Kiev said. Officials in Kyiv said. Kiev again."},
			{name: "possessive and plural of the house form", text: "Kiev's mayor. Kyiv's mayor."},
			{name: "where the house rule does not look, the replaced one is reported", text: "Kyiv said. “The Kiev of old,” he said.",
				want: []string{"1:17 Kiev -> Kyiv (unsafe)"}},
			{name: "a spelling the house rule does not replace is reported", text: "Email me. Send an e-mail. An email.",
				want: []string{"1:1 Email -> E-mail", "1:30 email -> e-mail"}},
			{name: "the house form alone", text: "The e-mail."},
			{name: "a house consistency set", text: "They organize. We organise.", want: nil},
			{name: "prefer wins over the house", text: "Uyghur groups. Uighur groups.", want: []string{"1:1 Uyghur -> Uighur"}},
			{name: "sets the house names nothing of keep first use", text: "The colour. The color.", want: []string{"1:17 color -> colour"}},
		})
	// Without the house, the document's first use chooses: the house
	// form is reported.
	runWordRuleCases(t, Variants, nil, []wordRuleCase{
		{name: "no house", text: "Kiev said. Officials in Kyiv said.", want: []string{"1:25 Kyiv -> Kiev"}},
	})
}

// TestVariantsOptionErrors checks that a bad set or preferred spelling is
// an *OptionError naming the option and the offending item, for a config
// file's reader to point at its line.
func TestVariantsOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{"sets": [][]string{{"Kyiv", "Kiev"}, {"Bar"}}}, `sets[1]: ["Bar"]: a set needs two or more spellings`},
		{Options{"sets": [][]string{{"Kyiv", ""}}}, `sets[0][1]: "" is not a word`},
		{Options{"sets": [][]string{{"Kyiv", "--"}}}, `sets[0][1]: "--" is not a word`},
		{Options{"sets": [][]string{{"Kyiv", "Kiev", "Kyiv"}}}, `sets[0][2]: "Kyiv" is in the set twice`},
		{Options{"sets": [][]string{{"e-mail", "E‑mail"}}}, `sets[0][1]: "e-mail" and "E‑mail" are one spelling (case and hyphens aside)`},
		{Options{"sets": [][]string{{"Kyiv", "Kiev"}, {"Kijev", "kiev"}}}, `sets[1][1]: "kiev" is in sets[0] ["Kyiv" "Kiev"] too: a spelling belongs to one set`},
		{Options{"prefer": []string{"Uyghur", ""}}, `prefer[1]: "" is not a word`},
		{Options{"prefer": []string{"Foo"}}, `prefer[0]: "Foo" is a spelling of none of the sets, built-in or configured`},
		{Options{"prefer": []string{"Kyiv", "Uyghur", "Kiev"}}, `prefer[2]: "Kyiv" and "Kiev" are spellings of one set: prefer one`},
		{Options{"sets": [][]string{{"Kyiv", "Kyjiw"}}, "prefer": []string{"Kiev"}}, `prefer[0]: "Kiev" is a spelling of none of the sets, built-in or configured`},
	} {
		_, err := Variants.New(tc.opts)
		var oe *OptionError
		if !errors.As(err, &oe) {
			t.Errorf("%v: error %v, want an *OptionError", tc.opts, err)
			continue
		}
		if got := err.Error(); got != tc.want {
			t.Errorf("%v:\n got %s\nwant %s", tc.opts, got, tc.want)
		}
	}
}

// TestVariantsAcross lints documents after a census of all of them: the
// spelling the run uses most is kept in every document; a tie goes to the
// set's first spelling; the preferred one beats the majority; without a
// census the rule works one document at a time.
func TestVariantsAcross(t *testing.T) {
	docs := []string{
		"Uighur activists, then Uyghur groups.",
		"Uyghur groups. Uyghurs said.",
		"The Uighur diaspora. Kiev and Kyiv.",
		"Uyghur people. Kiev today.",
	}
	run := func(docs []string, opts Options, census bool) []string {
		t.Helper()
		l, err := NewLinter(NewRegistry(Variants), Config{Rules: map[string]Setting{Variants.ID: {Options: opts}}})
		if err != nil {
			t.Fatal(err)
		}
		var c Census
		if census {
			if !l.Across() {
				t.Fatalf("options %v: linter does not look across documents", opts)
			}
			for i, text := range docs {
				l.Count(document.Load(fmt.Sprint(i, ".txt"), []byte(text)), &c)
			}
			l = l.WithCensus(&c)
		}
		var got []string
		for i, text := range docs {
			doc := document.Load(fmt.Sprint(i, ".txt"), []byte(text))
			for _, f := range l.Lint(doc) {
				got = append(got, fmt.Sprint(i, " ", renderFinding(doc, f), ": ", f.Message))
			}
		}
		return got
	}
	for _, tc := range []struct {
		name   string
		opts   Options
		census bool
		want   []string
	}{
		{"majority", Options{"across": "documents"}, true, []string{
			"0 1:1 Uighur -> Uyghur: “Uighur”: the documents of this run use “Uyghur” 4 times, this spelling twice",
			"2 1:5 Uighur -> Uyghur: “Uighur”: the documents of this run use “Uyghur” 4 times, this spelling twice",
			"2 1:31 Kyiv -> Kiev: “Kyiv”: the documents of this run use “Kiev” twice, this spelling once",
		}},
		{"preferred wins over majority", Options{"across": "documents", "prefer": []string{"Uighur"}}, true, []string{
			"0 1:24 Uyghur -> Uighur: “Uyghur”: use “Uighur”, the preferred spelling",
			"1 1:1 Uyghur -> Uighur: “Uyghur”: use “Uighur”, the preferred spelling",
			"1 1:16 Uyghurs -> Uighurs: “Uyghurs”: use “Uighur”, the preferred spelling",
			"2 1:31 Kyiv -> Kiev: “Kyiv”: the documents of this run use “Kiev” twice, this spelling once",
			"3 1:1 Uyghur -> Uighur: “Uyghur”: use “Uighur”, the preferred spelling",
		}},
		{"without a census, one document at a time", Options{"across": "documents"}, false, []string{
			"0 1:24 Uyghur -> Uighur: “Uyghur”: this document uses “Uighur” (first at line 1)",
			"2 1:31 Kyiv -> Kiev: “Kyiv”: this document uses “Kiev” (first at line 1)",
		}},
	} {
		if got := run(docs, tc.opts, tc.census); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
	tie := []string{"Kiev and Kyiv.", "Kiev, Kyiv, Uighur."}
	want := []string{
		"0 1:1 Kiev -> Kyiv: “Kiev”: the documents of this run use “Kyiv” twice, this spelling twice",
		"1 1:1 Kiev -> Kyiv: “Kiev”: the documents of this run use “Kyiv” twice, this spelling twice",
	}
	if got := run(tie, Options{"across": "documents"}, true); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("a tie goes to the set's first spelling:\n got %q\nwant %q", got, want)
	}
	l, err := NewLinter(NewRegistry(Variants), Config{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Across() {
		t.Error("the default looks across documents")
	}
}

func TestVariantsAllocations(t *testing.T) {
	doc := seedArticle(t)
	// One finding on the seed: its message, fix and related place
	// allocate.
	if n := checkAllocs(t, Variants, Options{}, doc); n > 16 {
		t.Errorf("checking the seed article allocates %v times, want few", n)
	}
	clean := document.Load("a.txt", []byte(strings.ReplaceAll(string(doc.Text), "Uighurs", "Uyghurs")))
	if n := checkAllocs(t, Variants, Options{}, clean); n != 0 {
		t.Errorf("checking the clean seed article allocates %v times, want 0", n)
	}
}

// TestVariantsWithSets checks that the built-in table with configured sets
// laid over it looks up every word as the table built whole does: the
// configured spelling wins, a built-in set sharing a spelling with a
// configured one is left out, and a spelling wins over another plus an
// ending.
func TestVariantsWithSets(t *testing.T) {
	// A built-in spelling that is another word plus an ending: configured,
	// that other word's ending must not take it.
	var plural string
	for _, k := range defaultVariantSingle.Keys {
		v, _ := defaultVariantSingle.LookupInt([]byte(k))
		if _, stem := defaultVariantSingle.LookupInt([]byte(strings.TrimSuffix(k, "s"))); !decodeRef(v).suffixed && strings.HasSuffix(k, "s") && !stem {
			plural = k
			break
		}
	}
	if plural == "" {
		t.Fatal("no built-in spelling ending in s")
	}
	for _, extra := range [][][]string{
		{{strings.TrimSuffix(plural, "s"), "zzqx"}},
		{{"Gaddafi", "Qaddafi", "Kadhafi"}},
		{{"Kiev", "Kyiv", "Kyjiw"}, {"web site", "web-site", "website"}},
		{{"colours", "colors"}, {"organise", "organize", "organise it"}},
		{{"Uyghurs", "Uighur"}, {"e-mails", "emails"}},
	} {
		whole, err := newVariantTable(extra)
		if err != nil {
			t.Fatal(err)
		}
		laid, err := withSets(extra)
		if err != nil {
			t.Fatal(err)
		}
		describe := func(tb *variantTable, ref variantRef, ok bool) string {
			if !ok {
				return "none"
			}
			return fmt.Sprintf("%q %d %v", tb.sets[ref.set].forms, ref.variant, ref.suffixed)
		}
		words := append([]string(nil), defaultVariantSingle.Keys...)
		for _, set := range extra {
			for _, f := range set {
				for _, suf := range append([]string{""}, variantSuffixes...) {
					words = append(words, foldForm(f)+suf)
				}
			}
		}
		for _, w := range words {
			a, aok := whole.singleRef([]byte(w))
			b, bok := laid.singleRef([]byte(w))
			if got, want := describe(laid, b, bok), describe(whole, a, aok); got != want {
				t.Errorf("sets %q: %q is %s, want %s", extra, w, got, want)
			}
		}
		var forms []string
		for _, s := range whole.sets {
			forms = append(forms, s.forms...)
		}
		for _, f := range forms {
			a, aok := whole.lookupForm(f)
			b, bok := laid.lookupForm(f)
			if got, want := describe(laid, b, bok), describe(whole, a, aok); got != want {
				t.Errorf("sets %q: form %q is %s, want %s", extra, f, got, want)
			}
		}
	}
}

// TestVariantsFamilies checks that a document chooses a spelling of a
// family (a word's inflections and derivations), not of each pair: real
// mixes from news and documentation, and the forms that are no mix.
func TestVariantsFamilies(t *testing.T) {
	runWordRuleCases(t, Variants, nil, []wordRuleCase{
		{name: "inflections of -ise", text: "Critics criticise the plan. It was criticized. They are criticizing it.",
			want: []string{"1:36 criticized -> criticised", "1:57 criticizing -> criticising"}},
		{name: "derivation", text: "They organise. The organization grew.",
			want: []string{"1:20 organization -> organisation"}},
		{name: "-ll- and -l-", text: "She travelled far. The traveler rested. He traveled back.",
			want: []string{"1:24 traveler -> traveller", "1:44 traveled -> travelled"}},
		{name: "-re and -er", text: "The centres closed. The center reopened.",
			want: []string{"1:25 center -> centre"}},
		{name: "-ement and -ment", text: "A judgment was made. Judgements differ.",
			want: []string{"1:22 Judgements -> Judgments"}},
		{name: "ae and e", text: "A haemorrhage. He hemorrhaged.",
			want: []string{"1:19 hemorrhaged -> haemorrhaged"}},
		{name: "-ogue and -og", text: "The catalogue. Two catalogs.",
			want: []string{"1:20 catalogs -> catalogues"}},
		{name: "towards", text: "He walked towards the sea, then toward the hills.",
			want: []string{"1:33 toward -> towards"}},
		{name: "learnt", text: "They learnt to swim. We learned to sail.",
			want: []string{"1:25 learned -> learnt"}},
		{name: "per cent", text: "Up 5 per cent. Down 3 percent.",
			want: []string{"1:23 percent -> per cent"}},
		{name: "closed compound", text: "Shop online. Pay on-line.",
			want: []string{"1:18 on-line -> online"}},
		{name: "hyphenated family", text: "They cooperate. Co-operation grew.",
			want: []string{"1:17 Co-operation -> Cooperation"}},
		{name: "transliteration of a place", text: "Flights to Tehran resumed. Teheran said no.",
			want: []string{"1:28 Teheran -> Tehran"}},
		{name: "transliteration of a title", text: "The Tsar fell. The czarist army fled.",
			want: []string{"1:20 czarist -> tsarist"}},
		{name: "one family's forms, one spelling", text: "Critics criticise. It was criticised. Criticising it."},
		{name: "two families", text: "They organise. The colour. They organised it in color.",
			want: []string{"1:49 color -> colour"}},
	})
}

// TestVariantsFamilyMessage checks that a finding names the spelling that
// set the choice, and its line, when another word of the family set it.
func TestVariantsFamilyMessage(t *testing.T) {
	_, fs := lintWith(t, Variants, nil, "a.txt", "Critics criticise it.\n\nIt was criticized.")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	if want := "“criticized”: this document writes “criticise” (first at line 1): use “criticised”"; fs[0].Message != want {
		t.Errorf("message %q, want %q", fs[0].Message, want)
	}
}

// TestVariantsHouseSetWithoutPreference checks that a house consistency
// set without a preferred form (an empty preferred spelling in
// HouseFormsOption) takes the families it shares from the rule, whole:
// the house rule picks the spelling, and a spelling is reported once.
func TestVariantsHouseSetWithoutPreference(t *testing.T) {
	opts := Options{HouseFormsOption: [][]string{{"prose", "", "percent", "per cent"}, {"all", "", "criticise", "criticize"}}}
	runWordRuleCases(t, Variants, opts, []wordRuleCase{
		{name: "the house set's", text: "Up 5 per cent. Down 3 percent."},
		{name: "the whole family", text: "Critics criticise it. It was criticized."},
		{name: "other families", text: "The colour. The color.", want: []string{"1:17 color -> colour"}},
	})
}

// TestCensusReplace replaces one document's tally, as an editor changes
// one file: the census then equals one counted afresh over the new run.
func TestCensusReplace(t *testing.T) {
	l, err := NewLinter(NewRegistry(Variants), Config{Rules: map[string]Setting{Variants.ID: {Options: Options{"across": "documents"}}}})
	if err != nil {
		t.Fatal(err)
	}
	load := func(name, text string) *document.Document { return document.Load(name, []byte(text)) }
	before := load("b.txt", "Uighur, Uighur, Uighur.")
	after := load("b.txt", "Uyghur only.")
	a := load("a.txt", "Uyghur and Uyghur.")
	var c, fresh Census
	c.Add(l.Tally(a, nil))
	old := l.Tally(before, nil)
	c.Add(old)
	c.Remove(old)
	c.Add(l.Tally(after, nil))
	fresh.Add(l.Tally(a, nil))
	fresh.Add(l.Tally(after, nil))
	if c.Documents() != 2 || !maps.Equal(c.uses, fresh.uses) {
		t.Errorf("replaced: %d documents %v; afresh: %d %v", c.Documents(), c.uses, fresh.Documents(), fresh.uses)
	}
	// A rule skipped for a document counts nothing of it.
	if n := len(l.Tally(before, func(string) bool { return true }).uses); n != 0 {
		t.Errorf("a skipped rule counted %d spellings", n)
	}
}
