package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// attributionVerbs are the speech verbs that give away where a quotation
// ends when its closing mark is missing: "…the evidence, he added".
var attributionVerbs = map[string]bool{
	"said": true, "says": true, "added": true, "adds": true, "asked": true, "asks": true, "told": true,
	"wrote": true, "writes": true, "explained": true, "noted": true, "continued": true, "replied": true,
	"insisted": true, "warned": true, "stated": true, "argued": true, "recalled": true, "declared": true,
	"cried": true, "exclaimed": true, "answered": true, "shouted": true, "whispered": true,
}

// speakerPronouns stand for the speaker before a speech verb.
var speakerPronouns = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "it": true}

// AttributionIn finds, in span s, the first attribution written as if
// the text before it were a quotation already closed: a word ending in
// a comma, question or exclamation mark followed by a speaker (a pronoun,
// or up to three capitalised words) and a speech verb, or by the verb and
// then the speaker ("…faults, said Tom Watters of the Smithsonian";
// "…two years, Stover said."). The attribution must end there: at
// punctuation, the end of the paragraph, or a word that begins a phrase
// about the speaker or the saying (of, who, as, at, in, …), so that a
// quoted "when I met him, he said he would come" is none. Inside an
// unclosed quotation it shows where the closing mark was lost. It returns
// the offset just after that punctuation and the span of the
// attribution's words.
func (d *Document) AttributionIn(s Span) (at int, attribution Span, ok bool) {
	return d.attributionIn(s, -1)
}

// attributionIn is AttributionIn where the quotation mark at offset mark,
// if any, does not count as one between the words.
func (d *Document) attributionIn(s Span, mark int) (at int, attribution Span, ok bool) {
	words := d.WordsIn(s)
	isVerb := func(w Word) bool { return attributionVerbs[strings.ToLower(d.String(w.Span()))] }
	for k := 0; k+1 < len(words); k++ {
		end := int(words[k].End)
		if end >= len(d.Text) || !strings.ContainsRune(",?!", rune(d.Text[end])) {
			continue
		}
		// The attribution's words, with nothing but space between them.
		j := k + 1
		joined := func(j int) bool {
			return j < len(words) && words[j].Paragraph == words[k].Paragraph &&
				!d.quoteBetween(int(words[j-1].End), int(words[j].Start), mark) &&
				(j == k+1 || d.OnlySpaceBetween(int(words[j-1].End), int(words[j].Start)))
		}
		for n := 0; n < 3 && joined(j) && d.isSpeaker(words[j]); n++ {
			j++
		}
		switch {
		case j > k+1 && joined(j) && isVerb(words[j]):
			j++ // "he added", "Tom Watters said"
		case j == k+1 && joined(j) && isVerb(words[j]) && joined(j+1) && d.isSpeaker(words[j+1]):
			j += 2 // "said Smith"
			for n := 0; n < 2 && joined(j) && d.isSpeaker(words[j]); n++ {
				j++ // "said Tom Watters"
			}
		default:
			continue
		}
		if !d.endsAttribution(words, j, int(words[j-1].End)) {
			continue
		}
		return end + 1, Span{int(words[k+1].Start), int(words[j-1].End)}, true
	}
	return 0, Span{}, false
}

// phraseAfterSpeaker are the words that may follow an attribution and
// begin a phrase about the speaker or the saying.
var phraseAfterSpeaker = map[string]bool{
	"of": true, "who": true, "as": true, "at": true, "in": true, "on": true, "from": true,
	"during": true, "while": true, "after": true, "when": true,
}

// endsAttribution reports whether an attribution ending at offset end,
// before words[j], ends there: punctuation or the paragraph's end follows,
// or a word of phraseAfterSpeaker.
func (d *Document) endsAttribution(words []Word, j, end int) bool {
	if end < len(d.Text) && strings.ContainsRune(".,;:!?", rune(d.Text[end])) {
		return true
	}
	if j >= len(words) || words[j].Paragraph != words[j-1].Paragraph {
		return d.OnlySpaceBetween(end, min(len(d.Text), d.Paragraphs[words[j-1].Paragraph].End))
	}
	return d.OnlySpaceBetween(end, int(words[j].Start)) && phraseAfterSpeaker[d.String(words[j].Span())]
}

// quoteBetween reports whether a quotation mark other than the one at
// offset except lies between a and b.
func (d *Document) quoteBetween(a, b, except int) bool {
	for i := a; i < b; {
		r, n := d.runeAt(i)
		if isQuoteRune(r) && i != except {
			return true
		}
		i += n
	}
	return false
}

// isSpeaker reports whether a word can name a speaker: a pronoun or a
// capitalised word.
func (d *Document) isSpeaker(w Word) bool {
	s := d.Slice(w.Span())
	if speakerPronouns[strings.ToLower(string(s))] {
		return true
	}
	r, _ := utf8.DecodeRune(s)
	return unicode.IsUpper(r)
}
