package quality

import (
	"bytes"
	"hash/fnv"
	"math/rand/v2"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// The kinds of planted defect.
const (
	// DroppedMark is a document with one double quotation mark (“, ” or ")
	// deleted: quotes/unbalanced should find it.
	DroppedMark = "dropped quotation mark"
	// DoubledWord is a document with one word written twice: "the said
	// said". repetition/doubled-word should find it.
	DoubledWord = "doubled word"
	// RemovedAttribution is a document with the attribution after one
	// quotation deleted: “…,” Smith said. becomes “….”
	// quotes/attribution should find it.
	RemovedAttribution = "removed attribution"
)

// Defect is a planted defect: a copy of a document with one edit.
type Defect struct {
	Kind string
	// Rule is the rule that should find it.
	Rule string
	// Text is the document with the defect.
	Text []byte
	// At is the offset of the edit in Text; Removed is the number of
	// bytes deleted there, Added the number inserted.
	At, Removed, Added int
}

// Plant returns the defects planted in a document: at most one of each
// kind, at a place chosen at random with a seed taken from the document's
// path, so the same corpus always gets the same defects. It chooses the
// places from the bytes alone, without the document model or the rules:
// any double quotation mark but a straight one after a digit (an inch
// mark), and any lower-case word of three letters or more between spaces
// but "had", "that" and "is", whose doubling is grammatical.
func Plant(path string, text []byte) []Defect {
	h := fnv.New64a()
	h.Write([]byte(path))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x646f637161))
	var out []Defect
	var marks []int
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		if r == '“' || r == '”' || (r == '"' && !(i > 0 && text[i-1] >= '0' && text[i-1] <= '9')) {
			marks = append(marks, i)
		}
		i += n
	}
	if len(marks) > 0 {
		at := marks[rng.IntN(len(marks))]
		_, n := utf8.DecodeRune(text[at:])
		t := append(bytes.Clone(text[:at]), text[at+n:]...)
		out = append(out, Defect{Kind: DroppedMark, Rule: "quotes/unbalanced", Text: t, At: at, Removed: n})
	}
	var words []document.Span
	for i := 1; i < len(text); i++ {
		if text[i-1] != ' ' || text[i] < 'a' || text[i] > 'z' {
			continue
		}
		j := i
		for j < len(text) && text[j] >= 'a' && text[j] <= 'z' {
			j++
		}
		if j < len(text) && text[j] == ' ' && j-i >= 3 {
			switch string(text[i:j]) {
			case "had", "that", "is":
			default:
				words = append(words, document.Span{Start: i, End: j})
			}
		}
		i = j
	}
	if cuts := attributionsAfterQuotes(text); len(cuts) > 0 {
		c := cuts[rng.IntN(len(cuts))]
		// ",” Smith said." → ".”": the comma becomes the full stop.
		t := append(append(append(bytes.Clone(text[:c.comma]), '.'), text[c.comma+1:c.from]...), text[c.to:]...)
		out = append(out, Defect{Kind: RemovedAttribution, Rule: "quotes/attribution", Text: t, At: c.from,
			Removed: c.to - c.from})
	}
	if len(words) > 0 {
		w := words[rng.IntN(len(words))]
		ins := append([]byte{' '}, text[w.Start:w.End]...)
		t := append(append(append(make([]byte, 0, len(text)+len(ins)), text[:w.End]...), ins...), text[w.End:]...)
		out = append(out, Defect{Kind: DoubledWord, Rule: "repetition/doubled-word", Text: t, At: w.End, Added: len(ins)})
	}
	return out
}

// planter lints planted copies and keeps the scores.
type planter struct {
	byKind map[string]*PlantScore
	order  []string
}

// plant lints the defects planted in doc, whose findings unplanted are
// findings, and counts what the rules found.
func (p *planter) plant(linter *rules.Linter, doc *document.Document, findings []rules.Finding) {
	on := map[string]bool{}
	for _, id := range linter.Rules() {
		on[id] = true
	}
	for _, d := range Plant(doc.Path, doc.Text) {
		if !on[d.Rule] {
			continue // the class's configuration turns the rule off
		}
		// Where the unplanted findings of the rule are in the planted text.
		before := map[int]bool{}
		for _, f := range findings {
			if f.Rule != d.Rule {
				continue
			}
			at := f.Span.Start
			if at >= d.At {
				at += d.Added - d.Removed
			}
			before[at] = true
		}
		planted := document.LoadFormat(doc.Path, d.Text, doc.Format)
		found := 0
		for _, f := range linter.Lint(planted) {
			if f.Rule == d.Rule && !before[f.Span.Start] {
				found++
			}
		}
		s := p.score(d)
		s.Planted++
		if found > 0 {
			s.Found++
			s.Extra += found - 1
		}
	}
}

func (p *planter) score(d Defect) *PlantScore {
	if p.byKind == nil {
		p.byKind = map[string]*PlantScore{}
	}
	s := p.byKind[d.Kind]
	if s == nil {
		s = &PlantScore{Kind: d.Kind, Rule: d.Rule}
		p.byKind[d.Kind] = s
		p.order = append(p.order, d.Kind)
	}
	return s
}

// scores returns the scores, in the order the kinds were first planted.
func (p *planter) scores() []PlantScore {
	var out []PlantScore
	for _, k := range p.order {
		out = append(out, *p.byKind[k])
	}
	return out
}

// attributionCut is an attribution after a quotation: the comma that ends
// the quoted words at comma, and the attribution from from (just after
// the closing mark) to to (its full stop included).
type attributionCut struct{ comma, from, to int }

// attributionsAfterQuotes finds the attributions written after a
// quotation the plainest way, from the bytes alone: a comma, a closing
// mark (” or "), then one to four words that are "he", "she", "they" or
// capitalised, then said, says, added or told, then a full stop (or the
// verb first: ,” said Jane Smith.).
func attributionsAfterQuotes(text []byte) []attributionCut {
	var out []attributionCut
	for i := 0; i+1 < len(text); i++ {
		if text[i] != ',' {
			continue
		}
		n := 0
		switch {
		case bytes.HasPrefix(text[i+1:], []byte("”")):
			n = len("”")
		case text[i+1] == '"':
			n = 1
		default:
			continue
		}
		from := i + 1 + n
		j := from
		var words []string
		for len(words) < 6 && j < len(text) && text[j] == ' ' {
			k := j + 1
			for k < len(text) && (text[k] >= 'a' && text[k] <= 'z' || text[k] >= 'A' && text[k] <= 'Z' || text[k] == '.' && k+1 < len(text) && text[k+1] != ' ' && text[k+1] != '\n') {
				k++
			}
			if k == j+1 {
				break
			}
			words = append(words, string(text[j+1:k]))
			j = k
		}
		if j >= len(text) || text[j] != '.' || len(words) < 2 || len(words) > 5 {
			continue
		}
		speaker := func(ws []string) bool {
			for _, w := range ws {
				if w != "he" && w != "she" && w != "they" && (w[0] < 'A' || w[0] > 'Z') {
					return false
				}
			}
			return len(ws) > 0
		}
		verb := func(w string) bool { return w == "said" || w == "says" || w == "added" || w == "told" }
		last := len(words) - 1
		if verb(words[last]) && speaker(words[:last]) || verb(words[0]) && speaker(words[1:]) {
			out = append(out, attributionCut{comma: i, from: from, to: j + 1})
		}
	}
	return out
}
