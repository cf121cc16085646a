package document

import (
	"fmt"
	"strings"
	"testing"
)

// describeQuotes renders a document's quotations and problems compactly:
// each quotation as its content in ⟨⟩ (nested ones as well), each problem
// as kind@line:col.
func describeQuotes(d *Document) (quotes []string, problems []string) {
	for _, q := range d.Quotes {
		s := "⟨" + d.String(q.Content) + "⟩"
		if q.Close < 0 {
			s += "open"
		}
		if len(q.Reopens) > 0 {
			s += fmt.Sprintf("+%d", len(q.Reopens))
		}
		if q.Colon {
			s += ":"
		}
		quotes = append(quotes, s)
	}
	for _, p := range d.QuoteProblems {
		pos := d.Position(p.Mark.Start)
		kind := map[QuoteProblemKind]string{Unclosed: "unclosed", Unopened: "unopened", NestedUnclosed: "nested"}[p.Kind]
		problems = append(problems, fmt.Sprintf("%s %s@%d:%d", kind, d.String(p.Mark), pos.Line, pos.Column))
	}
	return quotes, problems
}

func TestQuotePairing(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		quotes   []string
		problems []string
	}{
		{"curly double", "He said “we will stay.”", []string{"⟨we will stay.⟩"}, nil},
		{"straight double", `He said "we will stay."`, []string{"⟨we will stay.⟩"}, nil},
		{"nested single curly", "She said “he told me ‘never again’ twice.”",
			[]string{"⟨he told me ‘never again’ twice.⟩", "⟨never again⟩"}, nil},
		{"nested single straight", `She said "he told me 'never again' twice."`,
			[]string{"⟨he told me 'never again' twice.⟩", "⟨never again⟩"}, nil},
		{"possessive apostrophe curly", "The report’s findings on the Uyghurs’ camps.", nil, nil},
		{"possessive apostrophe straight", "The report's findings on the Uyghurs' camps.", nil, nil},
		{"possessive inside quotation", "He said “the Uyghurs’ camps are closed.”", []string{"⟨the Uyghurs’ camps are closed.⟩"}, nil},
		{"elided decade curly", "Music of the ’90s was loud.", nil, nil},
		{"elided decade straight", "Music of the '90s was loud.", nil, nil},
		{"elided decade wrongly curled", "Music of the ‘90s was loud.", nil, nil},
		{"rock and roll curly", "He loved rock ’n’ roll all his life.", nil, nil},
		{"rock and roll straight", "He loved rock 'n' roll all his life.", nil, nil},
		{"em and til", "Give ’em time ’til dawn, he said.", nil, nil},
		{"contractions", "It isn’t and it wasn't, o’clock.", nil, nil},
		{"single quotation curly", "The UN found ‘crimes against humanity’ there.", []string{"⟨crimes against humanity⟩"}, nil},
		{"single quotation straight", "The UN found 'crimes against humanity' there.", []string{"⟨crimes against humanity⟩"}, nil},
		{"inch and foot marks", `He is 5'10" tall and the screen is 27" wide.`, nil, nil},
		{"quotation ending in a number", `He said "the answer is 42" and left.`, []string{"⟨the answer is 42⟩"}, nil},
		{"unclosed double", "He said “we will stay.", []string{"⟨we will stay.⟩open"}, []string{"unclosed “@1:9"}},
		{"unopened double", "He said we will stay.” Then he left.", nil, []string{"unopened ”@1:22"}},
		{"nested single left open", "She said “he told me ‘never again twice.”",
			[]string{"⟨he told me ‘never again twice.⟩", "⟨never again twice.⟩open"}, []string{"nested ‘@1:22"}},
		{"crossed nesting", "She said “he told me ‘never” again’ twice.",
			[]string{"⟨he told me ‘never⟩", "⟨never⟩open"}, []string{"nested ‘@1:22"}},
		{"multi-paragraph quotation",
			"“The first paragraph of the statement goes on.\n\n“The second paragraph goes on as well.\n\n“The last paragraph closes it,” he said.",
			[]string{"⟨The first paragraph of the statement goes on.\n\n“The second paragraph goes on as well.\n\n“The last paragraph closes it,⟩+2"}, nil},
		{"multi-paragraph quotation never closed",
			"“The first paragraph goes on.\n\n“The second paragraph never closes.\n\nThe reporter writes on.",
			[]string{"⟨The first paragraph goes on.\n\n“The second paragraph never closes.⟩open+1"}, []string{"unclosed “@1:1"}},
		{"unclosed quotation not continued", "He said “we will stay.\n\nThe minister left.",
			[]string{"⟨we will stay.⟩open"}, []string{"unclosed “@1:9"}},
		{"colon before quotation", "The statement read: “We will not move.”", []string{"⟨We will not move.⟩:"}, nil},
		{"colon ending the paragraph before", "The statement read:\n\n“We will not move.”", []string{"⟨We will not move.⟩:"}, nil},
		{"colon ending a paragraph with no-break spaces", "Michael Dolan, Best Buy:\u00a0\u00a0\n\n“We will not move.”", []string{"⟨We will not move.⟩:"}, nil},
		{"list of quotations after a colon, plain text", "Here’s what you missed:\n\n-   “We will not move.” (Watch)\n-   “Nor will we.”\n2. “Ever.”",
			[]string{"⟨We will not move.⟩:", "⟨Nor will we.⟩:", "⟨Ever.⟩:"}, nil},
		{"list introduced on the line before", "Here’s what you missed:\n* “We will not move.”\n• “Nor will we.”", []string{"⟨We will not move.⟩:", "⟨Nor will we.⟩:"}, nil},
		{"list after a sentence", "The crowd was quiet.\n\n-   “We will not move.”\n-   “Nor will we.”", []string{"⟨We will not move.⟩", "⟨Nor will we.⟩"}, nil},
		{"a dash inside a line is no list", "He left: then - “we will not move.”", []string{"⟨we will not move.⟩"}, nil},
		{"two paragraphs balanced", "“One,” he said.\n\n“Two,” she said.", []string{"⟨One,⟩", "⟨Two,⟩"}, nil},
		{"guillemets", "Il a dit «non» hier.", []string{"⟨non⟩"}, nil},
		{"straight mark between spaces is no quotation", `Prices: 5 " and 6 " marks.`, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.txt", []byte(tt.text))
			quotes, problems := describeQuotes(d)
			if strings.Join(quotes, "|") != strings.Join(tt.quotes, "|") {
				t.Errorf("quotes:\n got %q\nwant %q", quotes, tt.quotes)
			}
			if strings.Join(problems, "|") != strings.Join(tt.problems, "|") {
				t.Errorf("problems:\n got %q\nwant %q", problems, tt.problems)
			}
		})
	}
}

func TestInQuote(t *testing.T) {
	text := "Before “inside ‘nested’ text” after.\n\n“Multi\n\n“para,” end."
	d := Load("a.txt", []byte(text))
	for _, c := range []struct {
		word string
		want bool
	}{
		{"Before", false}, {"inside", true}, {"nested", true}, {"text", true}, {"after", false},
		{"Multi", true}, {"para", true}, {"end", false},
	} {
		off := strings.Index(text, c.word)
		if got := d.InQuote(off); got != c.want {
			t.Errorf("InQuote(%q) = %v, want %v", c.word, got, c.want)
		}
	}
}

func TestQuotesInMarkdownCode(t *testing.T) {
	text := "Use `\"` to open a string, and `'` too.\n\n```\nprint(\"unclosed)\n```\n\nHe said “fine.”\n"
	d := Load("a.md", []byte(text))
	quotes, problems := describeQuotes(d)
	if len(problems) != 0 {
		t.Errorf("problems in code: %q", problems)
	}
	if strings.Join(quotes, "|") != "⟨fine.⟩" {
		t.Errorf("quotes = %q", quotes)
	}
}

func TestSeedArticleQuotesBalanced(t *testing.T) {
	d := loadFile(t, "../testdata/article.txt")
	_, problems := describeQuotes(d)
	if len(problems) != 0 {
		t.Errorf("seed article: unexpected quotation problems %q", problems)
	}
	if len(d.Quotes) < 30 {
		t.Errorf("seed article: %d quotations, want the 30-odd it has", len(d.Quotes))
	}
}
