package pipeline

import (
	"bytes"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/fix"
	"github.com/docqa/docqa/rules"
)

// MaxFixRounds bounds the rounds of Fix. A round's fixes can leave others
// to apply (two fixes that overlapped, of which one was dropped), so Fix
// goes on until no fix applies; the bound stops rules whose fixes never
// settle.
const MaxFixRounds = 5

// Fixed is what Fix made of a document.
type Fixed struct {
	// Doc is the document as the fixes left it, read as the original was;
	// the original itself if no fix applied.
	Doc *document.Document
	// Findings are the findings of Doc, after the processors; those Fix
	// was given if no fix applied.
	Findings []rules.Finding
	// Fixed counts the findings whose fixes were applied, in all rounds.
	Fixed int
	// Refused are the findings whose fixes were not applied because they
	// would change the structure of a Markdown document (see
	// fix.ApplyDocument), in their order, with their offsets in Doc's
	// text. Before maps them to the original text.
	Refused []rules.Finding
	// Settled reports whether the rounds ended because no fix was left to
	// apply; it is false if they were cut off after MaxFixRounds, and
	// Findings may then hold fixes still to apply.
	Settled bool

	original []byte       // the text of the document Fix was given
	rounds   []fix.Result // the rounds that changed the text, in order
}

// Changed reports whether Doc's text differs from the original's.
func (f *Fixed) Changed() bool { return !bytes.Equal(f.Doc.Text, f.original) }

// Before returns the offset in the original text of offset off of Doc's
// text: off moved back over the edits of every round. An offset inside an
// edit's replacement goes back to the start of the edit.
func (f *Fixed) Before(off int) int {
	for i := len(f.rounds) - 1; i >= 0; i-- {
		off = f.rounds[i].Before(off)
	}
	return off
}

// Fix applies the fixes of findings, the findings of doc, to its text,
// lints the result again through the pipeline and applies what is left to
// fix, round after round, until no fix applies or after MaxFixRounds
// rounds. Unsafe fixes (inside a quotation) are applied only if unsafe is
// set. A fix that would change the structure of a Markdown document is
// not applied but Refused. Fix writes nothing and does not change doc. A
// panic in a rule is returned as an error naming the document.
func (p *Pipeline) Fix(doc *document.Document, findings []rules.Finding, unsafe bool) (*Fixed, error) {
	res := &Fixed{Doc: doc, Findings: findings, original: doc.Text}
	var refused []rules.Finding // by the last round, in the text it fixed
	for range MaxFixRounds {
		r := fix.ApplyDocument(res.Doc, res.Findings, unsafe)
		refused = r.Refused
		if len(r.Applied) == 0 || bytes.Equal(r.Text, res.Doc.Text) {
			res.Settled = true
			break
		}
		res.Fixed += len(r.Applied)
		res.rounds = append(res.rounds, r)
		d, fs, err := p.Relint(res.Doc, r.Text)
		if err != nil {
			return nil, err
		}
		res.Doc, res.Findings = d, fs
	}
	if !res.Settled && len(refused) > 0 {
		// The last round refused them in the text before its fixes: find
		// them again in the final text.
		refused = fix.ApplyDocument(res.Doc, res.Findings, unsafe).Refused
	}
	res.Refused = refused
	return res, nil
}
