package document

import (
	"bytes"
	"reflect"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
)

func TestProseSharesPlainText(t *testing.T) {
	tests := []struct {
		name, text string
		shared     bool
	}{
		{"all prose", "Every byte of this is prose.\n\nSo is this.", true},
		{"empty", "", true},
		{"web address", "See https://example.com/a for more.", false},
		{"byte order mark", "\uFEFFText.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.text)
			d := Load("a.txt", text)
			shared := len(text) > 0 && &d.Prose[0] == &text[0]
			if len(text) > 0 && shared != tt.shared {
				t.Errorf("Prose shares Text: %v, want %v", shared, tt.shared)
			}
			if string(d.Text) != tt.text {
				t.Errorf("Text changed to %q", d.Text)
			}
			if !tt.shared && bytes.Equal(d.Prose, d.Text) {
				t.Errorf("nothing masked in Prose %q", d.Prose)
			}
		})
	}
}

// The fast path of IsWordRune must agree with the Unicode categories.
func TestIsWordRuneGeneralPunctuation(t *testing.T) {
	for r := rune(0x2000); r <= 0x206F; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if got := IsWordRune(r); got != want {
			t.Errorf("IsWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// markdownParser must build the same tree as goldmark's default parser.
func TestMarkdownParserMatchesGoldmark(t *testing.T) {
	for _, src := range markdownSamples {
		checkMarkdownParser(t, []byte(src))
	}
}

func FuzzMarkdownParser(f *testing.F) {
	for _, src := range markdownSamples {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkMarkdownParser(t, []byte(src))
	})
}

var markdownSamples = []string{
	"[ref]: http://example.com \"Title\"\n\nSee [the text][ref].",
	"   [ref]: /url\n[other]: /u2\nText [ref] and [other].",
	"Text first\n[ref]: /url\n\n[ref]",
	"\t[ref]: /url\n\n[ref]",
	"    [ref]: /url\n\n[ref]",
	"> [ref]: /url\n\n[ref]",
	"- [ref]: /url\n\n[ref]",
	"[not a ref]\n\n[ref]: \n",
	"[ref]:\n/url\n\"title\"\n\n[ref]",
	"Plain paragraph.\n\n[a]: <b> 'c'\nmore",
}

func checkMarkdownParser(t *testing.T, src []byte) {
	t.Helper()
	var want, got bytes.Buffer
	if err := goldmark.Convert(src, &want); err != nil {
		t.Skip(err)
	}
	md := goldmark.New()
	md.SetParser(markdownParser)
	if err := md.Convert(src, &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("%q:\ngot  %q\nwant %q", src, got.String(), want.String())
	}
}

// Documents load concurrently, sharing markdownParser.
func TestLoadConcurrently(t *testing.T) {
	var texts []string
	texts = append(texts, markdownSamples...)
	texts = append(texts, "# Head\n\n“Quoted,” she said. See <https://example.com>.\n\n- item `code`\n")
	want := make([]*Document, len(texts))
	for i, s := range texts {
		want[i] = Load("a.md", []byte(s))
	}
	done := make(chan bool)
	for range 4 {
		go func() {
			defer func() { done <- true }()
			for i, s := range texts {
				d := Load("a.md", []byte(s))
				if !reflect.DeepEqual(words(d), words(want[i])) || !reflect.DeepEqual(d.Quotes, want[i].Quotes) {
					t.Errorf("%q loads differently in parallel", s)
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}

// A text longer than the limit is kept but not modelled, and says so; one
// at the limit is modelled as usual. Load's limit is MaxSize; this test
// passes a small one rather than allocate 2 GiB.
func TestLoadTooLarge(t *testing.T) {
	text := []byte("\uFEFF“The the,” he said.\r\n\nSecond <!-- c --> line.")
	for _, format := range []Format{Plain, Markdown} {
		at := loadFormat("a", text, format, len(text), nil)
		if at.TooLarge() || len(at.Words) == 0 || len(at.Paragraphs) == 0 || len(at.Sentences) == 0 || len(at.Quotes) == 0 {
			t.Errorf("%v at the limit: TooLarge %v, %d words, %d paragraphs, %d sentences, %d quotes",
				format, at.TooLarge(), len(at.Words), len(at.Paragraphs), len(at.Sentences), len(at.Quotes))
		}
		d := loadFormat("a", text, format, len(text)-1, nil)
		if !d.TooLarge() {
			t.Errorf("%v over the limit: TooLarge false", format)
		}
		if &d.Text[0] != &text[0] || len(d.Prose) != len(text) {
			t.Errorf("%v over the limit: Text or Prose not kept", format)
		}
		if d.Paragraphs != nil || d.Sentences != nil || d.Words != nil || d.Quotes != nil || d.QuoteProblems != nil || d.Comments != nil {
			t.Errorf("%v over the limit: modelled anyway: %+v", format, d)
		}
		if _, invalid := d.InvalidUTF8(); invalid || d.Binary() {
			t.Errorf("%v over the limit: Binary %v, InvalidUTF8 %v", format, d.Binary(), invalid)
		}
		// Positions still convert, as for a modelled document.
		for _, off := range []int{0, 3, 20, len(text)} {
			if got, want := d.Position(off), at.Position(off); got != want {
				t.Errorf("%v over the limit: Position(%d) = %v, want %v", format, off, got, want)
			}
		}
		if d.ParagraphAt(5) != -1 || d.InQuote(5) || len(d.WordsIn(Span{0, len(text)})) != 0 {
			t.Errorf("%v over the limit: finds a paragraph, a quotation or words", format)
		}
	}
}
