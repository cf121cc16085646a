package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// testPipeline returns a pipeline of the rules rs alone, with suppression
// directives as its processor.
func testPipeline(t *testing.T, rs ...*rules.Rule) *Pipeline {
	t.Helper()
	reg := rules.NewRegistry(rs...)
	l, err := rules.NewLinter(reg, rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	sup, err := rules.NewSuppressor(reg, rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return &Pipeline{Registry: reg, Documents: &document.Options{}, linter: l, processors: []Processor{suppression{sup}}}
}

// testRule returns a rule test/id whose check is check.
func testRule(id string, check rules.Check) *rules.Rule {
	return &rules.Rule{ID: "test/" + id, Severity: rules.Warning, Summary: id,
		New: func(rules.Options) (rules.Check, error) { return check, nil }}
}

// doubleSpace replaces each two spaces with one: the two fixes of three
// spaces overlap, so the second applies in a second round.
func doubleSpace() *rules.Rule {
	return testRule("double-space", func(p *rules.Pass) {
		for i := 0; i+1 < len(p.Doc.Text); i++ {
			if p.Doc.Text[i] == ' ' && p.Doc.Text[i+1] == ' ' {
				span := document.Span{Start: i, End: i + 2}
				p.Report(span, "two spaces", rules.Fix{Span: span, Replacement: " "})
			}
		}
	})
}

// restless lengthens the word before a document's first full stop: its
// fix never settles.
func restless() *rules.Rule {
	return testRule("restless", func(p *rules.Pass) {
		if i := strings.IndexByte(string(p.Doc.Text), '.'); i > 0 {
			p.Report(document.Span{Start: i - 1, End: i}, "too short", rules.Fix{Span: document.Span{Start: i, End: i}, Replacement: "a"})
		}
	})
}

// fragile panics on a document without two spaces in a row: on the text
// doubleSpace leaves.
func fragile() *rules.Rule {
	return testRule("fragile", func(p *rules.Pass) {
		if !strings.Contains(string(p.Doc.Text), "  ") {
			panic("no two spaces")
		}
	})
}

// TestFix runs the rounds of fixes over documents: the fixes of every
// round are applied, the findings left are those of the final text after
// the processors, and a refused fix is reported where it is in the final
// text and in the original.
func TestFix(t *testing.T) {
	const (
		// A heading's text is web residue, but deleting it would turn its
		// underline into a rule: the fix is refused, two lines up in the
		// final text once the line "Add a Comment" is gone.
		heading      = "Text.\n\nAdd a Comment\n\nAdvertisement\n-------------\n\nMore.\n"
		headingFixed = "Text.\n\nAdvertisement\n-------------\n\nMore.\n"
		refusedAd    = `boilerplate/web 3:1 "Advertisement" (5:1 in the original)`
		quoted       = "“It was the the day,” she said.\n"
		suppressed   = "It was   late.\n\n<!-- docqa-disable-next-line repetition/doubled-word -- as published -->\n" + quoted
	)
	for _, tt := range []struct {
		name    string
		rules   []*rules.Rule
		path    string
		text    string
		unsafe  bool
		want    string // the final text
		fixed   int
		settled bool
		left    []string // rules of the findings left
		refused []string // rule, position and text in the final text, position in the original
		err     string
	}{
		{name: "overlapping fixes take two rounds", rules: []*rules.Rule{doubleSpace()},
			path: "a.txt", text: "It was   late.\n", want: "It was late.\n", fixed: 2, settled: true},
		{name: "a fix refused for the Markdown structure", rules: []*rules.Rule{rules.WebBoilerplate},
			path: "a.md", text: heading, want: headingFixed, fixed: 1, settled: true,
			left: []string{"boilerplate/web"}, refused: []string{refusedAd}},
		{name: "the same in plain text", rules: []*rules.Rule{rules.WebBoilerplate},
			path: "a.txt", text: heading, want: "Text.\n\n-------------\n\nMore.\n", fixed: 2, settled: true},
		{name: "an unsafe fix left", rules: []*rules.Rule{rules.DoubledWord},
			path: "a.txt", text: quoted, want: quoted, settled: true, left: []string{"repetition/doubled-word"}},
		{name: "an unsafe fix applied", rules: []*rules.Rule{rules.DoubledWord},
			path: "a.txt", text: quoted, unsafe: true, want: "“It was the day,” she said.\n", fixed: 1, settled: true},
		{name: "findings after the processors", rules: []*rules.Rule{doubleSpace(), rules.DoubledWord},
			path: "a.md", text: suppressed, unsafe: true, want: strings.Replace(suppressed, "   ", " ", 1), fixed: 2, settled: true},
		{name: "nothing to fix", rules: []*rules.Rule{rules.DoubledWord},
			path: "a.txt", text: "It was the day.\n", want: "It was the day.\n", settled: true},
		{name: "a finding without a fix", rules: []*rules.Rule{rules.SecondPerson},
			path: "a.txt", text: "Ask yourself why.\n", want: "Ask yourself why.\n", settled: true, left: []string{"style/second-person"}},
		{name: "fixes that never settle", rules: []*rules.Rule{restless()},
			path: "a.txt", text: "Text.\n", want: "Textaaaaa.\n", fixed: MaxFixRounds, left: []string{"test/restless"}},
		{name: "a refusal of the last round found again", rules: []*rules.Rule{restless(), rules.WebBoilerplate},
			path: "a.md", text: heading, want: strings.Replace(headingFixed, "Text.", "Textaaaaa.", 1), fixed: MaxFixRounds + 1,
			left: []string{"test/restless", "boilerplate/web"}, refused: []string{refusedAd}},
		{name: "a panic in a rule", rules: []*rules.Rule{doubleSpace(), fragile()},
			path: "a.txt", text: "It was   late.\n", err: "a.txt: internal error linting it: no two spaces"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := testPipeline(t, tt.rules...)
			doc := p.Load(tt.path, []byte(tt.text))
			findings, err := p.Lint(doc)
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Fix(doc, findings, tt.unsafe)
			if tt.err != "" || err != nil {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) || tt.err == "" {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if got := string(res.Doc.Text); got != tt.want {
				t.Errorf("text %q, want %q", got, tt.want)
			}
			if res.Changed() != (tt.want != tt.text) {
				t.Errorf("Changed() = %v", res.Changed())
			}
			if string(doc.Text) != tt.text {
				t.Errorf("the original document changed: %q", doc.Text)
			}
			if res.Fixed != tt.fixed || res.Settled != tt.settled {
				t.Errorf("fixed %d, settled %v; want %d, %v", res.Fixed, res.Settled, tt.fixed, tt.settled)
			}
			if res.Fixed == 0 && res.Doc != doc {
				t.Errorf("nothing fixed, and another document")
			}
			if got := ruleIDs(res.Findings); !slices.Equal(got, tt.left) {
				t.Errorf("findings left %q, want %q", got, tt.left)
			}
			var refused []string
			for _, f := range res.Refused {
				pos, orig := res.Doc.Position(f.Span.Start), doc.Position(res.Before(f.Span.Start))
				refused = append(refused, fmt.Sprintf("%s %d:%d %q (%d:%d in the original)",
					f.Rule, pos.Line, pos.Column, res.Doc.Text[f.Span.Start:f.Span.End], orig.Line, orig.Column))
			}
			if !slices.Equal(refused, tt.refused) {
				t.Errorf("refused %q, want %q", refused, tt.refused)
			}
		})
	}
}
