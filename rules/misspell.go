package rules

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules/internal/wordtable"
)

// Misspell is the spelling/misspell rule: common misspellings from
// misspell's word list, and optionally the other locale's spellings.
var Misspell = &Rule{
	ID:       "spelling/misspell",
	Severity: Warning,
	Summary:  "Commonly misspelled words (“recieve”, “accomodate”), and optionally UK or US spellings",
	Explanation: "The rule looks each word of the prose up in the list of common misspellings kept by " +
		"github.com/golangci/misspell (\"recieve\" for \"receive\") and reports it with the correction, " +
		"written in the word's own capitals (\"Recieve\" becomes \"Receive\", \"RECIEVE\" \"RECEIVE\"). " +
		"Words in mixed case such as camelCase names are left alone, as are code, URLs and addresses; " +
		"hyphenated compounds are looked up part by part. " +
		"With locale US, British spellings are reported too (\"colour\" for \"color\"); with locale UK, American ones. " +
		"The fix replaces the word with the correction.",
	Bad:  "The agency did not recieve the report.",
	Good: "The agency did not receive the report.",
	Options: []Option{
		{
			Name:    "locale",
			Kind:    String,
			Doc:     "US reports British spellings, UK reports American ones; empty reports neither",
			Choices: []string{"US", "UK", ""},
		},
		{
			Name: "ignore",
			Kind: StringList,
			Doc:  "misspellings not to report (case is ignored)",
		},
	},
	New: newMisspell,
}

// correction is what a misspelled word is corrected to.
type correction struct {
	// right is the correction in lower case, as the word list has it.
	right string
	// locale is "" for a misspelling, or the locale ("US", "UK") whose
	// spelling right is.
	locale string
}

//go:generate go run ./internal/gentables -o tables_gen.go

// misspellTable is the lookup of the rule: misspell's main list, then the
// locale's list, without the ignored words. The lists are static tables
// generated from misspell's (tables_gen.go): nothing is built at start-up.
type misspellTable struct {
	locale     *wordtable.Table // nil for no locale
	localeName string
	ignore     map[string]bool // folded
	minLen     int
	maxLen     int
}

func misspellings(locale string, ignore []string) (*misspellTable, error) {
	t := &misspellTable{localeName: locale, minLen: misspellMain.MinLen, maxLen: misspellMain.MaxLen}
	switch locale {
	case "":
	case "US":
		t.locale = &misspellUS
	case "UK":
		t.locale = &misspellUK
	default:
		return nil, fmt.Errorf("locale %q: want US, UK or empty", locale)
	}
	if t.locale != nil {
		t.minLen, t.maxLen = min(t.minLen, t.locale.MinLen), max(t.maxLen, t.locale.MaxLen)
	}
	if len(ignore) > 0 {
		t.ignore = make(map[string]bool, len(ignore))
		for _, w := range ignore {
			t.ignore[wordFoldString(w)] = true
		}
	}
	return t, nil
}

// lookup returns the correction of a folded word whose wordtable.Hash is h.
func (t *misspellTable) lookup(key []byte, h uint32) (correction, bool) {
	if len(t.ignore) > 0 && t.ignore[string(key)] {
		return correction{}, false
	}
	if right, ok := misspellMain.LookupHashed(key, h); ok {
		return correction{right: right}, true
	}
	if t.locale != nil {
		if right, ok := t.locale.LookupHashed(key, h); ok {
			return correction{right: right, locale: t.localeName}, true
		}
	}
	return correction{}, false
}

// caseStyles of words, as misspell tells them apart.
const (
	caseStyleOther = iota // mixed: camelCase, McDonald, iPhone
	caseStyleLower
	caseStyleUpper
	caseStyleTitle // one capital, the first letter
)

// caseStyle returns the case style of word by its ASCII letters, exactly as
// misspell's CaseStyle does (docqa's own copy, so that the binary does not
// link misspell's file handling and its net/http).
func caseStyle(word string) int {
	upper, lower := 0, 0
	for i := 0; i < len(word); i++ {
		switch c := word[i]; {
		case 'a' <= c && c <= 'z':
			lower++
		case 'A' <= c && c <= 'Z':
			upper++
		}
	}
	switch {
	case upper != 0 && lower == 0:
		return caseStyleUpper
	case upper == 0 && lower != 0:
		return caseStyleLower
	case upper == 1 && lower > 0 && 'A' <= word[0] && word[0] <= 'Z':
		return caseStyleTitle
	}
	return caseStyleOther
}

// misspellCase writes the correction right in the capitals of word, exactly
// as misspell's replacer does: all capitals, all small letters, or a
// capital followed by small letters.
func misspellCase(word, right string) string {
	switch caseStyle(word) {
	case caseStyleUpper:
		return strings.ToUpper(right)
	case caseStyleLower:
		return strings.ToLower(right)
	case caseStyleTitle:
		if len(right) < 2 {
			return strings.ToUpper(right)
		}
		return strings.ToUpper(right[:1]) + strings.ToLower(right[1:])
	}
	return right
}

func newMisspell(opts Options) (Check, error) {
	ignore, _ := opts.Strings("ignore")
	locale := opts.String("locale")
	table, err := misspellings(locale, ignore)
	if err != nil {
		return nil, err
	}
	minLen, maxLen := table.minLen, table.maxLen
	// A possessive ending ('s, ’s) may follow a listed word.
	maxLen += len("’s")
	other := map[string]string{"US": "British", "UK": "American"}[locale]
	return func(p *Pass) {
		doc := p.Doc
		var buf [64]byte
		for _, word := range doc.Words {
			if word.Len() < minLen {
				continue
			}
			w := word.Span()
			if l := w.Len(); l <= maxLen && l <= len(buf) {
				// The common case, no hyphen to split at, in one pass.
				if key, h, plain := foldPlainKey(buf[:0], doc.Text[w.Start:w.End]); plain {
					if c, s, ok := lookupFolded(table, doc.Text, w, key, h); ok {
						reportMisspelling(p, s, c, other)
					}
					continue
				}
			}
			// Hyphenated compounds are looked up part by part, as misspell
			// splits them.
			start := w.Start
			for i := w.Start; ; {
				r, n := rune(0), 0
				if i < w.End {
					if c := doc.Text[i]; c < utf8.RuneSelf {
						r, n = rune(c), 1
					} else {
						r, n = utf8.DecodeRune(doc.Text[i:w.End])
					}
				}
				if i == w.End || isCompoundHyphen(r) {
					if l := i - start; l >= minLen && l <= maxLen && l <= len(buf) {
						span := document.Span{Start: start, End: i}
						if c, s, ok := lookupMisspelling(table, doc.Text, span, buf[:0]); ok {
							reportMisspelling(p, s, c, other)
						}
					}
					if i == w.End {
						break
					}
					start = i + n
				}
				i += n
			}
		}
	}, nil
}

// lookupMisspelling looks the word at span up in table, folded. A
// possessive ending ('s, ’s) that is not itself listed is looked past:
// "recieve’s" is the misspelling "recieve". It returns the correction and
// the span of the misspelled word.
func lookupMisspelling(table *misspellTable, text []byte, span document.Span, buf []byte) (correction, document.Span, bool) {
	key, h := foldKey(buf, text[span.Start:span.End])
	return lookupFolded(table, text, span, key, h)
}

// lookupFolded is lookupMisspelling for the word at span already folded
// to key, whose hash is h.
func lookupFolded(table *misspellTable, text []byte, span document.Span, key []byte, h uint32) (correction, document.Span, bool) {
	if c, ok := table.lookup(key, h); ok {
		return c, span, true
	}
	if len(key) < 3 || key[len(key)-1] != 's' || key[len(key)-2] != '\'' {
		return correction{}, span, false
	}
	stem := key[:len(key)-2]
	c, ok := table.lookup(stem, wordtable.Hash(stem))
	if !ok {
		return correction{}, span, false
	}
	// Drop the s and the apostrophe (' is one byte, ’ three).
	_, n := utf8.DecodeLastRune(text[span.Start : span.End-1])
	span.End -= 1 + n
	return c, span, true
}

// reportMisspelling reports the misspelled word at span unless it is in
// mixed case (camelCase, as misspell has it) or part of an address. other
// names the spelling a locale entry reports ("British" for locale US).
func reportMisspelling(p *Pass, span document.Span, c correction, other string) {
	doc := p.Doc
	word := doc.String(span)
	if caseStyle(word) == caseStyleOther || inAddress(doc, span) {
		return
	}
	right := misspellCase(word, c.right)
	msg := "“" + word + "” is a misspelling of “" + right + "”"
	if c.locale != "" {
		msg = "“" + word + "” is the " + other + " spelling of “" + right + "”"
	}
	p.Report(span, msg, WordFix(doc, Fix{Span: span, Replacement: right})...)
}

// inAddress reports whether the word at span is part of an e-mail address,
// a host name or a path that the document model left in the prose
// (jane@recieve.com, recieve.example.org, /srv/recieve): such words are
// typed, not spelled. Like misspell, it reads the run of text between
// spaces that holds the word: one with an @, one that starts with a slash,
// or one in small letters with a dot inside a word (a host name).
func inAddress(doc *document.Document, span document.Span) bool {
	start, end := span.Start, span.End
	for start > 0 && !isAddrSpace(doc.Prose[start-1]) && doc.Prose[start-1] != document.Masked {
		start--
	}
	for end < len(doc.Prose) && !isAddrSpace(doc.Prose[end]) && doc.Prose[end] != document.Masked {
		end++
	}
	tok := bytes.Trim(doc.Prose[start:end], "\"'([{<“‘«")
	tok = bytes.TrimRight(tok, ".,;:!?)]}>\"'”’»")
	if bytes.IndexByte(tok, '@') >= 0 || bytes.HasPrefix(tok, []byte("/")) {
		return true
	}
	host := false
	for i := 1; i+1 < len(tok); i++ {
		c := tok[i]
		if 'A' <= c && c <= 'Z' {
			return false
		}
		if c == '.' && isAddrAlnum(tok[i-1]) && isAddrAlnum(tok[i+1]) {
			host = true
		}
	}
	return host && !('A' <= tok[0] && tok[0] <= 'Z')
}

func isAddrSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isAddrAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
