package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// stages returns the stages that filter findings, in order: suppression
// directives, the config's ignore_paths, the baseline (--baseline).
func (o *lintOptions) stages(reg *rules.Registry, cfg rules.Config) ([]stage, error) {
	if o.baseline != "" && o.writeBaseline != "" {
		return nil, fmt.Errorf("--baseline and --write-baseline together: to update a baseline, run with --write-baseline alone")
	}
	sup, err := rules.NewSuppressor(reg, cfg)
	if err != nil {
		return nil, err
	}
	stages := []stage{sup.Suppress}
	ignore, err := o.ignoreStage(cfg)
	if err != nil {
		return nil, err
	}
	if ignore != nil {
		stages = append(stages, ignore)
	}
	base, err := o.baselineStage()
	if err != nil {
		return nil, err
	}
	if base != nil {
		stages = append(stages, base)
	}
	return stages, nil
}

// ignoreStage returns the stage that drops the findings of each rule in
// the documents its ignore_paths match, or nil if no rule has any. The
// patterns are relative to the config file's folder: a document is
// matched by its path from there ("../src/a.md" for a config file in
// .github/).
func (o *lintOptions) ignoreStage(cfg rules.Config) (stage, error) {
	ignoring := false
	for _, s := range cfg.Rules {
		ignoring = ignoring || len(s.IgnorePaths) > 0
	}
	if !ignoring {
		return nil, nil
	}
	base, err := configFolder(o.configPath)
	if err != nil {
		return nil, err
	}
	return func(doc *document.Document, findings []rules.Finding) []rules.Finding {
		name, ok := relativeTo(base, doc.Path)
		if !ok {
			return findings
		}
		out := findings[:0:0]
		for _, f := range findings {
			if !cfg.Rules[f.Rule].IgnoresPath(name) {
				out = append(out, f)
			}
		}
		return out
	}, nil
}

// configFolder returns the absolute path of the folder of the config file
// in use: the one named by --config, else the nearest one found from the
// working folder up (as loadRuleConfig finds it).
func configFolder(configPath string) (string, error) {
	path := configPath
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("finding %s: %w", config.FileName, err)
		}
		if path, err = config.Find(wd); err != nil {
			return "", fmt.Errorf("finding %s: %w", config.FileName, err)
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return filepath.Dir(abs), nil
}

// relativeTo returns the reported path name (slash-separated, relative to
// the working folder or absolute) relative to the folder base, with "/"
// separators, and false if there is no such path (another volume).
func relativeTo(base, name string) (string, bool) {
	abs, err := filepath.Abs(filepath.FromSlash(name))
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
