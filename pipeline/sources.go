package pipeline

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
	"github.com/docqa/docqa/verify"
)

// SourcesFor returns the sources of doc's quotations, absolute paths of
// files and folders: those the configuration's sources: names for the
// document's path (relative to the configuration's folder), and those a
// Markdown document lists in its front matter (sources: [a.txt, dir/],
// relative to the document's folder). None for a document without any.
func (p *Pipeline) SourcesFor(doc *document.Document) ([]string, error) {
	abs, err := absolute(p.workDir, filepath.FromSlash(doc.Path))
	if err != nil {
		return nil, nil // a document with no place (standard input unnamed)
	}
	var out []string
	if len(p.Config.Sources) > 0 {
		base := p.sourcesBase()
		if rel, err := filepath.Rel(base, abs); err == nil {
			name := filepath.ToSlash(rel)
			for _, s := range p.Config.Sources {
				if rules.MatchPath(s.Documents, name) {
					for _, src := range s.Paths {
						out = append(out, filepath.Join(base, filepath.FromSlash(src)))
					}
				}
			}
		}
	}
	listed, err := frontMatterSources(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: front matter: %w", doc.Path, err)
	}
	for _, src := range listed {
		out = append(out, filepath.Join(filepath.Dir(abs), filepath.FromSlash(src)))
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// ConfiguredSources returns every source the configuration's sources:
// names, for any document, as SourcesFor resolves them, sorted and once
// each: what a command must not write over before it reads a document.
func (p *Pipeline) ConfiguredSources() []string {
	base := p.sourcesBase()
	var out []string
	for _, s := range p.Config.Sources {
		for _, src := range s.Paths {
			out = append(out, filepath.Join(base, filepath.FromSlash(src)))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sourcesBase returns the folder the configuration's sources: are
// relative to: the configuration file's, or the working folder.
func (p *Pipeline) sourcesBase() string {
	if p.File != "" {
		return filepath.Dir(p.File)
	}
	return p.workDir
}

// frontMatterSources returns the sources a Markdown document's front
// matter lists under sources:, a list of paths or one path.
func frontMatterSources(doc *document.Document) ([]string, error) {
	if doc.Format != document.Markdown {
		return nil, nil
	}
	start := 0
	if strings.HasPrefix(string(doc.Text), "\uFEFF") {
		start = len("\uFEFF")
	}
	end := document.FrontMatterEnd(doc.Text, start)
	if end <= start || !strings.HasPrefix(string(doc.Text[start:]), "---") {
		return nil, nil // none, or TOML's +++
	}
	block := string(doc.Text[start:end])
	block = strings.TrimPrefix(block, "---")
	if i := strings.LastIndex(block, "\n---"); i >= 0 {
		block = block[:i]
	}
	var fm struct {
		Sources yaml.Node `yaml:"sources"`
	}
	if err := yaml.Unmarshal([]byte(block), &fm); err != nil {
		return nil, nil // not YAML docqa reads: the site's business
	}
	switch n := fm.Sources; n.Kind {
	case 0:
		return nil, nil
	case yaml.ScalarNode:
		return []string{n.Value}, nil
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("sources: want a list of paths")
			}
			out = append(out, c.Value)
		}
		return out, nil
	}
	return nil, fmt.Errorf("sources: want a path or a list of paths")
}

// SourceIndex returns the index of the sources at paths (see SourcesFor),
// read (see verify.ReadSources) and built once for each set of paths, the
// paths relative to the working folder named as such. A source that
// cannot be read is an error, a SourceError naming it, for every document
// that needs it; the notices of a read (a binary file found in a folder
// and skipped, a source not in UTF-8) are kept for SourceNotices.
func (p *Pipeline) SourceIndex(paths []string) (*verify.Index, error) {
	key := strings.Join(paths, "\x00")
	p.onlyMu.Lock()
	defer p.onlyMu.Unlock()
	if s, ok := p.indexes[key]; ok {
		return s.index, s.err
	}
	names := make([]string, len(paths))
	for i, path := range paths {
		names[i] = path
		if rel, err := filepath.Rel(p.workDir, path); err == nil && p.workDir != "" {
			names[i] = rel
		}
	}
	srcs, problems := verify.ReadSources(p.workDir, names)
	var s sourceSet
	var errs SourceError
	for _, pr := range problems {
		if pr.Notice {
			p.notices = append(p.notices, pr.Err)
		} else {
			errs = append(errs, pr.Err)
		}
	}
	if len(errs) > 0 {
		s.err = errs
	} else {
		s.index = verify.NewIndex(srcs)
	}
	if p.indexes == nil {
		p.indexes = map[string]sourceSet{}
	}
	p.indexes[key] = s
	return s.index, s.err
}

// SourcePaths returns the paths of every set of sources SourceIndex has
// been asked for, read or not (a source that could not be read is among
// them), once each and sorted: the files a command must not write over.
func (p *Pipeline) SourcePaths() []string {
	p.onlyMu.Lock()
	defer p.onlyMu.Unlock()
	var out []string
	for key := range p.indexes {
		out = append(out, strings.Split(key, "\x00")...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ForgetSources drops the index of every set of sources that holds the
// file at path (named, or in a folder named), so that SourceIndex reads
// the set again: a source changed, was created or was deleted on disk. A
// relative path is relative to the working folder. It reports whether an
// index was dropped.
func (p *Pipeline) ForgetSources(path string) bool {
	path, err := absolute(p.workDir, path)
	if err != nil {
		return false
	}
	p.onlyMu.Lock()
	defer p.onlyMu.Unlock()
	dropped := false
	for key := range p.indexes {
		for _, src := range strings.Split(key, "\x00") {
			src, err := absolute(p.workDir, src)
			if err != nil {
				continue
			}
			if path == src || strings.HasPrefix(path, src+string(filepath.Separator)) {
				delete(p.indexes, key)
				dropped = true
				break
			}
		}
	}
	return dropped
}

// sourceSet is the index of a set of sources, or why they could not be
// read.
type sourceSet struct {
	index *verify.Index
	err   error
}

// SourceError is the sources of a document that could not be read: each
// error names a file.
type SourceError []error

// Error returns the errors on one line.
func (e SourceError) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

// Unwrap returns the errors.
func (e SourceError) Unwrap() []error { return e }

// SourceNotices returns, once each, the notices of the sources read since
// the last call (see SourceIndex), in the order of their messages, for a
// command to print.
func (p *Pipeline) SourceNotices() []error {
	p.onlyMu.Lock()
	defer p.onlyMu.Unlock()
	out := p.notices
	p.notices = nil
	slices.SortStableFunc(out, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return out
}

// Verify returns the findings of the sources/ rules for doc's quotations
// against the sources of x, or, when x is nil, against those its
// configuration or front matter names (an error if none does), run
// through the processors as if those rules alone ran (see ProcessOnly),
// sorted. A panic is returned as an error naming the document.
func (p *Pipeline) Verify(doc *document.Document, x *verify.Index) (findings []rules.Finding, err error) {
	defer recoverAs(&err, "verifying", doc.Path)
	if x == nil {
		paths, err := p.SourcesFor(doc)
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("%s: no sources: name them with --sources PATH, in %s (sources:) or in its front matter", doc.Path, config.FileName)
		}
		if x, err = p.SourceIndex(paths); err != nil {
			return nil, fmt.Errorf("%s: sources: %w", doc.Path, err)
		}
	}
	sevs, err := p.Rules.Severities(p.Registry)
	if err != nil {
		return nil, err
	}
	findings, err = p.ProcessOnly(doc, x.Check(doc, sevs), "sources")
	if err != nil {
		return nil, err
	}
	rules.SortFindings(findings)
	return findings, nil
}

// checkSources adds to findings those of the sources/ rules for doc's
// quotations, when its configuration or front matter names sources.
func (p *Pipeline) checkSources(doc *document.Document, findings []rules.Finding) ([]rules.Finding, error) {
	paths, err := p.SourcesFor(doc)
	if err != nil || len(paths) == 0 {
		return findings, err
	}
	x, err := p.SourceIndex(paths)
	if err != nil {
		return findings, fmt.Errorf("%s: sources: %w", doc.Path, err)
	}
	sevs, err := p.Rules.Severities(p.Registry)
	if err != nil {
		return findings, err
	}
	findings = append(findings, x.Check(doc, sevs)...)
	rules.SortFindings(findings)
	return findings, nil
}
