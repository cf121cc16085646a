package document

import (
	"strings"
	"testing"
)

// TestQuoteClasses holds, for each class of text where pairing used to go
// wrong (issue 12), sentences of the kind real copy has: those that are
// correct must give no problem, and those with a mark really missing or
// stray must give the problem listed. format is "a.txt" or "a.md".
func TestQuoteClasses(t *testing.T) {
	tests := []struct {
		class, name, file, text string
		problems                []string
	}{
		// 1. Merged paragraphs: the multi-paragraph convention inside one line.
		{"merged", "straight", "a.txt", `He said: "We will appeal. "The ruling ignores the evidence," he added.`, nil},
		{"merged", "curly", "a.txt", "She said: “We will appeal. “The ruling ignores the evidence,” she added.", nil},
		{"merged", "three merged paragraphs", "a.txt",
			"“The first part of the statement. “The second part goes on. “The third closes it,” the minister said.", nil},
		{"merged", "question", "a.txt", `"Why now? "Nobody asked us," she said.`, nil},
		{"merged", "a whole article in one paragraph", "a.txt",
			"“We will appeal. “The ruling ignores the evidence,” she said. Officials disagreed. “It was fair,” one said. “Entirely fair.”", nil},
		{"merged", "nesting after a sentence end", "a.txt",
			"He said, “It is over. “Never again” is what we said.” Then he left.", nil},
		{"merged", "no sentence end before the reopening is nesting", "a.txt",
			"He said “the word “never” is not ours.”", nil},
		{"merged", "still never closed", "a.txt", "He said: “We will appeal. “The ruling ignores the evidence, he added.",
			[]string{"unclosed “@1:10"}},

		// 2. Straight quotes with odd spacing (tokenised or OCR text).
		{"spacing", "tokenised", "a.txt", `Armstrong (who" was the first ") walked on the moon.`, nil},
		{"spacing", "space after the opening mark", "a.txt", `The minister said," We will not resign ", and left.`, nil},
		{"spacing", "tokenised sentence", "a.txt", `" We will appeal , " he said . " It is unfair . "`, nil},
		{"spacing", "odd count: the stray mark is the one spacing points at", "a.txt",
			`He said "we will stay" and then "we will go.`, []string{`unclosed "@1:33`}},
		{"spacing", "odd count, closing mark alone", "a.txt",
			`He said we will stay" and "then go" later.`, []string{`unopened "@1:21`}},

		// 3. Apostrophes after markup and quotation marks.
		{"apostrophe", "after a code span", "a.md", "The `x`'s value and `math/rand`’s generator are fine.", nil},
		{"apostrophe", "after a link", "a.md", "See [NSQ](https://nsq.io)'s documentation.", nil},
		{"apostrophe", "after emphasis", "a.md", "The *Nature*’s report and __Science__'s reply.", nil},
		{"apostrophe", "after a closing quotation mark", "a.txt", `Unlike "go get"'s model, modules pin versions.`, nil},
		{"apostrophe", "clipped word", "a.txt", "The 'scopes were cheap and the 'burbs were quiet.", nil},
		{"apostrophe", "plural possessive", "a.txt", "The Joneses' car and the Uyghurs’ homes.", nil},
		{"apostrophe", "scare quotes ending in s", "a.txt", "They called them 'experts' and ‘pros’ at once.", nil},
		{"apostrophe", "decades and rock ’n’ roll", "a.txt", "In the ’90s, rock ’n’ roll and the '80s.", nil},
		{"apostrophe", "emphasised quotation", "a.md", "He wrote *'never again'* on the wall.", nil},

		// 4. Inline markup inside a quotation.
		{"markup inside", "code spans", "a.md", "It means \"type `A` or type `B`\" in practice.", nil},
		{"markup inside", "code span at both ends", "a.md", "Write \"`go test`\" and \"`go vet`\" first.", nil},
		{"markup inside", "emphasis", "a.md", `She wrote "_Overall, I'm happy_" in the log.`, nil},
		{"markup inside", "link", "a.md", "“[Respecting Memory Limits](https://example.com/x),” she wrote.", nil},
		{"markup inside", "inline HTML", "a.md", `He said "press <kbd>Ctrl</kbd> now" to them.`, nil},
		{"markup inside", "a code span holding a quotation mark", "a.md", "The value \"`\"`\" is one mark.", nil},

		// 5. Quotations over soft line breaks.
		{"lines", "block quote", "a.md", "> \"The committee has reviewed the\n> evidence carefully,\" she said.", nil},
		{"lines", "list item", "a.md", "- \"This item quotes\n  over two lines,\" he said.", nil},
		{"lines", "block quote paragraphs", "a.md", "> \"First paragraph of a long quote.\n>\n> \"Second paragraph, which closes it.\"", nil},
		{"lines", "list items", "a.md", "- “The first item opens a quotation.\n- “The second item closes it,” she said.", nil},

		// 6. Template and shortcode syntax.
		{"templates", "Go template", "a.md", `{{video "https://example.com/v.mp4"}}`, nil},
		{"templates", "Hugo shortcode", "a.md", `{{< figure src="x.png" title="A" >}}`, nil},
		{"templates", "Hugo shortcode with markdown", "a.md", `{{% notice "Read this" %}}`, nil},
		{"templates", "Liquid", "a.md", `{% include "note.html" %} and {{ page.title | default: "x" }}`, nil},
		{"templates", "Go template in prose", "a.md", `Use {{" < "}} to escape the mark.`, nil},
		{"templates", "MDX component", "a.md", "<Tabs groupId=\"os\">\n\nText here.\n\n</Tabs>", nil},
		{"templates", "inline MDX component", "a.md", `Pick <Tab value="linux" label="Linux"> first.`, nil},
		{"templates", "MkDocs admonition", "a.md", "!!! note \"Title\"\n    Body text.", nil},
		{"templates", "MkDocs collapsible admonition", "a.md", "??? tip \"Title\"\n    Body text.", nil},
		{"templates", "prose braces are prose", "a.md", `He said "use {braces} here.`, []string{`unclosed "@1:9`}},

		// 7. Other conventions.
		{"other", "German", "a.txt", "The paper wrote „Wir schaffen das“ in its headline.", nil},
		{"other", "Polish", "a.txt", "Gazeta napisała „to nieprawda” wczoraj.", nil},
		{"other", "German nested", "a.txt", "Er sagte: „Sie rief ‚Hilfe‘ und lief.“", nil},
		{"other", "French", "a.txt", "The daily wrote «Nous y arriverons» on Monday.", nil},
		{"other", "Danish", "a.txt", "Avisen skrev »Vi klarer det« mandag.", nil},
		{"other", "single guillemets", "a.txt", "He wrote ‹so› then.", nil},
		{"other", "CJK", "a.txt", "彼は「そうだ」と言った。『本』も。", nil},
		{"other", "nested", "a.txt", "She said, “He told me ‘no’ twice.”", nil},
		{"other", "crossed", "a.txt", "She said, “He told me ‘no” twice.’", []string{"nested ‘@1:23"}},
		{"other", "British single quotes over paragraphs", "a.txt",
			"‘The world has held great Heroes,\n  As history-books have showed;\n\n‘But never a name to go down to fame\n  Compared with that of Toad!’", nil},
		{"other", "British straight single quotes over paragraphs", "a.txt",
			"'I will go on,' said the Rat, 'and on.\n\n'And then I will stop.'", nil},
		{"other", "British single never closed", "a.txt",
			"‘The world has held great Heroes.\n\nThe Rat went home.", []string{"unclosed ‘@1:1"}},
		{"other", "closing mark curled the wrong way", "a.txt",
			"I’ll try and say “How doth the little--“’ and she crossed her hands.", nil},
		{"other", "elision curled the wrong way inside a single quotation", "a.txt",
			"‘In or out of ‘em, it doesn’t matter,’ said the Rat.", nil},
		{"other", "elisions inside a single quotation", "a.txt",
			"\"'I'm 'gree'ble, Brer Rabbit,' sez Brer Fox, sezee.\"", nil},
		{"other", "a lone single closing mark after punctuation may be an apostrophe", "a.txt",
			"The U.S.’ role and 'Hol' on dar, Brer Rabbit,' sez Brer Fox.", nil},
		{"other", "German never closed", "a.txt", "The paper wrote „Wir schaffen das in its headline.", []string{"unclosed „@1:17"}},
	}
	for _, tt := range tests {
		t.Run(tt.class+"/"+tt.name, func(t *testing.T) {
			d := Load(tt.file, []byte(tt.text))
			quotes, problems := describeQuotes(d)
			if strings.Join(problems, "|") != strings.Join(tt.problems, "|") {
				t.Errorf("problems:\n got %q\nwant %q\n(quotations %q)", problems, tt.problems, quotes)
			}
		})
	}
}

// TestTemplatesAreNotProse checks that template, shortcode and admonition
// syntax in Markdown is masked, and the prose around it is not.
func TestTemplatesAreNotProse(t *testing.T) {
	tests := []struct{ text, want string }{
		{`Use {{" < "}} to escape.`, "Use|to|escape"},
		{`{{< figure src="x.png" title="A chart" >}}`, ""},
		{"{{% notice tip %}}\nRead the docs.\n{{% /notice %}}", "Read|the|docs"},
		{`{% include "note.html" %} Then {# a comment #} more.`, "Then|more"},
		{`Liquid {{ page.title | default: "Untitled" }} here.`, "Liquid|here"},
		{"!!! note \"Read this first\"\n    The body is prose.", "The|body|is|prose"},
		{"::: warning Beware\nThe body is prose.\n:::", "The|body|is|prose"},
		{"A lone {{ brace is prose.", "A|lone|brace|is|prose"},
		{"A set {a, b} is prose.", "A|set|a|b|is|prose"},
		{"Code `{{ x }}` stays code.", "Code|stays|code"},
	}
	for _, tt := range tests {
		d := Load("a.md", []byte(tt.text))
		if got := strings.Join(words(d), "|"); got != tt.want {
			t.Errorf("%q: words %q, want %q", tt.text, got, tt.want)
		}
	}
	if d := Load("a.txt", []byte(`Plain {{ text }} is prose.`)); strings.Join(words(d), "|") != "Plain|text|is|prose" {
		t.Errorf("plain text: words %q", words(d))
	}
}

// TestTemplateOptions checks template delimiters a configuration adds.
func TestTemplateOptions(t *testing.T) {
	opts := &Options{Templates: []Delimiters{{"<%", "%>"}, {"[[", "]]"}}}
	text := `Hello <%= user.name "x" %> and [[ partial "nav" ]] here <% unclosed.`
	if got := strings.Join(words(opts.Load("a.md", []byte(text))), "|"); got != "Hello|and|here|unclosed" {
		t.Errorf("with options: words %q", got)
	}
	if got := strings.Join(words(Load("a.md", []byte(text))), "|"); !strings.Contains(got, "user.name") {
		t.Errorf("without options: words %q", got)
	}
	var none *Options
	if got := strings.Join(words(none.Load("a.md", []byte("A {{ b }} c."))), "|"); got != "A|c" {
		t.Errorf("nil options: words %q", got)
	}
}
