package rules

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
)

// QuotesAttribution is the quotes/attribution rule.
var QuotesAttribution = &Rule{
	ID:       "quotes/attribution",
	Severity: Warning,
	Summary:  "A direct quotation with no speaker",
	Explanation: `Reports a direct quotation (a quoted sentence or clause of four words or more)
whose speaker a reader cannot tell. A quotation is attributed by a cue in its
own sentence, or in the sentence just before or just after it, across a
paragraph break if need be; a speech verb elsewhere in a long paragraph does
not count. The cues:

- a speech verb or phrase outside the quotation: said, told, wrote, argued,
  warned, insisted, pointed out, according to, in a statement, as NAME put it,
  quoted as saying, … (configurable);
- the quotation's own shape: one that ends in a comma, question or
  exclamation mark inside its marks and runs on in the same sentence
  ("We will win," she quipped; "Why?" asked Ms Okafor), whatever the verb;
- a colon just before it, or ending the paragraph before (The statement
  read: "…");
- a dash credit before or after it (— Name, ― Name, -- Name);
- continuation: a paragraph that opens with a quotation right after a
  paragraph whose quotation was attributed goes on with the same speaker, as
  does every paragraph of a quotation that runs over several.

Not direct speech, and never reported: a partial quotation woven into the
sentence (called the plan "a farce"; a quotation that starts in lower case
after a word of the sentence), scare quotes, terms and titles (every word
capitalised), a quotation in a heading or a headline-like line, a saying
introduced as one (the adage "…", the motto "…"), and interview transcripts
in Q&A or speaker-label form (THE PRESIDENT:, Q:, Smith:).

Options: "verbs" replaces the built-in verbs and phrases, "extra_verbs" adds to
them and "remove_verbs" takes some away (an entry of several words, "according
to", matches those words in a row); "min_words" is the length from which a
quotation counts as a sentence of speech (4).`,
	Bad: "The crowd in the square was quiet. “We will not stand for the destruction of our way of life.” " +
		"Then it dispersed.",
	Good: "“We will not stand for the destruction of our way of life,” the mayor said.\n\n" +
		"The statement read:\n\n“We will not stand for it.”",
	Options: []Option{
		{Name: "verbs", Kind: StringList, Doc: "the speech verbs and phrases that attribute a quotation, replacing the built-in list", Default: SpeechVerbs()},
		{Name: "extra_verbs", Kind: StringList, Doc: "speech verbs and phrases added to the list"},
		{Name: "remove_verbs", Kind: StringList, Doc: "speech verbs and phrases taken out of the list"},
		{Name: "min_words", Kind: Int, Doc: "the fewest words a quotation needs to count as direct speech", Default: defaultMinWords},
	},
	New: newAttribution,
}

// defaultMinWords is the fewest words of a quotation of speech: fewer are a
// term or a scare quote.
const defaultMinWords = 4

// speechLemmas are the speech-act verbs whose regular forms (-s, -ed, -ing;
// see inflect) the built-in list holds.
var speechLemmas = []string{
	"add", "acknowledge", "advise", "agree", "announce", "answer", "argue", "assert", "boast", "caution",
	"chant", "cheer", "claim", "comment", "complain", "concede", "conclude", "confirm", "contend",
	"continue", "counter", "declare", "demand", "describe", "disagree", "emphasize", "emphasise",
	"estimate", "exclaim", "explain", "gush", "highlight", "insist", "interject", "joke", "lament",
	"laugh", "maintain", "marvel", "mention", "mourn", "muse", "mutter", "murmur", "note", "observe",
	"plead", "point", "post", "praise", "predict", "proclaim", "promise", "question", "quote", "recall",
	"recount", "reflect", "reiterate", "remark", "remember", "remind", "repeat", "report", "respond",
	"retort", "reveal", "scream", "shout", "sigh", "snap", "state", "stress", "suggest", "tweet",
	"underline", "underscore", "urge", "vow", "warn", "wonder", "yell", "ask", "cite", "recommend",
	"thank", "welcome", "whisper", "testify", "reply", "cry", "deny", "quip", "admit", "chat", "jot",
	"call", "accuse", "denounce",
}

// speechIrregular are the built-in speech verbs' forms that speechLemmas do
// not give, and phrases.
var speechIrregular = []string{
	"say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes", "wrote",
	"writing", "written", "speak", "speaks", "spoke", "spoken", "speaking", "sing", "sings", "sang",
	"read", "reads", "find", "finds", "found", "shot back", "fire back", "fired back", "put it", "puts it",
	"according to", "in the words of", "quoted as saying", "in a statement", "in an interview",
	"in a post", "in a letter", "in a speech", "in remarks", "in testimony", "in an email",
	"in a tweet", "in a video", "per", "calls for", "called for",
	"statement from", "statement by", "remarks by", "remarks from", "message from", "letter from",
	"speech by", "interview with", "words of",
}

// SpeechVerbs returns the built-in speech verbs and phrases that attribute
// a quotation ("said", "according to"), lower case, in the forms newsroom
// copy uses them.
func SpeechVerbs() []string {
	out := append([]string(nil), speechIrregular...)
	for _, l := range speechLemmas {
		out = append(out, inflect(l)...)
	}
	return out
}

// inflect returns a regular verb's forms that speech takes in copy: -s,
// -ed and -ing. The base form is left out: most of these verbs are nouns
// too (report, note, post, comment, quote), and "the report" attributes
// nothing.
func inflect(base string) []string {
	n := len(base)
	switch {
	case strings.HasSuffix(base, "y") && n > 2 && !strings.ContainsRune("aeiou", rune(base[n-2])):
		stem := base[:n-1]
		return []string{stem + "ies", stem + "ied", base + "ing"}
	case strings.HasSuffix(base, "ee"): // agree: agreeing
		return []string{base + "s", base + "d", base + "ing"}
	case strings.HasSuffix(base, "e"):
		return []string{base + "s", base + "d", base[:n-1] + "ing"}
	case doubles(base):
		last := base[n-1:]
		return []string{base + "s", base + last + "ed", base + last + "ing"}
	case strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "s"):
		return []string{base + "es", base + "ed", base + "ing"}
	}
	return []string{base + "s", base + "ed", base + "ing"}
}

// doubles reports whether a verb doubles its last consonant before -ed:
// quip, admit, snap, chat, jot.
func doubles(base string) bool {
	switch base {
	case "quip", "admit", "snap", "chat", "jot":
		return true
	}
	return false
}

// sayingNouns introduce a quotation that is a saying, a motto or a
// label, not someone's speech: the adage, "…".
var sayingNouns = map[string]bool{
	"adage": true, "saying": true, "motto": true, "slogan": true, "proverb": true, "maxim": true,
	"phrase": true, "term": true, "expression": true, "catchphrase": true, "mantra": true,
	"hashtag": true, "headline": true, "title": true, "titled": true, "entitled": true, "theme": true,
	"sign": true, "banner": true, "caption": true, "label": true, "word": true, "words": true,
	"nickname": true, "dubbed": true, "named": true, "called": true, "known": true, "so-called": true,
	"creed": true, "credo": true, "pledge": true, "oath": true, "inscription": true, "reads": true,
}

// AttributionVerbs returns the speech verbs and phrases that attribute a
// quotation under the options of quotes/attribution: the built-in ones
// (see SpeechVerbs) or those of "verbs", with "extra_verbs" added and
// "remove_verbs" taken away. The revision checks that look for a speaker
// use the same list.
func AttributionVerbs(opts Options) []string {
	list := SpeechVerbs()
	if v, ok := opts.Strings("verbs"); ok {
		list = v
	}
	extra, _ := opts.Strings("extra_verbs")
	list = append(append([]string(nil), list...), extra...)
	if remove, ok := opts.Strings("remove_verbs"); ok {
		drop := map[string]bool{}
		for _, r := range remove {
			drop[strings.Join(strings.Fields(strings.ToLower(r)), " ")] = true
		}
		kept := list[:0]
		for _, v := range list {
			if !drop[strings.Join(strings.Fields(strings.ToLower(v)), " ")] {
				kept = append(kept, v)
			}
		}
		list = kept
	}
	return list
}

func newAttribution(opts Options) (Check, error) {
	list := AttributionVerbs(opts)
	minWords := defaultMinWords
	if n, ok := opts.Int("min_words"); ok {
		minWords = n
	}
	verbs := newPhraseSet(list)
	return func(p *Pass) {
		d := p.Doc
		if len(d.Quotes) == 0 {
			return
		}
		a := attributor{d: d, verbs: verbs, minWords: minWords, spoken: p.spokenParagraphs()}
		// A run of gaps, each of which the first's speaker would go on
		// into (“A.” “B.” on one line, or a paragraph that opens with
		// “C.” after them), is one finding: one attribution mends it.
		// Each line of a list is its own.
		var run []document.Quote
		flush := func() {
			if len(run) > 0 {
				p.Report(d.Extent(run[0]), a.message(run))
				run = run[:0]
			}
		}
		for _, q := range d.Quotes {
			if q.Depth != 0 || a.spoken != nil && a.spoken[q.FirstParagraph] {
				continue
			}
			attributed, speech := a.judge(q)
			if !speech {
				continue
			}
			if !attributed && len(run) > 0 && a.goesOn(run[len(run)-1], q) {
				run = append(run, q)
				continue
			}
			flush()
			if !attributed {
				run = append(run, q)
			}
		}
		flush()
	}, nil
}

// attributor judges the quotations of one document, in order.
type attributor struct {
	d        *document.Document
	verbs    phraseSet
	minWords int
	// lastPara is the last paragraph of the last quotation of speech,
	// and lastOK whether it was attributed: a paragraph that opens with a
	// quotation right after it goes on with its speaker.
	lastPara int
	lastOK   bool
	judged   bool
	// spoken marks the paragraphs that are a speaker's own words, in a
	// transcript or an interview (see spokenParagraphs).
	spoken []bool
	// names are the words the document capitalises where no sentence
	// begins, found on first use (see isName).
	names map[string]bool
}

// judge returns whether the quotation q is attributed and whether it is
// direct speech at all.
func (a *attributor) judge(q document.Quote) (attributed, speech bool) {
	// The speaker of an attributed quotation goes on into the next one of
	// its paragraph, and into a paragraph that opens with a quotation
	// right after it.
	continues := a.judged && a.lastOK && a.followsOn(a.lastPara, q)
	speech = a.isSpeech(q)
	// The cheap cues first: most quotations end in a comma.
	attributed = !speech || q.Colon || continues || a.shapeAttributes(q) || a.cueInScope(q) ||
		a.dashCredit(q) || a.creditLine(q) || a.namedBefore(q) || a.introducedBy(q, a.wordBefore(q), sourceNouns) ||
		a.sourceAfter(q) || a.profileSection(q)
	if speech {
		a.judged, a.lastPara, a.lastOK = true, q.LastParagraph, attributed
	}
	return attributed, speech
}

// goesOn reports whether quotation q would go on with the speaker of
// quotation prev: it follows prev on the line where prev ends, or opens
// the paragraph after prev's.
func (a *attributor) goesOn(prev, q document.Quote) bool {
	if q.FirstParagraph == prev.LastParagraph+1 {
		return a.opensParagraph(q)
	}
	end := a.d.Extent(prev).End
	return q.FirstParagraph == prev.LastParagraph && end <= q.Open &&
		!bytes.ContainsAny(a.d.Slice(document.Span{Start: end, End: q.Open}), "\n\r")
}

// followsOn reports whether quotation q goes on with the speaker of a
// quotation that ends in paragraph last: it stands in that paragraph, or
// opens the next.
func (a *attributor) followsOn(last int, q document.Quote) bool {
	return q.FirstParagraph == last || q.FirstParagraph == last+1 && a.opensParagraph(q)
}

// isSpeech reports whether a quotation quotes speech: a sentence or clause
// of minWords words or more, not a title, a term, a partial quotation
// woven into the sentence, a saying introduced as one, nor in a heading.
func (a *attributor) isSpeech(q document.Quote) bool {
	d := a.d
	if d.Paragraphs[q.FirstParagraph].Heading || headlineLike(d, q.FirstParagraph) {
		return false
	}
	words := d.WordsIn(q.Content)
	if len(words) < a.minWords || isTitle(d, words) {
		return false
	}
	before := a.wordBefore(q)
	// A saying, a title or a label introduced as one, up to three words
	// before the mark with nothing but space between: the adage "…", a
	// sign that read "…", his official title is "…".
	if a.introducedBy(q, before, sayingNouns) {
		return false
	}
	// A partial quotation: it starts in lower case after words of its
	// sentence (called the plan "a farce"; in his view, "a drain"; American
	// style puts the sentence's full stop inside the marks even then).
	first := d.Slice(words[0].Span())
	r, _ := utf8.DecodeRune(first)
	if unicode.IsLower(r) && before >= 0 && a.sameSentence(int(d.Words[before].Start), q.Open) {
		return false
	}
	return true
}

// introducedBy reports whether one of the nouns stands up to three words
// before the quotation's opening mark, before which is word before, with
// nothing but space between them, or a comma or colon just before the
// mark: the adage "…", the adage, "…", a presentation titled, "…".
func (a *attributor) introducedBy(q document.Quote, before int, nouns map[string]bool) bool {
	d := a.d
	next := q.Open // the start of what follows word k
	for k, n := before, 0; k >= 0 && n < 3 && int(d.Words[k].Paragraph) == q.FirstParagraph; k, n = k-1, n+1 {
		end := int(d.Words[k].End)
		if n == 0 && end < next && (d.Text[end] == ',' || d.Text[end] == ':') {
			end++
		}
		if !d.OnlySpaceBetween(end, next) {
			break
		}
		if nouns[strings.ToLower(d.String(d.Words[k].Span()))] {
			return true
		}
		next = int(d.Words[k].Start)
	}
	return false
}

// sourceNouns name a text whose words a quotation gives: the statement,
// "…"; in the letter: "…". Introduced by one, a quotation is attributed
// to it.
var sourceNouns = map[string]bool{
	"statement": true, "message": true, "letter": true, "email": true, "memo": true, "note": true,
	"post": true, "tweet": true, "citation": true, "announcement": true, "release": true, "notice": true,
	"testimony": true, "remarks": true, "speech": true, "transcript": true, "report": true,
	"following": true, "decision": true, "ruling": true, "verdict": true, "order": true, "law": true,
	"resolution": true, "declaration": true, "communique": true, "communiqué": true, "text": true,
}

// sourceAfter reports whether the sentence right after the quotation, in
// its paragraph, says where its words come from: it opens with this, that,
// it or the line, the words, and has "from" or "by" among its first words
// (“…” This is from a 2015 film; “…” That line, from a 1980 speech by …).
func (a *attributor) sourceAfter(q document.Quote) bool {
	d := a.d
	ext := d.Extent(q)
	ss := d.Sentences
	k := sort.Search(len(ss), func(i int) bool { return ss[i].Start >= ext.End })
	if k >= len(ss) || d.ParagraphAt(ss[k].Start) != q.LastParagraph {
		return false
	}
	words := d.WordsIn(ss[k])
	if len(words) < 3 {
		return false
	}
	switch strings.ToLower(d.String(words[0].Span())) {
	case "this", "that", "these", "those", "it", "the":
	default:
		return false
	}
	for _, w := range words[1:min(len(words), 6)] {
		switch strings.ToLower(d.String(w.Span())) {
		case "from", "by":
			return true
		}
	}
	return false
}

// sameSentence reports whether offsets i and j lie in one sentence.
func (a *attributor) sameSentence(i, j int) bool {
	ss := a.d.Sentences
	k := sort.Search(len(ss), func(k int) bool { return ss[k].End > i })
	return k < len(ss) && ss[k].Start <= i && j < ss[k].End
}

// isTitle reports whether every word is capitalised but the small ones: a
// title, a name.
func isTitle(d *document.Document, words []document.Word) bool {
	for _, w := range words {
		t := d.Slice(w.Span())
		r, _ := utf8.DecodeRune(t)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !titleSmallWords[strings.ToLower(string(t))] {
			return false
		}
	}
	return true
}

var titleSmallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "of": true,
	"to": true, "in": true, "on": true, "at": true, "for": true, "by": true, "with": true, "from": true,
	"as": true, "into": true, "vs": true, "via": true,
}

// headlineLike reports whether paragraph pi reads as a headline: one line
// of a few words that does not end a sentence.
func headlineLike(d *document.Document, pi int) bool {
	p := d.Paragraphs[pi]
	if p.EndWord-p.FirstWord > 20 || bytes.ContainsAny(d.Slice(p.Span), "\n\r") {
		return false
	}
	last, _ := utf8.DecodeLastRune(bytes.TrimRight(d.Slice(p.Span), " \t”’\"'"))
	return !strings.ContainsRune(".!?:;,…", last)
}

// wordBefore returns the index in d.Words of the word just before the
// quotation's opening mark in its paragraph, or -1.
func (a *attributor) wordBefore(q document.Quote) int {
	d := a.d
	p := d.Paragraphs[q.FirstParagraph]
	i := sort.Search(len(d.Words), func(i int) bool { return int(d.Words[i].End) > q.Open }) - 1
	if i < p.FirstWord {
		return -1
	}
	return i
}

// opensParagraph reports whether the quotation opens its paragraph.
func (a *attributor) opensParagraph(q document.Quote) bool {
	p := a.d.Paragraphs[q.FirstParagraph]
	for i := p.Start; i < q.Open; i++ {
		if c := a.d.Text[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// cueInScope reports whether a speech verb or phrase stands outside
// quotations in the quotation's own sentences, or in the sentence just
// before or just after them. A neighbouring sentence in another paragraph
// lends its cue only if it holds no quotation of its own, whose cue it
// would be; in the same paragraph it does ("“A,” she said. “B.”").
func (a *attributor) cueInScope(q document.Quote) bool {
	d := a.d
	ext := d.Extent(q)
	ss := d.Sentences
	first := sort.Search(len(ss), func(i int) bool { return ss[i].End > ext.Start })
	last := sort.Search(len(ss), func(i int) bool { return ss[i].Start >= ext.End }) - 1
	if first >= len(ss) || last < first {
		return a.cueIn(ext, q)
	}
	if a.cueIn(document.Span{Start: min(ss[first].Start, ext.Start), End: max(ss[last].End, ext.End)}, q) {
		return true
	}
	for _, k := range []int{first - 1, last + 1} {
		if k < 0 || k >= len(ss) {
			continue
		}
		s := ss[k]
		if d.ParagraphAt(s.Start) != q.FirstParagraph && d.ParagraphAt(s.Start) != q.LastParagraph && a.holdsQuote(s, q) {
			continue
		}
		if a.cueIn(s, q) {
			return true
		}
	}
	return false
}

// cueWindow is how many words on each side of a quotation its cue is
// looked for in: a cue stands near the words it attributes, and a bound
// keeps a sentence of thousands of quotations linear.
const cueWindow = 40

// cueIn reports whether a speech verb or phrase stands in span s outside
// quotations, within cueWindow words of the quotation q.
func (a *attributor) cueIn(s document.Span, q document.Quote) bool {
	d := a.d
	ext := d.Extent(q)
	words := d.WordsIn(s)
	lo := sort.Search(len(words), func(i int) bool { return int(words[i].End) > ext.Start })
	hi := sort.Search(len(words), func(i int) bool { return int(words[i].Start) >= ext.End })
	words = words[max(0, lo-cueWindow):min(len(words), hi+cueWindow)]
	for i := range words {
		if start := int(words[i].Start); ext.Contains(start) || d.InQuote(start) {
			continue
		}
		if a.verbs.matchAt(d, words, i) || a.putIt(words, i) {
			return true
		}
	}
	return false
}

// holdsQuote reports whether sentence s holds an outermost quotation other
// than q.
func (a *attributor) holdsQuote(s document.Span, q document.Quote) bool {
	d := a.d
	if oq, ok := d.OuterQuote(s.Start); ok && oq.Open != q.Open {
		return true // one that began before s and runs into it
	}
	qs := d.Quotes
	for i := sort.Search(len(qs), func(i int) bool { return qs[i].Open >= s.Start }); i < len(qs) && qs[i].Open < s.End; i++ {
		if qs[i].Depth == 0 && qs[i].Open != q.Open {
			return true
		}
	}
	return false
}

// putIt reports whether "as NAME put it" starts at words[i].
func (a *attributor) putIt(words []document.Word, i int) bool {
	d := a.d
	if !strings.EqualFold(d.String(words[i].Span()), "as") {
		return false
	}
	for j := i + 2; j < len(words) && j <= i+5; j++ {
		if strings.EqualFold(d.String(words[j].Span()), "put") && j+1 < len(words) &&
			strings.EqualFold(d.String(words[j+1].Span()), "it") {
			return true
		}
	}
	return false
}

// shapeAttributes reports whether the quotation's shape attributes it: its
// text ends in a comma, question or exclamation mark inside its marks, and
// the sentence runs on after the closing mark with a word ("We will win,"
// she quipped), whatever the verb.
func (a *attributor) shapeAttributes(q document.Quote) bool {
	d := a.d
	if q.Close < 0 {
		return false
	}
	t := bytes.TrimRight(d.Slice(q.Content), " \t\r\n")
	r, _ := utf8.DecodeLastRune(t)
	if r != ',' && r != '?' && r != '!' && r != '—' && r != '–' {
		return false
	}
	ext := d.Extent(q)
	p := d.Paragraphs[q.LastParagraph]
	rest := bytes.TrimLeft(d.Slice(document.Span{Start: ext.End, End: p.End}), " \t\r\n")
	if len(rest) == 0 {
		return false
	}
	c, _ := utf8.DecodeRune(rest)
	return unicode.IsLetter(c)
}

// dashCredit reports whether a dash credit stands right after the
// quotation (“…” — Name), in its paragraph or opening the next, or right
// before it (Name — “…”), in its paragraph.
func (a *attributor) dashCredit(q document.Quote) bool {
	d := a.d
	ext := d.Extent(q)
	p := d.Paragraphs[q.LastParagraph]
	after := bytes.TrimLeft(d.Slice(document.Span{Start: ext.End, End: p.End}), " \t\r\n,.")
	if len(after) == 0 && q.LastParagraph+1 < len(d.Paragraphs) {
		// An epigraph credits its author in a paragraph of its own:
		// “…” ⏎⏎ — Charles Dickens.
		after = bytes.TrimLeft(d.Slice(d.Paragraphs[q.LastParagraph+1].Span), " \t")
	}
	for _, dash := range []string{"—", "―", "--", "–"} {
		if rest, ok := bytes.CutPrefix(after, []byte(dash)); ok {
			rest = bytes.TrimLeft(rest, " ")
			c, _ := utf8.DecodeRune(rest)
			if unicode.IsUpper(c) {
				return true
			}
		}
	}
	fp := d.Paragraphs[q.FirstParagraph]
	before := bytes.TrimRight(d.Slice(document.Span{Start: fp.Start, End: q.Open}), " \t")
	for _, dash := range []string{"—", "―", "--", "–", ":"} {
		if bytes.HasSuffix(before, []byte(dash)) && len(before) > len(dash) {
			return true
		}
	}
	return false
}

// creditLine reports whether the rest of the quotation's paragraph is a
// credit line: a few words that end no sentence, after a quotation that
// does (“…” Jennifer Gratz Aviary Task Lead), as pull quotes and epigraphs
// print the speaker.
func (a *attributor) creditLine(q document.Quote) bool {
	d := a.d
	if q.Close < 0 {
		return false
	}
	ext := d.Extent(q)
	p := d.Paragraphs[q.LastParagraph]
	if p.End-ext.End > 200 {
		return false // a credit line is short
	}
	rest := bytes.TrimSpace(d.Slice(document.Span{Start: ext.End, End: p.End}))
	if len(rest) == 0 || bytes.ContainsAny(rest, "“”\"") {
		return false
	}
	n := len(bytes.Fields(rest))
	last, _ := utf8.DecodeLastRune(rest)
	return n <= 12 && !strings.ContainsRune(".!?", last)
}

// namedBefore reports whether the sentence just before the quotation, in
// its paragraph and with no quotation of its own, has for subject the
// speaker: it opens, or goes on after an opening phrase and a comma, with
// a pronoun (he, she, they) or a name, a word the document capitalises
// where no sentence begins ("Koralla seized the opportunity. “You can’t
// say no to NASA!”").
func (a *attributor) namedBefore(q document.Quote) bool {
	d := a.d
	ss := d.Sentences
	k := sort.Search(len(ss), func(i int) bool { return ss[i].End > q.Open }) - 1
	if k < 0 || d.ParagraphAt(ss[k].Start) != q.FirstParagraph || a.holdsQuote(ss[k], q) {
		return false
	}
	words := d.WordsIn(ss[k])
	if len(words) == 0 {
		return false
	}
	// The subject opens the sentence, or follows an opening phrase of a
	// few words and a comma ("While unexpected, Koralla seized …").
	subject := []document.Word{words[0]}
	for i := 0; i+1 < len(words) && i < 5; i++ {
		if end := int(words[i].End); end < len(d.Text) && d.Text[end] == ',' {
			subject = append(subject, words[i+1])
			break
		}
	}
	for _, sw := range subject {
		w := d.String(sw.Span())
		switch strings.ToLower(w) {
		case "he", "she", "they":
			return true
		}
		// An acronym names an organisation, not a speaker (NASA, the
		// FAA): its words are a spokesperson's, who goes unnamed.
		if a.isName(w) && !isAcronym(w) {
			return true
		}
	}
	return false
}

// profileSection reports whether the quotation stands in a profile's
// section under a person's name: the nearest headline-like line above it,
// within profileReach paragraphs, opens with a name (Rodney Martin – Deputy
// Lead at Ames; Wendy Bereda; Dr. Rodney Martin, Deputy Lead …), as
// "meet the team" features print whose words follow.
func (a *attributor) profileSection(q document.Quote) bool {
	d := a.d
	for pi := q.FirstParagraph - 1; pi >= 0 && pi >= q.FirstParagraph-profileReach; pi-- {
		if !d.Paragraphs[pi].Heading && !headlineLike(d, pi) {
			continue
		}
		return a.opensWithName(pi)
	}
	return false
}

// profileReach is how many paragraphs above a quotation its profile's
// heading may stand.
const profileReach = 6

// honorifics may stand before a name.
var honorifics = map[string]bool{"dr": true, "mr": true, "ms": true, "mrs": true, "prof": true, "sir": true, "dame": true}

// opensWithName reports whether paragraph pi opens with a person's name:
// two to four capitalised words, none an acronym or a small word, the last
// one a word the document's prose capitalises where no sentence begins (a
// surname: Martin, Bereda) and the others too or the whole name found again
// in the document, after an honorific or not, and then the paragraph's end
// or a comma, dash or colon.
func (a *attributor) opensWithName(pi int) bool {
	d := a.d
	p := d.Paragraphs[pi]
	i := p.FirstWord
	if i < p.EndWord && honorifics[strings.ToLower(d.String(d.Words[i].Span()))] {
		i++
	}
	for n := 1; i < p.EndWord && n <= 4; i, n = i+1, n+1 {
		w := d.String(d.Words[i].Span())
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || isAcronym(w) || titleSmallWords[strings.ToLower(w)] {
			return false
		}
		end := int(d.Words[i].End)
		rest := bytes.TrimLeft(d.Slice(document.Span{Start: end, End: p.End}), " \t")
		if len(rest) == 0 || rest[0] == ',' || rest[0] == ':' || rest[0] == '-' ||
			bytes.HasPrefix(rest, []byte("–")) || bytes.HasPrefix(rest, []byte("—")) {
			if n < 2 || !a.isName(w) {
				return false
			}
			// The given names are names too, or the whole name comes
			// again in the document (Rodney Martin, Dr. Rodney Martin).
			name := d.Slice(document.Span{Start: int(d.Words[i-n+1].Start), End: end})
			given := true
			for _, g := range d.Words[i-n+1 : i] {
				given = given && a.isName(d.String(g.Span()))
			}
			return given || bytes.Count(d.Text, name) >= 2
		}
		if end < p.End && d.Text[end] != ' ' {
			return false
		}
	}
	return false
}

// isAcronym reports whether w is written in capitals, two letters or more.
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// isName reports whether the document capitalises the word w somewhere a
// sentence does not begin, outside headings and headline-like lines: a
// name, not a word capitalised as a sentence's first or a heading's.
func (a *attributor) isName(w string) bool {
	if a.names == nil {
		d := a.d
		a.names = map[string]bool{}
		si := 0
		for pi, p := range d.Paragraphs {
			if p.Heading || headlineLike(d, pi) {
				continue // a heading capitalises every word
			}
			for i := p.FirstWord; i < p.EndWord; i++ {
				word := d.Words[i]
				for si < len(d.Sentences) && d.Sentences[si].End <= int(word.Start) {
					si++
				}
				if si < len(d.Sentences) && d.Sentences[si].Start == int(word.Start) {
					continue // a sentence's first word
				}
				t := d.Slice(word.Span())
				if r, _ := utf8.DecodeRune(t); unicode.IsUpper(r) && i > 0 {
					a.names[string(t)] = true
				}
			}
		}
	}
	return a.names[w] && !titleSmallWords[strings.ToLower(w)]
}

// message says what is missing and how to mend it, naming the first
// quotation of a run of gaps by its first words, and how many go on from it.
func (a *attributor) message(run []document.Quote) string {
	d := a.d
	q := run[0]
	words := d.WordsIn(q.Content)
	end := q.Content.End
	if len(words) > 6 {
		end = int(words[5].End)
	}
	open := d.String(document.Span{Start: q.Open, End: q.Content.Start})
	closing := ""
	if ext := d.Extent(q); q.Close >= 0 {
		closing = d.String(document.Span{Start: q.Close, End: ext.End})
	}
	first := strings.Join(strings.Fields(d.String(document.Span{Start: q.Content.Start, End: end})), " ")
	if len(words) > 6 {
		first += " …"
	}
	also := ""
	switch n := len(run) - 1; n {
	case 0:
	case 1:
		also = " (nor has the quotation after it, which goes on from it)"
	default:
		also = fmt.Sprintf(" (nor have the %d quotations after it, which go on from it)", n)
	}
	return fmt.Sprintf("quotation %s%s%s has no speaker in its sentence or the ones around it%s: "+
		"attribute it (…, NAME said.) or, if it is not direct speech, work it into the sentence as a partial quote",
		open, first, closing, also)
}

// phraseSet is a set of one- or several-word phrases, matched against runs
// of consecutive words case-insensitively.
type phraseSet map[string][][]string // by lower-case first word: the rest of each phrase

func newPhraseSet(phrases []string) phraseSet {
	s := phraseSet{}
	for _, ph := range phrases {
		f := strings.Fields(strings.ToLower(ph))
		if len(f) == 0 {
			continue
		}
		s[f[0]] = append(s[f[0]], f[1:])
	}
	return s
}

// matchAt reports whether a phrase of the set starts at words[i].
func (s phraseSet) matchAt(d *document.Document, words []document.Word, i int) bool {
	var buf [32]byte
	first := lowerASCII(buf[:0], d.Slice(words[i].Span()))
	rests, ok := s[string(first)]
	if !ok {
		return false
	}
	for _, rest := range rests {
		if i+len(rest) >= len(words) {
			continue
		}
		match := true
		for k, w := range rest {
			s := words[i+1+k].Span()
			if !bytes.EqualFold(d.Slice(s), []byte(w)) || d.InQuote(s.Start) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// lowerASCII appends the lower-case form of w to dst, folding ASCII only
// (enough to look up English verbs without allocating).
func lowerASCII(dst, w []byte) []byte {
	for _, c := range w {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}
