package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/misspell"

	"github.com/docqa/docqa/rules/internal/wordtable"
)

func TestMisspellCases(t *testing.T) {
	runWordRuleCases(t, Misspell, nil, []wordRuleCase{
		{name: "lower", text: "The agency did not recieve the report.",
			want: []string{"1:20 recieve -> receive"}},
		{name: "accomodate", text: "The camps could accomodate thousands of detainees.",
			want: []string{"1:17 accomodate -> accommodate"}},
		{name: "title", text: "Recieve it.", want: []string{"1:1 Recieve -> Receive"}},
		{name: "upper", text: "WE DID NOT RECIEVE IT", want: []string{"1:12 RECIEVE -> RECEIVE"}},
		{name: "several", text: "It occured in a seperate\nbuilding.",
			want: []string{"1:4 occured -> occurred", "1:17 seperate -> separate"}},
		{name: "possessive curly", text: "The goverment’s response.",
			want: []string{"1:5 goverment -> government"}},
		{name: "possessive straight", text: "The goverment's response.",
			want: []string{"1:5 goverment -> government"}},
		{name: "hyphenated compound", text: "A well-recieved report.",
			want: []string{"1:8 recieved -> received"}},
		{name: "inside a quotation the fix is unsafe", text: "He said: “We did not recieve it.”",
			want: []string{"1:22 recieve -> receive (unsafe)"}},
		{name: "emoji before", text: "😀👍🏽 recieve", want: []string{"1:5 recieve -> receive"}},
		{name: "CJK before", text: "新疆报告 recieve", want: []string{"1:6 recieve -> receive"}},
		{name: "BOM and CRLF", text: "\uFEFFFirst line.\r\nWe recieve it.\r\n",
			want: []string{"2:4 recieve -> receive"}},

		{name: "correct words", text: "The agency did not receive the report; it could accommodate thousands."},
		{name: "camelCase", text: "Call reCieve and accomodateAll."},
		{name: "URL", text: "See https://example.com/recieve and www.accomodate.org today."},
		{name: "e-mail address", text: "Write to jane@accomodate.com or recieve.desk@example.org."},
		{name: "host name", text: "The site accomodate.example.com is down."},
		{name: "path", text: "The file /srv/recieve/data is gone."},
		{name: "Markdown code span", file: "a.md", text: "Run `recieve --all` first."},
		{name: "Markdown code block", file: "a.md", text: "Run this:\n\n```\nrecieve\n```\n"},
		{name: "words not in the list", text: "Uyghur Xinjiang OHCHR VETCs Bachelet"},
	})
}

func TestMisspellLocale(t *testing.T) {
	const text = "The colour of the flag; the color of the sky."
	runWordRuleCases(t, Misspell, Options{"locale": "US"}, []wordRuleCase{
		{name: "US", text: text, want: []string{"1:5 colour -> color"}},
		{name: "US title", text: "Colour TV.", want: []string{"1:1 Colour -> Color"}},
	})
	runWordRuleCases(t, Misspell, Options{"locale": "UK"}, []wordRuleCase{
		{name: "UK", text: text, want: []string{"1:29 color -> colour"}},
	})
	runWordRuleCases(t, Misspell, Options{"locale": ""}, []wordRuleCase{
		{name: "none", text: text},
	})
	_, fs := lintWith(t, Misspell, Options{"locale": "US"}, "a.txt", "The colour.")
	if len(fs) != 1 || fs[0].Message != "“colour” is the British spelling of “color”" {
		t.Errorf("locale message: %+v", fs)
	}
	if _, err := Misspell.New(Options{"locale": "FR"}); err == nil {
		t.Error("locale FR: no error")
	}
}

func TestMisspellIgnore(t *testing.T) {
	runWordRuleCases(t, Misspell, Options{"ignore": []string{"RECIEVE", "colour"}, "locale": "US"}, []wordRuleCase{
		{name: "ignored", text: "We recieve it. Recieve it. The colour.", want: nil},
		{name: "others still found", text: "We recieve it and accomodate them.",
			want: []string{"1:19 accomodate -> accommodate"}},
	})
}

func TestMisspellMessage(t *testing.T) {
	_, fs := lintWith(t, Misspell, nil, "a.txt", "We recieve it.")
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	if want := "“recieve” is a misspelling of “receive”"; fs[0].Message != want {
		t.Errorf("message %q, want %q", fs[0].Message, want)
	}
	if fs[0].Severity != Warning {
		t.Errorf("severity %v", fs[0].Severity)
	}
}

// misspellProse is real prose (from the seed article and elsewhere) with
// misspellings planted in every case style, at line starts and ends, in
// compounds and before possessives.
const misspellProse = `The report, released just minutes before the end of the High Commissioner’s term, said the goverment’s policies could constitute internasional crimes.

Recieved by the council last week, the report is likely to define her legacy. It occured to observers that the timing was not accidental; the
agency had been acused of delaying publication untill after the visit.

THE OHCHR ALSO CALLED FOR URGENT ATTENTION FROM THE INTERNATIONAL COMMUNITY, WHICH HAD BEEN SLOW TO ACHEIVE CONCENSUS.

Human rights groups said the report is a strong challenge to Beijing’s repeated denial, and a well-recieved one; activists beleive it will make it very difficult for China to counter.
Seperate statements from the mission described it as a farce. What comes after the report remains uncertain, wich is to say that nothing is definately settled.

The camps could accomodate tens of thousands of people, according to independant estimates.`

// TestMisspellAgreesWithReplacer checks the rule's word lookup against
// misspell's own Replacer over the same prose: the same words, at the same
// places, with the same corrections.
func TestMisspellAgreesWithReplacer(t *testing.T) {
	for _, locale := range []string{"", "US", "UK"} {
		t.Run("locale="+locale, func(t *testing.T) {
			text := misspellProse
			if locale != "" {
				text += "\n\nThe colour of the centre, the color of the center, and the organisation."
			}
			r := misspell.New()
			switch locale {
			case "US":
				r.AddRuleList(misspell.DictAmerican)
			case "UK":
				r.AddRuleList(misspell.DictBritish)
			}
			r.Compile()
			_, diffs := r.Replace(text)
			var want []string
			for _, d := range diffs {
				want = append(want, fmt.Sprintf("%d:%d %s -> %s", d.Line, d.Column, d.Original, d.Corrected))
			}

			doc, fs := lintWith(t, Misspell, Options{"locale": locale}, "a.txt", text)
			var got []string
			for _, f := range fs {
				line := doc.Position(f.Span.Start).Line
				col := f.Span.Start - doc.Line(line).Start // 0-based bytes, as misspell counts
				got = append(got, fmt.Sprintf("%d:%d %s -> %s", line, col, doc.String(f.Span), f.Fixes[0].Replacement))
			}
			slices.Sort(want)
			slices.Sort(got)
			if len(want) < 12 {
				t.Fatalf("misspell found only %d misspellings: %q", len(want), want)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rule and misspell disagree\n rule: %q\nmisspell: %q", got, want)
			}
		})
	}
}

func TestMisspellSeedArticle(t *testing.T) {
	l, err := NewLinter(NewRegistry(Misspell), Config{})
	if err != nil {
		t.Fatal(err)
	}
	doc := seedArticle(t)
	for _, f := range l.Lint(doc) {
		t.Errorf("seed article: unexpected finding %s: %s", renderFinding(doc, f), f.Message)
	}
}

func TestMisspellAllocations(t *testing.T) {
	if n := checkAllocs(t, Misspell, Options{}, seedArticle(t)); n != 0 {
		t.Errorf("checking the seed article allocates %v times, want 0", n)
	}
}

// TestMisspellTablesCurrent fails when tables_gen.go is stale: every entry
// of misspell's lists, the first of a repeated key, is in the generated
// tables with the same correction ("go generate ./rules" rewrites them).
func TestMisspellTablesCurrent(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pairs []string
		table *wordtable.Table
	}{
		{"DictMain", misspell.DictMain, &misspellMain},
		{"DictAmerican", misspell.DictAmerican, &misspellUS},
		{"DictBritish", misspell.DictBritish, &misspellUK},
	} {
		seen := map[string]bool{}
		n := 0
		for i := 0; i+1 < len(tc.pairs); i += 2 {
			k := strings.ToLower(tc.pairs[i])
			if seen[k] {
				continue
			}
			seen[k] = true
			n++
			if v, ok := tc.table.Lookup([]byte(k)); !ok || v != tc.pairs[i+1] {
				t.Fatalf("%s: %q → %q, table has %q, %v: run go generate ./rules", tc.name, k, tc.pairs[i+1], v, ok)
			}
		}
		if n != tc.table.Len() {
			t.Errorf("%s: %d keys, table has %d: run go generate ./rules", tc.name, n, tc.table.Len())
		}
	}
}

// caseStyle is misspell's CaseStyle, word for word.
func TestCaseStyleAgreesWithMisspell(t *testing.T) {
	want := map[misspell.WordCase]int{misspell.CaseUnknown: caseStyleOther, misspell.CaseLower: caseStyleLower,
		misspell.CaseUpper: caseStyleUpper, misspell.CaseTitle: caseStyleTitle}
	for _, w := range []string{"", "recieve", "RECIEVE", "Recieve", "reCieve", "McDonald", "iPhone", "A", "a", "É", "Été",
		"été", "ÉTÉ", "R2-D2", "3rd", "x'S", "Occured’s", "ÉCOLE", "école"} {
		if got := caseStyle(w); got != want[misspell.CaseStyle(w)] {
			t.Errorf("%q: %d, misspell says %v", w, got, misspell.CaseStyle(w))
		}
	}
}
