// Package pipeline is docqa's middle layer: what every command, the
// language server and verify do with a document between reading it and
// printing what was found.
//
// A Resolver finds the configuration of each document — the nearest
// .docqa.yaml above it, or the one file a command names — and makes one
// Pipeline per configuration, with a registry of its own (the built-in
// rules, the revision checks and the file's house rules), so that a
// long-running process can load a configuration again. A Pipeline reads a
// document as its configuration says, lints it, and runs the findings
// through its processors in order: suppression directives, the
// configuration's ignore_paths, a baseline. Its Comparer sees the same
// findings, so lint, diff, golden and rules test agree on the same text,
// and Fix runs the fix loop (apply the fixes, lint again, until none
// applies) that lint --fix, the language server's code actions and
// verify share.
//
// The package reads no working directory: relative paths are resolved
// against Settings.WorkDir.
package pipeline

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/docqa/docqa/baseline"
	"github.com/docqa/docqa/checks"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
	"github.com/docqa/docqa/verify"
)

// Processor post-processes one document's findings: it drops some (a
// suppression directive, an ignored path, a baseline) and returns the
// rest. A processor must be safe for concurrent use.
type Processor interface {
	// Name names the processor in messages and --show-config.
	Name() string
	Process(doc *document.Document, findings []rules.Finding) []rules.Finding
}

// Pipeline is one configuration and what it does to a document: read it,
// lint it, process the findings. It is safe for concurrent use.
type Pipeline struct {
	// File is the configuration file, absolute, or "" for the defaults.
	File string
	// Config is the configuration as read, before the command's settings.
	Config *config.Config
	// Registry holds the built-in rules, the revision checks and the
	// configuration's house rules; no other pipeline shares it.
	Registry *rules.Registry
	// Rules is the rule selection after the command's profile, enable and
	// disable settings.
	Rules rules.Config
	// Documents are the options documents are read with.
	Documents *document.Options

	linter     *rules.Linter
	processors []Processor
	ignore     *ignorePaths // nil when no rule ignores paths

	workDir string // what relative document paths are relative to

	// only holds, by category, the processors for the findings of that
	// category's rules alone (see ProcessOnly); indexes the sources'
	// indexes, by their paths (see SourceIndex), and notices what reading
	// them noticed, until SourceNotices returns it.
	onlyMu  sync.Mutex
	only    map[string][]Processor
	indexes map[string]sourceSet
	notices []error
}

// New makes the pipeline of the configuration cfg (nil for the defaults)
// with the command's settings s. The configuration's house rules join a
// registry of the pipeline's own.
func New(cfg *config.Config, s Settings) (*Pipeline, error) {
	if cfg == nil {
		cfg = &config.Config{}
	}
	reg := Registry()
	for _, r := range cfg.House {
		if _, dup := reg.Lookup(r.ID); dup {
			return nil, fmt.Errorf("%s: house rule %s has the ID of a built-in rule", cfg.Path, r.ID)
		}
		reg.Add(r)
	}
	if s.Profile != "" {
		// SetProfile changes the configuration: work on a copy, so that a
		// configuration read once serves several settings.
		c := *cfg
		c.Rules = cloneRules(cfg.Rules)
		if err := c.SetProfile(s.Profile, reg); err != nil {
			return nil, fmt.Errorf("--profile: %w", err)
		}
		cfg = &c
	}
	rc := cfg.Rules
	rc.Enable = append(slices.Clone(rc.Enable), s.Enable...)
	rc.Disable = append(slices.Clone(rc.Disable), s.Disable...)
	linter, err := rules.NewLinter(reg, rc)
	if err != nil {
		return nil, err
	}
	sup, err := rules.NewSuppressor(reg, rc)
	if err != nil {
		return nil, err
	}
	file := ""
	if cfg.Path != "" {
		if file, err = absolute(s.WorkDir, cfg.Path); err != nil {
			return nil, err
		}
	}
	p := &Pipeline{File: file, Config: cfg, Registry: reg, Rules: rc, Documents: &cfg.Documents, linter: linter, workDir: s.WorkDir}
	p.processors = append(p.processors, suppression{sup})
	if ig := newIgnorePaths(rc, file, s.WorkDir); ig != nil {
		p.processors = append(p.processors, ig)
		p.ignore = ig
	}
	if s.Baseline != nil {
		p.processors = append(p.processors, baselineFilter{s.Baseline})
	}
	return p, nil
}

// Registry returns the built-in rules: the lint rules, the revision checks
// and the rules of the sources/ category (see package verify), in one
// registry that a configuration is read against.
func Registry() *rules.Registry {
	reg := checks.Registry()
	for _, r := range verify.Rules() {
		reg.Add(r)
	}
	return reg
}

// cloneRules returns a copy of c whose settings map can change alone.
func cloneRules(c rules.Config) rules.Config {
	out := rules.Config{Enable: slices.Clone(c.Enable), Disable: slices.Clone(c.Disable)}
	if c.Rules != nil {
		out.Rules = make(map[string]rules.Setting, len(c.Rules))
		for id, s := range c.Rules {
			out.Rules[id] = s
		}
	}
	return out
}

// Linter returns the pipeline's linter, without the processors.
func (p *Pipeline) Linter() *rules.Linter { return p.linter }

// Processors returns the pipeline's processors, in the order they run.
func (p *Pipeline) Processors() []Processor { return slices.Clone(p.processors) }

// WithCensus returns a pipeline that lints with the counts of c for the
// rules that look across documents (see rules.Linter.WithCensus).
func (p *Pipeline) WithCensus(c *rules.Census) *Pipeline {
	q := &Pipeline{File: p.File, Config: p.Config, Registry: p.Registry, Rules: p.Rules, Documents: p.Documents,
		linter: p.linter.WithCensus(c), processors: p.processors, ignore: p.ignore, workDir: p.workDir}
	return q
}

// Tally counts doc for the rules that look across documents (see
// rules.Census), leaving out each rule whose ignore_paths match the
// document: a document a rule ignores has no say in the run's spelling.
func (p *Pipeline) Tally(doc *document.Document) rules.Tally {
	var skip func(rule string) bool
	if ig := p.ignore; ig != nil {
		if name, ok := ig.relative(doc.Path); ok {
			skip = func(rule string) bool { return ig.rules.Rules[rule].IgnoresPath(name) }
		}
	}
	return p.linter.Tally(doc, skip)
}

// Load reads a document as the configuration says (its template
// delimiters).
func (p *Pipeline) Load(name string, data []byte) *document.Document {
	return p.Documents.Load(name, data)
}

// Lint lints doc and runs the findings through the processors. When the
// configuration's sources: or the document's front matter names sources
// of its quotations, the sources/ rules check them too. A panic in a rule
// is returned as an error naming the document.
func (p *Pipeline) Lint(doc *document.Document) (findings []rules.Finding, err error) {
	defer recoverAs(&err, "linting", doc.Path)
	fs, err := p.checkSources(doc, p.linter.Lint(doc))
	if err != nil {
		return nil, err
	}
	return p.Process(doc, fs), nil
}

// Process runs findings of doc through the processors.
func (p *Pipeline) Process(doc *document.Document, findings []rules.Finding) []rules.Finding {
	for _, pr := range p.processors {
		findings = pr.Process(doc, findings)
	}
	return findings
}

// ProcessOnly runs findings of doc, all of the rules of category (such
// as "sources"), through the processors, as if those rules alone ran: a
// suppression directive naming another rule is then neither applied nor
// reported as idle.
func (p *Pipeline) ProcessOnly(doc *document.Document, findings []rules.Finding, category string) ([]rules.Finding, error) {
	ps, err := p.processorsOnly(category)
	if err != nil {
		return nil, err
	}
	for _, pr := range ps {
		findings = pr.Process(doc, findings)
	}
	return findings, nil
}

// processorsOnly returns the processors for the rules of category alone,
// made once.
func (p *Pipeline) processorsOnly(category string) ([]Processor, error) {
	p.onlyMu.Lock()
	defer p.onlyMu.Unlock()
	if ps, ok := p.only[category]; ok {
		return ps, nil
	}
	rc := cloneRules(p.Rules)
	seen := map[string]bool{}
	for _, r := range p.Registry.Rules() {
		c, _, _ := strings.Cut(r.ID, "/")
		if c != category && c != "docqa" && !seen[c] {
			seen[c] = true
			rc.Disable = append(rc.Disable, c)
		}
	}
	sup, err := rules.NewSuppressor(p.Registry, rc)
	if err != nil {
		return nil, err
	}
	ps := []Processor{suppression{sup}}
	for _, pr := range p.processors {
		if _, isSup := pr.(suppression); !isSup {
			ps = append(ps, pr)
		}
	}
	if p.only == nil {
		p.only = map[string][]Processor{}
	}
	p.only[category] = ps
	return ps, nil
}

// Relint reads text, a fixed version of doc, as doc was read, and lints
// it.
func (p *Pipeline) Relint(doc *document.Document, text []byte) (*document.Document, []rules.Finding, error) {
	d := p.Documents.LoadFormat(doc.Path, text, doc.Format)
	fs, err := p.Lint(d)
	return d, fs, err
}

// Comparer returns a comparer of revisions whose new findings are the
// pipeline's (suppressed and ignored ones left out) and whose speech verbs
// are its quotes/attribution settings'.
func (p *Pipeline) Comparer() (*checks.Comparer, error) {
	c, err := checks.NewComparer(p.Registry, p.Rules)
	if err != nil {
		return nil, err
	}
	c.Documents = p.Documents
	c.Filter = p.Process
	return c, nil
}

// Compare compares two revisions with comparer c, returning a panic as an
// error naming the new revision.
func Compare(c *checks.Comparer, old, new *document.Document) (res *checks.Result, err error) {
	defer recoverAs(&err, "comparing", new.Path)
	return c.Compare(old, new), nil
}

// recoverAs turns a panic into *err, naming what was being done to path.
func recoverAs(err *error, doing, path string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: internal error %s it: %v (please report it)", path, doing, r)
	}
}

// absolute returns path made absolute against dir when it is relative.
func absolute(dir, path string) (string, error) {
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	if dir == "" {
		return "", fmt.Errorf("%s: a relative path, and no working folder to resolve it against", path)
	}
	return filepath.Join(dir, path), nil
}

// suppression drops the findings that docqa-disable directives silence
// and reports unused directives (see rules.Suppressor).
type suppression struct{ s *rules.Suppressor }

func (suppression) Name() string { return "suppression directives" }

func (s suppression) Process(doc *document.Document, fs []rules.Finding) []rules.Finding {
	return s.s.Suppress(doc, fs)
}

// baselineFilter drops the findings a baseline records.
type baselineFilter struct{ b *baseline.Baseline }

func (baselineFilter) Name() string { return "baseline" }

func (b baselineFilter) Process(doc *document.Document, fs []rules.Finding) []rules.Finding {
	return b.b.Filter(doc, fs)
}

// ignorePaths drops each rule's findings in the documents its
// ignore_paths match, relative to the configuration file's folder.
type ignorePaths struct {
	rules   rules.Config
	base    string // the configuration's folder, absolute
	workDir string // what relative document paths are relative to
}

// newIgnorePaths returns the processor of rc's ignore_paths, or nil if no
// rule has any. The patterns are relative to the folder of file (or of
// workDir, for the defaults).
func newIgnorePaths(rc rules.Config, file, workDir string) *ignorePaths {
	ignoring := false
	for _, s := range rc.Rules {
		ignoring = ignoring || len(s.IgnorePaths) > 0
	}
	if !ignoring {
		return nil
	}
	base := workDir
	if file != "" {
		base = filepath.Dir(file)
	}
	return &ignorePaths{rules: rc, base: base, workDir: workDir}
}

func (*ignorePaths) Name() string { return "ignore_paths" }

func (ig *ignorePaths) Process(doc *document.Document, fs []rules.Finding) []rules.Finding {
	name, ok := ig.relative(doc.Path)
	if !ok {
		return fs
	}
	out := fs[:0:0]
	for _, f := range fs {
		if !ig.rules.Rules[f.Rule].IgnoresPath(name) {
			out = append(out, f)
		}
	}
	return out
}

// relative returns a document's path (slash-separated, relative to the
// working folder or absolute) relative to the configuration's folder, and
// false if there is none (another volume, no working folder).
func (ig *ignorePaths) relative(name string) (string, bool) {
	abs, err := absolute(ig.workDir, filepath.FromSlash(name))
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(ig.base, abs)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
