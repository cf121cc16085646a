package verify

import (
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// report is a source: the opening of the OHCHR assessment's conclusions
// (31 August 2022), as the seed article's quotations come from it.
const report = `The extent of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups, pursuant to law and policy, in context of restrictions and deprivation more generally of fundamental rights enjoyed individually and collectively, may constitute international crimes, in particular crimes against humanity.

Allegations of patterns of torture or ill-treatment, including forced medical treatment and adverse conditions of detention, are credible, as are allegations of individual incidents of sexual and gender-based violence.

Serious human rights violations have been committed in XUAR in the context of the Government's application of counter-terrorism and counter-"extremism" strategies.
`

// statement is another source, in which one sentence of the report comes
// again.
const statement = `The Government said the assessment is "based on the disinformation and lies fabricated by anti-China forces".

Serious human rights violations have been committed in XUAR in the context of the Government's application of counter-terrorism and counter-"extremism" strategies.
`

// matchOne indexes the sources and matches the first quotation of
// article.
func matchOne(t *testing.T, article string, sources ...string) (Match, *document.Document) {
	t.Helper()
	var srcs []*Source
	for i, s := range sources {
		srcs = append(srcs, &Source{Path: []string{"report.txt", "statement.txt", "c.txt"}[i], Text: []byte(s)})
	}
	x := NewIndex(srcs)
	d := document.Load("article.txt", []byte(article))
	for _, q := range d.Quotes {
		if q.Depth == 0 {
			return x.Match(d, q), d
		}
	}
	t.Fatalf("no quotation in %q", article)
	return Match{}, nil
}

func TestMatch(t *testing.T) {
	for _, tt := range []struct {
		name, article string
		class         Class
		source        string // the source's path, for a match
		diff          string
	}{
		{"verbatim, a partial quote", `The report found that “serious human rights violations have been committed” there.`, Verbatim, "report.txt", ""},
		{"typography and case: straight marks, a capital, a line break", "She said \"Allegations of patterns of\ntorture or ill-treatment, including forced medical treatment\" were heard.", Verbatim, "report.txt", ""},
		{"curly apostrophe against a straight one", `It cited “the Government’s application of counter-terrorism” in its report.`, Verbatim, "report.txt", ""},
		{"an ellipsis for omitted words", `It said the “extent of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups … may constitute international crimes, in particular crimes against humanity.”`, Verbatim, "report.txt", ""},
		{"three dots for omitted words", `It said the “extent of arbitrary and discriminatory detention ... may constitute international crimes.”`, Verbatim, "report.txt", ""},
		{"a bracketed ellipsis for omitted words", `It said the “extent of arbitrary and discriminatory detention […] may constitute international crimes.”`, Verbatim, "report.txt", ""},
		{"bracketed dots for omitted words", `It said the “extent of arbitrary and discriminatory detention [...] may constitute international crimes.”`, Verbatim, "report.txt", ""},
		{"spaced dots for omitted words", `It said the “extent of arbitrary and discriminatory detention . . . may constitute international crimes.”`, Verbatim, "report.txt", ""},
		{"a bracketed replacement", `“[The UN's] patterns of torture or ill-treatment, including forced medical treatment” were named.`, Verbatim, "report.txt", ""},
		{"brackets inside a word", `“[a]llegations of patterns of torture or ill-treatment” were credible.`, Verbatim, "report.txt", ""},
		{"altered: one word replaced", `It found the “scale of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups” alarming.`,
			Altered, "report.txt", "[-extent-]{+scale+} of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups"},
		{"altered: a doubled word", `It said they “may constitute international crimes, in particular particular crimes against humanity.”`,
			Altered, "report.txt", "may constitute international crimes, in particular {+particular+} crimes against humanity"},
		{"altered: the seed's reworded quotation", `The report was “based on misinformation and lies spread by anti-Chinese troops.”`,
			Altered, "statement.txt", "based on [-the disinformation-]{+misinformation+} and lies [-fabricated-]{+spread+} by [-anti-China forces-]{+anti-Chinese troops+}"},
		{"not found", `The minister said “we will build a bridge to the moon by next spring.”`, NotFound, "", ""},
		{"too short to look up", `It called it “a farce” at once.`, NotFound, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := matchOne(t, tt.article, report, statement)
			if m.Class != tt.class {
				t.Fatalf("class %s (matched %d of %d), want %s; diff %q", m.Class, m.Matched, m.Words, tt.class, m.Diff)
			}
			if tt.source != "" && (m.Source == nil || m.Source.Path != tt.source) {
				t.Errorf("source %v, want %s", m.Source, tt.source)
			}
			if m.Diff != tt.diff {
				t.Errorf("diff\n got %q\nwant %q", m.Diff, tt.diff)
			}
		})
	}
}

// TestMatchTwoSources: words in two sources match the earlier source, the
// same every run.
func TestMatchTwoSources(t *testing.T) {
	const q = `“Serious human rights violations have been committed in XUAR,” the report said.`
	for range 5 {
		m, _ := matchOne(t, q, statement, report) // statement.txt is first here: named report.txt
		if m.Class != Verbatim || m.Source.Path != "report.txt" {
			t.Fatalf("%s in %v, want verbatim in the first source", m.Class, m.Source)
		}
	}
}

// TestMatchSplitQuotation: a quotation split in two by its attribution
// ("The first half," she said, "and the rest.") is two quotations, each
// looked up alone: each half found, or the half reworded reported alone.
func TestMatchSplitQuotation(t *testing.T) {
	x := NewIndex([]*Source{{Path: "report.txt", Text: []byte(report)}})
	for _, tt := range []struct{ article, want string }{
		{`“Allegations of patterns of torture,” she said, “including forced medical treatment and adverse conditions of detention, are credible.”`, "verbatim,verbatim"},
		{`"Allegations of patterns of torture," she said, "including forced medical treatment and adverse conditions of detention, are credible."`, "verbatim,verbatim"},
		{`“Allegations of patterns of torture,” she said, “including forced medical treatment and poor conditions of detention, are credible.”`, "verbatim,altered"},
		{`“Accusations of patterns of torture,” she said, “including forced medical treatment and adverse conditions of detention, are credible.”`, "altered,verbatim"},
	} {
		d := document.Load("a.txt", []byte(tt.article))
		var got []string
		for _, q := range d.Quotes {
			got = append(got, x.Match(d, q).Class.String())
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%s: classes %v, want %s", tt.article, got, tt.want)
		}
	}
}

// TestMatchNearest: a quotation whose words are in two sources matches the
// nearest passage, whichever source comes first: the one that says it word
// for word, else the one that shares more of its words, else the one with
// fewer words changed; on a tie, the first source.
func TestMatchNearest(t *testing.T) {
	const (
		original = "The extent of arbitrary and discriminatory detention may constitute international crimes, in particular crimes against humanity."
		reworded = "Officials said the scale of arbitrary and discriminatory detention could amount to crimes in particular against humanity, the mission said."
		nearly   = "The extent of arbitrary and discriminatory detention may constitute serious international crimes, in particular crimes against humanity."
	)
	for _, tt := range []struct {
		name, quote string
		a, b        string // the two sources
		want        string // the nearer, or "first" on a tie
		class       Class
	}{
		{"word for word in one", "the extent of arbitrary and discriminatory detention may constitute international crimes, in particular crimes against humanity", original, reworded, original, Verbatim},
		{"word for word in the other", "the scale of arbitrary and discriminatory detention could amount to crimes in particular against humanity", original, reworded, reworded, Verbatim},
		{"more words shared", "the extent of arbitrary and discriminatory detention could constitute crimes", original, reworded, original, Altered},
		{"fewer words changed", "the extent of arbitrary and discriminatory detention may constitute grave international crimes", original, nearly, original, Altered},
		{"a tie", "arbitrary and discriminatory detention may constitute international crimes", original, original, "first", Verbatim},
	} {
		for _, order := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			x := NewIndex([]*Source{{Path: "first.txt", Text: []byte(order[0])}, {Path: "second.txt", Text: []byte(order[1])}})
			for range 3 {
				d := document.Load("a.txt", []byte("It said “"+tt.quote+".”"))
				m := x.Match(d, d.Quotes[0])
				want := tt.want
				if want == "first" {
					want = order[0]
				}
				if m.Class != tt.class || m.Source == nil || m.Source != x.Sources()[slices.Index(order[:], want)] {
					t.Errorf("%s, %s first: %s in %v (diff %q), want %s in %q", tt.name, order[0][:20], m.Class, m.Source, m.Diff, tt.class, want[:20])
				}
			}
		}
	}
}

// TestMatchEnds: a passage starts and ends at the shared words nearest
// the words changed, not at copies of them further out.
func TestMatchEnds(t *testing.T) {
	filler := strings.Repeat("The ferries and the weather of that spring, as the records show.\n", 5)
	source := filler + "The extent of arbitrary and discriminatory detention may constitute crimes, as the report found.\n" + filler
	// The OHCHR assessment's sentence the seed article rewords.
	strategies := filler + "Serious human rights violations have been committed in XUAR in the context of the Government's application of counter-terrorism and counter-\"extremism\" strategies. The implementation of these strategies, and associated policies in XUAR has led to interlocking patterns of severe and undue restrictions on a wide range of human rights.\n" + filler
	for _, tt := range []struct{ quote, source, diff string }{
		{"the scale of arbitrary and discriminatory detention may constitute crimes", source, "the [-extent-]{+scale+} of arbitrary and discriminatory detention may constitute crimes"},
		{"arbitrary and discriminatory detention may constitute war crimes as the", source, "arbitrary and discriminatory detention may constitute {+war+} crimes as the"},
		{"application of counter-terrorism and counter-terrorism strategies", strategies, "application of counter-terrorism and [-counter-\"extremism-]{+counter-terrorism+} strategies"},
	} {
		m, _ := matchOne(t, "It said “"+tt.quote+"” there.", tt.source)
		if m.Class != Altered || m.Diff != tt.diff {
			t.Errorf("%s: %s %q, want altered %q", tt.quote, m.Class, m.Diff, tt.diff)
			continue
		}
		start, end := m.Source.Doc().Position(m.Passage.Start), m.Source.Doc().Position(m.Passage.End)
		if got := m.Source.Doc().String(m.Passage); start.Line != 6 || end.Line != 6 || strings.Contains(got, "implementation") {
			t.Errorf("%s: passage from line %d to %d, want line 6: %q", tt.quote, start.Line, end.Line, got)
		}
	}
}

// TestMatchHostile: a quotation of 5,000 words, word for word and with a
// word changed; a long repetitive quotation; invalid UTF-8 and binary
// bytes; an empty source: a class, never a crash.
func TestMatchHostile(t *testing.T) {
	// 5,000 words of a text that does not repeat itself.
	vocab := strings.Fields("the report found that detention of members of groups may constitute crimes against humanity in region where government applied counter-terrorism policy law families were separated borders crossed officials said credible allegations torture treatment")
	words := make([]string, 5000)
	r := uint32(1)
	for i := range words {
		r = r*1664525 + 1013904223
		words[i] = vocab[r>>16%uint32(len(vocab))]
	}
	text := strings.Join(words, " ")
	changed := slices.Clone(words)
	changed[2500] = "zebras"
	for _, tt := range []struct {
		name, quote, source string
		class               Class
		diff                string
	}{
		{"5,000 words, word for word", text, "Before. " + text + " After.", Verbatim, ""},
		{"5,000 words, one changed", strings.Join(changed, " "), "Before. " + text + " After.", Altered, "[-" + words[2500] + "-]{+zebras+}"},
		{"5,400 words of one sentence", strings.Repeat("the quick brown fox jumps over the lazy dog ", 600), strings.Repeat("the quick brown fox jumps over the lazy dog ", 600) + "\xff\xfe invalid bytes", Verbatim, ""},
		{"invalid UTF-8 and binary bytes", "\xff\xfe\xfd and then some words here", "\x00\x01 binary \xff source text", NotFound, ""},
		{"an empty source", "and then some words here", "", NotFound, ""},
	} {
		m, _ := matchOne(t, "She said “"+tt.quote+"” twice.", tt.source)
		if m.Class != tt.class || !strings.Contains(m.Diff, tt.diff) {
			t.Errorf("%s: %s (%d of %d words), diff %.80q; want %s with %q", tt.name, m.Class, m.Matched, m.Words, m.Diff, tt.class, tt.diff)
		}
	}
}

// TestWords checks how words are cut and compared: the same hash for the
// spellings a quotation may differ in by typography alone.
func TestWords(t *testing.T) {
	hash := func(w string) uint64 {
		ts := tokens([]byte(w), 0, len(w))
		if len(ts) != 1 {
			t.Fatalf("%q: %d words, want 1", w, len(ts))
		}
		return ts[0].h
	}
	for _, pair := range [][2]string{
		{"Government’s", "government's"}, {"co\u00adoperate", "cooperate"}, {"ÉCOLE", "école"}, {"ill‐treatment", "ill-treatment"},
		{"ill–treatment", "ill-treatment"}, {"anti−China", "anti-China"},
	} {
		if hash(pair[0]) != hash(pair[1]) {
			t.Errorf("%q and %q differ", pair[0], pair[1])
		}
	}
	if hashWord([]byte("[t]he")) != hash("the") {
		t.Error("[t]he is not the")
	}
	var got []string
	text := []byte("It’s a co-operative — “well-known” state-run... U.S. 2,000 'quoted' end- a – b c—d")
	for _, tk := range tokens(text, 0, len(text)) {
		got = append(got, string(text[tk.start:tk.end]))
	}
	if want := "It’s|a|co-operative|well-known|state-run|U|S|2|000|quoted|end|a|b|c|d"; strings.Join(got, "|") != want {
		t.Errorf("words %q, want %q", strings.Join(got, "|"), want)
	}
}

func FuzzMatch(f *testing.F) {
	f.Add(report, `It found the “scale of arbitrary and discriminatory detention” alarming.`)
	f.Add(statement, `“based on misinformation … spread by [the] anti-Chinese troops.”`)
	f.Add("a b c", "“[[[ … ... ]]] a b c”")
	f.Fuzz(func(t *testing.T, source, article string) {
		x := NewIndex([]*Source{{Path: "s.txt", Text: []byte(source)}})
		d := document.Load("a.txt", []byte(article))
		for _, q := range d.Quotes {
			m := x.Match(d, q)
			if m.Matched > m.Words {
				t.Fatalf("%d of %d words matched", m.Matched, m.Words)
			}
			if m.Source != nil && (m.Passage.Start < 0 || m.Passage.End > len(m.Source.Text) || m.Passage.Start > m.Passage.End) {
				t.Fatalf("passage %v outside the source", m.Passage)
			}
			if m.Class == Verbatim && m.Matched != m.Words {
				t.Fatalf("verbatim with %d of %d words", m.Matched, m.Words)
			}
		}
	})
}

// An article that quotes a passage word for word and elsewhere with a word
// changed has altered it; a sentence that shares only a phrase with the
// passage another quotation matches is not found (its own source is
// missing), as in the seed article.
func TestCheckQuotedTwice(t *testing.T) {
	x := NewIndex([]*Source{{Path: "report.txt", Text: []byte(report)}})
	sevs := map[string]rules.Severity{RuleAltered.ID: rules.Error, RuleNotFound.ID: rules.Info, RuleVerbatim.ID: rules.Info}
	for _, tt := range []struct {
		name, article string
		want          []string // the rules of the findings, in order
	}{
		{"the same passage, once altered", "It found “the extent of arbitrary and discriminatory detention of members” alarming.\n\nLater it spoke of “the scale of arbitrary and discriminatory detention of members”.\n",
			[]string{RuleVerbatim.ID, RuleAltered.ID}},
		{"a partial quote altered after the whole", "It said “allegations of patterns of torture or ill-treatment, including forced medical treatment” were heard.\n\nIt called them “allegations of patterns of abuse”.\n",
			[]string{RuleVerbatim.ID, RuleAltered.ID}},
		{"a sentence sharing a phrase", "It found “the extent of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups” alarming.\n\nIt went against “the backdrop of wider discrimination against members of Uyghur and other predominantly Muslim minorities”.\n",
			[]string{RuleVerbatim.ID, RuleNotFound.ID}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range x.Check(document.Load("article.txt", []byte(tt.article)), sevs) {
				got = append(got, f.Rule)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("rules %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMatchMarkdown: in a Markdown article, the markup inside a quotation
// (a link's brackets and target, emphasis marks, a block quote's marks on
// a continuation line) is no word of it; a bracketed word that is no link
// is still an editorial one.
func TestMatchMarkdown(t *testing.T) {
	x := NewIndex([]*Source{{Path: "report.txt", Text: []byte(report)}})
	for _, tt := range []struct {
		article string
		class   Class
		diff    string
	}{
		{"It cited “the extent of [arbitrary and discriminatory detention](https://example.org/report) of members” there.\n", Verbatim, ""},
		{"It cited “the extent of *arbitrary* and **discriminatory** detention of members” there.\n", Verbatim, ""},
		{"> It cited “the extent of arbitrary and\n> discriminatory detention of members” there.\n", Verbatim, ""},
		{"It cited “the extent of [unlawful] detention of members” there.\n", Verbatim, ""},
		{"It cited “the scale of [arbitrary and discriminatory detention](https://example.org/report) of members” there.\n", Altered,
			"the [-extent-]{+scale+} of arbitrary and discriminatory detention of members"},
	} {
		d := document.Load("article.md", []byte(tt.article))
		if len(d.Quotes) != 1 {
			t.Fatalf("%q: %d quotations", tt.article, len(d.Quotes))
		}
		m := x.Match(d, d.Quotes[0])
		if m.Class != tt.class || m.Diff != tt.diff {
			t.Errorf("%q: %s, diff %q; want %s, diff %q", tt.article, m.Class, m.Diff, tt.class, tt.diff)
		}
	}
	// The message names the quotation by its words, without the markup.
	d := document.Load("article.md", []byte("> It cited “the *extent* of [arbitrary](https://example.org/r) and\n> discriminatory detention of members” there.\n"))
	fs := x.Check(d, map[string]rules.Severity{RuleVerbatim.ID: rules.Info})
	if len(fs) != 1 || !strings.HasPrefix(fs[0].Message, "quotation “the extent of arbitrary and discriminatory …” is word for word") {
		t.Errorf("findings %+v", fs)
	}
}

// TestMatchSides checks the two texts an altered quotation is shown beside:
// the source's words as written (punctuation and marks kept, the words an
// ellipsis leaves out as "…", the punctuation that ends the passage), and
// the quotation's.
func TestMatchSides(t *testing.T) {
	for _, tt := range []struct {
		name, article, source, quote string
	}{
		{"marks and commas kept", `It named the “application of counter-terrorism and counter-terrorism strategies”.`,
			`application of counter-terrorism and counter-"extremism" strategies.`,
			"application of counter-terrorism and counter-terrorism strategies"},
		{"an ellipsis for left-out words", `It said the “scale of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups … could constitute international crimes, in particular crimes against humanity.”`,
			"extent of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups … may constitute international crimes, in particular crimes against humanity.",
			"scale of arbitrary and discriminatory detention of members of Uyghur and other predominantly Muslim groups … could constitute international crimes, in particular crimes against humanity."},
		{"a comma inside the passage", `It found “accusations of patterns of torture or ill-treatment, including forced medical treatment and adverse conditions of detention, are credible.”`,
			"Allegations of patterns of torture or ill-treatment, including forced medical treatment and adverse conditions of detention, are credible,",
			"accusations of patterns of torture or ill-treatment, including forced medical treatment and adverse conditions of detention, are credible."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := matchOne(t, tt.article, report)
			if m.Class != Altered {
				t.Fatalf("class %v, want altered", m.Class)
			}
			if m.SourceWords != tt.source {
				t.Errorf("source side\n got %q\nwant %q", m.SourceWords, tt.source)
			}
			if m.QuoteWords != tt.quote {
				t.Errorf("quotation side\n got %q\nwant %q", m.QuoteWords, tt.quote)
			}
		})
	}
}
