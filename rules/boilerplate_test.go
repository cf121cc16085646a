package rules

import (
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

func TestWebBoilerplateSeedArticle(t *testing.T) {
	l, err := NewLinter(NewRegistry(WebBoilerplate), Config{})
	if err != nil {
		t.Fatal(err)
	}
	doc := seedArticle(t)
	var got []string
	for _, f := range l.Lint(doc) {
		got = append(got, renderFinding(doc, f))
		if f.Severity != Error {
			t.Errorf("severity %v, want error", f.Severity)
		}
	}
	want := []string{
		"75:1 Add a Comment -> delete 75:1-76:1",
		// The last line has no line break: the fix runs to the end.
		"77:1 Your email address will not be published. -> delete 77:1-77:42",
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("seed article:\n got %q\nwant %q", got, want)
	}
}

func TestWebBoilerplateCases(t *testing.T) {
	runWordRuleCases(t, WebBoilerplate, nil, []wordRuleCase{
		{name: "comment form", text: "contributed to this report.\n\nAdd a Comment\n\nYour email address will not be published. Required fields are marked *\n",
			want: []string{"3:1 Add a Comment -> delete 3:1-4:1",
				"5:1 Your email address will not be published. Required fields are marked * -> delete 5:1-6:1"}},
		{name: "case and decoration", text: "ADVERTISEMENT\n\n– Advertisement –\n\nRead more »\n",
			want: []string{"1:1 ADVERTISEMENT -> delete 1:1-2:1", "3:1 – Advertisement – -> delete 3:1-4:1",
				"5:1 Read more » -> delete 5:1-6:1"}},
		{name: "share buttons on one line", text: "The end.\n\nShare on Facebook | Share on Twitter | Share via Email\n",
			want: []string{"3:1 Share on Facebook | Share on Twitter | Share via Email -> delete 3:1-4:1"}},
		{name: "lines of one paragraph", text: "The end.\nShare this article\nShare on Facebook\n",
			want: []string{"2:1 Share this article -> delete 2:1-3:1", "3:1 Share on Facebook -> delete 3:1-4:1"}},
		{name: "wide space before", text: "\u3000Advertisement\n", want: []string{"1:2 Advertisement -> delete 1:1-2:1"}},
		{name: "BOM and CRLF", text: "\uFEFFThe end.\r\n\r\nAdvertisement\r\n\r\nMore text.\r\n",
			want: []string{"3:1 Advertisement -> delete 3:1-4:1"}},
		{name: "Markdown heading and list", file: "a.md", text: "# Story\n\nText.\n\n## Related articles\n\n- Share on Facebook\n- Share on Twitter\n",
			want: []string{"5:4 Related articles -> delete 5:1-6:1", "7:3 Share on Facebook -> delete 7:1-8:1",
				"8:3 Share on Twitter -> delete 8:1-9:1"}},
		{name: "Markdown link", file: "a.md", text: "Text.\n\n[Read more](https://example.com/story) →\n",
			want: []string{"3:2 Read more](https://example.com/story) → -> delete 3:1-4:1"}},

		{name: "in a sentence", text: "The advertisement ran in 1990.\n\nRead more books.\n"},
		{name: "phrase and more", text: "Advertisement for a new car\n\nShare this article with a friend.\n"},
		// WordPress.com labels its ads "Advertisements".
		{name: "plural label", text: "Text.\n\nAdvertisements\n", want: []string{"3:1 Advertisements -> delete 3:1-4:1"}},
		{name: "wrapped sentence", text: "He said that people should\nRead more\nbooks and newspapers.\n"},
		{name: "wrapped lower case", text: "He said that people should\nread more\n"},
		{name: "Markdown code block", file: "a.md", text: "Text.\n\n```\nAdvertisement\n```\n\n    Read more\n"},
		{name: "Markdown code span", file: "a.md", text: "Text.\n\n`Advertisement`\n"},
		{name: "quoted", text: "“Read more,” she said.\n"},
	})
}

func TestWebBoilerplatePhrasesOption(t *testing.T) {
	runWordRuleCases(t, WebBoilerplate, Options{"phrases": []string{"Weiterlesen", "Most Read"}}, []wordRuleCase{
		{name: "configured", text: "Text.\n\nWEITERLESEN\n\nMost read\n\nAdvertisement\n",
			want: []string{"3:1 WEITERLESEN -> delete 3:1-4:1", "5:1 Most read -> delete 5:1-6:1",
				"7:1 Advertisement -> delete 7:1-8:1"}},
		{name: "not in a sentence", text: "The most read story.\n"},
	})
	if _, err := WebBoilerplate.New(Options{"phrases": []string{"***"}}); err == nil {
		t.Error("a phrase without words: no error")
	}
}

func TestWebBoilerplateMessage(t *testing.T) {
	_, fs := lintWith(t, WebBoilerplate, nil, "a.txt", "Advertisement\n")
	if len(fs) != 1 || fs[0].Message != "“Advertisement” is web page residue: delete the line" {
		t.Errorf("findings %+v", fs)
	}
}

func TestWebBoilerplateAllocations(t *testing.T) {
	doc := seedArticle(t)
	// Two findings on the seed: their messages and fixes allocate.
	if n := checkAllocs(t, WebBoilerplate, Options{}, doc); n > 8 {
		t.Errorf("checking the seed article allocates %v times, want few", n)
	}
	clean := document.Load("a.txt", []byte(strings.ReplaceAll(string(doc.Text), "Add a Comment", "Comment")[:8500]))
	if n := checkAllocs(t, WebBoilerplate, Options{}, clean); n != 0 {
		t.Errorf("checking the seed article without its findings allocates %v times, want 0", n)
	}
}

// TestWebBoilerplateShape covers residue recognised by its shape rather than
// by the phrase list: short lines standing alone that are nothing but the
// page's furniture, by class, and article lines that only mention the same
// words.
func TestWebBoilerplateShape(t *testing.T) {
	flagged := func(name, line string) wordRuleCase {
		return wordRuleCase{name: name, text: "The end.\n\n" + line + "\n",
			want: []string{"3:1 " + line + " -> delete 3:1-4:1"}}
	}
	runWordRuleCases(t, WebBoilerplate, nil, []wordRuleCase{
		// Calls to action.
		flagged("follow us", "Follow us on Twitter and Facebook"),
		flagged("follow a handle", "Follow @NASA_Marshall on X"),
		flagged("subscribe", "Subscribe now to our daily newsletter"),
		flagged("sign up", "Sign up for the Morning Briefing newsletter"),
		flagged("share", "Share this story on WhatsApp"),
		flagged("share bar", "Share | Tweet | Email | Print"),
		flagged("click", "Click here to read more"),
		flagged("app", "Download the NASA app"),
		flagged("read more with a headline", "READ MORE: Artemis II crew meets the press in Houston"),
		// Legal lines.
		flagged("copyright", "© 2024 Example Media Group. All rights reserved."),
		flagged("legal links", "Privacy Policy | Terms of Use | Cookie Settings"),
		flagged("wire copyright", "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."),
		// Comment widgets.
		flagged("comment count", "12 Comments"),
		flagged("comments closed", "Comments are closed."),
		flagged("leave a reply", "Leave a Reply Cancel reply"),
		flagged("disqus", "Please enable JavaScript to view the comments powered by Disqus."),
		// Navigation.
		flagged("back to top", "› Back to Top"),
		flagged("skip", "Skip to main navigation"),
		flagged("related", "Related Stories"),
		flagged("most read", "Most Read"),
		flagged("next", "Next article »"),
		flagged("previous and next", "← Previous | Next →"),
		flagged("breadcrumb", "Home › News › Science"),
		flagged("don't miss", "Don’t miss: The 10 best photos of the eclipse"),
		flagged("e-mail", "E-mail | Print | Share this page"),
		// Advertising labels.
		flagged("sponsored", "Sponsored Content"),
		flagged("continues", "Article continues below this advertisement"),
		// A video player's fallback text.
		flagged("video fallback", "To view this video please enable JavaScript, and consider upgrading to a web browser that"),
		{name: "video fallback broken at its link", text: "The end.\n\nTo view this video please enable JavaScript, and consider upgrading to a web browser that\n\nsupports HTML5 video Time-lapse showing robots at work. Credits: NASA\n",
			want: []string{"3:1 To view this video please enable JavaScript, and consider upgrading to a web browser that -> delete 3:1-4:1",
				"5:1 supports HTML5 video -> delete 5:1-5:22"}},
		{name: "caption alone", text: "The end.\n\nThe browser that supports HTML5 video is new.\n\nsupports HTML5 video\n"},

		// Article lines that mention the same words are prose.
		{name: "sentence about subscribing", text: "He urged viewers to subscribe to the channel.\n"},
		{name: "follow in a sentence", text: "Follow the money.\n\nFollow the river north for two miles.\n"},
		{name: "read more about", text: "Read more about Cryogenic Fluid Management.\n\nRead more about some of the research making the journey to the orbiting laboratory:\n"},
		{name: "authored link", text: "To view this year’s contest submissions, click here.\n\nDownload high-resolution photos and videos of the research mentioned in this article.\n"},
		{name: "search", text: "Search this database of scientific experiments to learn more about those mentioned above.\n"},
		{name: "photo credit", text: "Credit: NASA’s Goddard Space Flight Center/Scientific Visualization Studio\n\n© ESA/Hubble\n\nImage courtesy of Cassidy O’Reilly.\n"},
		{name: "video download", text: "Download this video in HD formats from https://svs.gsfc.nasa.gov/14538.\n"},
		{name: "byline", text: "Office of the Spokesperson\n\nBy Jessica Barnett\n"},
		{name: "release header", text: "THE WHITE HOUSE\n\nOffice of Communications\n\nFor Immediate Release\n"},
		{name: "heading words", text: "Back to the Moon\n\nNext Steps\n\nThe Path Forward\n\nComments on the draft rule\n"},
		{name: "copyright alone", text: "© 2023 John Smith\n"},
		{name: "quoted", text: "“Share this story,” she said.\n\n“Follow us on Twitter”\n"},
		{name: "sign in alone", text: "Sign in\n\nNext\n"},
		{name: "section heads", text: "Privacy settings\n\nMost popular\n\nAdvertising\n\nNo comments\n\nJoin us.\n\nHome / Away\n"},
		{name: "related in a sentence", text: "Related stories ran in the Times.\n\nRelated: the agency said more tests would follow.\n"},
		{name: "wrapped sentence", text: "Officials told residents to\nFollow us on Twitter\nfor updates, the mayor said.\n"},
		{name: "Markdown structure", file: "a.md", text: "# Guide\n\n## Related links\n\nThe plugin adds related links.\n\n- [Related links]\n- [Reproduction]\n\n> Follow us on Twitter\n"},
		{name: "Markdown link", file: "a.md", text: "Text.\n\n[Follow us on Twitter](https://twitter.com/example)\n",
			want: []string{"3:2 Follow us on Twitter -> delete 3:1-4:1"}},
		{name: "lines of one paragraph", text: "The launch is set for May.\nShare | Tweet | Email\n12 Comments\n",
			want: []string{"2:1 Share | Tweet | Email -> delete 2:1-3:1", "3:1 12 Comments -> delete 3:1-4:1"}},
	})
}

func TestStrayMarkup(t *testing.T) {
	runRuleCases(t, WebBoilerplate, nil, "a.txt", []ruleCase{
		{"a marker alone on its line", "The grants went out.\n**\nDr. Monica Bertagnolli, Director", []string{"2:1 **"}},
		{"bold across a line break", "**Tribal Governments\nFor the first time, the plan funded them.", []string{"1:1 **"}},
		{"a marker closing a heading", "READING NOOK**\nBooks for every age.", []string{"1:13 **"}},
		{"after a no-break space", "\u00a0**\nThe egg roll.", []string{"1:2 **"}},
		{"bold closed before a full stop", "It was set aside for Tribal Governments**. This is the first.", []string{"1:40 **"}},
		{"bold paired on its line is left alone", "**Note** the date.", nil},
		{"a scene break", "The end of the chapter.\n\n***\n\nThe next morning.", nil},
		{"an exponent", "It is 2**10 bytes.", nil},
		{"a snake_case name", "Set __init__ here.", nil},
	})
	runRuleCases(t, WebBoilerplate, nil, "a.md", []ruleCase{
		{"Markdown is parsed, not scanned", "**Tribal Governments\nfor the first time**", nil},
	})
}
