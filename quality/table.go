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

// num formats a ratio to three places, or "–" for none.
func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.3f", x)
}
