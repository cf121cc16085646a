package house

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// lint compiles defs and lints text (Markdown) with them alone.
func lint(t testing.TB, text string, defs ...Def) []rules.Finding {
	t.Helper()
	rs, err := Compile(defs)
	if err != nil {
		t.Fatal(err)
	}
	l, err := rules.NewLinter(rules.NewRegistry(rs...), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return l.Lint(document.Load("a.md", []byte(text)))
}

// show renders findings as "rule text→fix: message" lines.
func show(text string, fs []rules.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s %q", f.Rule, text[f.Span.Start:f.Span.End])
		for _, x := range f.Fixes {
			fmt.Fprintf(&b, "→%q", x.Replacement)
		}
		fmt.Fprintf(&b, ": %s\n", f.Message)
	}
	return b.String()
}

func check(t *testing.T, text, want string, defs ...Def) {
	t.Helper()
	if got := show(text, lint(t, text, defs...)); got != want {
		t.Errorf("text %q:\ngot:\n%s\nwant:\n%s", text, got, want)
	}
}

func TestExistence(t *testing.T) {
	d := Def{ID: "house/per-cent", Kind: Existence, Tokens: []string{"per cent", "simply"}, Message: "avoid %[1]s"}
	check(t, "Up 5 per cent, simply.\n", "house/per-cent \"per cent\": avoid per cent\nhouse/per-cent \"simply\": avoid simply\n", d)
	// Across a line break, in any case, not inside longer words.
	check(t, "Up 5 Per\ncent. Simplyfied.\n", "house/per-cent \"Per\\ncent\": avoid Per cent\n", d)
	// Not across paragraphs, nor code, nor in a quotation (scope prose).
	check(t, "Up 5 per\n\ncent. `simply` “It is simply wrong,” he said.\n", "", d)
	// Scope quotes and all.
	q := d
	q.Scope = ScopeQuotes
	check(t, "Simply. “It is simply wrong,” he said.\n", "house/per-cent \"simply\": avoid simply\n", q)
	q.Scope = ScopeAll
	check(t, "Simply. “It is simply wrong,” he said.\n", "house/per-cent \"Simply\": avoid Simply\nhouse/per-cent \"simply\": avoid simply\n", q)
	// Case-sensitive.
	cs := Def{ID: "house/us", Kind: Existence, Tokens: []string{"US"}, Message: "write U.S.", CaseSensitive: true}
	check(t, "The US and us.\n", "house/us \"US\": write U.S.\n", cs)
	// Punctuation between words must match.
	eg := Def{ID: "house/eg", Kind: Existence, Tokens: []string{"e.g."}, Message: "write for example"}
	check(t, "Some, e.g. this; not e g. nor e.g\n", "house/eg \"e.g.\": write for example\n", eg)
}

func TestSubstitution(t *testing.T) {
	d := Def{ID: "house/kyiv", Kind: Substitution, Swap: []Pair{{"Kiev", "Kyiv"}, {"per cent", "percent"}}, Message: "use %[2]s, not %[1]s"}
	check(t, "Kiev, KIEV and kiev. Per cent. Kyiv.\n",
		"house/kyiv \"Kiev\"→\"Kyiv\": use Kyiv, not Kiev\n"+
			"house/kyiv \"KIEV\"→\"KYIV\": use KYIV, not KIEV\n"+
			"house/kyiv \"kiev\"→\"kyiv\": use kyiv, not kiev\n"+
			"house/kyiv \"Per cent\"→\"Percent\": use Percent, not Per cent\n", d)
	// A name in mixed case is kept as written, and text already in the
	// preferred form is not reported.
	gh := Def{ID: "house/github", Kind: Substitution, Swap: []Pair{{"Github", "GitHub"}}, Message: "write %[2]s"}
	check(t, "Github, GITHUB, github and GitHub.\n",
		"house/github \"Github\"→\"GitHub\": write GitHub\nhouse/github \"GITHUB\"→\"GitHub\": write GitHub\nhouse/github \"github\"→\"GitHub\": write GitHub\n", gh)
}

func TestConsistency(t *testing.T) {
	d := Def{ID: "house/uyghur", Kind: Consistency, Sets: [][]string{{"Uyghur", "Uighur"}, {"email", "e-mail"}}, Message: "use %[2]s, as elsewhere, not %[1]s"}
	check(t, "Uighur people. An e-mail. Uyghur and UIGHUR. Email.\n",
		"house/uyghur \"Uyghur\"→\"Uighur\": use Uighur, as elsewhere, not Uyghur\n"+
			"house/uyghur \"Email\"→\"E-mail\": use E-mail, as elsewhere, not Email\n", d)
	d.Prefer = []string{"Uyghur"}
	check(t, "Uighur people. Uyghur.\n", "house/uyghur \"Uighur\"→\"Uyghur\": use Uyghur, as elsewhere, not Uighur\n", d)
}

// TestConsistencyAcross checks a consistency rule with across: documents:
// the run's most used form wins in every document, whatever each one uses
// first; a preferred form wins over the majority; the rule set to one
// document at a time in the config's rules: block ignores the census.
func TestConsistencyAcross(t *testing.T) {
	docs := []string{
		"Uighur, and later Uyghur.\n",
		"Uyghur only.\n",
		"Uyghur, Uyghur.\n",
		"Nothing here.\n",
	}
	d := Def{ID: "house/uyghur", Kind: Consistency, Across: rules.AcrossDocuments, Sets: [][]string{{"Uighur", "Uyghur"}}, Message: "use %[2]s, not %[1]s"}
	lintAll := func(d Def, cfg rules.Config) string {
		rs, err := Compile([]Def{d})
		if err != nil {
			t.Fatal(err)
		}
		l, err := rules.NewLinter(rules.NewRegistry(rs...), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if !l.Across() {
			return "not across"
		}
		var c rules.Census
		for i, text := range docs {
			l.Count(document.Load(fmt.Sprint(i, ".md"), []byte(text)), &c)
		}
		l = l.WithCensus(&c)
		var b strings.Builder
		for i, text := range docs {
			for _, line := range strings.SplitAfter(show(text, l.Lint(document.Load(fmt.Sprint(i, ".md"), []byte(text)))), "\n") {
				if line != "" {
					fmt.Fprintf(&b, "%d: %s", i, line)
				}
			}
		}
		return b.String()
	}
	if got, want := lintAll(d, rules.Config{}), "0: house/uyghur \"Uighur\"→\"Uyghur\": use Uyghur, not Uighur\n"; got != want {
		t.Errorf("majority:\n%s\nwant:\n%s", got, want)
	}
	p := d
	p.Prefer = []string{"Uighur"}
	want := "0: house/uyghur \"Uyghur\"→\"Uighur\": use Uighur, not Uyghur\n" +
		"1: house/uyghur \"Uyghur\"→\"Uighur\": use Uighur, not Uyghur\n" +
		"2: house/uyghur \"Uyghur\"→\"Uighur\": use Uighur, not Uyghur\n" +
		"2: house/uyghur \"Uyghur\"→\"Uighur\": use Uighur, not Uyghur\n"
	if got := lintAll(p, rules.Config{}); got != want {
		t.Errorf("preferred:\n%s\nwant:\n%s", got, want)
	}
	off := rules.Config{Rules: map[string]rules.Setting{d.ID: {Options: rules.Options{"across": rules.AcrossDocument}}}}
	if got := lintAll(d, off); got != "not across" {
		t.Errorf("across: document in the config: %s", got)
	}
}

func TestPattern(t *testing.T) {
	d := Def{ID: "house/percent-sign", Kind: Pattern, Pattern: `\d+ ?%`, Message: "write %[1]s as N percent"}
	check(t, "Up 5%. Code: `5%` and\n\n    10%\n\n“Up 7%,” he said.\n", "house/percent-sign \"5%\": write 5% as N percent\n", d)
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		def  Def
		want string
	}{
		{Def{ID: "kyiv", Kind: Existence, Tokens: []string{"x"}, Message: "m"}, `id: "kyiv" is not under house/`},
		{Def{Kind: Existence, Tokens: []string{"x"}, Message: "m"}, "id: missing"},
		{Def{ID: "house/x", Kind: "exist", Tokens: []string{"x"}, Message: "m"}, `kind: unknown kind "exist"`},
		{Def{ID: "house/x", Kind: Existence, Message: "m"}, "tokens: missing"},
		{Def{ID: "house/x", Kind: Existence, Tokens: []string{"x"}}, "message: missing"},
		{Def{ID: "house/x", Kind: Existence, Tokens: []string{"x"}, Message: "%d"}, "message: bad format"},
		{Def{ID: "house/x", Kind: Pattern, Pattern: "a(", Message: "m"}, "pattern: missing closing )"},
		{Def{ID: "house/x", Kind: Existence, Tokens: []string{"x", "--"}, Message: "m"}, `tokens[1]: "--" holds no word`},
		{Def{ID: "house/x", Kind: Existence, Tokens: []string{"x"}, Pattern: "x", Message: "m"}, "pattern: not a field of a existence rule"},
		{Def{ID: "house/x", Kind: Consistency, Sets: [][]string{{"a", "b"}}, Prefer: []string{"c"}, Message: "m"}, `prefer[0]: "c" is in none`},
		{Def{ID: "house/x", Kind: Existence, Tokens: []string{"x"}, Message: "m", Link: "style.md#kyiv"}, `link: "style.md#kyiv" is not an absolute URL`},
		{Def{ID: "house/x", Kind: Existence, Tokens: []string{"x"}, Message: "m", Across: "documents"}, "across: only a consistency rule"},
		{Def{ID: "house/x", Kind: Consistency, Sets: [][]string{{"a", "b"}}, Message: "m", Across: "archive"}, `across: unknown value "archive"`},
	} {
		_, err := Compile([]Def{tc.def})
		var de *DefError
		if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %s…", tc.def, err, tc.want)
		}
	}
	d := Def{ID: "house/x", Kind: Existence, Tokens: []string{"x"}, Message: "m"}
	_, err := Compile([]Def{d, d})
	var de *DefError
	if !errors.As(err, &de) || de.Index != 1 || !strings.Contains(err.Error(), "duplicate") {
		t.Errorf("duplicate: got %v", err)
	}
}

// TestShared checks that many rules share one pass: every rule finds its
// own phrases.
func TestShared(t *testing.T) {
	defs := []Def{
		{ID: "house/a", Kind: Existence, Tokens: []string{"alpha", "per cent"}, Message: "a %[1]s"},
		{ID: "house/b", Kind: Existence, Tokens: []string{"per"}, Message: "b %[1]s"},
	}
	check(t, "alpha per cent\n", "house/a \"alpha\": a alpha\nhouse/a \"per cent\": a per cent\nhouse/b \"per\": b per\n", defs...)
}

// BenchmarkPhrases matches 5,000 phrases (existence and substitution, of
// one and two words, over 100 rules) against a document of about 600 KB.
func BenchmarkPhrases(b *testing.B) {
	var defs []Def
	for r := range 100 {
		d := Def{ID: fmt.Sprintf("house/r%d", r), Kind: Existence, Message: "avoid %[1]s"}
		if r%2 == 1 {
			d.Kind = Substitution
		}
		for k := range 50 {
			w := fmt.Sprintf("w%dx%d", r, k)
			if k%3 == 0 {
				w += " word" // two words
			}
			if d.Kind == Existence {
				d.Tokens = append(d.Tokens, w)
			} else {
				d.Swap = append(d.Swap, Pair{w, "fine"})
			}
		}
		defs = append(defs, d)
	}
	rs, err := Compile(defs)
	if err != nil {
		b.Fatal(err)
	}
	l, err := rules.NewLinter(rules.NewRegistry(rs...), rules.Config{})
	if err != nil {
		b.Fatal(err)
	}
	var text strings.Builder
	for i := 0; text.Len() < 600_000; i++ {
		fmt.Fprintf(&text, "The quick brown fox w%dx%d word jumps over the lazy dog, per cent and more.", i%150, i%60)
		if i%8 == 7 {
			text.WriteString("\n\n")
		} else {
			text.WriteString(" ")
		}
	}
	src := []byte(text.String())
	doc := document.Load("a.md", src)
	n := len(l.Lint(doc))
	if n == 0 {
		b.Fatal("no findings")
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		// A new document each time, as in a run: no cached matches.
		b.StopTimer()
		doc := document.Load("a.md", src)
		b.StartTimer()
		l.Lint(doc)
	}
}

// TestConcurrent lints documents from many goroutines with rules that share
// one matcher, and checks that the matches of documents no longer in use
// are dropped.
func TestConcurrent(t *testing.T) {
	rs, shared, err := compileAll([]Def{
		{ID: "house/a", Kind: Existence, Tokens: []string{"alpha"}, Message: "a"},
		{ID: "house/b", Kind: Substitution, Swap: []Pair{{"Kiev", "Kyiv"}}, Message: "b"},
		{ID: "house/c", Kind: Consistency, Sets: [][]string{{"email", "e-mail"}}, Message: "c"},
	})
	if err != nil {
		t.Fatal(err)
	}
	l, err := rules.NewLinter(rules.NewRegistry(rs...), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	done := make(chan int, n)
	for i := range n {
		go func() {
			doc := document.Load(fmt.Sprintf("%d.md", i), []byte(strings.Repeat("Alpha in Kiev, email and e-mail.\n\n", i%5+1)))
			done <- len(l.Lint(doc))
		}()
	}
	for i := range n {
		if got := <-done; got%3 != 0 || got == 0 {
			t.Errorf("document %d: %d findings, want 3 a paragraph", i, got)
		}
	}
	for range 100 {
		runtime.GC()
		shared.mu.Lock()
		left := len(shared.cache)
		shared.mu.Unlock()
		if left < n/2 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("the matches of %d documents no longer in use are still cached", n)
}

// TestPossessive checks that a phrase matches its possessive ("Kiev's",
// "Kiev’s"), in every kind, and that a fix replaces the phrase and keeps
// the ending as written, its apostrophe included.
func TestPossessive(t *testing.T) {
	sub := Def{ID: "house/kyiv", Kind: Substitution, Swap: []Pair{{"Kiev", "Kyiv"}, {"Kharkov region", "Kharkiv region"}}, Message: "use %[2]s, not %[1]s"}
	check(t, "Kiev's mayor, Kiev’s river, KIEV'S, the Kharkov region’s farms.\n",
		"house/kyiv \"Kiev's\"→\"Kyiv\": use Kyiv's, not Kiev's\n"+
			"house/kyiv \"Kiev’s\"→\"Kyiv\": use Kyiv’s, not Kiev’s\n"+
			"house/kyiv \"KIEV'S\"→\"KYIV\": use KYIV'S, not KIEV'S\n"+
			"house/kyiv \"Kharkov region’s\"→\"Kharkiv region\": use Kharkiv region’s, not Kharkov region’s\n", sub)
	// The fix covers the phrase only: the ending stays as written.
	text := "Kiev’s river.\n"
	fs := lint(t, text, sub)
	if len(fs) != 1 || len(fs[0].Fixes) != 1 || text[fs[0].Fixes[0].Span.Start:fs[0].Fixes[0].Span.End] != "Kiev" {
		t.Errorf("%q: fix %+v, want one over “Kiev”", text, fs)
	}
	// Not another word that starts like one (a plural is another word),
	// nor a possessive in the middle of a phrase.
	check(t, "Kievs and Kievan Rus, the Kharkov’s region.\n", "", sub)
	// A phrase written as a possessive matches as written, not twice.
	own := Def{ID: "house/own", Kind: Substitution, Swap: []Pair{{"Kiev's", "Kyiv's"}, {"Kiev", "Kyiv"}}, Message: "use %[2]s"}
	check(t, "Kiev's.\n", "house/own \"Kiev's\"→\"Kyiv's\": use Kyiv's\n", own)
	// Existence and consistency.
	ex := Def{ID: "house/x", Kind: Existence, Tokens: []string{"Kiev"}, Message: "avoid %[1]s"}
	check(t, "Kiev’s river.\n", "house/x \"Kiev’s\": avoid Kiev’s\n", ex)
	cs := Def{ID: "house/c", Kind: Consistency, Sets: [][]string{{"Kyiv", "Kiev"}}, Message: "use %[2]s, not %[1]s"}
	check(t, "Kyiv today; Kiev’s past.\n", "house/c \"Kiev’s\"→\"Kyiv\": use Kyiv’s, not Kiev’s\n", cs)
	// Case-sensitive rules compare the phrase as written.
	cased := Def{ID: "house/us", Kind: Existence, Tokens: []string{"US"}, CaseSensitive: true, Message: "write U.S."}
	check(t, "The US's army and us's.\n", "house/us \"US's\": write U.S.\n", cased)
}

// TestSettle checks that fixes which would not settle are refused: a
// replacement that another fix, or the same one, rewrites or undoes, or an
// existence rule reports; compared as the matcher compares, in the scopes
// where the rules meet.
func TestSettle(t *testing.T) {
	sub := func(id string, pairs ...string) Def {
		d := Def{ID: id, Kind: Substitution, Message: "use %[2]s"}
		for i := 0; i+1 < len(pairs); i += 2 {
			d.Swap = append(d.Swap, Pair{pairs[i], pairs[i+1]})
		}
		return d
	}
	scoped := func(d Def, scope string) Def { d.Scope = scope; return d }
	cased := func(d Def) Def { d.CaseSensitive = true; return d }
	off := func(d Def) Def { d.Off = true; return d }
	kyiv := sub("house/kyiv", "Kiev", "Kyiv")
	for _, tc := range []struct {
		name string
		defs []Def
		want string // "" for no error
		at   DefRef
	}{
		{
			name: "cycle in one rule",
			defs: []Def{sub("house/kyiv", "Kiev", "Kyiv", "Kyiv", "Kiev")},
			want: "swap[1]: “Kyiv” → “Kiev” undoes “Kiev” → “Kyiv” (house/kyiv swap[0]): fixes would never settle",
			at:   DefRef{Index: 0, Field: "swap", Item: 1},
		},
		{
			name: "cycle across rules, case aside",
			defs: []Def{kyiv, sub("house/back", "KYIV", "kiev")},
			want: "swap[0]: “KYIV” → “kiev” undoes “Kiev” → “Kyiv” (house/kyiv swap[0]): fixes would never settle",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "cycle reported at the later rule",
			defs: []Def{sub("house/back", "Kyiv", "Kiev"), kyiv},
			want: "swap[0]: “Kiev” → “Kyiv” undoes “Kyiv” → “Kiev” (house/back swap[0]): fixes would never settle",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "chain",
			defs: []Def{kyiv, sub("house/kyjiw", "Kyiv", "Kyjiw")},
			want: "swap[0]: “Kyiv” → “Kyjiw” rewrites the replacement of “Kiev” → “Kyiv” (house/kyiv swap[0]): a fix would need a second fix: make it “Kiev” → “Kyjiw”",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "chain reported at the later rule",
			defs: []Def{sub("house/kyjiw", "Kyiv", "Kyjiw"), kyiv},
			want: "swap[0]: the replacement of “Kiev” → “Kyiv” is rewritten by “Kyiv” → “Kyjiw” (house/kyjiw swap[0]): a fix would need a second fix: make it “Kiev” → “Kyjiw”",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "a replacement holding another rule's phrase",
			defs: []Def{sub("house/kyiv", "Kiev", "Kyiv city"), sub("house/town", "city", "town")},
			want: "swap[0]: “city” → “town” rewrites the replacement of “Kiev” → “Kyiv city” (house/kyiv swap[0]): a fix would need a second fix: make it “Kiev” → “Kyiv town”",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "a replacement holding its own phrase",
			defs: []Def{sub("house/kyiv", "Kiev", "Kiev city")},
			want: "swap[0]: “Kiev” → “Kiev city” rewrites its own replacement: fixes would never settle",
			at:   DefRef{Index: 0, Field: "swap", Item: 0},
		},
		{
			name: "a possessive",
			defs: []Def{sub("house/a", "Kiev's", "Kyiv's"), sub("house/b", "Kyiv", "Kyjiw")},
			want: "swap[0]: “Kyiv” → “Kyjiw” rewrites the replacement of “Kiev's” → “Kyiv's” (house/a swap[0]): a fix would need a second fix: make it “Kiev's” → “Kyjiw's”",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "a case the fix writes, for a case-sensitive rule",
			defs: []Def{kyiv, cased(sub("house/upper", "KYIV", "KIEV"))},
			want: "swap[0]: “KYIV” → “KIEV” undoes “Kiev” → “Kyiv” (house/kyiv swap[0]): fixes would never settle",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "a preferred form",
			defs: []Def{kyiv, {ID: "house/c", Kind: Consistency, Sets: [][]string{{"Kyiv", "Kiev"}}, Prefer: []string{"Kiev"}, Message: "m"}},
			want: "prefer[0]: “Kyiv” → “Kiev” undoes “Kiev” → “Kyiv” (house/kyiv swap[0]): fixes would never settle",
			at:   DefRef{Index: 1, Field: "prefer", Item: 0},
		},
		{
			name: "a preferred form rewritten",
			defs: []Def{{ID: "house/c", Kind: Consistency, Sets: [][]string{{"e-mail", "email"}}, Prefer: []string{"e-mail"}, Message: "m"}, sub("house/hyphen", "e-mail", "email")},
			want: "swap[0]: “e-mail” → “email” undoes “email” → “e-mail” (house/c prefer[0]): fixes would never settle",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		{
			name: "a replacement an existence rule reports",
			defs: []Def{kyiv, {ID: "house/x", Kind: Existence, Tokens: []string{"city", "Kyiv"}, Message: "m"}},
			want: "tokens[1]: “Kyiv” reports the replacement of “Kiev” → “Kyiv” (house/kyiv swap[0]): --fix would write a finding",
			at:   DefRef{Index: 1, Field: "tokens", Item: 1},
		},
		{
			name: "scopes that meet",
			defs: []Def{scoped(kyiv, ScopeAll), scoped(sub("house/back", "Kyiv", "Kiev"), ScopeQuotes)},
			want: "swap[0]: “Kyiv” → “Kiev” undoes “Kiev” → “Kyiv” (house/kyiv swap[0]): fixes would never settle",
			at:   DefRef{Index: 1, Field: "swap", Item: 0},
		},
		// What settles.
		{name: "scopes apart", defs: []Def{kyiv, scoped(sub("house/back", "Kyiv", "Kiev"), ScopeQuotes)}},
		{name: "a rule turned off", defs: []Def{kyiv, off(sub("house/back", "Kyiv", "Kiev"))}},
		{name: "a rule turned off first", defs: []Def{off(kyiv), sub("house/back", "Kyiv", "Kiev")}},
		{name: "a case-only change", defs: []Def{sub("house/github", "Github", "GitHub", "github", "GitHub")}},
		{name: "independent pairs", defs: []Def{sub("house/places", "Kiev", "Kyiv", "Kharkov", "Kharkiv")}},
		{name: "a case the fix never writes", defs: []Def{cased(kyiv), cased(sub("house/upper", "KYIV", "KIEV"))}},
		{name: "a phrase that needs more words", defs: []Def{kyiv, sub("house/city", "Kyiv city", "Kyiv")}},
		{name: "a consistency rule without a preferred form", defs: []Def{kyiv, {ID: "house/c", Kind: Consistency, Sets: [][]string{{"Kyiv", "Kiev"}}, Message: "m"}}},
		{name: "a consistency rule that prefers the replacement", defs: []Def{kyiv, {ID: "house/c", Kind: Consistency, Sets: [][]string{{"Kyiv", "Kiev"}}, Prefer: []string{"Kyiv"}, Message: "m"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.defs)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Compile: %v", err)
				}
				return
			}
			var de *DefError
			if !errors.As(err, &de) {
				t.Fatalf("Compile: %v, want a *DefError", err)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error\n got %s\nwant %s", got, tc.want)
			}
			if got := (DefRef{Index: de.Index, Field: de.Field, Item: de.Item}); got != tc.at {
				t.Errorf("at %+v, want %+v", got, tc.at)
			}
		})
	}
}

// TestMayMatch checks that the cheap test of a replacement never misses a
// phrase the matcher finds, and turns away text with none of its words.
func TestMayMatch(t *testing.T) {
	_, m, err := compileAll([]Def{
		{ID: "house/a", Kind: Existence, Tokens: []string{"Kyiv", "counter-terrorism", "3.5", "per cent", "e.g.", "rock ’n’ roll", "main.exe", "@docqa"}, Message: "m"},
		{ID: "house/b", Kind: Substitution, Swap: []Pair{{"O'Brien", "O’Brien"}, {"Ünïcödé", "unicode"}}, Message: "m", CaseSensitive: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Kyiv", "KYIV’s", "’Kyiv", "(Kyiv)", "Counter-terrorism", "3.5 times", "Per\ncent", "e.g. this",
		"rock ’n’ roll", "O'Brien", "o’brien", "ÜNÏCÖDÉ", "Kyiv-based", "counter terrorism", "3,5", "nothing here",
		"run main.exe now", "ask @docqa", "a #tag", "U.S. rules",
	} {
		d := document.LoadFormat("", []byte(text), document.Plain)
		found := false
		for _, ms := range m.run(d) {
			found = found || len(ms) > 0
		}
		if may := m.mayMatch(text); found && !may {
			t.Errorf("%q: the matcher finds a phrase, mayMatch says no", text)
		}
	}
	for _, text := range []string{"nothing here", "Kyivan", "counter terrorism", "35"} {
		if m.mayMatch(text) {
			t.Errorf("%q: mayMatch says yes", text)
		}
	}
}

// TestSubstitutionFixNeverTouchesMarkup checks that a substitution across
// emphasis marks, or inside a reference label, is reported without a fix.
func TestSubstitutionFixNeverTouchesMarkup(t *testing.T) {
	rs, err := Compile([]Def{{ID: "house/percent", Kind: Substitution, Swap: []Pair{{"per cent", "percent"}}, Message: "write %[2]s", Severity: rules.Warning}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := rules.NewLinter(rules.NewRegistry(rs...), rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text  string
		fixes int
	}{
		{"Prices rose 5 per cent.", 1},
		{"Prices rose 5 per *cent*.", 0},
		{"See [per cent][].\n\n[per cent]: https://example.com/p\n", 0},
	} {
		var found, fixes int
		for _, f := range l.Lint(document.Load("a.md", []byte(tt.text))) {
			found++
			fixes += len(f.Fixes)
		}
		if found != 1 || fixes != tt.fixes {
			t.Errorf("%q: %d findings with %d fixes; want 1 with %d", tt.text, found, fixes, tt.fixes)
		}
	}
}

func TestDescription(t *testing.T) {
	for _, tt := range []struct{ desc, summary, sentence string }{
		{"Use the house spelling", "Use the house spelling", "Use the house spelling."},
		{"Use the house spelling.", "Use the house spelling", "Use the house spelling."},
		{"  Why not Kyiv? ", "Why not Kyiv?", "Why not Kyiv?"},
		{"Say it once!", "Say it once!", "Say it once!"},
	} {
		rs, err := Compile([]Def{{ID: "house/kyiv", Kind: Substitution, Description: tt.desc, Message: "use %[2]s", Swap: []Pair{{"Kiev", "Kyiv"}}}})
		if err != nil {
			t.Fatal(err)
		}
		r := rs[0]
		if r.Summary != tt.summary {
			t.Errorf("description %q: summary %q, want %q", tt.desc, r.Summary, tt.summary)
		}
		if !strings.Contains(r.Explanation, "\n\n"+tt.sentence+"\n") && !strings.HasSuffix(r.Explanation, "\n\n"+tt.sentence) {
			t.Errorf("description %q: explanation %q lacks the paragraph %q", tt.desc, r.Explanation, tt.sentence)
		}
	}
}
