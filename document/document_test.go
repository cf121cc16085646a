package document

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func loadFile(t *testing.T, path string) *Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Load(path, b)
}

func TestPosition(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		marker     string
		line, col  int
		occurrence int
	}{
		{"first byte", "target here", "target", 1, 1, 0},
		{"after a BOM", "\uFEFFtarget here", "target", 1, 1, 0},
		{"after a BOM, later in line", "\uFEFFsee target", "target", 1, 5, 0},
		{"LF", "one\ntwo target", "target", 2, 5, 0},
		{"CRLF", "one\r\ntwo target", "target", 2, 5, 0},
		{"CR only", "one\rtwo target", "target", 2, 5, 0},
		{"mixed endings", "a\r\nb\nc\rd target", "target", 4, 3, 0},
		{"blank CRLF lines", "a\r\n\r\n\r\ntarget", "target", 4, 1, 0},
		{"tab counts one", "\t\ttarget", "target", 1, 3, 0},
		{"CJK counts one a character", "中文字 target", "target", 1, 5, 0},
		{"emoji counts one", "😀😀 target", "target", 1, 4, 0},
		{"combining mark counts one", "cafe\u0301 target", "target", 1, 7, 0},
		{"BOM and CRLF", "\uFEFFone\r\n中 target", "target", 2, 3, 0},
		{"end of text", "abc", "", 1, 4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.txt", []byte(tt.text))
			off := len(tt.text)
			if tt.marker != "" {
				off = strings.Index(tt.text, tt.marker)
			}
			got := d.Position(off)
			if got.Line != tt.line || got.Column != tt.col {
				t.Errorf("Position(%d) = %d:%d, want %d:%d", off, got.Line, got.Column, tt.line, tt.col)
			}
			if back := d.Offset(got); back != off {
				t.Errorf("Offset(%d:%d) = %d, want %d", got.Line, got.Column, back, off)
			}
		})
	}
}

func TestLine(t *testing.T) {
	d := Load("a.txt", []byte("\uFEFFone\r\ntwo\rthree\nfour"))
	want := []string{"one", "two", "three", "four"}
	if d.LineCount() != len(want) {
		t.Fatalf("LineCount = %d, want %d", d.LineCount(), len(want))
	}
	for i, w := range want {
		if got := d.String(d.Line(i + 1)); got != w {
			t.Errorf("Line(%d) = %q, want %q", i+1, got, w)
		}
	}
	if got := d.String(d.LineSpanWithBreak(strings.Index(string(d.Text), "two"))); got != "two\r" {
		t.Errorf("LineSpanWithBreak = %q, want %q", got, "two\r")
	}
}

// words returns the text of a document's words.
func words(d *Document) []string {
	var out []string
	for _, w := range d.Words {
		out = append(out, d.String(w.Span()))
	}
	return out
}

func TestWords(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"apostrophes and hyphens", "The report’s counter-terrorism plan isn't new.", []string{"The", "report’s", "counter-terrorism", "plan", "isn't", "new"}},
		{"numbers", "About 1,000 people, or 3.5 percent, in 2019.", []string{"About", "1,000", "people", "or", "3.5", "percent", "in", "2019"}},
		{"possessive plural", "The Uyghurs’ rights.", []string{"The", "Uyghurs", "rights"}},
		{"elision", "The ’90s.", []string{"The", "90s"}},
		{"dashes split", "a claim—unverified", []string{"a", "claim", "unverified"}},
		{"unicode letters", "Zürich and 北京 and naïve", []string{"Zürich", "and", "北京", "and", "naïve"}},
		{"URLs are not words", "See https://example.com/the/the and www.example.org.", []string{"See", "and"}},
		// Tokens as written (#14): a name with dots or underscores is one
		// word, so its parts never meet the words beside it.
		{"file names", "Run main.exe, not main or pill.go; see README.md.", []string{"Run", "main.exe", "not", "main", "or", "pill.go", "see", "README.md"}},
		{"domains", "Tickets at gophercon.in in Bengaluru.", []string{"Tickets", "at", "gophercon.in", "in", "Bengaluru"}},
		{"dotted identifiers", "Call os.Open or fmt.Println.", []string{"Call", "os.Open", "or", "fmt.Println"}},
		{"versions", "Upgrade to v1.2.3 or 2.0.1-rc.1 now.", []string{"Upgrade", "to", "v1.2.3", "or", "2.0.1-rc.1", "now"}},
		{"abbreviations", "The U.S. and the U.K., e.g. at 9 a.m. today, Ph.D.", []string{"The", "U.S", "and", "the", "U.K", "e.g", "at", "9", "a.m", "today", "Ph.D"}},
		{"identifiers with underscores", "Set max_open_files in my_app.conf.", []string{"Set", "max_open_files", "in", "my_app.conf"}},
		{"handles and hashtags", "Follow @docqa_bot and #GopherCon, or @in in June.", []string{"Follow", "@docqa_bot", "and", "#GopherCon", "or", "@in", "in", "June"}},
		{"a number sign is not a hashtag", "Issue #14 ranked #1; C# and F# too.", []string{"Issue", "14", "ranked", "1", "C", "and", "F", "too"}},
		{"sentence punctuation still splits", "It ended. Then... more! Or e-mail? Yes: no, 1,5 and 2.", []string{"It", "ended", "Then", "more", "Or", "e-mail", "Yes", "no", "1,5", "and", "2"}},
		{"a stray sigil is not a word", "Rates @ 5% # or @ # @-", []string{"Rates", "5", "or"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := words(Load("a.txt", []byte(tt.text)))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMarkdownProse(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"code span", "Run `the the` now.", []string{"Run", "now"}},
		{"fenced code", "Intro.\n\n```go\nfunc the() {}\n```\n\nOutro.", []string{"Intro", "Outro"}},
		{"indented code", "Intro.\n\n    code here\n\nOutro.", []string{"Intro", "Outro"}},
		{"html block", "<div>\nhidden words\n</div>\n\nShown.", []string{"Shown"}},
		{"inline html and comment", "Shown <span>tag</span> <!-- note --> text.", []string{"Shown", "tag", "text"}},
		{"link text is prose, target is not", "See [the report](http://example.com/words) now.", []string{"See", "the", "report", "now"}},
		{"autolink", "See <https://example.com/x> now.", []string{"See", "now"}},
		{"image alt is not prose", "A ![chart of data](c.png) here.", []string{"A", "here"}},
		{"emphasis", "It *was* **very** _clear_.", []string{"It", "was", "very", "clear"}},
		{"heading and list", "# Title words\n\n- item one\n- item two\n", []string{"Title", "words", "item", "one", "item", "two"}},
		{"block quote", "> Quoted line\n> continues.", []string{"Quoted", "line", "continues"}},
		{"front matter", "---\ntitle: hidden\n---\n\nBody text.", []string{"Body", "text"}},
		{"front matter after BOM", "\uFEFF---\ntitle: hidden\n---\nBody.", []string{"Body"}},
		{"link reference definition", "[ref]: http://example.com \"Title words\"\n\nBody.", []string{"Body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.md", []byte(tt.text))
			got := words(d)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(d.Prose) != len(d.Text) {
				t.Errorf("len(Prose) = %d, len(Text) = %d", len(d.Prose), len(d.Text))
			}
		})
	}
}

func TestMarkdownCodeSpanBreaksWords(t *testing.T) {
	d := Load("a.md", []byte("the `x` the"))
	if len(d.Words) != 2 {
		t.Fatalf("words = %q", words(d))
	}
	if d.OnlySpaceBetween(int(d.Words[0].End), int(d.Words[1].Start)) {
		t.Errorf("a code span between two words counts as space")
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, text, format string
		want               []string
	}{
		{"plain", "One line\nstill one.\n\nTwo.\n  \t\nThree.", "a.txt", []string{"One line\nstill one.", "Two.", "Three."}},
		{"plain indented", "  Indented para\n  second line  \n", "a.txt", []string{"Indented para\n  second line"}},
		{"plain CRLF", "One.\r\n\r\nTwo.\r\n", "a.txt", []string{"One.", "Two."}},
		{"plain no-break space line", "One.\n\u00a0\nTwo.\n \u00a0 \nThree.", "a.txt", []string{"One.", "Two.", "Three."}},
		{"markdown", "# Head\n\nPara one\ncontinues.\n\n- item\n", "a.md", []string{"Head", "Para one\ncontinues.", "item"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load(tt.format, []byte(tt.text))
			var got []string
			for _, p := range d.Paragraphs {
				got = append(got, d.String(p.Span))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"simple", "One here. Two there! Three?", []string{"One here.", "Two there!", "Three?"}},
		{"abbreviations", "Mr. Smith met Dr. Jones at 5 p.m. in the U.S. capital. Then left.", []string{"Mr. Smith met Dr. Jones at 5 p.m. in the U.S. capital.", "Then left."}},
		{"initials", "John F. Kennedy spoke. He left.", []string{"John F. Kennedy spoke.", "He left."}},
		{"closing quotation", "“We stay.” He left.", []string{"“We stay.”", "He left."}},
		{"lower case after stop", "It was 3 a.m. and late.", []string{"It was 3 a.m. and late."}},
		{"decimal", "It rose 3.5 percent. Then fell.", []string{"It rose 3.5 percent.", "Then fell."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.txt", []byte(tt.text))
			var got []string
			for _, s := range d.Sentences {
				got = append(got, d.String(s))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBinaryAndInvalidUTF8(t *testing.T) {
	d := Load("a.txt", []byte("text\x00more"))
	if !d.Binary() {
		t.Errorf("NUL byte: Binary() = false")
	}
	d = Load("a.txt", []byte("good \xff bad"))
	if off, bad := d.InvalidUTF8(); !bad || off != 5 {
		t.Errorf("InvalidUTF8() = %d, %v; want 5, true", off, bad)
	}
	if got := words(d); strings.Join(got, "|") != "good|bad" {
		t.Errorf("words around invalid byte = %q", got)
	}
}

func TestFormatFor(t *testing.T) {
	for name, want := range map[string]Format{"a.md": Markdown, "A.MARKDOWN": Markdown, "a.txt": Plain, "a": Plain, "a.rst": Plain} {
		if got := FormatFor(name); got != want {
			t.Errorf("FormatFor(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestPositionAllocatesNothing(t *testing.T) {
	text := "Ünïcödé line with a target\nand 中文 another target " + strings.Repeat("ünïcödé wörds ", 100) + "end"
	d := Load("a.txt", []byte(text))
	off := strings.LastIndex(text, "end")
	if n := testing.AllocsPerRun(100, func() { d.Position(off) }); n != 0 {
		t.Errorf("Position allocates %v times", n)
	}
}

func TestCursorMatchesPosition(t *testing.T) {
	text := "\uFEFFab 中文 😀\r\nline two\twith tab\rthree ünïcode\n\nend"
	d := Load("a.txt", []byte(text))
	// Forwards, backwards and jumping between lines, as findings, their
	// ends and their fixes are converted.
	offsets := []int{0, 3, 5, 9, 4, 20, 18, 30, 2, len(text), 25, 25, 0}
	c := d.Cursor()
	for _, off := range offsets {
		if got, want := c.Position(off), d.Position(off); got != want {
			t.Errorf("Cursor.Position(%d) = %v, Position = %v", off, got, want)
		}
	}
	for off := len(text); off >= 0; off-- {
		if off < len(text) && !utf8.RuneStart(text[off]) {
			continue // findings start and end on characters
		}
		if got, want := c.Position(off), d.Position(off); got != want {
			t.Fatalf("backwards: Cursor.Position(%d) = %v, Position = %v", off, got, want)
		}
	}
}

func TestComments(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // the text of each comment
	}{
		{"block", "<!-- one -->\nText.\n", []string{"<!-- one -->"}},
		{"two in a block", "<!-- a --> <!-- b -->\n", []string{"<!-- a -->", "<!-- b -->"}},
		{"multi-line block", "<!-- a\nb -->\n\nText.", []string{"<!-- a\nb -->"}},
		{"inline", "Text <!-- c --> more.\n", []string{"<!-- c -->"}},
		{"inline over lines", "Text <!-- c\nd --> more.\n", []string{"<!-- c\nd -->"}},
		{"inline in emphasis", "*a <!-- e --> b*\n", []string{"<!-- e -->"}},
		{"empty comments", "<!--> and <!--->\n", []string{"<!-->", "<!--->"}},
		{"in a blockquote and a list", "> <!-- q -->\n\n- <!-- l -->\n", []string{"<!-- q -->", "<!-- l -->"}},
		{"in a div", "<div>\n<!-- d -->\n</div>\n", []string{"<!-- d -->"}},
		{"never closed", "<!-- open\n\nText.\n", nil},
		{"fenced code", "```\n<!-- x -->\n```\n", nil},
		{"indented code", "Text.\n\n    <!-- x -->\n", nil},
		{"code span", "Use `<!-- x -->` here.\n", nil},
		{"pre", "<pre>\n<!-- x -->\n</pre>\n", nil},
		{"not a comment", "<span>x</span> <!x>\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.md", []byte(tt.text))
			var got []string
			for _, c := range d.Comments {
				got = append(got, d.String(c))
				for i := c.Start; i < c.End; i++ {
					if d.Prose[i] != Masked && d.Prose[i] != '\n' {
						t.Errorf("comment byte %d is prose", i)
						break
					}
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("Comments = %q, want %q", got, tt.want)
			}
		})
	}
	if d := Load("a.txt", []byte("<!-- x -->\n")); d.Comments != nil {
		t.Errorf("plain text has comments %v", d.Comments)
	}
}

// TestMarkdownContinuationLines checks that the container marks and
// indentation that start a continuation line read as space in Prose, so
// the words on either side of the line break meet as in plain text.
func TestMarkdownContinuationLines(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"list item", "- one two\n  three\n", "two\n  three"},
		{"block quote", "> one two\n> three\n", "two\n  three"},
		{"nested", "> - one two\n>   three\n", "two\n    three"},
		{"ordered list", "1. one two\n   three\n", "two\n   three"},
		{"lazy continuation", "one two\n    three\n", "two\n    three"},
		{"CRLF block quote", "> one two\r\n> three\r\n", "two\r\n  three"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("a.md", []byte(tt.text))
			if len(d.Words) != 3 {
				t.Fatalf("words %q, want 3", words(d))
			}
			between := d.Prose[d.Words[1].Start:d.Words[2].End]
			if string(between) != tt.want {
				t.Errorf("prose from the second word to the third = %q, want %q", between, tt.want)
			}
			if !d.OnlySpaceBetween(int(d.Words[1].End), int(d.Words[2].Start)) {
				t.Error("OnlySpaceBetween the line's last word and the next line's first = false")
			}
		})
	}
}
