package main

import (
	"os"
	"testing"

	"github.com/docqa/docqa/pipeline"
)

// withPipe returns inputs, each with the pipeline of the default
// configuration and the fix stage fix (nil for none).
func withPipe(t testing.TB, fix fixStage, inputs []input) []input {
	t.Helper()
	lib, err := pipeline.New(nil, pipeline.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	p := &runPipeline{lib: lib, fix: fix}
	out := make([]input, len(inputs))
	for i, in := range inputs {
		in.pipe = p
		out[i] = in
	}
	return out
}

// testWD returns the test's working folder.
func testWD(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
