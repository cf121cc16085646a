package rules

import (
	"strings"
	"testing"
)

func TestTypoCases(t *testing.T) {
	dialect := strings.Repeat("Dey wuz a-gwine fer ter git de cabbiges, en de creeturs wuz a-lopin roun de gyarden. ", 12)
	runWordRuleCases(t, Typo, nil, []wordRuleCase{
		// A letter dropped, added, swapped: one common word is that close.
		{name: "dropped letter", text: "Honours in science, technology, enginering, and math.",
			want: []string{"1:33 enginering -> engineering"}},
		{name: "dropped letter 2", text: "Surgery, whether simple stiches or an emergency appendectomy.",
			want: []string{"1:25 stiches -> stitches"}},
		{name: "swapped letters", text: "The fnial report is due in May.",
			want: []string{"1:5 fnial -> final"}},
		{name: "possessive", text: "The presidnet’s budget grew.",
			want: []string{"1:5 presidnet -> president"}},
		{name: "part of a compound", text: "A well-knwon author spoke.",
			want: []string{"1:8 knwon -> known"}},
		{name: "several common candidates: no fix", text: "In states wher the vote was close.",
			want: []string{"1:11 wher"}},
		{name: "inside a quotation the fix is unsafe", text: "He said: “The fnial report is late.”",
			want: []string{"1:15 fnial -> final (unsafe)"}},

		// Names, terms and the document's own words.
		{name: "capitalised", text: "Fnial and FNIAL are names here; so is Enginering."},
		{name: "the document's vocabulary", text: "A skillset matters. Her skillset grew."},
		{name: "the vocabulary, inflected", text: "A skillset matters. Skillsets grow."},
		{name: "code and URLs", text: "Run `fnial` or see https://example.com/fnial today."},
		{name: "digits and dots", text: "Open fnial2 and fnial.txt."},
		{name: "listed by spelling/misspell", text: "The agency did not recieve the report."},
		{name: "a letter before or after a word", text: "Link with libc and pthread; fsync the file."},
		{name: "no vowel", text: "Check it out with bzr or svn."},
		{name: "a doubled last letter is a typo", text: "The hearing was held in the spring and the bill passedd.",
			want: []string{"1:49 passedd -> passed"}},
		{name: "coinage with a prefix", text: "It prepends a header before deallocating memory."},
		{name: "gerund plural", text: "The bubblings of the stream."},

		// Speech written as spoken.
		{name: "false start", text: "I said, “County coun- — I can’t do that.”"},
		{name: "slip corrected", text: "He stood ramrond — ramrod straight when I agreed."},
		{name: "drawn out", text: "Shhh, he said; shhh."},
		{name: "dropped g", text: "He was lookin at the road."},
		{name: "rare part of a compound", text: "Without being ku-kluxed, perhaps murdered."},
		{name: "rare candidates only", text: "Equipped with a paper hat and plushies, you could travel."},
		{name: "a foreign word in a short quotation", text: "To make “Never again” or “Nie wieder” a reality."},
		{name: "an HTML entity", text: "Includes act as templates &mdash; audio clips, alerts."},
		{name: "foreign words", text: "They served foie gras and pince-nez."},
		{name: "dialect", text: dialect},
		{name: "ignored", text: "x", want: nil},
	})
	runWordRuleCases(t, Typo, Options{"ignore": []string{"FNIAL"}}, []wordRuleCase{
		{name: "ignore option", text: "The fnial report."},
	})
}
