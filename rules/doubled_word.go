package rules

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// DoubledWord is the repetition/doubled-word rule.
var DoubledWord = &Rule{
	ID:       "repetition/doubled-word",
	Severity: Error,
	Summary:  "The same word twice in a row",
	Explanation: `Reports a word written twice in a row ("the the"), in any case and across
line breaks, the commonest slip of a writer who revised a sentence. Legitimate
doublings are left alone: "had had" and "that that" are grammatical,
reduplications such as "bye bye" are words, and two capitalised words that are
not function words are taken for a name ("Walla Walla", "Sing Sing"). Words in
Markdown code are not prose and are never compared.

Inside a quotation the doubling is reported too, since a doubled word in a
speaker's words is as likely to be a transcription slip, but the message says
to check the source, and the fix (dropping the second word) is unsafe there.`,
	Bad:  "The report said it may constitute crimes, in particular particular crimes against humanity.",
	Good: "The report said it may constitute crimes, in particular crimes against humanity. What it had had was time.",
	Options: []Option{
		{Name: "allow", Kind: StringList, Doc: "more words that may be doubled (case-insensitive), added to the built-in ones"},
	},
	New: newDoubledWord,
}

// doubledAllowed are words whose doubling is grammatical or a word of its
// own.
var doubledAllowed = []string{
	// grammatical
	"had", "that", "is",
	// reduplications
	"bye", "no", "so", "ha", "hah", "haha", "he", "hee", "ho", "tut", "tsk", "chop", "pom", "yada",
	"blah", "knock", "there", "now", "well", "hear", "night", "choo", "boo", "din", "cous", "aye",
	"la", "na", "tom", "bling", "dum", "hip", "bang", "chug", "ding", "dong", "woof", "yum",
	"murmur", "never", "very", "really", "go", "far", "tick", "pooh", "bon", "mahi", "wagga",
	"walla", "bora", "pago", "sing", "baden", "duran",
}

// functionWords are words that are never part of a name: "The The" at the
// start of a sentence is still a doubled word.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true, "of": true, "to": true,
	"in": true, "on": true, "at": true, "for": true, "with": true, "by": true, "from": true, "as": true,
	"it": true, "its": true, "this": true, "he": true, "she": true, "we": true, "they": true, "i": true,
	"his": true, "her": true, "their": true, "our": true, "my": true, "was": true, "were": true, "be": true,
	"are": true, "has": true, "have": true, "will": true, "would": true, "can": true, "not": true, "if": true,
}

func newDoubledWord(opts Options) (Check, error) {
	allowed := wordSet(doubledAllowed, opts, "allow")
	return func(p *Pass) {
		d := p.Doc
		for i := 1; i < len(d.Words); i++ {
			a, b := d.Words[i-1], d.Words[i]
			if a.Paragraph != b.Paragraph {
				continue
			}
			as, bs := a.Span(), b.Span()
			at, bt := d.Slice(as), d.Slice(bs)
			if !mayEqualFold(at, bt) || !bytes.EqualFold(at, bt) || !d.OnlySpaceBetween(as.End, bs.Start) {
				continue
			}
			lower := strings.ToLower(string(at))
			if allowed[lower] || isNumber(at) || (isCapitalized(at) && isCapitalized(bt) && !functionWords[lower]) {
				continue
			}
			fix := Fix{Span: document.Span{Start: as.End, End: bs.End}}
			if d.InQuote(as.Start) {
				p.Report(document.Span{Start: as.Start, End: bs.End},
					"doubled word “"+string(bt)+"” inside a quotation: check the source before removing one", fix)
				continue
			}
			p.Report(document.Span{Start: as.Start, End: bs.End}, "doubled word “"+string(bt)+"”", fix)
		}
	}, nil
}

// wordSet returns the lower-case set of the built-in words and those of the
// string-list option named opt.
func wordSet(builtin []string, opts Options, opt string) map[string]bool {
	set := make(map[string]bool, len(builtin))
	for _, w := range builtin {
		set[w] = true
	}
	extra, _ := opts.Strings(opt)
	for _, w := range extra {
		set[strings.ToLower(w)] = true
	}
	return set
}

// isNumber reports whether a word is made of digits and number punctuation.
func isNumber(w []byte) bool {
	for _, c := range w {
		if (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return true
}

// isCapitalized reports whether a word starts with a capital letter.
func isCapitalized(w []byte) bool {
	r, _ := utf8.DecodeRune(w)
	return unicode.IsUpper(r)
}
