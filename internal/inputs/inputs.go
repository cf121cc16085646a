// Package inputs finds the documents of a docqa command: the files named
// on its command line and those a walk of its folders finds (.txt, .md and
// .markdown, not in hidden folders or node_modules), each file once
// however it is named, sorted by name; and refuses the bytes it does not
// read (too large, binary, UTF-16 or UTF-32) with a message naming the
// input. Package files does the finding and the refusing, for the sources
// of docqa verify too; inputs gives each document its pipeline and prints
// the problems on the command's standard error.
package inputs

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/docqa/docqa/internal/files"
	"github.com/docqa/docqa/pipeline"
)

// Input is one document of a command: a file (a file named on the command
// line is linted whatever its extension; a special file is read where an
// interrupt can abandon it) and what is done to it.
type Input struct {
	files.File
	// Pipeline is what the command does to the document: its
	// configuration's pipeline, once resolved.
	Pipeline *pipeline.Pipeline
}

// Collect resolves the command line's paths to the documents to lint,
// sorted by name and each file once, whichever paths and links lead to it.
// "-" stands for standard Input, reported as stdinName. A path that cannot
// be read is reported on stderr and makes ok false; the other paths are
// still collected.
func Collect(args []string, stdinName string, stderr io.Writer) (inputs []Input, ok bool) {
	return CollectWith(args, stdinName, stderr, IsDocument)
}

// CollectWith is Collect with the files a folder walk finds chosen by
// wanted, by their names, rather than IsDocument (see files.Collect).
func CollectWith(args []string, stdinName string, stderr io.Writer, wanted func(name string) bool) (inputs []Input, ok bool) {
	ok = true
	found := files.Collect("", args, stdinName, wanted, func(err error, notice bool) {
		warn(stderr, "%v", err)
		ok = ok && notice
	})
	for _, f := range found {
		inputs = append(inputs, Input{File: f})
	}
	return inputs, ok
}

// SkipFolder reports whether a folder walk leaves out the folder with this
// name: hidden folders (.git) and node_modules.
func SkipFolder(name string) bool { return files.SkipFolder(name) }

// IsDocument reports whether a folder walk lints a file of this name:
// .txt, .md and .markdown.
func IsDocument(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown":
		return true
	}
	return false
}

// DisplayName is the name a path is reported under: cleaned, with "/"
// separators.
func DisplayName(path string) string { return files.DisplayName(path) }

// Refuse returns why a command does not read an Input's bytes, verb
// saying what it does not do ("linted", "checked", "compared"): larger
// than limit, binary, or, unless encodings, in UTF-16 or UTF-32 (see
// files.Refuse). The error names the Input: "NAME: binary file, not VERB",
// or, for a file found in a folder rather than named, a notice (notice
// true) "NAME: binary file, skipped".
func Refuse(in Input, data []byte, limit int, verb string, encodings bool) (notice bool, err error) {
	return files.Refuse(in.File, data, limit, verb, encodings)
}

// SizeError returns the error that refuses the document name of size bytes
// if it is larger than limit (see files.SizeError).
func SizeError(name string, size, limit int) error { return files.SizeError(name, size, limit) }

// warn prints a one-line message on w as "docqa: message", as the command
// prints its notices.
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "docqa: "+format+"\n", args...)
}
