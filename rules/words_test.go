package rules

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/docqa/docqa/document"
)

// lintWith runs one rule with options over text, loaded under name (which
// picks the format), and returns the document and the findings.
func lintWith(t *testing.T, r *Rule, opts Options, name, text string) (*document.Document, []Finding) {
	t.Helper()
	l, err := NewLinter(NewRegistry(r), Config{Rules: map[string]Setting{r.ID: {Options: opts}}})
	if err != nil {
		t.Fatal(err)
	}
	doc := document.Load(name, []byte(text))
	return doc, l.Lint(doc)
}

// renderFinding writes a finding as "line:col text", then " -> fix" for
// each fix (the replacement, or "delete line:col-line:col" for an empty
// one), then " (unsafe)" for an unsafe fix.
func renderFinding(doc *document.Document, f Finding) string {
	p := doc.Position(f.Span.Start)
	s := fmt.Sprintf("%d:%d %s", p.Line, p.Column, doc.String(f.Span))
	for _, fx := range f.Fixes {
		if fx.Replacement == "" {
			a, b := doc.Position(fx.Span.Start), doc.Position(fx.Span.End)
			s += fmt.Sprintf(" -> delete %d:%d-%d:%d", a.Line, a.Column, b.Line, b.Column)
		} else {
			s += " -> " + fx.Replacement
		}
		if fx.Unsafe {
			s += " (unsafe)"
		}
	}
	return s
}

// wordRuleCase is one table row: a document and the findings it must
// yield, as renderFinding writes them.
type wordRuleCase struct {
	name string
	file string // "" means a.txt
	text string
	want []string
}

// runWordRuleCases runs a table of cases for one rule with options.
func runWordRuleCases(t *testing.T, r *Rule, opts Options, cases []wordRuleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := c.file
			if file == "" {
				file = "a.txt"
			}
			doc, fs := lintWith(t, r, opts, file, c.text)
			var got []string
			for _, f := range fs {
				got = append(got, renderFinding(doc, f))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("text %q\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

// seedArticle loads testdata/article.txt.
func seedArticle(t *testing.T) *document.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return document.Load("testdata/article.txt", b)
}

// checkAllocs runs a rule's Check over doc directly and returns the
// average number of allocations per run.
func checkAllocs(t *testing.T, r *Rule, opts Options, doc *document.Document) float64 {
	t.Helper()
	check, err := r.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]Finding, 0, 16)
	p := &Pass{Doc: doc, Rule: r, out: &out, sev: r.Severity}
	return testing.AllocsPerRun(20, func() {
		out = out[:0]
		check(p)
	})
}

func TestWordFold(t *testing.T) {
	for in, want := range map[string]string{
		"Report’s":   "report's",
		"UYGHUR":     "uyghur",
		"e‑mail":     "e-mail", // a non-breaking hyphen
		"Zürich":     "zürich",
		"ÉCOLE":      "école",
		"you’re":     "you're",
		"straight's": "straight's",
	} {
		if got := string(wordFold(nil, []byte(in))); got != want {
			t.Errorf("wordFold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLetterCase(t *testing.T) {
	tests := []struct {
		word string
		c    letterCase
		form string // the form "uyghur" written in the word's case
	}{
		{"uighur", caseLower, "uyghur"},
		{"Uighur", caseTitle, "Uyghur"},
		{"UIGHUR", caseUpper, "UYGHUR"},
		{"uIghur", caseMixed, "uyghur"},
		{"Web site", caseTitle, "Uyghur"},
		{"Émile", caseTitle, "Uyghur"},
	}
	for _, tt := range tests {
		if got := letterCaseOf([]byte(tt.word)); got != tt.c {
			t.Errorf("letterCaseOf(%q) = %v, want %v", tt.word, got, tt.c)
		}
		if got := inLetterCase("uyghur", tt.c); got != tt.form {
			t.Errorf("inLetterCase(uyghur, %v) = %q, want %q", tt.c, got, tt.form)
		}
	}
	if got := inLetterCase("YouTube", caseTitle); got != "YouTube" {
		t.Errorf("inLetterCase(YouTube, title) = %q", got)
	}
	if got := inLetterCase("école", caseTitle); got != "École" {
		t.Errorf("inLetterCase(école, title) = %q", got)
	}
}

func TestPhraseMatcher(t *testing.T) {
	m, err := newPhraseMatcher([]string{"Read more", "Share on Facebook", "Required fields are marked *", "Share"})
	if err != nil {
		t.Fatal(err)
	}
	for line, want := range map[string]bool{
		"Read more":                      true,
		"READ   MORE »":                  true,
		"Required fields are marked *":   true,
		"Share on Facebook | Read more":  true,
		"• Share on Facebook • Share":    true,
		"Share on Facebook Share":        true,
		"Read more books":                false,
		"Read mores":                     false,
		"Share on":                       false,
		"Read more, and then read more.": false,
		"Requiredfields are marked *":    false,
		"":                               false,
		" | ":                            false,
		"Read more " + strings.Repeat("Read more ", 200): false, // too long to be a boilerplate line
	} {
		if got := m.whole([]byte(line)); got != want {
			t.Errorf("whole(%q) = %v, want %v", line, got, want)
		}
	}
	if _, err := newPhraseMatcher([]string{" * "}); err == nil {
		t.Error("a phrase without words: no error")
	}
}

// TestWordRulesConcurrent runs the four rules from one Linter over
// documents in parallel: each Check must be safe for concurrent use (run
// with -race to see it).
func TestWordRulesConcurrent(t *testing.T) {
	l, err := NewLinter(NewRegistry(Misspell, Variants, WebBoilerplate, SecondPerson),
		Config{Rules: map[string]Setting{Misspell.ID: {Options: Options{"locale": "US"}}}})
	if err != nil {
		t.Fatal(err)
	}
	doc := seedArticle(t)
	want := len(l.Lint(doc))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := len(l.Lint(doc)); got != want {
					t.Errorf("got %d findings, want %d", got, want)
				}
			}
		})
	}
	wg.Wait()
}

// mayEqualFold never turns away a pair that bytes.EqualFold finds equal.
func TestMayEqualFold(t *testing.T) {
	words := []string{"", "a", "A", "the", "The", "THE", "@x", "`x", "[a", "{a", "1990", "Kelvin", "\u212Aelvin",
		"ſun", "sun", "Sun", "été", "Été", "ÉTÉ", "_a", "a_", "Walla", "walla"}
	for _, a := range words {
		for _, b := range words {
			eq := bytes.EqualFold([]byte(a), []byte(b))
			if may := mayEqualFold([]byte(a), []byte(b)); eq && !may {
				t.Errorf("%q, %q: equal under folding, turned away", a, b)
			}
		}
	}
	if mayEqualFold([]byte("the"), []byte("cat")) || mayEqualFold([]byte("@x"), []byte("`x")) {
		t.Error("different first letters pass")
	}
}

// TestFoldPlainKeyAgreesWithFoldKey checks the one-pass fold of plain
// ASCII words against foldKey, and that it declines every other word.
func TestFoldPlainKeyAgreesWithFoldKey(t *testing.T) {
	for _, w := range []string{"recieve", "Recieve", "RECIEVE", "a", "", "teh", "McDonald", "it's",
		"co-operate", "café", "Ünited", "e‐mail", "x9y", "MiXeD"} {
		key, h, ok := foldPlainKey(nil, []byte(w))
		plain := !strings.ContainsAny(w, "-") && !strings.ContainsFunc(w, func(r rune) bool { return r >= 0x80 })
		if ok != plain {
			t.Errorf("%q: ok = %v, want %v", w, ok, plain)
			continue
		}
		if !ok {
			continue
		}
		wantKey, wantH := foldKey(nil, []byte(w))
		if string(key) != string(wantKey) || h != wantH {
			t.Errorf("%q: foldPlainKey = %q %d, foldKey = %q %d", w, key, h, wantKey, wantH)
		}
	}
}
