// Package files finds the files a docqa command reads and vets their
// bytes: the paths named and the files a walk of the folders among them
// finds (not in hidden folders or node_modules), each file once however
// it is named, sorted by name; and why docqa does not read some bytes
// (too large, binary, UTF-16 or UTF-32), in a message naming the file.
// The documents of a command (package inputs) and the sources of docqa
// verify (package verify) are found alike.
package files

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/fserr"
	"github.com/docqa/docqa/internal/writeplan"
)

// File is one file a command reads.
type File struct {
	// Name is the path reported: as given (or found in a folder),
	// cleaned, with "/" separators.
	Name string
	// Path is the file to read; empty for standard input.
	Path string
	// Key identifies the file however its path is spelt (see
	// writeplan.FileKey); empty for standard input.
	Key string
	// Stdin reports that the file is standard input.
	Stdin bool
	// Explicit reports a file named rather than found in a folder:
	// refusing it is an error rather than a notice.
	Explicit bool
	// Special reports a file that is not a regular file (a named pipe, a
	// device, /dev/fd/N of a shell's process substitution): reading it
	// may block.
	Special bool
}

// Problem receives what Collect could not find or read: err names the
// path; notice reports one that does not fail the run (a link that leads
// nowhere, skipped).
type Problem func(err error, notice bool)

// Collect resolves paths to the files to read, sorted by name and each
// file once, whichever paths and links lead to it: a file named is taken
// whatever its name, a folder is walked for the files wanted takes (by
// their names). A relative path is resolved against base ("" leaves it as
// it is) and reported as given. "-" stands for standard input, reported as
// stdinName. A path that cannot be read goes to problem; the other paths
// are still collected.
func Collect(base string, paths []string, stdinName string, wanted func(name string) bool, problem Problem) []File {
	var out []File
	seen := make(map[string]int) // key → index in out
	add := func(key string, f File) {
		if !f.Stdin {
			f.Key = key
		}
		if i, dup := seen[key]; dup {
			// A file found in a folder and named too is reported under the
			// name given.
			if f.Explicit && !out[i].Explicit {
				out[i] = f
			}
			return
		}
		seen[key] = len(out)
		out = append(out, f)
	}
	for _, arg := range paths {
		if arg == "-" {
			add("\x00stdin", File{Name: DisplayName(stdinName), Stdin: true, Explicit: true})
			continue
		}
		if arg == "" {
			problem(fmt.Errorf("\"\": no such file or directory"), false)
			continue
		}
		path := arg
		if base != "" && !filepath.IsAbs(arg) {
			path = filepath.Join(base, arg)
		}
		fi, err := os.Stat(path)
		if err != nil {
			problem(fserr.Named(DisplayName(arg), err), false)
			continue
		}
		if !fi.IsDir() {
			add(writeplan.FileKey(path), File{Name: DisplayName(arg), Path: path, Explicit: true, Special: !fi.Mode().IsRegular()})
			continue
		}
		walk(arg, path, wanted, problem, func(name, path, key string) {
			add(key, File{Name: DisplayName(name), Path: path})
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// walk calls found for every file wanted under the folder root, named
// as under name, in lexical order, with the path to read it by and its key
// (see writeplan.FileKey), leaving out hidden folders and node_modules. A
// root that is a symbolic link to a folder is followed; links below it are
// followed only to files; a link to a file wanted that leads nowhere
// (dangling, or a loop) is a notice. Folders that cannot be read are
// problems.
func walk(name, root string, wanted func(name string) bool, problem Problem, found func(name, path, key string)) {
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
		// Report names under root as given, and read paths under root,
		// not under the link's target.
		rel, rerr := filepath.Rel(walkRoot, p)
		if rerr != nil {
			rel = "."
		}
		fname, path := filepath.Join(name, rel), filepath.Join(root, rel)
		if err != nil {
			problem(fserr.Named(DisplayName(fname), err), false)
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
				problem(fmt.Errorf("%w, skipped", fserr.Named(DisplayName(fname), err)), true)
				return nil
			}
			if !fi.Mode().IsRegular() {
				return nil
			}
			found(fname, path, writeplan.FileKey(p))
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		found(fname, path, filepath.Join(rootKey, rel))
		return nil
	})
}

// SkipFolder reports whether a folder walk leaves out the folder with this
// name: hidden folders (.git) and node_modules.
func SkipFolder(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

// DisplayName is the name a path is reported under: cleaned, with "/"
// separators.
func DisplayName(path string) string {
	return filepath.ToSlash(filepath.Clean(path))
}

// Refuse returns why a command does not read a file's bytes, verb saying
// what it does not do ("linted", "checked", "compared"): larger than limit,
// binary, or, unless encodings, in UTF-16 or UTF-32 (lint reads those to
// report them, with docqa/encoding). The error names the file: "NAME:
// binary file, not VERB", or, for a file found in a folder rather than
// named, a notice (notice true) "NAME: binary file, skipped".
func Refuse(f File, data []byte, limit int, verb string, encodings bool) (notice bool, err error) {
	if err := SizeError(f.Name, len(data), limit); err != nil {
		if f.Explicit {
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
	if f.Explicit {
		return false, fmt.Errorf("%s: %s, not %s%s", f.Name, kind, verb, hint)
	}
	return true, fmt.Errorf("%s: %s, skipped%s", f.Name, kind, hint)
}

// SizeError returns the error that refuses the file name of size bytes if
// it is larger than limit, the most docqa reads: document.MaxSize, or less
// in tests. The message names document.MaxSize, 2 GiB less a byte.
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
