package quality

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// Class is one class of text in the corpus: a folder of documents, the
// configuration they are linted with and the file of their labels.
type Class struct {
	// Name names the class in tables: "news", "docs", "fiction".
	Name string
	// Dir is the folder of its documents (.txt, .md, .markdown).
	Dir string
	// Config is a .docqa.yaml to lint them with, or "" for the defaults.
	Config string
	// Labels is a glob pattern of its labels files (see Label): one file
	// or several, "labels/news*.tsv".
	Labels string
	// Plant asks for planted copies of its documents (see Plant).
	Plant bool
	// Files, when set, are glob patterns of the file names in Dir to
	// score ("whitehouse-*.txt"): a part of the class.
	Files []string
	// Quotations names a rule labelled quotation by quotation, not only
	// where it reports (quotes/attribution), whose labels Score also counts
	// by kind (see QuotationScore).
	Quotations string
}

// QuotationScore is how a rule about quotations did on a class whose every
// quotation is labelled for it: a Problem label is a gap, a Fine one
// whose note starts "not speech" a quotation that is no direct speech,
// any other Fine one an attributed quotation.
type QuotationScore struct {
	Rule string
	// Labelled counts the labelled quotations: Attributed, NotSpeech and
	// Gaps.
	Labelled, Attributed, NotSpeech, Gaps int
	// Paragraphs counts the paragraphs that hold an attributed quotation,
	// and Flagged those of them where the rule made a false finding.
	Paragraphs, Flagged int
}

// FlaggedShare returns Flagged/Paragraphs.
func (q QuotationScore) FlaggedShare() float64 { return ratio(q.Flagged, q.Paragraphs) }

// RuleScore is how one rule did on one class.
type RuleScore struct {
	Rule string
	// Findings counts the rule's findings on the corpus.
	Findings int
	// TP counts findings labelled Problem, FP those labelled Fine, and
	// Unlabelled those with no label.
	TP, FP, Unlabelled int
	// FN counts Problem labels that no finding matched.
	FN int
}

// Precision returns TP/(TP+FP), or NaN when the rule found nothing labelled.
func (s RuleScore) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall returns TP/(TP+FN), or NaN when there is no real problem to find.
func (s RuleScore) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// PlantScore is how a rule did on one kind of planted defect.
type PlantScore struct {
	// Kind is the kind of defect (see Defect).
	Kind string
	// Rule is the rule that should find it.
	Rule string
	// Planted counts the planted copies; Found those where the rule made
	// a finding that the unplanted document did not have.
	Planted, Found int
	// Extra counts the new findings beyond the first in a planted copy:
	// false alarms the defect set off elsewhere.
	Extra int
}

// Recall returns Found/Planted.
func (p PlantScore) Recall() float64 { return ratio(p.Found, p.Planted) }

// Result is the score of the rules on one class.
type Result struct {
	Class string
	// Files and Words count the documents and their prose words (as
	// document.Load splits them: words in code, front matter and URLs
	// are not prose and do not count).
	Files, Words int
	// Rules are the scores of every rule with a finding or a label, by ID.
	Rules []RuleScore
	// Planted are the scores on planted defects, when the class plants.
	Planted []PlantScore
	// Unlabelled are the findings no label covers, as labels without a
	// verdict, for a person to judge and add to the labels file.
	Unlabelled []Label
	// Missed are the Problem labels no finding matched.
	Missed []Label
	// Quotations is the score on the labelled quotations, when the class
	// names a rule labelled quotation by quotation.
	Quotations *QuotationScore
}

// FPPer10k returns a rule's false findings per 10,000 words of the class.
func (r *Result) FPPer10k(s RuleScore) float64 { return ratio(s.FP*10000, r.Words) }

// Rule returns the score of the rule with ID id; the zero score if the
// rule had neither finding nor label.
func (r *Result) Rule(id string) RuleScore {
	for _, s := range r.Rules {
		if s.Rule == id {
			return s
		}
	}
	return RuleScore{Rule: id}
}

// Plant returns the planted score of the defect kind.
func (r *Result) Plant(kind string) PlantScore {
	for _, p := range r.Planted {
		if p.Kind == kind {
			return p
		}
	}
	return PlantScore{Kind: kind}
}

// Total returns the sum of the scores of every rule.
func (r *Result) Total() RuleScore {
	t := RuleScore{Rule: "all rules"}
	for _, s := range r.Rules {
		t.Findings += s.Findings
		t.TP += s.TP
		t.FP += s.FP
		t.Unlabelled += s.Unlabelled
		t.FN += s.FN
	}
	return t
}

// Score lints the documents of class c with the built-in rules and scores
// the findings against its labels.
func Score(ctx context.Context, c Class) (*Result, error) {
	reg := rules.Builtin()
	cfg := &config.Config{}
	if c.Config != "" {
		var err error
		if cfg, err = config.Load(c.Config, reg); err != nil {
			return nil, err
		}
	}
	if len(cfg.House) > 0 {
		return nil, fmt.Errorf("%s: house rules are not scored", c.Config)
	}
	linter, err := rules.NewLinter(reg, cfg.Rules)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Config, err)
	}
	files, err := filepath.Glob(c.Labels)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Labels, err)
	}
	var labels []Label
	byKey := map[key]Label{}
	for _, f := range files {
		ls, err := ReadLabelsFile(f)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if prev, dup := byKey[l.key()]; dup {
				return nil, fmt.Errorf("%s: labels the same place and rule as %s", l.Source, prev.Source)
			}
			byKey[l.key()] = l
		}
		labels = append(labels, ls...)
	}
	paths, err := documents(c.Dir, c.Files)
	if err != nil {
		return nil, err
	}
	res := &Result{Class: c.Name, Files: len(paths)}
	byPath := map[string][]Label{}
	for _, l := range labels {
		byPath[l.Path] = append(byPath[l.Path], l)
	}
	if c.Quotations != "" {
		res.Quotations = &QuotationScore{Rule: c.Quotations}
	}
	scores := map[string]*RuleScore{}
	score := func(id string) *RuleScore {
		if scores[id] == nil {
			scores[id] = &RuleScore{Rule: id}
		}
		return scores[id]
	}
	matched := map[key]bool{}
	var planter planter
	for _, rel := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		text, err := os.ReadFile(filepath.Join(c.Dir, rel))
		if err != nil {
			return nil, err
		}
		doc := document.Load(filepath.ToSlash(rel), text)
		res.Words += len(doc.Words)
		findings := linter.Lint(doc)
		if res.Quotations != nil {
			countQuotations(res.Quotations, doc, byPath[doc.Path], findings, byKey)
		}
		for _, f := range findings {
			pos := doc.Position(f.Span.Start)
			k := key{doc.Path, pos.Line, pos.Column, f.Rule}
			s := score(f.Rule)
			s.Findings++
			l, ok := byKey[k]
			if !ok {
				l, ok = byKey[key{path: k.path, rule: k.rule}] // the whole file
			}
			switch {
			case !ok:
				s.Unlabelled++
				res.Unlabelled = append(res.Unlabelled, Label{
					Path: k.path, Line: k.line, Column: k.column, Rule: k.rule,
					Text: shorten(doc.String(f.Span)), Note: f.Message,
				})
			case l.Verdict == Problem:
				s.TP++
			default:
				s.FP++
			}
			matched[k] = true
		}
		if c.Plant {
			planter.plant(linter, doc, findings)
		}
	}
	inScope := map[string]bool{}
	for _, p := range paths {
		inScope[filepath.ToSlash(p)] = true
	}
	for _, l := range labels {
		if l.Verdict == Problem && !matched[l.key()] && inScope[l.Path] {
			score(l.Rule).FN++
			res.Missed = append(res.Missed, l)
		}
	}
	for _, s := range scores {
		res.Rules = append(res.Rules, *s)
	}
	sort.Slice(res.Rules, func(i, j int) bool { return res.Rules[i].Rule < res.Rules[j].Rule })
	res.Planted = planter.scores()
	return res, nil
}

// countQuotations adds to q the labelled quotations of doc, and the
// paragraphs with an attributed one where the rule's findings are false.
func countQuotations(q *QuotationScore, doc *document.Document, labels []Label, findings []rules.Finding, byKey map[key]Label) {
	attributed := map[int]bool{}
	for _, l := range labels {
		if l.Rule != q.Rule || l.Line == 0 {
			continue
		}
		q.Labelled++
		switch {
		case l.Verdict == Problem:
			q.Gaps++
		case strings.HasPrefix(l.Note, "not speech"):
			q.NotSpeech++
		default:
			q.Attributed++
			attributed[doc.ParagraphAt(doc.Offset(document.Position{Line: l.Line, Column: l.Column}))] = true
		}
	}
	q.Paragraphs += len(attributed)
	flagged := map[int]bool{}
	for _, f := range findings {
		if f.Rule != q.Rule {
			continue
		}
		pos := doc.Position(f.Span.Start)
		if l, ok := byKey[key{doc.Path, pos.Line, pos.Column, f.Rule}]; ok && l.Verdict == Fine {
			if pi := doc.ParagraphAt(f.Span.Start); attributed[pi] && !flagged[pi] {
				flagged[pi] = true
				q.Flagged++
			}
		}
	}
}

// documents returns the paths, relative to dir and sorted, of the
// documents under dir whose names match one of the glob patterns files,
// or of all when there are none.
func documents(dir string, files []string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".txt", ".md", ".markdown":
		default:
			return nil
		}
		if e.IsDir() {
			return nil
		}
		if len(files) > 0 && !slices.ContainsFunc(files, func(pat string) bool {
			ok, _ := filepath.Match(pat, e.Name())
			return ok
		}) {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no documents", dir)
	}
	slices.Sort(out)
	return out, nil
}

// shorten returns s on one line, at most 60 characters.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}

// Quotations returns, as labels without a verdict, every quotation of the
// documents in dir (the outermost ones, at their opening mark) that the
// labels files of the glob pattern labels do not yet label for rule: the
// worklist for labelling a rule about quotations, such as
// quotes/attribution, quotation by quotation and not only where it
// reports. The text is the quotation's start.
func Quotations(dir, labels, rule string) ([]Label, error) {
	files, err := filepath.Glob(labels)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", labels, err)
	}
	have := map[key]bool{}
	for _, f := range files {
		ls, err := ReadLabelsFile(f)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			have[l.key()] = true
		}
	}
	paths, err := documents(dir, nil)
	if err != nil {
		return nil, err
	}
	var out []Label
	for _, rel := range paths {
		text, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			return nil, err
		}
		d := document.Load(filepath.ToSlash(rel), text)
		for _, q := range d.Quotes {
			if q.Depth != 0 {
				continue
			}
			pos := d.Position(q.Open)
			k := key{d.Path, pos.Line, pos.Column, rule}
			if have[k] {
				continue
			}
			out = append(out, Label{Path: k.path, Line: k.line, Column: k.column, Rule: rule, Text: shorten(d.String(d.Extent(q)))})
		}
	}
	return out, nil
}
