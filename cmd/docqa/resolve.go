package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/docqa/docqa/config"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/report"
	"github.com/docqa/docqa/rules"
)

// resolveInputs gives each input the pipeline of its configuration (the
// nearest config file to it, or --config's). A configuration that cannot
// be read is an error naming its file.
func resolveInputs(res *pipeline.Resolver, inputs []input) error {
	for i := range inputs {
		path := inputs[i].Path
		if inputs[i].Stdin {
			path = inputs[i].Name // --stdin-filename places it
		}
		p, err := res.For(path)
		if err != nil {
			return err
		}
		inputs[i].Pipeline = p
	}
	return nil
}

// newResolver returns the resolver of a command's configurations, with the
// working folder as the base of relative paths: --config's file (path) for
// every document, or each one's nearest, with enable and disable after.
// The working folder's configuration is read at once, so that a broken one
// is reported whatever the command reads.
func newResolver(path string, enable, disable []string) (*pipeline.Resolver, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("finding the working folder: %w", err)
	}
	res := pipeline.NewResolver(pipeline.Settings{WorkDir: wd, Config: path, Enable: enable, Disable: disable})
	if _, err := workingPipeline(res); err != nil {
		return nil, err
	}
	return res, nil
}

// workingPipeline returns the pipeline of the working folder's
// configuration.
func workingPipeline(res *pipeline.Resolver) (*pipeline.Pipeline, error) {
	return res.For(filepath.Join(res.Settings().WorkDir, config.FileName))
}

// reportOptions returns the options of a command's reports: the rules of
// reg, docqa's version, the working folder as SARIF's %SRCROOT%.
func reportOptions(reg *rules.Registry) report.Options {
	opts := report.Options{Registry: reg, Version: version()}
	if wd, err := os.Getwd(); err == nil {
		opts.SrcRoot = wd
	}
	return opts
}
