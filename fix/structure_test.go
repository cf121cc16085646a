package fix

import (
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// TestApplyDocument applies fixes to Markdown documents through
// ApplyDocument: those that would change the structure are refused and
// the others applied. The damaging fixes are those the doubled-word rule
// made before it learned to keep markup (the second word with the white
// space and markup before it), and others of the same kind.
func TestApplyDocument(t *testing.T) {
	const (
		guide    = "Read the [the installation guide](https://example.com) first.\n"
		emphasis = "This is the *the* key step.\n"
		strong   = "**The** the end.\n"
		label    = "See [the the][] below.\n\n[the the]: https://example.com/the\n"
	)
	for _, tt := range []struct {
		name, path, text string
		fixes            []rules.Finding
		want             string
		refused          []string // rules of the findings refused
	}{
		{"link bracket deleted", "a.md", guide,
			[]rules.Finding{finding("bad", at(guide, " [the", 0, ""))}, guide, []string{"bad"}},
		{"word inside the link deleted", "a.md", guide,
			[]rules.Finding{finding("good", at(guide, "the ", 1, ""))},
			"Read the [installation guide](https://example.com) first.\n", nil},
		{"emphasis mark deleted", "a.md", emphasis,
			[]rules.Finding{finding("bad", at(emphasis, " *the", 0, ""))}, emphasis, []string{"bad"}},
		{"strong marks deleted", "a.md", strong,
			[]rules.Finding{finding("bad", at(strong, "** the", 0, ""))}, strong, []string{"bad"}},
		{"reference label changed", "a.md", label,
			[]rules.Finding{finding("bad", at(label, " the", 0, ""))}, label, []string{"bad"}},
		{"reference label misspelt both ways", "a.md", "See [recieve] here.\n\n[recieve]: https://example.com\n",
			[]rules.Finding{finding("bad", at("See [recieve]", "recieve", 0, "receive"))},
			"See [recieve] here.\n\n[recieve]: https://example.com\n", []string{"bad"}},
		{"the good kept, the bad refused", "a.md", guide + "\n" + emphasis + "\nIt was the the end.\n",
			[]rules.Finding{
				finding("bad1", at(guide, " [the", 0, "")),
				finding("good", at(guide+"\n"+emphasis+"\nIt was the the end.\n", " the", 3, "")),
				finding("bad2", at(guide+"\n"+emphasis, " *the", 0, "")),
			},
			guide + "\n" + emphasis + "\nIt was the end.\n", []string{"bad1", "bad2"}},
		{"a paragraph deleted", "a.md", "Text.\n\nAdd a Comment\n\nMore *text*.\n",
			[]rules.Finding{finding("boilerplate", at("Text.\n\nAdd a Comment\n", "Add a Comment\n", 0, ""))},
			"Text.\n\nMore *text*.\n", nil},
		{"a link's line deleted", "a.md", "Text.\n\n[Share this article](https://example.com/share)\n\nMore.\n",
			[]rules.Finding{finding("boilerplate", at("Text.\n\n[Share this article](https://example.com/share)\n", "[Share this article](https://example.com/share)\n", 0, ""))},
			"Text.\n\nMore.\n", nil},
		{"the first line of a block quote deleted", "a.md", "> Advertisement\n> Text.\n",
			[]rules.Finding{finding("boilerplate", at("> Advertisement\n", "> Advertisement\n", 0, ""))},
			"> Text.\n", nil},
		{"a list item deleted", "a.md", "- a\n- Advertisement\n- b\n",
			[]rules.Finding{finding("boilerplate", at("- a\n- Advertisement\n", "- Advertisement\n", 0, ""))},
			"- a\n- b\n", nil},
		{"a heading's text deleted, its underline left", "a.md", "Text.\n\nAdvertisement\n---\n\nMore.\n",
			[]rules.Finding{finding("boilerplate", at("Text.\n\nAdvertisement\n", "Advertisement\n", 0, ""))},
			"Text.\n\nAdvertisement\n---\n\nMore.\n", []string{"boilerplate"}},
		{"emphasis deleted with its words", "a.md", "e*e*e\n",
			[]rules.Finding{finding("bad1", e(1, 3, "")), finding("bad2", e(3, 5, ""))}, "e*e*e\n", []string{"bad1", "bad2"}},
		{"hard line break deleted", "a.md", "Read the  \nthe guide.\n",
			[]rules.Finding{finding("bad", at("Read the  \nthe guide.\n", "  \nthe", 0, ""))}, "Read the  \nthe guide.\n", []string{"bad"}},
		{"the line after a hard line break deleted", "a.md", "Text  \nAdvertisement\n\nMore.\n",
			[]rules.Finding{finding("boilerplate", at("Text  \nAdvertisement\n", "Advertisement\n", 0, ""))},
			"Text  \n\nMore.\n", nil},
		{"a word replaced in emphasis", "a.md", "It is *recieved* here.\n",
			[]rules.Finding{finding("misspell", at("It is *recieved*", "recieved", 0, "received"))},
			"It is *received* here.\n", nil},
		{"plain text is not Markdown", "a.txt", emphasis,
			[]rules.Finding{finding("any", at(emphasis, " *the", 0, ""))}, "This is the* key step.\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := document.Load(tt.path, []byte(tt.text))
			r := ApplyDocument(d, tt.fixes, false)
			if string(r.Text) != tt.want {
				t.Errorf("text\n%q, want\n%q", r.Text, tt.want)
			}
			if got := rulesOf(r.Refused); !slices.Equal(got, tt.refused) {
				t.Errorf("refused %q, want %q", got, tt.refused)
			}
			var want []string
			for _, f := range tt.fixes {
				if !slices.Contains(tt.refused, f.Rule) {
					want = append(want, f.Rule)
				}
			}
			if got := rulesOf(r.Applied); !slices.Equal(got, want) {
				t.Errorf("applied %q, want %q", got, want)
			}
			// What was applied is what Apply makes of those findings.
			if out, _ := Apply(d.Text, r.Applied, false); string(out) != string(r.Text) {
				t.Errorf("Apply of the findings applied gives\n%q, not\n%q", out, r.Text)
			}
		})
	}
}

// TestApplyDocumentBefore: Before maps the offsets of the fixed text back
// to those of the text before, across the edits and the blank lines tidied
// away.
func TestApplyDocumentBefore(t *testing.T) {
	text := "It was the the end.\n\nAdd a Comment\n\nSee [the the][] below.\n\n[the the]: https://example.com/the\n"
	fs := []rules.Finding{
		finding("doubled", at(text, " the", 1, "")),
		finding("boilerplate", at(text, "Add a Comment\n", 0, "")),
		finding("label", at(text, " the", 2, "")),
	}
	r := ApplyDocument(document.Load("a.md", []byte(text)), fs, false)
	want := "It was the end.\n\nSee [the the][] below.\n\n[the the]: https://example.com/the\n"
	if string(r.Text) != want || len(r.Refused) != 1 || r.Refused[0].Rule != "label" {
		t.Fatalf("text %q, refused %v", r.Text, rulesOf(r.Refused))
	}
	for _, tt := range []struct{ after, before string }{
		{"It was", "It was"},
		{" end.", " end."},
		{"See [", "See ["},
		{"[the the]:", "[the the]:"},
	} {
		got := r.Before(strings.Index(want, tt.after))
		if w := strings.Index(text, tt.before); got != w {
			t.Errorf("Before(offset of %q) = %d, want %d", tt.after, got, w)
		}
	}
}

// TestOffsetMap follows offsets through a deletion, a replacement and an
// insertion, then through a second stage, and knows which lines the first
// deleted.
func TestOffsetMap(t *testing.T) {
	// "0123456789" with [2,4) deleted, [5,6) replaced by 3 bytes, 8 given
	// 2 bytes: "01" "4" "xyz" "67" "ab" "89"; then [1,2) cut: "0" "4xyz67ab89".
	m := newOffsetMap([]change{{2, 4, 0}}, []change{{2, 4, 0}, {5, 6, 3}, {8, 8, 2}}, []change{{1, 2, 0}})
	for _, tt := range []struct {
		off, to int
		exact   bool
	}{
		{0, 0, true},
		{1, 1, true},   // the start of the cut, the start of the deletion
		{2, 1, true},   // the deletion's start
		{3, 1, false},  // inside the deletion
		{4, 1, true},   // its end
		{5, 2, true},   // the replacement's start
		{6, 5, true},   // its end
		{8, 7, false},  // where the insertion is
		{9, 10, true},  // after it
		{10, 11, true}, // the end
	} {
		to, exact := m.forward(tt.off)
		if to != tt.to || exact != tt.exact {
			t.Errorf("forward(%d) = %d, %v; want %d, %v", tt.off, to, exact, tt.to, tt.exact)
		}
	}
	for _, tt := range []struct{ off, back int }{
		{0, 0}, {1, 4}, {2, 5}, {3, 5}, {5, 6}, {7, 8}, {8, 8}, {9, 8}, {10, 9}, {11, 10},
	} {
		if got := m.back(tt.off); got != tt.back {
			t.Errorf("back(%d) = %d, want %d", tt.off, got, tt.back)
		}
	}
	// Only [2,4) is a deletion of whole lines.
	for _, tt := range []struct {
		start, end int
		want       bool
	}{
		{2, 4, true}, {2, 6, false}, {3, 3, true}, {4, 4, false}, {5, 6, false}, {8, 8, false}, {0, 1, false},
	} {
		if got := m.deleted(tt.start, tt.end); got != tt.want {
			t.Errorf("deleted(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.want)
		}
	}
	// Touching deletions delete their union.
	if m := newOffsetMap([]change{{2, 4, 0}, {4, 6, 0}}); !m.deleted(2, 6) || m.deleted(1, 6) {
		t.Errorf("deleted: touching deletions not merged")
	}
}
