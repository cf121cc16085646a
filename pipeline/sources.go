package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/fserr"
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
		base := p.workDir
		if p.File != "" {
			base = filepath.Dir(p.File)
		}
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
// read and built once for each set of paths: files and folders, searched
// for .txt, .md, .markdown, HTML and subtitle files. A source that cannot
// be read is an error naming it; one too large or binary found in a folder
// is left out.
func (p *Pipeline) SourceIndex(paths []string) (*verify.Index, error) {
	key := strings.Join(paths, "\x00")
	p.onlyMu.Lock()
	defer p.onlyMu.Unlock()
	if x, ok := p.indexes[key]; ok {
		return x, nil
	}
	files, err := sourceFiles(paths)
	if err != nil {
		return nil, err
	}
	var srcs []*verify.Source
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", f.path, fserr.Cause(err))
		}
		if len(data) > document.MaxSize || document.IsBinary(data) {
			if f.named {
				return nil, fmt.Errorf("source %s: too large or binary, not read", f.path)
			}
			continue // found in a folder: left out
		}
		text, times, err := verify.Text(f.path, data)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", f.path, err)
		}
		name := f.path
		if rel, err := filepath.Rel(p.workDir, f.path); err == nil && p.workDir != "" {
			name = filepath.ToSlash(rel)
		}
		srcs = append(srcs, &verify.Source{Path: name, Text: text, Times: times})
	}
	x := verify.NewIndex(srcs)
	if p.indexes == nil {
		p.indexes = map[string]*verify.Index{}
	}
	p.indexes[key] = x
	return x, nil
}

// IsSource reports whether a folder walk reads a file of this name as a
// source: a document (.txt, .md, .markdown), an HTML page or a subtitle
// transcript.
func IsSource(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".srt", ".vtt":
		return true
	}
	return false
}

// sourceFile is a source file to read; named reports one given itself
// rather than found in a folder.
type sourceFile struct {
	path  string
	named bool
}

// sourceFiles returns the files of paths, each folder searched (hidden
// folders and node_modules left out) for the files IsSource takes, each
// file once, in order.
func sourceFiles(paths []string) ([]sourceFile, error) {
	var out []sourceFile
	seen := map[string]bool{}
	add := func(path string, named bool) {
		if !seen[path] {
			seen[path] = true
			out = append(out, sourceFile{path, named})
		}
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("source %s: %w", root, fserr.Cause(err))
		}
		if !fi.IsDir() {
			add(root, true)
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return fmt.Errorf("source %s: %w", path, fserr.Cause(err))
			case d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules"):
				return fs.SkipDir
			case !d.IsDir() && d.Type().IsRegular() && IsSource(d.Name()):
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(found)
		for _, f := range found {
			add(f, false)
		}
	}
	return out, nil
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
		return findings, err
	}
	sevs, err := p.Rules.Severities(p.Registry)
	if err != nil {
		return findings, err
	}
	findings = append(findings, x.Check(doc, sevs)...)
	rules.SortFindings(findings)
	return findings, nil
}
