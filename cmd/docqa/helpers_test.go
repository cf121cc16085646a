package main

import (
	"os"
	"testing"

	"github.com/docqa/docqa/pipeline"
)

// withPipe returns ins, each with the pipeline of the default
// configuration.
func withPipe(t testing.TB, ins []input) []input {
	t.Helper()
	p, err := pipeline.New(nil, pipeline.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]input, len(ins))
	for i, in := range ins {
		in.Pipeline = p
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
