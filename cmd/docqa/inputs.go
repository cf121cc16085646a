package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/writeplan"
)

// input is one document to lint.
type input struct {
	// name is the path reported: as given (or found in a folder), cleaned,
	// with "/" separators.
	name string
	// path is the file to read; empty for standard input.
	path string
	// key identifies the file however its path is spelt (see fileKey);
	// empty for standard input.
	key string
	// stdin reports that the document is read from standard input.
	stdin bool
	// explicit reports a file named on the command line rather than found
	// in a folder: it is linted whatever its extension, and refusing it is
	// an error rather than a notice.
	explicit bool
	// special reports a file that is not a regular file (a named pipe, a
	// device, /dev/fd/N of a shell's process substitution): reading it may
	// block, so it is read where an interrupt can abandon it.
	special bool
	// pipe is what lint does to the document: its configuration's
	// pipeline and the fixes (see resolveInputs).
	pipe *runPipeline
}

// collectInputs resolves the command line's paths to the documents to lint,
// sorted by name and each file once, whichever paths and links lead to it.
// "-" stands for standard input, reported as stdinName. A path that cannot
// be read is reported on stderr and makes ok false; the other paths are
// still collected.
func collectInputs(args []string, stdinName string, stderr io.Writer) (inputs []input, ok bool) {
	ok = true
	seen := make(map[string]int) // key → index in inputs
	add := func(key string, in input) {
		if !in.stdin {
			in.key = key
		}
		if i, dup := seen[key]; dup {
			// A file found in a folder and named too is reported under the
			// name given.
			if in.explicit && !inputs[i].explicit {
				inputs[i] = in
			}
			return
		}
		seen[key] = len(inputs)
		inputs = append(inputs, in)
	}
	for _, arg := range args {
		if arg == "-" {
			add("\x00stdin", input{name: displayName(stdinName), stdin: true, explicit: true})
			continue
		}
		if arg == "" {
			warn(stderr, "\"\": no such file or directory")
			ok = false
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			warn(stderr, "%v", fileError(displayName(arg), err))
			ok = false
			continue
		}
		if !fi.IsDir() {
			add(fileKey(arg), input{name: displayName(arg), path: arg, explicit: true, special: !fi.Mode().IsRegular()})
			continue
		}
		walkOK := walkFolder(arg, stderr, func(path, key string) {
			add(key, input{name: displayName(path), path: path})
		})
		ok = ok && walkOK
	}
	sort.SliceStable(inputs, func(i, j int) bool { return inputs[i].name < inputs[j].name })
	return inputs, ok
}

// walkFolder calls found for every file to lint under root, in lexical
// order, with its key (see fileKey), leaving out hidden folders and node_modules. A root that is a
// symbolic link to a folder is followed; links below it are followed only
// to files; a link to be linted that leads nowhere (dangling, or a loop) is
// skipped with a notice on stderr. Folders that cannot be read are reported
// on stderr and make the result false.
func walkFolder(root string, stderr io.Writer, found func(path, key string)) bool {
	ok := true
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(root); err == nil {
			walkRoot = real
		}
	}
	// The walk follows no link to a folder, so a regular file's key is the
	// root's key joined with the file's path under the root: one
	// resolution of the root rather than one per file.
	rootKey := fileKey(walkRoot)
	_ = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		// Report names under root as given, not under the link's target.
		name := p
		if walkRoot != root {
			if rel, rerr := filepath.Rel(walkRoot, p); rerr == nil {
				name = filepath.Join(root, rel)
			}
		}
		if err != nil {
			warn(stderr, "%v", fileError(displayName(name), err))
			ok = false
			return nil // skip what cannot be read, walk on
		}
		if d.IsDir() {
			if p != walkRoot && skipFolder(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !hasLintExtension(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				warn(stderr, "%v, skipped", fileError(displayName(name), err))
				return nil
			}
			if !fi.Mode().IsRegular() {
				return nil
			}
			found(name, fileKey(p))
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		key := fileKey(p)
		if rel, err := filepath.Rel(walkRoot, p); err == nil {
			key = filepath.Join(rootKey, rel)
		}
		found(name, key)
		return nil
	})
	return ok
}

// skipFolder reports whether a folder walk leaves out the folder with this
// name: hidden folders (.git) and node_modules.
func skipFolder(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

// hasLintExtension reports whether a folder walk lints a file of this name:
// .txt, .md and .markdown.
func hasLintExtension(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown":
		return true
	}
	return false
}

// displayName is the name a path is reported under: cleaned, with "/"
// separators.
func displayName(path string) string {
	return filepath.ToSlash(filepath.Clean(path))
}

// fileKey identifies a file across the spellings of its path (see
// writeplan.FileKey) so that it is linted once.
func fileKey(path string) string { return writeplan.FileKey(path) }

// newWritePlan returns the plan of a command's writes (see package
// writeplan), with the walk's rules: which files a folder walk lints.
func newWritePlan(ctx context.Context, stdout, stderr io.Writer) *writeplan.Plan {
	p := writeplan.New(ctx, stdout, stderr)
	p.IsDocument, p.SkipFolder = hasLintExtension, skipFolder
	return p
}

// planInputs records the documents of a run and the folders among args,
// the command line's paths, in the plan: no output may overwrite one, nor
// land where a walk of one would lint it.
func planInputs(p *writeplan.Plan, inputs []input, args []string) {
	for _, in := range inputs {
		if !in.stdin {
			p.ReadKeyed("the input "+in.name, in.path, in.key)
		}
	}
	for _, arg := range args {
		if arg != "-" && arg != "" {
			p.ReadFolder(displayName(arg), arg)
		}
	}
}

// refuseInput returns why a command does not read an input's bytes, verb
// saying what it does not do ("linted", "checked", "compared"): larger
// than limit, binary, or, unless encodings, in UTF-16 or UTF-32 (lint
// reads those to report them, with docqa/encoding). The error names the
// input: "NAME: binary file, not VERB", or, for a file found in a folder
// rather than named, a notice (notice true) "NAME: binary file, skipped".
func refuseInput(in input, data []byte, limit int, verb string, encodings bool) (err error, notice bool) {
	if err := sizeError(in.name, len(data), limit); err != nil {
		if in.explicit {
			return err, false
		}
		return fmt.Errorf("%w, skipped", err), true
	}
	kind, hint := notText(data)
	if encodings && document.IsBinary(data) {
		kind, hint = "binary file", ""
	} else if encodings {
		kind = ""
	}
	if kind == "" {
		return nil, false
	}
	if in.explicit {
		return fmt.Errorf("%s: %s, not %s%s", in.name, kind, verb, hint), false
	}
	return fmt.Errorf("%s: %s, skipped%s", in.name, kind, hint), true
}
