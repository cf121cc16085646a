package checks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
)

// markupFindings compares two revisions named old.EXT and new.EXT and
// returns the checks/markup-changed findings as "path:line:col message".
func markupFindings(t *testing.T, c *Comparer, ext, old, new string) []string {
	t.Helper()
	r := c.Compare(document.Load("old"+ext, []byte(old)), document.Load("new"+ext, []byte(new)))
	var got []string
	for _, f := range r.Findings {
		if f.Rule != MarkupChanged.ID {
			continue
		}
		d := r.New
		if f.Path == r.Old.Path {
			d = r.Old
		}
		p := d.Position(f.Span.Start)
		got = append(got, fmt.Sprintf("%s:%d:%d %s", f.Path, p.Line, p.Column, f.Message))
	}
	return got
}

func TestMarkupChanged(t *testing.T) {
	const intro = "The council met on Tuesday.\n\n"
	for _, tc := range []struct {
		name     string
		ext      string
		old, new string
		want     []string
	}{
		{"identical", ".md",
			intro + "```sh\nrm -rf /\n```\n", intro + "```sh\nrm -rf /\n```\n", nil},
		{"code block line changed", ".md",
			intro + "```sh\nls\nrm -rf /\n```\n", intro + "```sh\nls\nrm -rf /tmp/x\n```\n",
			[]string{"new.md:5:1 code block changed: “rm -rf /” is now “rm -rf /tmp/x”"}},
		{"code block lines added and removed", ".md",
			intro + "```\na\nb\nc\n```\n", intro + "```\nA\nb\nc\nd\ne\n```\n",
			[]string{"new.md:4:1 code block changed: “a” is now “A” (1 line removed, 3 added in all)"}},
		{"code block line added", ".md",
			intro + "```\na\n```\n", intro + "```\na\nb\n```\n",
			[]string{"new.md:5:1 code block changed: line “b” added"}},
		{"code block line removed", ".md",
			intro + "```\na\nb\n```\n\nEnd.\n", intro + "```\na\n```\n\nEnd.\n",
			[]string{"new.md:5:1 code block changed: line “b” removed"}},
		{"code block language", ".md",
			intro + "```sh\nls\n```\n", intro + "```bash\nls\n```\n",
			[]string{"new.md:3:1 code block language changed from “sh” to “bash”"}},
		{"indented code block", ".md",
			intro + "    make all\n", intro + "    make clean\n",
			[]string{"new.md:3:5 code block changed: “make all” is now “make clean”"}},
		{"code block in a list item", ".md",
			intro + "- Run:\n\n  ```\n  make\n  ```\n", intro + "- Run:\n\n  ```\n  make test\n  ```\n",
			[]string{"new.md:6:3 code block changed: “make” is now “make test”"}},
		{"code block added", ".md",
			intro + "End.\n", intro + "```go\nfmt.Println(1)\n```\n\nEnd.\n",
			[]string{"new.md:3:1 code block added: “fmt.Println(1)”"}},
		{"code block removed lies in the old revision", ".md",
			intro + "```\nrm -rf /\n```\n\nEnd.\n", intro + "End.\n",
			[]string{"old.md:3:1 code block removed: “rm -rf /”"}},
		{"code block moved unchanged", ".md",
			"First.\n\n```\nmake\n```\n\nSecond.\n", "First.\n\nSecond.\n\n```\nmake\n```\n", nil},
		{"code span", ".md",
			intro + "Run `make all` first.\n", intro + "Run `make clean` first.\n",
			[]string{"new.md:3:5 code span changed from “make all” to “make clean”"}},
		{"code span re-wrapped", ".md",
			intro + "Run `make all` first.\n", intro + "Run `make\nall` first.\n", nil},
		{"link target", ".md",
			intro + "See [the guide](https://b.example/x) now.\n", intro + "See [the guide](https://a.example/x) now.\n",
			[]string{"new.md:3:17 link target changed from https://b.example/x to https://a.example/x"}},
		{"link title", ".md",
			intro + "See [the guide](https://a.example \"Old\") now.\n", intro + "See [the guide](https://a.example \"New\") now.\n",
			[]string{"new.md:3:17 link title changed from “Old” to “New”"}},
		{"link text is prose, not markup", ".md",
			intro + "See [the guide](https://a.example) now.\n", intro + "See [our guide](https://a.example) now.\n", nil},
		{"link target in angle brackets", ".md",
			intro + "See [it](<https://a.example/a b>).\n", intro + "See [it](<https://a.example/a c>).\n",
			[]string{"new.md:3:11 link target changed from https://a.example/a b to https://a.example/a c"}},
		{"autolink", ".md",
			intro + "Write to <https://a.example/old>.\n", intro + "Write to <https://a.example/new>.\n",
			[]string{"new.md:3:11 link target changed from https://a.example/old to https://a.example/new"}},
		{"image", ".md",
			intro + "![Chart](chart-2023.png)\n", intro + "![Chart](chart-2024.png)\n",
			[]string{"new.md:3:10 image changed from chart-2023.png to chart-2024.png"}},
		{"image description", ".md",
			intro + "![Sales in 2023](chart.png)\n", intro + "![Sales in 2024](chart.png)\n",
			[]string{"new.md:3:3 image description changed from “Sales in 2023” to “Sales in 2024”"}},
		{"reference definition", ".md",
			intro + "See [the guide][g] and [again][g].\n\n[g]: https://a.example/old\n",
			intro + "See [the guide][g] and [again][g].\n\n[g]: https://a.example/new\n",
			[]string{"new.md:5:1 link target of [g] changed from https://a.example/old to https://a.example/new"}},
		{"reference link to another definition", ".md",
			intro + "See [the guide][a].\n\n[a]: https://a.example\n[b]: https://b.example\n",
			intro + "See [the guide][b].\n\n[a]: https://a.example\n[b]: https://b.example\n",
			[]string{"new.md:3:5 link target changed from https://a.example to https://b.example"}},
		{"the same target written another way", ".md",
			intro + "See [the guide](https://a.example).\n",
			intro + "See [the guide][a].\n\n[a]: https://a.example\n",
			[]string{"new.md:5:1 link reference definition added: [a]: https://a.example"}},
		{"inline HTML", ".md",
			intro + "Text <span class=\"a\">here</span>.\n", intro + "Text <span class=\"b\">here</span>.\n",
			[]string{"new.md:3:6 HTML changed from “<span class=\"a\">” to “<span class=\"b\">”"}},
		{"HTML comment", ".md",
			intro + "Text <!-- draft --> here.\n", intro + "Text <!-- final --> here.\n",
			[]string{"new.md:3:6 HTML comment changed from “<!-- draft -->” to “<!-- final -->”"}},
		{"HTML block", ".md",
			intro + "<div class=\"box\">\nHello\n</div>\n", intro + "<div class=\"note\">\nHello\n</div>\n",
			[]string{"new.md:3:1 HTML block changed: “<div class=\"box\">” is now “<div class=\"note\">”"}},
		{"HTML block indentation", ".md",
			intro + "<div>\n<p>Hello</p>\n</div>\n", intro + "<div>\n  <p>Hello</p>\n</div>\n", nil},
		{"front matter", ".md",
			"---\ntitle: Budget\ndraft: true\n---\n\n" + intro, "---\ntitle: Budget\ndraft: false\n---\n\n" + intro,
			[]string{"new.md:3:1 front matter changed: “draft: true” is now “draft: false”"}},
		{"front matter added", ".md",
			intro, "+++\ntitle = \"Budget\"\n+++\n" + intro,
			[]string{"new.md:1:1 front matter added: “title = \"Budget\"”"}},
		{"web address in Markdown prose", ".md",
			intro + "Details at https://a.example/2023 today.\n", intro + "Details at https://a.example/2024 today.\n",
			[]string{"new.md:3:12 web address changed from https://a.example/2023 to https://a.example/2024"}},
		{"web address in plain text", ".txt",
			intro + "Details at https://a.example/2023 today.\n", intro + "Details at https://a.example/2024 today.\n",
			[]string{"new.txt:3:12 web address changed from https://a.example/2023 to https://a.example/2024"}},
		{"plain text has no code", ".txt",
			intro + "Run `make all` first.\n", intro + "Run `make clean` first.\n", nil},
		{"long HTML comment: the message shows the change", ".md",
			intro + "<!-- docqa-disable-next-line repetition/doubled-word -- the band -->\nThe The played.\n",
			intro + "<!-- docqa-disable-next-line repetition/doubled-word -- the band, really -->\nThe The played.\n",
			[]string{"new.md:3:1 HTML comment changed: “… /doubled-word -- the band{+, really+} -->”"}},
		{"heading level", ".md",
			intro + "# Budget\n\nText.\n\n## Vote\n", intro + "## Budget\n\nText.\n\n## Vote\n",
			[]string{"new.md:3:4 heading level changed from 1 to 2"}},
		{"heading reworded", ".md",
			intro + "# Budget\n", intro + "# The budget\n", nil},
		{"setext heading written with #", ".md",
			intro + "Budget\n======\n", intro + "# Budget\n", nil},
		{"template tag", ".md",
			intro + "See {{< figure src=\"a.png\" >}} here.\n", intro + "See {{< figure src=\"b.png\" >}} here.\n",
			[]string{"new.md:3:5 template tag changed from “{{< figure src=\"a.png\" >}}” to “{{< figure src=\"b.png\" >}}”"}},
		{"admonition", ".md",
			intro + "!!! note \"Budget\"\n    The vote is on Monday.\n", intro + "!!! warning \"Budget\"\n    The vote is on Monday.\n",
			[]string{"new.md:3:1 admonition changed from “!!! note \"Budget\"” to “!!! warning \"Budget\"”"}},
		{"words only", ".md",
			intro + "The vote was close.\n", intro + "The vote was not close.\n", nil},
		{"white space and line endings only", ".md",
			intro + "A paragraph that runs\non, see [it](https://a.example).\n\n```\nls  \n```\n",
			strings.ReplaceAll(intro+"A paragraph that runs on, see [it](https://a.example).\n\n```\nls\n```\n", "\n", "\r\n"), nil},
		{"byte order mark only", ".md",
			intro + "Run `make`.\n", "\uFEFF" + intro + "Run `make`.\n", nil},
		{"indentation makes a code block", ".md",
			intro + "Run make.\n", intro + "    Run make.\n",
			[]string{"new.md:3:5 code block added: “Run make.”"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := markupFindings(t, testComparer(t), tc.ext, tc.old, tc.new)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

// TestMarkupChangedTexts checks the old and new texts a finding carries:
// the whole region, as written.
func TestMarkupChangedTexts(t *testing.T) {
	r := testComparer(t).Compare(
		document.Load("old.md", []byte("Intro.\n\n```sh\nrm -rf /\n```\n")),
		document.Load("new.md", []byte("Intro.\n\n```sh\nrm -rf /tmp/x\n```\n")))
	if len(r.Findings) != 1 {
		t.Fatalf("findings: %q", describe(r))
	}
	f := r.Findings[0]
	if f.OldText != "rm -rf /\n" || f.NewText != "rm -rf /tmp/x\n" {
		t.Errorf("old/new text = %q / %q, want the code blocks' contents", f.OldText, f.NewText)
	}
}

// TestMarkupChangedOff checks that the check is configured like the others.
func TestMarkupChangedOff(t *testing.T) {
	cfg := rulesConfig()
	cfg.Disable = []string{MarkupChanged.ID}
	c, err := NewComparer(Registry(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got := markupFindings(t, c, ".md", "`a`\n", "`b`\n"); len(got) != 0 {
		t.Errorf("disabled check reported %q", got)
	}
}
