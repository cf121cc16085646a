package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/docqa/docqa/document"
)

// fingerprintContext is how many words on each side of a finding, within
// its paragraph, its fingerprint includes.
const fingerprintContext = 4

// Fingerprint identifies a finding independently of where it lies: a hash
// of its rule, its text (white space and case normalised) and up to four
// words on each side of it in its paragraph. Editing another paragraph, or
// lines above it, leaves a finding's fingerprint as it was, so baselines
// and SARIF's partialFingerprints keep matching. Two findings of one rule
// on the same words in the same context share a fingerprint; consumers
// count them.
func Fingerprint(doc *document.Document, f Finding) string {
	h := sha256.New()
	h.Write([]byte(f.Rule))
	h.Write([]byte{0})
	h.Write([]byte(normalizeSpace(doc.String(f.Span))))
	h.Write([]byte{0})
	lo, hi := contextWords(doc, f.Span)
	for i := lo; i < hi; i++ {
		w := doc.Words[i].Span()
		if w.Start >= f.Span.Start && w.End <= f.Span.End {
			continue // the finding's own words are hashed above
		}
		h.Write([]byte(strings.ToLower(doc.String(w))))
		h.Write([]byte{' '})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// contextWords returns the indexes [lo, hi) of the words around span in its
// paragraph, fingerprintContext on each side.
func contextWords(doc *document.Document, span document.Span) (int, int) {
	pi := doc.ParagraphAt(span.Start)
	if pi < 0 {
		return 0, 0
	}
	p := doc.Paragraphs[pi]
	first := p.FirstWord
	for first < p.EndWord && int(doc.Words[first].End) <= span.Start {
		first++
	}
	last := first
	for last < p.EndWord && int(doc.Words[last].Start) < span.End {
		last++
	}
	return max(p.FirstWord, first-fingerprintContext), min(p.EndWord, last+fingerprintContext)
}

func normalizeSpace(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
