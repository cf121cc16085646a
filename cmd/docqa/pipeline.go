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
