package verify

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/docqa/docqa/document"
	"github.com/docqa/docqa/internal/files"
	"github.com/docqa/docqa/internal/fserr"
)

// IsSource reports whether a folder walk reads a file of this name as a
// source: a document (.txt, .md, .markdown), an HTML page (.html, .htm,
// .xhtml) or a subtitle transcript (.srt, .vtt).
func IsSource(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".srt", ".vtt":
		return true
	}
	return false
}

// MaxIndex is the most bytes of sources' text one Index holds: its places
// are 32-bit offsets.
const MaxIndex = 1<<32 - 1

// Problem is a source that ReadSources did not read, or read with a
// caveat, in a one-line message naming it: an error (a path that does not
// exist or cannot be read, a file named that is binary, a folder in which
// no source could be read) fails a run; a notice (a binary file found in a
// folder and skipped, a source that is not valid UTF-8 or holds no words)
// does not.
type Problem struct {
	Err    error
	Notice bool
}

// Error returns the message.
func (p Problem) Error() string { return p.Err.Error() }

// ReadSources reads the sources at paths, files and folders; folders are
// searched (hidden folders and node_modules left out) for the files
// IsSource takes. A relative path is read relative to base and named as
// given; the sources come sorted by name, each file once however it is
// named, their text extracted (see Text). What cannot be read, or is read
// with a caveat, is a Problem naming the file: a file too large
// (document.MaxSize) or binary, or in UTF-16 or UTF-32, is an error when
// named and a notice, skipped, when found in a folder; a folder in which
// no source is read is an error, and so are the sources past MaxIndex
// bytes in all (one error names the first left out);
// a source that is not valid UTF-8 or has no words at all is read, with a
// notice.
func ReadSources(base string, paths []string) ([]*Source, []Problem) {
	return readSources(base, paths, document.MaxSize, MaxIndex)
}

// readSources is ReadSources with the most bytes of one source and of all,
// lower in tests.
func readSources(base string, paths []string, maxSize, maxTotal int) ([]*Source, []Problem) {
	var problems []Problem
	problem := func(err error, notice bool) { problems = append(problems, Problem{err, notice}) }
	// Each path is collected alone, to tell a folder in which no source is
	// read; a file reached by two paths is read once, under the name of
	// the one that names it, if one does.
	type found struct {
		file    files.File
		folders []int // the indexes in paths of the folders it was found in
	}
	var all []found
	byKey := map[string]int{}
	var folders []int // indexes in paths of folders
	for i, path := range paths {
		if path == "-" {
			problem(fmt.Errorf("-: a source is a file or a folder, not standard input"), false)
			continue
		}
		failed := false
		fs := files.Collect(base, []string{path}, "", IsSource, func(err error, notice bool) {
			problem(err, notice)
			failed = failed || !notice
		})
		if failed && len(fs) == 0 {
			continue
		}
		var in []int
		if len(fs) == 0 || !fs[0].Explicit {
			in = []int{i}
			folders = append(folders, i)
		}
		for _, f := range fs {
			j, dup := byKey[f.Key]
			if !dup {
				j = len(all)
				byKey[f.Key] = j
				all = append(all, found{file: f})
			} else if f.Explicit && !all[j].file.Explicit {
				all[j].file = f
			}
			all[j].folders = append(all[j].folders, in...)
		}
	}
	slices.SortStableFunc(all, func(a, b found) int { return strings.Compare(a.file.Name, b.file.Name) })
	read := map[int]bool{} // folders in which a source was read
	var out []*Source
	total := 0
	for i, fd := range all {
		f := fd.file
		data, err := os.ReadFile(f.Path)
		if err != nil {
			problem(fserr.Named(f.Name, err), false)
			continue
		}
		if notice, err := files.Refuse(f, data, maxSize, "read as a source", false); err != nil {
			problem(err, notice)
			continue
		}
		text, times, err := Text(f.Name, data)
		if err != nil {
			problem(fmt.Errorf("%s: %w", f.Name, err), false)
			continue
		}
		if total+len(text) > maxTotal {
			more := ""
			if n := len(all) - i - 1; n > 0 {
				more = fmt.Sprintf(", nor the %d after it", n)
			}
			problem(fmt.Errorf("%s: not read%s: the sources pass %d bytes, the most one index holds; give fewer", f.Name, more, maxTotal), false)
			return out, problems
		}
		total += len(text) + 1
		switch off := invalidUTF8(text); {
		case off >= 0:
			problem(fmt.Errorf("%s: invalid UTF-8 at byte %d (0x%02X): read, but words holding such bytes may not match; convert it (iconv -f WINDOWS-1252 -t UTF-8)", f.Name, off, text[off]), true)
		case !hasWord(text):
			problem(fmt.Errorf("%s: no words, nothing to check a quotation against", f.Name), true)
		}
		for _, i := range fd.folders {
			read[i] = true
		}
		out = append(out, &Source{Path: f.Name, File: f.Path, Text: text, Times: times})
	}
	for _, i := range folders {
		if !read[i] {
			problem(fmt.Errorf("%s: no source read in the folder (sources are .txt, .md, .markdown, .html, .htm, .xhtml, .srt and .vtt files)", files.DisplayName(paths[i])), false)
		}
	}
	return out, problems
}

// invalidUTF8 returns the offset of the first byte of text that is not
// UTF-8, or -1.
func invalidUTF8(text []byte) int {
	if utf8.Valid(text) {
		return -1
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// hasWord reports whether text holds a word (see scan).
func hasWord(text []byte) bool {
	for i := 0; i < len(text); {
		r, n := decode(text[i:])
		if isWordRune(r) {
			return true
		}
		i += n
	}
	return false
}
