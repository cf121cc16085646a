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
