package rules

import (
	"testing"

	"github.com/docqa/docqa/document"
)

func TestDoubledWord(t *testing.T) {
	runRuleCases(t, DoubledWord, nil, "a.txt", []ruleCase{
		{"simple", "It was the the end.", []string{"1:8 the the"}},
		{"case-insensitive", "The the report was late.", []string{"1:1 The the"}},
		{"across a line break", "in particular\nparticular crimes", []string{"1:4 particular\nparticular"}},
		{"across CRLF", "in particular\r\nparticular crimes", []string{"1:4 particular\r\nparticular"}},
		{"inside a quotation", "He said “in particular particular crimes.”", []string{"1:13 particular particular"}},
		{"after wide characters", "北京 😀 is is is the the end", []string{"1:15 the the"}},
		{"had had", "By then she had had enough.", nil},
		{"that that", "He said that that was wrong.", nil},
		{"Walla Walla", "He moved to Walla Walla in 1990.", nil},
		{"Sing Sing", "He served time in Sing Sing prison.", nil},
		{"an unknown name", "They visited Bora Bora and Baden Baden.", nil},
		{"The The is not a name", "The The band played.", []string{"1:1 The The"}},
		{"bye bye", "She waved bye bye to the crowd.", nil},
		{"numbers", "Rows 2 2 and 10 10 are tables.", nil},
		{"punctuation between", "Yes, yes, I know. It was was.", []string{"1:22 was was"}},
		{"comma between", "It was, was it not?", nil},
		{"sentence boundary", "He left. Left alone, she wept.", nil},
		{"across paragraphs", "The end the\n\nthe start.", nil},
		{"different words", "The report reports.", nil},
		{"apostrophe words", "The report’s report’s pages.", []string{"1:5 report’s report’s"}},
		// Tokens as written (#14): a name's parts are not words of their own.
		{"a domain before its last part", "Tickets at gophercon.in in Bengaluru.", nil},
		{"a file name before its extension", "Run main.exe exe files.", nil},
		{"a handle", "Follow @in in June.", nil},
		// An all-capitals word and its lower-case form name something.
		{"an operator and its word", "Bitwise AND and assignment; OR or XOR.", nil},
		{"capitals both times", "THE THE END", []string{"1:1 THE THE"}},
		{"a capital and its word", "The the end.", []string{"1:1 The the"}},
		// A phrase ends and the next begins with the same word.
		{"object then subject", "But I tell you you don't get the point.", nil},
		{"object of a preposition then subject", "When I got to it it warn't nothing.", nil},
		{"object then possessive", "He gave her her ticket.", nil},
		{"particle then preposition", "I took the letters in in the morning.", nil},
		{"pronoun object then particle", "She put it on on Monday.", nil},
		{"subject doubled", "He said it it was late.", []string{"1:9 it it"}},
		{"subject doubled after a conjunction", "And you you know it.", []string{"1:5 you you"}},
		{"a preposition doubled after an idiom", "The launch took place in in 2019.", []string{"1:23 in in"}},
		{"a preposition doubled after an object", "They set the record in in 2019.", []string{"1:21 in in"}},
		{"a preposition doubled after a noun", "The people in in the region left.", []string{"1:12 in in"}},
	})
}

func TestDoubledWordMarkdown(t *testing.T) {
	runRuleCases(t, DoubledWord, nil, "a.md", []ruleCase{
		{"inside a code span", "Use `the the` in code.", nil},
		{"code span between", "the `x` the", nil},
		{"inside a code block", "Text.\n\n```\nthe the\n```\n", nil},
		{"emphasis between", "It was *the* the end.", []string{"1:9 the* the"}},
		{"link target", "See [here](http://x.org/a/a) now.", nil},
		{"heading", "# The the title", []string{"1:3 The the"}},
	})
}

func TestDoubledWordAllowOption(t *testing.T) {
	runRuleCases(t, DoubledWord, Options{"allow": []string{"Very"}}, "a.txt", []ruleCase{
		{"allowed by config", "It was very very good, and good good.", []string{"1:28 good good"}},
	})
}

func TestDoubledWordFix(t *testing.T) {
	l, err := NewLinter(NewRegistry(DoubledWord), Config{})
	if err != nil {
		t.Fatal(err)
	}
	text := "in particular\nparticular crimes"
	d := document.Load("a.txt", []byte(text))
	fs := l.Lint(d)
	if len(fs) != 1 || len(fs[0].Fixes) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	f := fs[0].Fixes[0]
	got := text[:f.Span.Start] + f.Replacement + text[f.Span.End:]
	if got != "in particular crimes" {
		t.Errorf("fixed text = %q", got)
	}
	if f.Unsafe {
		t.Errorf("fix outside a quotation is unsafe")
	}
}

// TestDoubledWordFixMarkdown: in Markdown the fix deletes a word and the
// white space beside it, never markup: where the words are split by link
// brackets or emphasis marks it deletes the word on the side that keeps
// them, and where no such edit exists (a word alone in its emphasis, a
// reference label that must match its definition) the finding has no fix.
// The fixed texts are the defects, mended.
func TestDoubledWordFixMarkdown(t *testing.T) {
	const def = "\n\n[the the]: https://example.com/the\n"
	l, err := NewLinter(NewRegistry(DoubledWord), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		want       string // the text fixed; "" for a finding without a fix
	}{
		{"plain words", "It was the the end.", "It was the end."},
		{"inside link text", "Read [the the guide](https://example.com) first.", "Read [the guide](https://example.com) first."},
		{"link bracket between", "Read the [the installation guide](https://example.com) first.",
			"Read the [installation guide](https://example.com) first."},
		{"full reference text", "Read the [the guide][g] first.\n\n[g]: https://example.com\n",
			"Read the [guide][g] first.\n\n[g]: https://example.com\n"},
		{"emphasis mark between", "This is the *the* key step.", "This is *the* key step."},
		{"underscore emphasis", "This is the _the_ key step.", "This is _the_ key step."},
		{"strong marks between", "**The** the end.", "**The** end."},
		{"strong marks at a line start", "Go on.\n**The** the end.", "Go on.\n**The** end."},
		{"first word, emphasis at the line start", "the *the* key step.", "*the* key step."},
		{"across a line break", "Read the\nthe guide.", "Read the guide."},
		{"emphasis across a line break", "Read *the*\nthe guide.", "Read *the*\nguide."},
		{"hard line break kept", "Read the  \nthe guide.", "Read the  \nguide."},
		{"backslash line break kept", "Read the\\\nthe guide.", "Read the\\\nguide."},
		{"collapsed reference label", "See [the the][] below." + def, ""},
		{"shortcut reference label", "See [the the] below." + def, ""},
		{"word alone in its emphasis, then", "It is *the* the.", ""},
		{"word alone in its emphasis, after", "It is the *the*.", "It is *the*."},
		{"first word capitalised, second emphasised", "The *the* key step.", ""},
		{"second word would bring a digit to the line start", "Read *the*\nthe 1. step.", ""},
		{"second word opens its emphasis, punctuation after it", "It is the*the !* end.", ""},
		{"first word, emphasis holding punctuation", "It was the *the (new)* end.", "It was *the (new)* end."},
		{"first word after a bracket", "It is (the *the*) now.", "It is (*the*) now."},
		{"first word after emphasis marks", "It is **the *the*** now.", ""},
		{"first word after a literal star", "It is *the *the* now.", ""},
		{"first word, link at the line start", "the [the](https://example.com) first.", "[the](https://example.com) first."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := document.Load("a.md", []byte(tt.text))
			fs := l.Lint(d)
			if len(fs) != 1 {
				t.Fatalf("%d findings, want 1: %+v", len(fs), fs)
			}
			if tt.want == "" {
				if len(fs[0].Fixes) != 0 {
					f := fs[0].Fixes[0]
					t.Errorf("fix %q, want none", tt.text[:f.Span.Start]+f.Replacement+tt.text[f.Span.End:])
				}
				return
			}
			if len(fs[0].Fixes) != 1 {
				t.Fatalf("fixes = %+v, want one", fs[0].Fixes)
			}
			f := fs[0].Fixes[0]
			if got := tt.text[:f.Span.Start] + f.Replacement + tt.text[f.Span.End:]; got != tt.want {
				t.Errorf("fixed text\n%q, want\n%q", got, tt.want)
			}
		})
	}
}
