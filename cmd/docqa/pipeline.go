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
// (--diff). relint lints a fixed text through the same stages. It returns
// the document to report (the fixed one after --fix), the findings left,
// and bytes to print before them, in input order (a unified diff for
// --diff). A failed write is an error naming the file.
type fixStage func(in input, doc *document.Document, findings []rules.Finding,
	relint func(*document.Document) []rules.Finding) (*document.Document, []rules.Finding, []byte, error)

// pipeline is what happens to one document: lint, the stages, the fixes.
type pipeline struct {
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
	return p.fix(in, doc, fs, p.lint)
}
