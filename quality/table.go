package quality

import (
	"fmt"
	"math"
	"strings"
)

// PlantedPrecision returns a rule's precision on the corpus with its
// planted defects: the planted defects found and the findings labelled
// Problem are true, the findings labelled Fine and the extra findings of
// the planted copies false.
func PlantedPrecision(s RuleScore, p PlantScore) float64 {
	return ratio(s.TP+p.Found, s.TP+p.Found+s.FP+p.Extra)
}

// Table returns the scores as two Markdown tables: every rule on every
// class, and the planted defects.
func Table(results []*Result) string {
	var b strings.Builder
	b.WriteString("| text | words | rule | findings | true | false | missed | unlabelled | precision | recall | false per 10k words |\n")
	b.WriteString("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		for _, s := range append(r.Rules, r.Total()) {
			fmt.Fprintf(&b, "| %s | %d | %s | %d | %d | %d | %d | %d | %s | %s | %.2f |\n",
				r.Class, r.Words, s.Rule, s.Findings, s.TP, s.FP, s.FN, s.Unlabelled,
				num(s.Precision()), num(s.Recall()), r.FPPer10k(s))
		}
	}
	b.WriteString("\n| text | planted defect | rule | planted | found | recall | extra findings | precision with them |\n")
	b.WriteString("|---|---|---|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		for _, p := range r.Planted {
			fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %s | %d | %s |\n",
				r.Class, p.Kind, p.Rule, p.Planted, p.Found, num(p.Recall()), p.Extra,
				num(PlantedPrecision(r.Rule(p.Rule), p)))
		}
	}
	return b.String()
}

// QuotationTable returns, as a Markdown table, how the rules labelled
// quotation by quotation did on the results that count them: the
// labelled quotations by kind, the share of paragraphs with an attributed
// quotation that the rule flags, the gaps it finds, and its recall and
// precision with the planted removals.
func QuotationTable(results []*Result) string {
	var b strings.Builder
	b.WriteString("| text | rule | quotations | attributed | not speech | gaps | gaps found | attributed paragraphs | flagged | share flagged | removals planted | found | recall | precision with them |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		q := r.Quotations
		if q == nil {
			continue
		}
		s := r.Rule(q.Rule)
		p := r.Plant(RemovedAttribution)
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %d | %d | %d | %d | %s | %d | %d | %s | %s |\n",
			r.Class, q.Rule, q.Labelled, q.Attributed, q.NotSpeech, q.Gaps, s.TP, q.Paragraphs, q.Flagged,
			percent(q.FlaggedShare()), p.Planted, p.Found, num(p.Recall()), num(PlantedPrecision(s, p)))
	}
	return b.String()
}

// percent formats a ratio as a percentage to one place, or "–" for none.
func percent(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

// num formats a ratio to three places, or "–" for none.
func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.3f", x)
}
