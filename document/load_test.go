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
