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
		{name: "phrase and more", text: "Advertisement for a new car\n\nAdvertisements\n\nShare this article with a friend.\n"},
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
