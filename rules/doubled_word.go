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
not function words are taken for a name ("Walla Walla", "Sing Sing"). A word
in capitals before its lower-case form names something ("Bitwise AND and
assignment"). Where one phrase ends and the next begins with the same word,
the doubling is grammatical: an object pronoun after a preposition or a verb
of telling or giving, then the same pronoun as subject or possessive ("I tell
you you don't", "got to it it", "gave her her ticket"), or a phrasal verb's
particle after its object, then the same word as a preposition ("took the
letters in in the morning"). Words are compared as written: a file name, a
domain or an abbreviation is one word ("gophercon.in in Bengaluru"). Words in
Markdown code are not prose and are never compared.

Inside a quotation the doubling is reported too, since a doubled word in a
speaker's words is as likely to be a transcription slip, but the message says
to check the source, and the fix (dropping the second word) is unsafe there.

In Markdown the fix removes a word and white space, never markup: in
"the [the guide](…)" it drops the "the " inside the link, in "the *the*" the
first word, keeping the emphasis. Where no such edit exists, as for a word
alone in its emphasis ("*the* the") or words in a link's reference label
("[the the][]"), the doubling is reported without a fix.`,
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
			if allowed[lower] || isNumber(at) || (isCapitalized(at) && isCapitalized(bt) && !functionWords[lower]) ||
				namesForm(at, bt) || phraseBoundary(d, i, lower) {
				continue
			}
			var fixes []Fix
			if fix, ok := doubledWordFix(d, as, bs); ok {
				fixes = append(fixes, fix)
			}
			if d.InQuote(as.Start) {
				p.Report(document.Span{Start: as.Start, End: bs.End},
					"doubled word “"+string(bt)+"” inside a quotation: check the source before removing one", fixes...)
				continue
			}
			p.Report(document.Span{Start: as.Start, End: bs.End}, "doubled word “"+string(bt)+"”", fixes...)
		}
	}, nil
}

// doubledWordFix returns the fix of the doubled words a and b: the white
// space between them and b. In Markdown a fix changes prose only (see
// document.Editable), so where markup lies between the words (a link's
// bracket, emphasis marks) it deletes the word on the other side of the
// markup with the white space beyond it: b and the spaces after it, or a
// and the spaces after it if a is written as b is ("the *the*" keeps its
// emphasis as "*the*"). A deletion that would leave a line starting with
// text that could open a block (a digit of "1."), delete a hard line
// break, or put an emphasis mark beside other text than it had (which can
// change whether it opens), is not made. ok is false where no such fix
// exists: b alone in its emphasis ("*the* the"), or words in a link's
// reference label. The edits keep the markup they can see; fix.ApplyDocument
// checks the rest (a deletion that makes literal brackets a link).
func doubledWordFix(d *document.Document, a, b document.Span) (fix Fix, ok bool) {
	between := document.Span{Start: a.End, End: b.End}
	if d.Format != document.Markdown {
		return Fix{Span: between}, d.Editable(between)
	}
	if d.Editable(between) && !hardLineBreak(d.Text[a.End:b.Start]) {
		return Fix{Span: between}, true
	}
	// b and the spaces after it: what follows them moves to b's place,
	// after the markup before b. An emphasis mark there opens or not by
	// what follows it: b's letter, so a letter must follow again.
	if end := spacesAfter(d.Text, b.End); end > b.End && d.Editable(document.Span{Start: b.Start, End: end}) {
		r, _ := utf8.DecodeRune(d.Prose[end:])
		letter := document.IsWordRune(r) && !unicode.IsDigit(r)
		switch {
		case atLineLead(d, b.Start) && !letter:
		case isMarkup(d, b.Start-1) && (d.Text[b.Start-1] == '*' || d.Text[b.Start-1] == '_') && !document.IsWordRune(r):
		default:
			return Fix{Span: document.Span{Start: b.Start, End: end}}, true
		}
	}
	// a and the spaces after it: the markup before b moves to a's place,
	// after what came before a, which must be prose (white space or
	// punctuation), and no "*" or "_" for an emphasis mark to join.
	if end := spacesAfter(d.Text, a.End); end > a.End && bytes.Equal(d.Slice(a), d.Slice(b)) &&
		d.Editable(document.Span{Start: a.Start, End: end}) &&
		(a.Start == 0 || d.Prose[a.Start-1] != document.Masked && !isMarkup(d, a.Start-1) &&
			d.Text[a.Start-1] != '*' && d.Text[a.Start-1] != '_') {
		if !atLineLead(d, a.Start) || !bytes.ContainsFunc(d.Text[end:b.Start], func(r rune) bool {
			return r != '*' && r != '_' && r != '['
		}) {
			return Fix{Span: document.Span{Start: a.Start, End: end}}, true
		}
	}
	return Fix{}, false
}

// isMarkup reports whether byte i of a Markdown document is markup that
// Prose reads as a space: an emphasis mark, a link's bracket.
func isMarkup(d *document.Document, i int) bool {
	return i >= 0 && d.Prose[i] == ' ' && d.Text[i] != ' '
}

// spacesAfter returns the end of the spaces and tabs of text from i on,
// or i if there are none or they end the line.
func spacesAfter(text []byte, i int) int {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j == len(text) || text[j] == '\n' || text[j] == '\r' {
		return i
	}
	return j
}

// hardLineBreak reports whether the white space between two words holds a
// Markdown hard line break: two or more spaces before a line break.
func hardLineBreak(gap []byte) bool {
	for i, c := range gap {
		if (c == '\n' || c == '\r') && i >= 2 && gap[i-1] == ' ' && gap[i-2] == ' ' {
			return true
		}
	}
	return false
}

// atLineLead reports whether only white space and masked text (a block
// quote's marker, a list item's indentation) lie between the start of the
// line and offset off: text moved to off would start the line's content,
// where a digit or a mark can open a block.
func atLineLead(d *document.Document, off int) bool {
	for i := off - 1; i >= 0; i-- {
		switch c := d.Prose[i]; c {
		case '\n', '\r':
			return true
		case ' ', '\t', document.Masked:
		default:
			return false
		}
	}
	return true
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

// namesForm reports whether a, written in capitals, and b, its lower-case
// form, are a name and a word ("Bitwise AND and assignment", "the OR or
// the XOR"): a writer who capitalises a word to name an operator, a key or
// an acronym does not repeat it by mistake in another case.
func namesForm(a, b []byte) bool {
	return len(a) >= 2 && isAllCase(a, unicode.IsUpper) && isAllCase(b, unicode.IsLower)
}

// isAllCase reports whether every letter of w satisfies is, and w has one.
func isAllCase(w []byte, is func(rune) bool) bool {
	letter := false
	for _, r := range string(w) {
		if unicode.IsLetter(r) {
			if !is(r) {
				return false
			}
			letter = true
		}
	}
	return letter
}

// objectPronouns are the pronouns written alike as an object and as the
// subject or possessive that can start the next phrase: "I tell you you
// don't", "when I got to it it warn't", "he gave her her ticket".
var objectPronouns = map[string]bool{"you": true, "it": true, "her": true}

// objectTakers are the words after which a pronoun is an object that ends
// a phrase: prepositions, and verbs that take a person and then a clause or
// a second object (tell, show, give).
var objectTakers = map[string]bool{
	// prepositions
	"to": true, "at": true, "in": true, "on": true, "of": true, "for": true, "with": true, "from": true,
	"by": true, "about": true, "into": true, "onto": true, "upon": true, "like": true, "than": true,
	"without": true, "toward": true, "towards": true, "through": true, "after": true, "before": true,
	"under": true, "over": true, "around": true, "against": true, "behind": true, "beside": true,
	// verbs of telling and giving
	"tell": true, "tells": true, "told": true, "telling": true, "show": true, "shows": true, "showed": true,
	"shown": true, "showing": true, "ask": true, "asks": true, "asked": true, "warn": true, "warns": true,
	"warned": true, "promise": true, "promised": true, "remind": true, "reminded": true, "assure": true,
	"assured": true, "bet": true, "teach": true, "taught": true, "inform": true, "informed": true,
	"convince": true, "convinced": true, "give": true, "gives": true, "gave": true, "given": true,
	"giving": true, "hand": true, "handed": true, "send": true, "sent": true, "bring": true,
	"brought": true, "buy": true, "bought": true, "offer": true, "offered": true, "pay": true,
	"paid": true, "lend": true, "lent": true, "wish": true, "wished": true, "let": true, "make": true,
	"made": true,
}

// particles are the adverbs of phrasal verbs that are also prepositions:
// after a phrasal verb's object, one ends a phrase and the next begins
// another ("took the letters in in the morning", "put it on on Monday").
var particles = map[string]bool{
	"in": true, "on": true, "up": true, "out": true, "off": true, "down": true, "over": true, "back": true,
}

// objectForms are the object pronouns.
var objectForms = map[string]bool{
	"it": true, "them": true, "him": true, "her": true, "me": true, "us": true, "you": true,
}

// determiners open a noun phrase.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"his": true, "her": true, "its": true, "their": true, "our": true, "my": true, "your": true,
}

// phrasalVerbs are the forms of verbs that take a particle after their
// object: "took the letters in", "handed them back", "turned it off".
// Verbs that as often take a plain object and an adverbial of place or time
// ("set the record in 2019", "got the job in May") are not among them.
var phrasalVerbs = map[string]bool{
	"take": true, "takes": true, "took": true, "taken": true, "taking": true,
	"bring": true, "brings": true, "brought": true, "bringing": true,
	"put": true, "puts": true, "putting": true, "let": true, "lets": true, "letting": true,
	"hand": true, "hands": true, "handed": true, "handing": true,
	"send": true, "sends": true, "sent": true, "sending": true,
	"turn": true, "turns": true, "turned": true, "turning": true,
	"fill": true, "fills": true, "filled": true, "filling": true,
	"pick": true, "picks": true, "picked": true, "picking": true,
	"carry": true, "carries": true, "carried": true, "carrying": true,
	"lock": true, "locks": true, "locked": true, "locking": true,
	"shut": true, "shuts": true, "shutting": true,
	"pull": true, "pulls": true, "pulled": true, "pulling": true,
	"push": true, "pushes": true, "pushed": true, "pushing": true,
	"throw": true, "throws": true, "threw": true, "thrown": true, "throwing": true,
}

// phraseBoundary reports whether the doubled word ending at word i, in
// lower case w, is two words of two phrases: an object pronoun after a
// preposition or a verb of telling or giving, then the same pronoun
// starting the next phrase ("I tell you you don't"); or a phrasal verb's
// particle after its object, then the same word as a preposition ("took
// the letters in in the morning"). The words before must be joined by
// white space only: punctuation would have kept the doubling apart.
func phraseBoundary(d *document.Document, i int, w string) bool {
	if objectPronouns[w] {
		return objectTakers[wordBefore(d, i-1)]
	}
	if !particles[w] {
		return false
	}
	// The verb, then its object (a pronoun, or a determiner and one or two
	// words: "took the letters in", "turned it off"), then the particle,
	// word i-1. A noun without a determiner is rather part of an idiom
	// whose particle is a preposition ("took place in", "took part in").
	var run [4]string // run[n] is word i-2-n
	for n := range run {
		if run[n] = wordBefore(d, i-1-n); run[n] == "" {
			break
		}
		if n == 0 {
			continue
		}
		if phrasalVerbs[run[n]] {
			obj := run[n-1]
			return n == 1 && objectForms[obj] || n >= 2 && determiners[obj]
		}
	}
	return false
}

// wordBefore returns in lower case the word before word k, if it is in the
// same paragraph with only white space between them, or "".
func wordBefore(d *document.Document, k int) string {
	if k < 1 || k >= len(d.Words) {
		return ""
	}
	a, b := d.Words[k-1], d.Words[k]
	if a.Paragraph != b.Paragraph || !d.OnlySpaceBetween(int(a.End), int(b.Start)) {
		return ""
	}
	return strings.ToLower(d.String(a.Span()))
}

// wordAfter returns in lower case the word after word k, if it is in the
// same paragraph with only white space between them, or "".
func wordAfter(d *document.Document, k int) string {
	if k < 0 || k+1 >= len(d.Words) {
		return ""
	}
	a, b := d.Words[k], d.Words[k+1]
	if a.Paragraph != b.Paragraph || !d.OnlySpaceBetween(int(a.End), int(b.Start)) {
		return ""
	}
	return strings.ToLower(d.String(b.Span()))
}

// isCapitalized reports whether a word starts with a capital letter.
func isCapitalized(w []byte) bool {
	r, _ := utf8.DecodeRune(w)
	return unicode.IsUpper(r)
}
