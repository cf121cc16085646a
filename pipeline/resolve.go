package pipeline

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sync"

	"github.com/docqa/docqa/baseline"
	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/rules"
)

// Settings are what a command adds to every configuration it resolves.
type Settings struct {
	// WorkDir is the absolute folder relative paths are resolved against:
	// documents, --config, and the folders searched for a configuration.
	WorkDir string
	// Config names the one configuration file every document uses
	// (--config); "" looks for each document's nearest one.
	Config string
	// Profile, when set, replaces each configuration's profile.
	Profile string
	// Enable and Disable name rules or categories to turn on or off after
	// each configuration's settings.
	Enable, Disable []string
	// Baseline, when set, drops the findings it records.
	Baseline *baseline.Baseline
}

// Resolver finds the configuration of each document and makes, once per
// configuration file, its Pipeline. It is safe for concurrent use.
type Resolver struct {
	settings Settings

	mu    sync.Mutex
	dirs  map[string]string   // folder → its configuration file, "" for none
	byCfg map[string]*pending // configuration file → its pipeline
	made  []*Pipeline         // the pipelines made, for ForgetSources
}

// pending is a pipeline being made, or made, or the error of making it.
type pending struct {
	once sync.Once
	p    *Pipeline
	err  error
}

// NewResolver returns a resolver with the command's settings s.
func NewResolver(s Settings) *Resolver {
	return &Resolver{settings: s, dirs: map[string]string{}, byCfg: map[string]*pending{}}
}

// Settings returns the resolver's settings.
func (r *Resolver) Settings() Settings { return r.settings }

// For returns the pipeline of the document at path (a file's path,
// relative to the working folder or absolute; for standard input, the
// name it is linted as): the one of Settings.Config if set, else that of
// the nearest .docqa.yaml in the document's folder or above it (see
// config.Find), else the defaults'.
func (r *Resolver) For(path string) (*Pipeline, error) {
	file, err := r.ConfigFile(path)
	if err != nil {
		return nil, err
	}
	return r.pipeline(file)
}

// ConfigFile returns the configuration file that applies to the document
// at path, absolute, or "" for the defaults.
func (r *Resolver) ConfigFile(path string) (string, error) {
	if r.settings.Config != "" {
		return absolute(r.settings.WorkDir, r.settings.Config)
	}
	abs, err := absolute(r.settings.WorkDir, filepath.FromSlash(path))
	if err != nil {
		return "", err
	}
	return r.nearest(filepath.Dir(abs))
}

// nearest returns the configuration file of folder dir (absolute), found
// once per folder.
func (r *Resolver) nearest(dir string) (string, error) {
	r.mu.Lock()
	file, ok := r.dirs[dir]
	r.mu.Unlock()
	if ok {
		return file, nil
	}
	file, err := config.Find(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", config.FileName, err)
	}
	r.mu.Lock()
	r.dirs[dir] = file
	r.mu.Unlock()
	return file, nil
}

// pipeline returns the pipeline of the configuration file (absolute, or ""
// for the defaults), made on first use.
func (r *Resolver) pipeline(file string) (*Pipeline, error) {
	r.mu.Lock()
	pd := r.byCfg[file]
	if pd == nil {
		pd = &pending{}
		r.byCfg[file] = pd
	}
	r.mu.Unlock()
	pd.once.Do(func() {
		pd.p, pd.err = r.make(file)
		if pd.p != nil {
			r.mu.Lock()
			r.made = append(r.made, pd.p)
			r.mu.Unlock()
		}
	})
	return pd.p, pd.err
}

// make reads the configuration file and makes its pipeline.
func (r *Resolver) make(file string) (*Pipeline, error) {
	var cfg *config.Config
	if file != "" {
		var err error
		// Named relative to the working folder in messages and in its
		// house rules' sources, as the user would write it.
		if cfg, err = config.LoadIn(r.settings.WorkDir, r.display(file), Registry()); err != nil {
			return nil, err // "path:line: problem"
		}
	}
	return New(cfg, r.settings)
}

// display returns a path as messages show it: relative to the working
// folder ("../.docqa.yaml"), or absolute on another volume.
func (r *Resolver) display(path string) string {
	if r.settings.WorkDir == "" {
		return path
	}
	if rel, err := filepath.Rel(r.settings.WorkDir, path); err == nil {
		return rel
	}
	return path
}

// Pipelines returns the pipelines made so far, by configuration file
// ("" for the defaults).
func (r *Resolver) Pipelines() map[string]*Pipeline {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]*Pipeline, len(r.byCfg))
	for f, pd := range r.byCfg {
		if pd.p != nil {
			out[f] = pd.p
		}
	}
	return out
}

// Registry returns the rules the reports of a run describe: the built-in
// rules, the revision checks and the house rules of every configuration
// resolved so far (the first configuration, by path, to define an ID
// describes it).
func (r *Resolver) Registry() *rules.Registry {
	reg := Registry()
	ps := r.Pipelines()
	for _, file := range slices.Sorted(maps.Keys(ps)) {
		for _, rule := range ps[file].Config.House {
			if _, ok := reg.Lookup(rule.ID); !ok {
				reg.Add(rule)
			}
		}
	}
	return reg
}

// ForgetSources is Pipeline.ForgetSources for every pipeline the resolver
// has made: it reports whether any dropped an index.
func (r *Resolver) ForgetSources(path string) bool {
	r.mu.Lock()
	ps := slices.Clone(r.made)
	r.mu.Unlock()
	dropped := false
	for _, p := range ps {
		if p.ForgetSources(path) {
			dropped = true
		}
	}
	return dropped
}
