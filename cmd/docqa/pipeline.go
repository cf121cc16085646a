package main

import (
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/pipeline"
	"github.com/docqa/docqa/rules"
)

// fixStage applies the fixes of a document's findings (--fix) or shows them
// (--diff), through lib, the pipeline that linted doc. It returns the
// document to report (the fixed one after --fix), the findings left, and
// bytes to print before them, in input order (a unified diff for --diff).
// A failed write is an error naming the file.
type fixStage func(in input, doc *document.Document, findings []rules.Finding, lib *pipeline.Pipeline) (*document.Document, []rules.Finding, []byte, error)

// runPipeline is what happens to one document of a run: its
// configuration's pipeline (package pipeline), then the fixes.
type runPipeline struct {
	lib *pipeline.Pipeline
	fix fixStage // nil unless --fix or --diff
}

// run lints one input's document and applies its fixes.
func (p *runPipeline) run(in input, doc *document.Document) (*document.Document, []rules.Finding, []byte, error) {
	fs, err := p.lib.Lint(doc)
	if err != nil || p.fix == nil {
		return doc, fs, nil, err
	}
	return p.fix(in, doc, fs, p.lib)
}

// load reads a document with the pipeline's options.
func (p *runPipeline) load(name string, data []byte) *document.Document {
	return p.lib.Load(name, data)
}
