package main

import (
	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/rules"
)

// stage post-processes one document's findings: suppression directives,
// the config's ignore globs, the baseline. Stages run in order in the
// worker that linted the document, and must be safe for concurrent use.
type stage func(doc *document.Document, findings []rules.Finding) []rules.Finding

// fixStage applies the fixes of a document's findings (--fix) or shows them
// (--diff). relint reads a fixed text as doc was read and lints it through
// the same stages. It returns
// the document to report (the fixed one after --fix), the findings left,
// and bytes to print before them, in input order (a unified diff for
// --diff). A failed write is an error naming the file.
type fixStage func(in input, doc *document.Document, findings []rules.Finding,
	relint func(doc *document.Document, text []byte) (*document.Document, []rules.Finding)) (*document.Document, []rules.Finding, []byte, error)

// pipeline is what happens to one document: lint, the stages, the fixes.
type pipeline struct {
	docs   *document.Options // how documents are read (nil: the defaults)
	linter *rules.Linter
	stages []stage
	fix    fixStage // nil unless --fix or --diff
}

// lint runs the rules and the stages over doc.
func (p *pipeline) lint(doc *document.Document) []rules.Finding {
	fs := p.linter.Lint(doc)
	for _, s := range p.stages {
		fs = s(doc, fs)
	}
	return fs
}

// run lints one input's document and applies its fixes.
func (p *pipeline) run(in input, doc *document.Document) (*document.Document, []rules.Finding, []byte, error) {
	fs := p.lint(doc)
	if p.fix == nil {
		return doc, fs, nil, nil
	}
	return p.fix(in, doc, fs, p.relint)
}

// load reads a document with the pipeline's options.
func (p *pipeline) load(name string, data []byte) *document.Document {
	return p.docs.Load(name, data)
}

// relint reads text, a fixed version of doc, as doc was read, and lints it.
func (p *pipeline) relint(doc *document.Document, text []byte) (*document.Document, []rules.Finding) {
	d := p.docs.LoadFormat(doc.Path, text, doc.Format)
	return d, p.lint(d)
}
