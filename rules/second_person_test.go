package rules

import (
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

func TestSecondPersonSeedArticle(t *testing.T) {
	l, err := NewLinter(NewRegistry(SecondPerson), Config{})
	if err != nil {
		t.Fatal(err)
	}
	doc := seedArticle(t)
	fs := l.Lint(doc)
	var got []string
	for _, f := range fs {
		got = append(got, renderFinding(doc, f))
	}
	// Line 77, "Your email address will not be published.", is web page
	// residue (boilerplate/web), not narration.
	if len(got) != 1 || got[0] != "21:361 yourself" {
		t.Fatalf("seed article: got %q, want [\"21:361 yourself\"]", got)
	}
	f := fs[0]
	if f.Severity != Info || len(f.Fixes) != 0 {
		t.Errorf("severity %v, fixes %v", f.Severity, f.Fixes)
	}
	if want := "“yourself”: second person in news prose addresses the reader; report in the third person"; f.Message != want {
		t.Errorf("message %q, want %q", f.Message, want)
	}
}

func TestSecondPersonCases(t *testing.T) {
	runWordRuleCases(t, SecondPerson, nil, []wordRuleCase{
		{name: "see for yourself", text: "No invitation for free entry to see for yourself.",
			want: []string{"1:41 yourself"}},
		{name: "every form", text: "You know your rights; yours are yours, so help yourselves. You’re told you've won, you'll see, you’d think. YOU're next.",
			want: []string{"1:1 You", "1:10 your", "1:23 yours", "1:33 yours", "1:48 yourselves",
				"1:60 You’re", "1:72 you've", "1:84 you'll", "1:96 you’d", "1:109 YOU're"}},
		{name: "across lines", text: "If\nyou\nlook", want: []string{"2:1 you"}},
		{name: "after a closed quotation", text: "“We are equal,” he said. You decide.",
			want: []string{"1:26 You"}},
		{name: "emoji before", text: "👩🏽‍💻 you", want: []string{"1:6 you"}},
		{name: "CJK before", text: "新疆 your view", want: []string{"1:4 your"}},
		{name: "BOM and CRLF", text: "\uFEFFThe report.\r\nSee for yourself.\r\n",
			want: []string{"2:9 yourself"}},
		{name: "Markdown", file: "a.md", text: "# What *you* need to know\n\nRun `you` now.\n",
			want: []string{"1:9 you"}},

		{name: "curly quotation", text: "“You can see for yourself,” he said."},
		{name: "straight quotation", text: `He said: "You can see for yourself."`},
		{name: "multi-paragraph quotation", text: "“You will see.\n\n“Your children will see,” she said."},
		{name: "nested quotation", text: "“He told me ‘you are free’,” she said."},
		{name: "similar words", text: "Youth groups on the bayou; the Younger family; Young people; yourt; yous."},
		{name: "compounds", text: "A do-it-yourself kit and a thank-you note."},
		{name: "boilerplate line", text: "The end.\n\nYour email address will not be published.\n"},
	})
}

func TestSecondPersonAllocations(t *testing.T) {
	doc := seedArticle(t)
	clean := document.Load("a.txt", []byte(strings.ReplaceAll(string(doc.Text), "see for yourself", "see")))
	if n := checkAllocs(t, SecondPerson, Options{}, clean); n != 0 {
		t.Errorf("checking the seed article without its finding allocates %v times, want 0", n)
	}
}

// TestSecondPersonTranscript checks that a transcript in speaker-label
// form, where every word is a speaker's, gives no finding, and that one
// label alone does not make a transcript.
func TestSecondPersonTranscript(t *testing.T) {
	runRuleCases(t, SecondPerson, nil, "a.txt", []ruleCase{
		{"press briefing", "MS. JEAN-PIERRE: Thank you all for joining us.\n\nQ: Can you say more about the plan?\n\n" +
			"MS. JEAN-PIERRE: As you know, we announced it on Monday.", nil},
		{"a note is no speaker", "Note: you can watch the launch live.", []string{"1:7 you"}},
		{"an interview answer", "Diana Acosta: A good mentor will back you up in big meetings.\n\nThe launch is live.", nil},
		{"a recurring one-word label is a speaker", "Question: What drives you?\n\nAdams: Curiosity, and you should keep yours.\n\nQuestion: What next?\n\nAdams: The Moon.", nil},
		{"a subheading with a label addresses the reader", "Advice to Students: Success Takes Effort – But You Can Do It\n\nTwine trains astronauts.", []string{"1:48 You"}},
		{"an interview without labels", "What do you do at Goddard?\n\nI represent the astronomers to the project, and you learn a lot.\n\n" +
			"What brought you here?\n\nMy mentor told me about an opening.\n\nThe telescope launches in 2027.", nil},
		{"a rhetorical question in narration", "Want to see the launch?\n\nYou can watch it live on NASA+.\n\nWhat is next?\n\nThe rocket rolls out in May.",
			[]string{"3:1 You"}},
		{"a speech without labels, addressed to its audience", "Wendy R. Sherman, Deputy Secretary of State\n\n" +
			"I’m pleased to welcome you all to the 84th meeting of the International Commission today.\n\n" +
			"For decades, the archives have ensured that each generation remembers the history of the Holocaust.\n\n" +
			"I want to recognize the leadership of the Special Envoy, and I want to thank every nation for your commitment.\n\n" +
			"You have found innovative ways to tell the stories of the Holocaust, even in the depths of the pandemic.", nil},
		{"a release in an institution's voice", "In an address, the President reaffirmed our nation’s founding principles and our religious freedoms today.\n\n" +
			"Here’s what you missed:\n\nThe President called for Americans to come together in prayer for our nation.",
			[]string{"3:13 you"}},
		{"narration before a transcript", "You can read the transcript below.\n\nTHE PRESIDENT: Thank you.\n\nQ: Can you say more?\n\n" +
			"THE PRESIDENT: As you know, no.", []string{"1:1 You"}},
	})
}
