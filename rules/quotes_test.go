package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/docqa/docqa/document"
)

func TestQuotesUnbalanced(t *testing.T) {
	runRuleCases(t, QuotesUnbalanced, nil, "a.txt", []ruleCase{
		{"balanced curly", "He said “we will stay.”", nil},
		{"balanced straight", `He said "we will stay."`, nil},
		{"unclosed", "He said “we will stay.", []string{"1:9 “"}},
		{"unopened", "We will stay,” he said.", []string{"1:14 ”"}},
		{"straight unclosed", `He said "we will stay.`, []string{`1:9 "`}},
		{"nested single left open", "She said “he told me ‘never again twice.”", []string{"1:22 ‘"}},
		{"crossed nesting", "She said “he told me ‘never” again’ twice.", []string{"1:22 ‘"}},
		{"possessive and elision", "The Uyghurs’ and the report’s ’90s, rock ’n’ roll; the Uyghurs' and '90s, rock 'n' roll.", nil},
		{"possessive inside a single quotation", "He called it ‘the Uyghurs’ camps’ then.", nil},
		{"multi-paragraph quotation", "“First paragraph of the statement.\n\n“Second paragraph of it.\n\n“Last one,” he said.", nil},
		{"multi-paragraph quotation never closed", "“First paragraph.\n\n“Second paragraph.\n\nThe end.", []string{"1:1 “"}},
		{"after a BOM and CRLF", "\uFEFFFirst line.\r\nHe said “never.\r\n", []string{"2:9 “"}},
	})
}

func TestQuotesUnbalancedMarkdown(t *testing.T) {
	runRuleCases(t, QuotesUnbalanced, nil, "a.md", []ruleCase{
		{"quote mark in a code span", "Type `\"` to start a string.", nil},
		{"quote mark in a code block", "Text.\n\n```\nx = \"unclosed\n```\n", nil},
		{"quote mark in HTML", `<span title='a"b'>text</span> fine.`, nil},
		{"heading does not continue", "# “Unclosed heading\n\n“Then a quote.”", []string{"1:3 “"}},
		{"real unclosed in Markdown", "He said “stop *now*.", []string{"1:9 “"}},
	})
}

func TestQuotesAttribution(t *testing.T) {
	runRuleCases(t, QuotesAttribution, nil, "a.txt", []ruleCase{
		{"said after", "“We will not stand for this destruction,” the mayor said.", nil},
		{"said before", "The mayor said “we will not stand for this destruction.”", nil},
		{"according to", "“The camps are closed now,” according to the ministry.", nil},
		{"no speaker", "“We will not stand for this destruction of our town.”", []string{"1:1 “We will not stand for this destruction of our town.”"}},
		{"no speaker mid-paragraph", "The crowd gathered. “We will not stand for this,” they chanted loudly? No: “Nobody will ever stop us now.”", nil},
		{"scare quote", "The government calls them “vocational centers” in public.", nil},
		{"one word", "Beijing said the report “distorts” its laws.", nil},
		{"one word, no verb", "The so-called “experts” arrived.", nil},
		{"title in capitals", "He watched “The Lord of the Rings” again.", nil},
		{"colon before", "The sign on the door: “No entry for anyone after dark tonight.”", nil},
		{"colon ending the paragraph before", "The statement read in full:\n\n“We will not stand for this destruction of our town.”", nil},
		{"speech verb only inside the quotation", "“He said we will not stand for this destruction.”", []string{"1:1 “He said we will not stand for this destruction.”"}},
		{"multi-paragraph quotation attributed in the first", "“We will stay here,” he said. “And we will fight on.\n\n“Nobody will move us from this square.\n\n“Nobody at all.”", nil},
		{"continuation paragraph without verb", "The minister said: “One thing is clear.\n\n“We will fight on and on until the end.”", nil},
		{"paragraph continuing an attributed quotation", "“We will stay here,” he said.\n\n“Nobody will move us from this square.”", nil},
		{"paragraph after a partial quotation", "The report said “serious violations” happened.\n\n“Nobody will move us from this square.”", []string{"3:1 “Nobody will move us from this square.”"}},
		{"one finding for a run of gaps one attribution mends", "“We will stay here and fight.” “Nobody will move us from here.”", []string{"1:1 “We will stay here and fight.”"}},
		{"a run of gaps into the next paragraph", "The crowd was quiet.\n\n“We will stay here and fight.” “Nobody will move us from here.”\n\n“This is our home and always was.”",
			[]string{"3:1 “We will stay here and fight.”"}},
		{"gaps either side of an attributed quotation are two findings", "“We will stay here and fight.”\n\nThe mayor left.\n\n“Nobody will move us from here,” she said.\n\nThe crowd stayed.\n\n“This is our home and always was.”",
			[]string{"1:1 “We will stay here and fight.”", "9:1 “This is our home and always was.”"}},
		{"straight quotes", `"We will not stand for this destruction," she told reporters.`, nil},
	})
}

func TestQuotesAttributionVerbsOption(t *testing.T) {
	// The verb stands in the sentence after the quotation, where only the
	// lexicon counts (right after a quotation ending in a comma, any verb
	// does).
	text := "“We will not stand for this destruction.” The mayor thundered on."
	runRuleCases(t, QuotesAttribution, nil, "a.txt", []ruleCase{
		{"not a built-in verb", text, []string{"1:1 “We will not stand for this destruction.”"}},
	})
	runRuleCases(t, QuotesAttribution, Options{"extra_verbs": []string{"thundered"}}, "a.txt", []ruleCase{
		{"extra verb", text, nil},
	})
	runRuleCases(t, QuotesAttribution, Options{"verbs": []string{"thundered", "in a letter"}}, "a.txt", []ruleCase{
		{"replaced list: said no longer counts", "“We will not stand for this destruction.” The mayor said so.", []string{"1:1 “We will not stand for this destruction.”"}},
		{"replaced list: phrase", "“We will not stand for this destruction.” The mayor wrote so in a letter.", nil},
	})
	runRuleCases(t, QuotesAttribution, Options{"remove_verbs": []string{"said"}}, "a.txt", []ruleCase{
		{"removed verb", "“We will not stand for this destruction.” The mayor said so.", []string{"1:1 “We will not stand for this destruction.”"}},
		{"kept verb", "“We will not stand for this destruction.” The mayor wrote so.", nil},
	})
	runRuleCases(t, QuotesAttribution, Options{"min_words": 8}, "a.txt", []ruleCase{
		{"shorter than min_words", "“We will not stand for this.”", nil},
		{"as long as min_words", "“We will not stand for this destruction at all.”", []string{"1:1 “We will not stand for this destruction at all.”"}},
	})
}

// TestUnbalancedMessages checks that the message of an unbalanced mark
// says where the quotation opened and where its paragraph ended, and,
// when an attribution gives it away, where the missing mark belongs.
func TestUnbalancedMessages(t *testing.T) {
	tests := []struct{ text, want string }{
		{"He said: “We will appeal the ruling, he added, and we will win.",
			"1:10: opening “ is never closed: its paragraph ends at 1:63 with no closing mark; it probably closes at 1:37, after “ruling,”, before “he added”"},
		{"“We will appeal. The evidence was ignored, said Ms Okafor, who led the defence.",
			"1:1: opening “ is never closed: its paragraph ends at 1:79 with no closing mark; it probably closes at 1:43, after “ignored,”, before “said Ms Okafor”"},
		{"He said “we will stay.",
			"1:9: opening “ is never closed: its paragraph ends at 1:22 with no closing mark"},
		{"“First paragraph of a long speech.\n\n“Second, never closed.\n\nThe reporter goes on.",
			"1:1: quotation opened with “ runs over 2 paragraphs, each reopening it, and is never closed: the last ends at 3:22"},
		{"She said, we will stay.” Then she left.",
			"1:24: closing ” has no opening mark; the opening mark probably belongs at 1:11, after “said,”"},
		{"The statement read: we will stay.” Then she left.",
			"1:34: closing ” has no opening mark; the opening mark probably belongs at 1:21, after “read:”"},
		{"We will stay.” Then she left.", "1:14: closing ” has no opening mark"},
	}
	l, err := NewLinter(Builtin(), Config{Enable: []string{"quotes/unbalanced"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		d := document.Load("a.txt", []byte(tt.text))
		var got []string
		for _, f := range l.Lint(d) {
			if f.Rule == "quotes/unbalanced" {
				pos := d.Position(f.Span.Start)
				got = append(got, fmt.Sprintf("%d:%d: %s", pos.Line, pos.Column, f.Message))
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestAttributionCues holds a sentence of real copy (US government news
// releases, public domain) for each way a quotation is attributed, and
// the same quotation with the cue gone.
func TestAttributionCues(t *testing.T) {
	const q = "“The upkeep of aging facilities is costly, and we have to put our funding where it does the most good.”"
	gap := []string{"3:1 " + q}
	runRuleCases(t, QuotesAttribution, nil, "a.txt", []ruleCase{
		{"NAME VERB after", "“The upkeep of aging facilities is costly,” Taylor said.", nil},
		{"VERB NAME after", "“The upkeep of aging facilities is costly,” said Justin Taylor, Marshall master planner.", nil},
		{"any verb after a comma inside the marks", "“The upkeep of aging facilities is costly,” Taylor shot back.", nil},
		{"question, verb first", "“Can you become an engineer if you struggle with math?” asked Dorcas Kaweesa.", nil},
		{"NAME VERB colon", "Taylor put it plainly: “The upkeep of aging facilities is costly.”", nil},
		{"NAME VERB comma", "And Barack said, “Joe, I want to do a background check on you.”", nil},
		{"NAME VERB that", "Taylor noted that “the upkeep of aging facilities is costly and slow.”", nil},
		{"according to", "“The upkeep of aging facilities is costly,” according to the facilities team.", nil},
		{"as NAME put it", "As Taylor put it, “the upkeep of aging facilities is costly and slow.”", nil},
		{"in a statement", "In a statement on Monday, the center's director wrote that “the upkeep is costly and slow.”", nil},
		{"dash credit after", "“Aviary is flexible enough that you can decide what you want to learn.” — Jennifer Gratz", nil},
		{"epigraph credited in the next paragraph", "> “It was the best of times, it was the worst of times, it was the age of wisdom.”\n>\n> — Charles Dickens", nil},
		{"bar credit on the next line", "“It was the best of times, it was the worst of times.”\n― Charles Dickens, A Tale of Two Cities", nil},
		{"cited headline with a credit line", "“Minister resigns over the failed budget vote in parliament” — Daily Example, 3 May", nil},
		{"credit line after a pull quote", "“Aviary is flexible enough that you can decide what you want to learn.” Jennifer Gratz Aviary Task Lead", nil},
		{"colon ending the paragraph before", "The following is a statement from NASA Administrator Bill Nelson:\n\n" + q, nil},
		{"statement introduced in the paragraph before", "The following is a statement from NASA Administrator Bill Nelson on the center.\n\n" + q, nil},
		{"sentence after names the source", q + " That line, from a speech by Taylor in 2023, drew applause.", nil},
		{"sentence after says where it is from", "“Dreamers need to stick together and keep going.” This is from the 2015 Disney movie “Tomorrowland.”", nil},
		{"a text introduced just before, with a comma", "The nomination for the medal included the statement, “Through his wide-ranging contributions, he exemplifies service.”", nil},
		{"a report introduced just before", "The Park Service provided the following in concurrence with the report, “Despite ongoing preservation efforts, the tree must go.”", nil},
		{"a title introduced with a comma", "The panel gave a presentation titled, “How NASA Supports Startups and Individuals to Collaborate on its Mission.”", nil},
		{"speaker named as the subject just before", "While unexpected, Koralla seized the opportunity. “You can’t say no to NASA, not ever!”\n\nKoralla joined in 2022.", nil},
		{"profile section under the speaker's name and role", "Faces of NASA\n\nRodney Martin – Deputy Discovery Lead at Ames\n\n" + q + "\n\nIn 2004, Martin joined Ames.\n\nDr. Rodney Martin at Ames Credit: NASA Ames", nil},
		{"profile section under a caption naming the speaker", "Dr. Rodney Martin, Deputy Lead, Ames Research Center Credit: NASA Ames\n\n" + q + "\n\nIn 2004, Rodney Martin joined Ames.", nil},
		{"a heading of capitalised words is no name", "What Comes Next\n\nPhase 2 builds on Phase 1 to create a compact core.\n\n" + q + "\n\nThe Next phase starts soon.", []string{"5:1 " + q}},
		{"continuation paragraph", "“We have to put our funding where it does the most good,” Taylor said.\n\n" + q, nil},
		{"second quotation of the paragraph", "“The upkeep is costly,” Pelfrey said. “I see a very bright future for our center.”", nil},
		{"multi-paragraph quotation", "“The upkeep is costly,” Pelfrey said. “And it goes on.\n\n“I see a very bright future for our center.”", nil},
		{"no cue at all", "The center will close two buildings.\n\n" + q, gap},
		{"cue only in a distant sentence of the paragraph", "Taylor said the team looked at every site. The buildings are old. The roofs leak badly in spring. " + q, []string{"1:99 " + q}},
		{"cue in the sentence before, which has its own quotation", "Taylor called the plan “a hard choice” on Monday.\n\n" + q, gap},
		{"a dash in the next paragraph that credits no one", q + "\n\n— and then the crowd went home.", []string{"1:1 " + q}},
		{"a noun of a text further back is no cue", "The statement came on Monday, and the crowd was quiet after that. " + q, []string{"1:67 " + q}},
		{"an acronym as the subject just before is no speaker", "This fiscal year, NASA Armstrong has zero lost-time accidents. " + q, []string{"1:64 " + q}},
		{"a sentence after that names no source", q + " This is the hard part of the job for the team.", []string{"1:1 " + q}},
	})
}

// TestAttributionNotSpeech holds quotations that are not direct speech,
// from real copy: none is ever reported, whatever stands around it.
func TestAttributionNotSpeech(t *testing.T) {
	runRuleCases(t, QuotesAttribution, nil, "a.md", []ruleCase{
		{"partial quote woven into the sentence", "The buildings were, in his view, “a drain on the budget of the whole center” at best.", nil},
		{"partial quote ending the sentence", "The Vice President made the case that global leadership “makes America strong and it keeps Americans safe.”", nil},
		{"scare quotes", "The so-called “vocational education and training centers” closed.", nil},
		{"term of two words", "Engineers call them sonic “thumps” now.", nil},
		{"title of a work", "Her painting “Beyond Imagination” won the grand prize.", nil},
		{"title introduced as one", "Twine’s official title is “astronaut strength, conditioning, and rehabilitation specialist.”", nil},
		{"saying introduced as one", "As the old adage goes, the adage “measure twice and cut once before you start” held.", nil},
		{"motto", "The motto “E pluribus unum, out of many, one” is on every coin.", nil},
		{"heading", "# “We will not stand for the destruction of our way of life”\n\nThe mayor spoke.", nil},
		{"headline-like line", "“Minister resigns over the failed budget vote”\n\nThe minister resigned on Monday.", nil},
		{"project titles in a list", "University of Michigan “ARC-LIGHT: Algorithm for Robust Characterization of Lunar Imaging” Advisor: Mirko Gamba", nil},
	})
	runRuleCases(t, QuotesAttribution, nil, "a.md", []ruleCase{
		{"epigraph in a block quote, credited in its last paragraph", "> “It was the best of times, it was the worst of times, it was the age of wisdom.”\n>\n> — Charles Dickens\n\nThe story begins.", nil},
	})
	runRuleCases(t, QuotesAttribution, nil, "a.txt", []ruleCase{
		{"a speech's transcript under one speaker label",
			"Capitol Rotunda\n\nTHE PRESIDENT:  Madam Speaker, members of Congress.\n\nEvery morning they pin that badge on. In the back of your minds, “We’ll never get that call home tonight.”", nil},
		{"transcript with speaker labels",
			"THE PRESIDENT: Thank you all.\n\nQ: Mr. President, a question.\n\n" +
				"THE PRESIDENT: Go ahead.\n\n“We will not stand for the destruction of our way of life.”", nil},
		{"interview answers with name labels, in a newsletter",
			"Question: Who inspired you?\n\nAdams: My teacher. “You can be anything you set your mind to,” she told me once.\n\n" +
				"“Never stop asking questions about the world.” I never have.\n\nQuestion: What next?\n\nAdams: The Moon.", nil},
		{"one answer in a feature",
			"Dorcas Kaweesa: When I introduce myself as an engineer, people say, “You must be good at math.” I work at it.", nil},
	})
	// An interview's answers end at the next headline: a quotation of the
	// story after it is judged again.
	runRuleCases(t, QuotesAttribution, nil, "a.txt", []ruleCase{
		{"story after an interview",
			"Question: Who inspired you?\n\nAdams: My teacher, always.\n\nQuestion: What next?\n\nAdams: The Moon.\n\n" +
				"Spotlight on the Safety Office\n\nThe office moved in May.\n\n“We want to see them go in the directions they choose.”",
			[]string{"13:1 “We want to see them go in the directions they choose.”"}},
		{"one label of one word in capitals is no transcript", "UPDATE: The crowd was quiet all morning.\n\n“We will not stand for the destruction of our way of life.”",
			[]string{"3:1 “We will not stand for the destruction of our way of life.”"}},
		{"a field line is no label", "Name: Kate A. McGinnis\n\nTitle: Systems engineer\n\nShe joined in 2017.\n\n“It is always a moment of excitement.”",
			[]string{"7:1 “It is always a moment of excitement.”"}},
	})
}

// TestRelatedPlaces checks the other places findings point to: where an
// unopened closing mark's opening one probably belongs, and the first use
// of the spelling a document chose.
func TestRelatedPlaces(t *testing.T) {
	l, err := NewLinter(Builtin(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text, rule string
		want       []string // "line:col-line:col message"
	}{
		{"She said, we will stay.” Then she left.", "quotes/unbalanced",
			[]string{"1:11-1:11 where the opening mark probably belongs"}},
		{"The Uyghur families left.\n\nAn Uighur family stayed.", "consistency/variants",
			[]string{"1:5-1:11 the document's first “Uyghur”, which chose the spelling"}},
		{"We will stay.” Then she left.", "quotes/unbalanced", nil},
	} {
		d := document.Load("a.txt", []byte(tt.text))
		var got []string
		for _, f := range l.Lint(d) {
			if f.Rule != tt.rule {
				continue
			}
			for _, r := range f.Related {
				s, e := d.Position(r.Span.Start), d.Position(r.Span.End)
				got = append(got, fmt.Sprintf("%d:%d-%d:%d %s", s.Line, s.Column, e.Line, e.Column, r.Message))
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: related %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestInflect checks the forms of the built-in speech verbs.
func TestInflect(t *testing.T) {
	for _, tt := range []struct {
		base string
		want []string
	}{
		{"agree", []string{"agrees", "agreed", "agreeing"}},
		{"note", []string{"notes", "noted", "noting"}},
		{"quip", []string{"quips", "quipped", "quipping"}},
		{"reply", []string{"replies", "replied", "replying"}},
		{"stress", []string{"stresses", "stressed", "stressing"}},
		{"warn", []string{"warns", "warned", "warning"}},
	} {
		if got := inflect(tt.base); !slices.Equal(got, tt.want) {
			t.Errorf("inflect(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}
