package main

import "github.com/docqa/docqa/rules"

// stages returns the stages that filter findings: suppression directives,
// the config's ignore globs, the baseline. (Stub.)
func (o *lintOptions) stages(reg *rules.Registry, cfg rules.Config) ([]stage, error) { return nil, nil }
