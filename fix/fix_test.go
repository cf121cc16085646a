package fix

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// edit0 is an edit of a fix in the tests.
type edit0 struct {
	start, end int
	repl       string
	unsafe     bool
}

// e returns a safe edit replacing the bytes [start, end) with repl.
func e(start, end int, repl string) edit0 { return edit0{start, end, repl, false} }

// finding returns a finding of rule with one fix made of edits.
func finding(rule string, edits ...edit0) rules.Finding {
	f := rules.Finding{Rule: rule}
	for _, x := range edits {
		f.Fixes = append(f.Fixes, rules.Fix{Span: document.Span{Start: x.start, End: x.end}, Replacement: x.repl, Unsafe: x.unsafe})
	}
	return f
}

// span returns the byte range of the n-th (0-based) occurrence of sub in s.
func span(s, sub string, n int) (int, int) {
	off := 0
	for {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			panic("no " + sub + " in " + s)
		}
		if n == 0 {
			return off + i, off + i + len(sub)
		}
		n--
		off += i + len(sub)
	}
}

// at returns an edit replacing the n-th occurrence of sub in s.
func at(s, sub string, n int, repl string) edit0 {
	a, b := span(s, sub, n)
	return edit0{start: a, end: b, repl: repl}
}

// unsafeAt is at for an unsafe edit.
func unsafeAt(s, sub string, n int, repl string) edit0 {
	x := at(s, sub, n, repl)
	x.unsafe = true
	return x
}

func TestApply(t *testing.T) {
	const doubled = "It was the the day, in particular particular."
	const quoted = "He said “it was a a mistake” and left left."
	tests := []struct {
		name     string
		text     string
		findings []rules.Finding
		unsafe   bool
		want     string
		applied  []int // indexes of the findings applied
	}{
		{
			name: "none",
			text: doubled,
			want: doubled,
		},
		{
			name:     "no fixes",
			text:     doubled,
			findings: []rules.Finding{{Rule: "a"}},
			want:     doubled,
		},
		{
			name: "two independent",
			text: doubled,
			findings: []rules.Finding{
				finding("repetition/doubled-word", at(doubled, " the", 1, "")),
				finding("repetition/doubled-word", at(doubled, " particular", 1, "")),
			},
			want:    "It was the day, in particular.",
			applied: []int{0, 1},
		},
		{
			name: "order of findings does not matter",
			text: doubled,
			findings: []rules.Finding{
				finding("repetition/doubled-word", at(doubled, " particular", 1, "")),
				finding("repetition/doubled-word", at(doubled, " the", 1, "")),
			},
			want:    "It was the day, in particular.",
			applied: []int{0, 1},
		},
		{
			name: "a tripled word: the doubled-word fixes touch, both apply",
			text: "the the the end",
			findings: []rules.Finding{
				finding("r", e(7, 11, "")), // " the" (second pair)
				finding("r", e(3, 7, "")),  // " the" (first pair)
			},
			want:    "the end",
			applied: []int{0, 1},
		},
		{
			name: "overlapping deletions: the first by start is kept",
			text: "the the the end",
			findings: []rules.Finding{
				finding("r", e(4, 11, "")), // "the the"
				finding("r", e(3, 7, "")),  // " the"
			},
			want:    "the the end",
			applied: []int{1},
		},
		{
			name: "deletions sharing one byte conflict",
			text: "abcdef",
			findings: []rules.Finding{
				finding("r", e(0, 3, "")),
				finding("r", e(2, 5, "")),
			},
			want:    "def",
			applied: []int{0},
		},
		{
			name: "same start: the shorter is kept",
			text: "abcdef",
			findings: []rules.Finding{
				finding("r", e(1, 4, "X")),
				finding("r", e(1, 2, "Y")),
			},
			want:    "aYcdef",
			applied: []int{1},
		},
		{
			name: "same span: the rule decides, then the replacement",
			text: "colour",
			findings: []rules.Finding{
				finding("spelling/misspell", e(0, 6, "color")),
				finding("consistency/variants", e(0, 6, "Colour")),
				finding("consistency/variants", e(0, 6, "COLOR")),
			},
			want:    "COLOR",
			applied: []int{2},
		},
		{
			name: "identical edits from two findings are applied once",
			text: "Kiev and Kiev",
			findings: []rules.Finding{
				finding("house/kyiv", e(0, 4, "Kyiv")),
				finding("consistency/variants", e(0, 4, "Kyiv")),
			},
			want:    "Kyiv and Kiev",
			applied: []int{0, 1},
		},
		{
			name: "identical deletions are applied once",
			text: "a b b c",
			findings: []rules.Finding{
				finding("r", e(3, 5, "")),
				finding("r", e(3, 5, "")),
			},
			want:    "a b c",
			applied: []int{0, 1},
		},
		{
			name: "adjacent edits are both applied",
			text: "abcdef",
			findings: []rules.Finding{
				finding("r", e(2, 4, "X")),
				finding("r", e(0, 2, "Y")),
				finding("r", e(4, 6, "")),
			},
			want:    "YX",
			applied: []int{0, 1, 2},
		},
		{
			name: "insertion at the edge of a replacement",
			text: "abcdef",
			findings: []rules.Finding{
				finding("r", e(2, 4, "X")),
				finding("r", e(2, 2, "<")),
				finding("r", e(4, 4, ">")),
			},
			want:    "ab<X>ef",
			applied: []int{0, 1, 2},
		},
		{
			name: "insertion inside a replacement conflicts",
			text: "abcdef",
			findings: []rules.Finding{
				finding("r", e(2, 4, "X")),
				finding("r", e(3, 3, "!")),
			},
			want:    "abXef",
			applied: []int{0},
		},
		{
			name: "two different insertions at one place: the first by replacement",
			text: "ab",
			findings: []rules.Finding{
				finding("r", e(1, 1, "y")),
				finding("r", e(1, 1, "x")),
			},
			want:    "axb",
			applied: []int{1},
		},
		{
			name: "multi-edit fix applied whole",
			text: "Kiev is not Kiev",
			findings: []rules.Finding{
				finding("r", e(12, 16, "Kyiv"), e(0, 4, "Kyiv")),
			},
			want:    "Kyiv is not Kyiv",
			applied: []int{0},
		},
		{
			name: "multi-edit fix is all or nothing",
			text: "Kiev is not Kiev",
			findings: []rules.Finding{
				finding("a", e(12, 14, "XX")),                    // conflicts with b's second edit
				finding("b", e(0, 4, "Kyiv"), e(12, 16, "Kyiv")), // first by start: kept
			},
			want:    "Kyiv is not Kyiv",
			applied: []int{1},
		},
		{
			name: "multi-edit fix dropped when one edit conflicts with an earlier fix",
			text: "Kiev is not Kiev",
			findings: []rules.Finding{
				finding("a", e(0, 2, "XX")),
				finding("b", e(1, 4, "yiv"), e(12, 16, "Kyiv")),
			},
			want:    "XXev is not Kiev",
			applied: []int{0},
		},
		{
			name: "multi-edit fix whose own edits overlap is skipped",
			text: "abcdef",
			findings: []rules.Finding{
				finding("r", e(0, 3, ""), e(2, 4, "")),
				finding("s", e(5, 6, "F")),
			},
			want:    "abcdeF",
			applied: []int{1},
		},
		{
			name: "multi-edit fix with a duplicated edit",
			text: "abcdef",
			findings: []rules.Finding{
				finding("r", e(0, 1, "A"), e(0, 1, "A")),
			},
			want:    "Abcdef",
			applied: []int{0},
		},
		{
			name: "unsafe skipped",
			text: quoted,
			findings: []rules.Finding{
				finding("repetition/doubled-word", unsafeAt(quoted, " a", 1, "")),
				finding("repetition/doubled-word", at(quoted, " left", 1, "")),
			},
			want:    "He said “it was a a mistake” and left.",
			applied: []int{1},
		},
		{
			name: "unsafe applied",
			text: quoted,
			findings: []rules.Finding{
				finding("repetition/doubled-word", unsafeAt(quoted, " a", 1, "")),
				finding("repetition/doubled-word", at(quoted, " left", 1, "")),
			},
			unsafe:  true,
			want:    "He said “it was a mistake” and left.",
			applied: []int{0, 1},
		},
		{
			name: "a multi-edit fix with one unsafe edit is unsafe",
			text: "a “b” c",
			findings: []rules.Finding{
				finding("r", e(0, 1, "A"), unsafeAt("a “b” c", "b", 0, "B")),
			},
			want: "a “b” c",
		},
		{
			name: "UTF-8 around edits is kept",
			text: "Ürümqi – “Uighurs” – Ürümqi",
			findings: []rules.Finding{
				finding("consistency/variants", unsafeAt("Ürümqi – “Uighurs” – Ürümqi", "Uighurs", 0, "Uyghurs")),
				finding("r", at("Ürümqi – “Uighurs” – Ürümqi", "–", 1, "—")),
			},
			unsafe:  true,
			want:    "Ürümqi – “Uyghurs” — Ürümqi",
			applied: []int{0, 1},
		},
		{
			name: "an edit splitting a UTF-8 sequence is skipped",
			text: "Ürümqi",
			findings: []rules.Finding{
				finding("r", e(1, 3, "x")),
			},
			want: "Ürümqi",
		},
		{
			name: "out of range is skipped",
			text: "abc",
			findings: []rules.Finding{
				finding("r", e(2, 9, "")),
				finding("r", e(-1, 1, "")),
				finding("r", e(2, 1, "")),
			},
			want: "abc",
		},
		{
			name: "whole-line deletion at the end leaves one final line break",
			text: "Text.\n\nAdd a Comment\n\nYour email address will not be published.",
			findings: []rules.Finding{
				finding("boilerplate/web", e(7, 21, "")),
				finding("boilerplate/web", e(22, 63, "")),
			},
			want:    "Text.\n",
			applied: []int{0, 1},
		},
		{
			name: "whole-line deletion at the end with a final line break",
			text: "Text.\n\nAdvertisement\n",
			findings: []rules.Finding{
				finding("boilerplate/web", e(7, 21, "")),
			},
			want:    "Text.\n",
			applied: []int{0},
		},
		{
			name: "whole-line deletion between paragraphs keeps one blank line",
			text: "One.\n\nAdvertisement\n\nTwo.\n",
			findings: []rules.Finding{
				finding("boilerplate/web", e(6, 20, "")),
			},
			want:    "One.\n\nTwo.\n",
			applied: []int{0},
		},
		{
			name: "whole-line deletions between paragraphs keep the longest gap",
			text: "One.\n\nAdvertisement\n\n\nShare this article\n\nTwo.\n",
			findings: []rules.Finding{
				finding("boilerplate/web", e(6, 20, "")),
				finding("boilerplate/web", e(22, 41, "")),
			},
			want:    "One.\n\n\nTwo.\n",
			applied: []int{0, 1},
		},
		{
			name: "whole-line deletion inside a paragraph",
			text: "One,\nAdvertisement\ntwo.\n\nThree.\n",
			findings: []rules.Finding{
				finding("boilerplate/web", e(5, 19, "")),
			},
			want:    "One,\ntwo.\n\nThree.\n",
			applied: []int{0},
		},
		{
			name: "whole-line deletion at the start, CRLF and a byte order mark",
			text: "\uFEFFAdvertisement\r\n\r\nText.\r\n",
			findings: []rules.Finding{
				finding("boilerplate/web", e(3, 18, "")),
			},
			want:    "\uFEFFText.\r\n",
			applied: []int{0},
		},
		{
			name: "whole-line deletion with lone CR line breaks",
			text: "One.\r\rAdvertisement\r\rTwo.\r",
			findings: []rules.Finding{
				finding("boilerplate/web", e(6, 20, "")),
			},
			want:    "One.\r\rTwo.\r",
			applied: []int{0},
		},
		{
			name: "blank lines elsewhere are left alone",
			text: "\n\nOne.\n\n\n\nTwo.\n\nAdvertisement\n\nThree.\n\n\n",
			findings: []rules.Finding{
				finding("boilerplate/web", e(16, 30, "")),
			},
			want:    "\n\nOne.\n\n\n\nTwo.\n\nThree.\n\n\n",
			applied: []int{0},
		},
		{
			name: "deleting every line",
			text: "Advertisement\n\nShare this article\n",
			findings: []rules.Finding{
				finding("boilerplate/web", e(0, 14, "")),
				finding("boilerplate/web", e(15, 34, "")),
			},
			want:    "",
			applied: []int{0, 1},
		},
		{
			name: "a deletion that is not of whole lines is not tidied",
			text: "One.\n\n\n\nTwo x\n",
			findings: []rules.Finding{
				finding("r", e(11, 13, "")),
			},
			want:    "One.\n\n\n\nTwo\n",
			applied: []int{0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.text)
			orig := slices.Clone(text)
			out, applied := Apply(text, tt.findings, tt.unsafe)
			if string(out) != tt.want {
				t.Errorf("got  %q\nwant %q", out, tt.want)
			}
			var want []rules.Finding
			for _, i := range tt.applied {
				want = append(want, tt.findings[i])
			}
			if !slices.EqualFunc(applied, want, sameFinding) {
				t.Errorf("applied %v, want %v", rulesOf(applied), rulesOf(want))
			}
			if string(text) != string(orig) {
				t.Errorf("Apply modified its input: %q", text)
			}
			// Any order of the findings gives the same result.
			r := rand.New(rand.NewPCG(1, 2))
			for range 10 {
				shuffled := slices.Clone(tt.findings)
				r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if out2, _ := Apply(text, shuffled, tt.unsafe); string(out2) != string(out) {
					t.Fatalf("shuffled findings give %q, want %q", out2, out)
				}
			}
		})
	}
}

func sameFinding(a, b rules.Finding) bool {
	return a.Rule == b.Rule && slices.Equal(a.Fixes, b.Fixes)
}

func rulesOf(fs []rules.Finding) []string {
	var s []string
	for _, f := range fs {
		s = append(s, f.Rule)
	}
	return s
}

func TestApplyNoChangeReturnsInput(t *testing.T) {
	text := []byte("abc")
	out, applied := Apply(text, []rules.Finding{finding("r", edit0{start: 0, end: 1, repl: "A", unsafe: true})}, false)
	if &out[0] != &text[0] || applied != nil {
		t.Errorf("Apply without an applicable fix: got %q, %v; want the input and no findings", out, applied)
	}
}

func TestApplyOnDocument(t *testing.T) {
	// The fixes the built-in rules report on a small article, end to end.
	text := "Editor: the the report said “it was a a crime”.\n\nAdd a Comment\n\nYour email address will not be published."
	reg := rules.Builtin()
	l, err := rules.NewLinter(reg, rules.Config{})
	if err != nil {
		t.Fatal(err)
	}
	fs := l.Lint(document.Load("a.txt", []byte(text)))
	out, _ := Apply([]byte(text), fs, false)
	if want := "Editor: the report said “it was a a crime”.\n"; string(out) != want {
		t.Errorf("safe fixes: got %q, want %q", out, want)
	}
	out, _ = Apply([]byte(text), fs, true)
	if want := "Editor: the report said “it was a crime”.\n"; string(out) != want {
		t.Errorf("unsafe fixes: got %q, want %q", out, want)
	}
	// Fixing again finds nothing to fix.
	if again, applied := Apply(out, l.Lint(document.Load("a.txt", out)), true); string(again) != string(out) || len(applied) > 0 {
		t.Errorf("second round changed %q to %q", out, again)
	}
}

// FuzzApply builds fixes from the fuzzer's bytes, three bytes an edit
// (start, length, replacement) and a finding every few edits, and checks
// that Apply does not panic, that the order of the findings does not
// matter, that the fixes it applied are free of conflicts, and that its
// offset map sends every byte it kept to that byte of the result, in
// order, and back.
func FuzzApply(f *testing.F) {
	f.Add("It was the the day.\n\nAdvertisement\n", []byte{7, 4, 0, 3, 4, 1, 21, 14, 0})
	f.Add("Ürümqi “a a” b\r\n\r\nx", []byte{0, 2, 2, 1, 1, 0, 9, 2, 1})
	f.Fuzz(func(t *testing.T, text string, prog []byte) {
		repls := []string{"", "x", "\n", "é"}
		var findings []rules.Finding
		for i := 0; i+2 < len(prog); i += 3 {
			s := int(prog[i]) % (len(text) + 1)
			end := min(len(text), s+int(prog[i+1])%8)
			x := rules.Fix{Span: document.Span{Start: s, End: end}, Replacement: repls[prog[i+2]%4], Unsafe: prog[i+2]&8 != 0}
			if len(findings) == 0 || prog[i+2]&16 == 0 {
				findings = append(findings, rules.Finding{Rule: string(rune('a' + i%3))})
			}
			findings[len(findings)-1].Fixes = append(findings[len(findings)-1].Fixes, x)
		}
		unsafe := len(prog) > 0 && prog[0]&1 == 1
		out, applied := Apply([]byte(text), findings, unsafe)
		reversed := slices.Clone(findings)
		slices.Reverse(reversed)
		if out2, applied2 := Apply([]byte(text), reversed, unsafe); string(out2) != string(out) || len(applied2) != len(applied) {
			t.Fatalf("reversed findings: %q, want %q", out2, out)
		}
		var edits []edit
		for _, a := range applied {
			for _, x := range a.Fixes {
				edits = append(edits, edit{x.Span.Start, x.Span.End, x.Replacement})
			}
		}
		for i := range edits {
			for j := range i {
				if edits[i].conflicts(edits[j]) {
					t.Fatalf("applied conflicting edits %v and %v", edits[j], edits[i])
				}
			}
		}
		_, _, m := apply([]byte(text), findings, unsafe)
		last := 0
		for p := 0; p <= len(text); p++ {
			to, exact := m.forward(p)
			if to < last || to > len(out) {
				t.Fatalf("forward(%d) = %d, after %d, in a result of %d bytes", p, to, last, len(out))
			}
			last = to
			edited := slices.ContainsFunc(edits, func(e edit) bool { return e.start <= p && p < e.end })
			if next, ok := m.forward(p + 1); p < len(text) && exact && ok && next == to+1 && !edited {
				if out[to] != text[p] {
					t.Fatalf("forward(%d) = %d: byte %q, not %q", p, to, out[to], text[p])
				}
				if back := m.back(to); back != p {
					t.Fatalf("back(forward(%d)) = %d", p, back)
				}
			}
		}
	})
}
