// Package inputs finds the documents of a docqa command: the files named
// on its command line and those a walk of its folders finds (.txt, .md and
// .markdown, not in hidden folders or node_modules), each file once
// however it is named, sorted by name; and refuses the bytes it does not
// read (too large, binary, UTF-16 or UTF-32) with a message naming the
// input.
package inputs

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/internal/writeplan"
	"github.com/docqa/docqa/pipeline"
)

// Input is one document of a command.
type Input struct {
	// Name is the path reported: as given (or found in a folder),
	// cleaned, with "/" separators.
	Name string
	// Path is the file to read; empty for standard input.
	Path string
	// Key identifies the file however its path is spelt (see
	// writeplan.FileKey); empty for standard input.
	Key string
	// Stdin reports that the document is read from standard input.
	Stdin bool
	// Explicit reports a file named on the command line rather than
	// found in a folder: it is linted whatever its extension, and
	// refusing it is an error rather than a notice.
	Explicit bool
	// Special reports a file that is not a regular file (a named pipe, a
	// device, /dev/fd/N of a shell's process substitution): reading it
	// may block, so it is read where an interrupt can abandon it.
	Special bool
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
// wanted, by their names, rather than IsDocument.
func CollectWith(args []string, stdinName string, stderr io.Writer, wanted func(name string) bool) (inputs []Input, ok bool) {
	ok = true
	seen := make(map[string]int) // key → index in inputs
	add := func(key string, in Input) {
		if !in.Stdin {
			in.Key = key
		}
		if i, dup := seen[key]; dup {
			// A file found in a folder and named too is reported under the
			// name given.
			if in.Explicit && !inputs[i].Explicit {
				inputs[i] = in
			}
			return
		}
		seen[key] = len(inputs)
		inputs = append(inputs, in)
	}
	for _, arg := range args {
		if arg == "-" {
			add("\x00stdin", Input{Name: DisplayName(stdinName), Stdin: true, Explicit: true})
			continue
		}
		if arg == "" {
			warn(stderr, "\"\": no such file or directory")
			ok = false
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			warn(stderr, "%v", fserr.Named(DisplayName(arg), err))
			ok = false
			continue
		}
		if !fi.IsDir() {
			add(writeplan.FileKey(arg), Input{Name: DisplayName(arg), Path: arg, Explicit: true, Special: !fi.Mode().IsRegular()})
			continue
		}
		walkOK := walk(arg, stderr, wanted, func(path, key string) {
			add(key, Input{Name: DisplayName(path), Path: path})
		})
		ok = ok && walkOK
	}
	sort.SliceStable(inputs, func(i, j int) bool { return inputs[i].Name < inputs[j].Name })
	return inputs, ok
}

// walk calls found for every file to lint under root, in lexical
// order, with its key (see writeplan.FileKey), leaving out hidden folders and node_modules. A root that is a
// symbolic link to a folder is followed; links below it are followed only
// to files; a link to be linted that leads nowhere (dangling, or a loop) is
// skipped with a notice on stderr. Folders that cannot be read are reported
// on stderr and make the result false.
func walk(root string, stderr io.Writer, wanted func(name string) bool, found func(path, key string)) bool {
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
	rootKey := writeplan.FileKey(walkRoot)
	_ = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		// Report names under root as given, not under the link's target.
		name := p
		if walkRoot != root {
			if rel, rerr := filepath.Rel(walkRoot, p); rerr == nil {
				name = filepath.Join(root, rel)
			}
		}
		if err != nil {
			warn(stderr, "%v", fserr.Named(DisplayName(name), err))
			ok = false
			return nil // skip what cannot be read, walk on
		}
		if d.IsDir() {
			if p != walkRoot && SkipFolder(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !wanted(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				warn(stderr, "%v, skipped", fserr.Named(DisplayName(name), err))
				return nil
			}
			if !fi.Mode().IsRegular() {
				return nil
			}
			found(name, writeplan.FileKey(p))
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		key := writeplan.FileKey(p)
		if rel, err := filepath.Rel(walkRoot, p); err == nil {
			key = filepath.Join(rootKey, rel)
		}
		found(name, key)
		return nil
	})
	return ok
}

// SkipFolder reports whether a folder walk leaves out the folder with this
// name: hidden folders (.git) and node_modules.
func SkipFolder(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

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
func DisplayName(path string) string {
	return filepath.ToSlash(filepath.Clean(path))
}

// Refuse returns why a command does not read an Input's bytes, verb
// saying what it does not do ("linted", "checked", "compared"): larger
// than limit, binary, or, unless encodings, in UTF-16 or UTF-32 (lint
// reads those to report them, with docqa/encoding). The error names the
// Input: "NAME: binary file, not VERB", or, for a file found in a folder
// rather than named, a notice (notice true) "NAME: binary file, skipped".
func Refuse(in Input, data []byte, limit int, verb string, encodings bool) (notice bool, err error) {
	if err := SizeError(in.Name, len(data), limit); err != nil {
		if in.Explicit {
			return false, err
		}
		return true, fmt.Errorf("%w, skipped", err)
	}
	kind, hint := NotText(data)
	if encodings && document.IsBinary(data) {
		kind, hint = "binary file", ""
	} else if encodings {
		kind = ""
	}
	if kind == "" {
		return false, nil
	}
	if in.Explicit {
		return false, fmt.Errorf("%s: %s, not %s%s", in.Name, kind, verb, hint)
	}
	return true, fmt.Errorf("%s: %s, skipped%s", in.Name, kind, hint)
}

// SizeError returns the error that refuses the document name of size bytes
// if it is larger than limit, the most docqa lints: document.MaxSize, or
// less in tests. The message names document.MaxSize, 2 GiB less a byte.
func SizeError(name string, size, limit int) error {
	if size <= limit {
		return nil
	}
	return fmt.Errorf("%s: too large (%d bytes; docqa lints files up to 2 GiB)", name, size)
}

// NotText describes a file that docqa does not read as text, for a message
// "NAME: KIND, not compared HINT": binary (a NUL byte), or in UTF-16 or
// UTF-32, which docqa does not read, with a hint to convert it. kind is ""
// for text.
func NotText(data []byte) (kind, hint string) {
	if enc := document.UnreadEncoding(data); enc != "" {
		return enc + " text", fmt.Sprintf(" (docqa reads UTF-8; convert it: iconv -f %s -t UTF-8)", enc)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "binary file", ""
	}
	return "", ""
}

// warn prints a one-line message on w as "docqa: message", as the command
// prints its notices.
func warn(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "docqa: "+format+"\n", args...)
}
