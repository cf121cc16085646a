// Package atomicfile writes files atomically: a reader sees the old file or
// the new one, never a part-written one. Every file docqa writes (fixes,
// reports, baselines, golden copies, starter configurations) goes through
// it: whole, with Write, or as it is produced, with Create.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"github.com/docqa/docqa/internal/fserr"
)

// newFileMode is the mode Write and Create give a file they create, less
// the bits the umask takes away.
const newFileMode fs.FileMode = 0o644

// maxTempBase is the most bytes of a file's name that its temporary
// file's name repeats: with ".", ".N.tmp" it is at most 216 bytes.
const maxTempBase = 200

// bufferSize is how much of a File's bytes are held before they are
// written to its temporary file: printers write a few bytes at a time.
const bufferSize = 64 << 10

// Write replaces the file at path with data, so that a reader
// sees the old file or the new one, never a part-written one. It writes a
// temporary file in the same folder, syncs it to disk and renames it over
// path. An existing file keeps its mode, and its owner and group as far as
// the process may give them; a new one gets mode 0644 less the umask's
// bits, and the folders above it are created. A path that is a symbolic link is written
// through: its target is replaced and the link stays. Only a regular file
// is replaced: a named pipe, a device or a socket (or a link to one) is an
// error, since a regular file in its place would break it; write those in
// place. On failure the temporary file is removed and the file at path is
// as it was. Errors name the file.
func Write(path string, data []byte) error {
	return write(path, data, nil)
}

// write is Write with a hook, for tests, called with
// the temporary file's name just before the rename; an error from it fails
// the write.
func write(path string, data []byte, beforeRename func(tmp string) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.commit(beforeRename)
}

// File is a file being replaced atomically, written as its bytes come: they
// go to a temporary file beside it, which Commit syncs and renames over
// it. Until then the file is as it was; Abort, or a failed Commit, removes
// the temporary file. A File is for one goroutine.
type File struct {
	path string // the file replaced: a symbolic link's target
	// old describes the file replaced, whose mode, owner and group the
	// new one gets; nil for a new file, which keeps the mode the
	// temporary file was created with.
	old fs.FileInfo
	tmp string // the temporary file's name
	f   *os.File
	w   *bufio.Writer
	// made are the folders Create made for the file, deepest first:
	// Abort removes those left empty.
	made []string
	err  error // the first error writing, returned by every later call
	done bool  // committed or aborted
}

// Create starts replacing the file at path, as Write does, with bytes
// written to the File returned: it checks path and creates the temporary
// file in its folder (and the folders above it) at once, so that a path
// that cannot be written is an error before anything is. The file at path
// is replaced by Commit; until then, and after Abort, it is as it was.
// Errors name the file.
func Create(path string) (*File, error) {
	if base := filepath.Base(path); path == "" || os.IsPathSeparator(path[len(path)-1]) || base == "." || base == ".." {
		return nil, fmt.Errorf("writing %s: names a folder, not a file", path)
	}
	// Stat follows every link, those of /dev/fd/N too, which name no path
	// a rename could replace.
	if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil, fmt.Errorf("writing %s: is %s, not a regular file", path, fileKind(fi.Mode()))
	}
	if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, serr := filepath.EvalSymlinks(path)
		if serr != nil {
			return nil, fmt.Errorf("writing %s: %w", path, serr)
		}
		path = target
	}
	// A new file's temporary file is created with its mode, so that the
	// umask applies; a replacement's is private until Commit gives it the
	// old file's mode.
	perm := newFileMode
	old, serr := os.Stat(path)
	switch {
	case serr == nil && old.IsDir():
		return nil, fmt.Errorf("writing %s: is a folder, not a file", path)
	case serr == nil:
		perm = 0o600
	case !os.IsNotExist(serr):
		return nil, fmt.Errorf("writing %s: %w", path, serr)
	}
	dir := filepath.Dir(path)
	made := missingFolders(dir)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		removeEmpty(made)
		return nil, fmt.Errorf("writing %s: creating its folder: %w", path, err)
	}
	f, err := createTemp(dir, filepath.Base(path), perm)
	if err != nil {
		removeEmpty(made)
		return nil, fmt.Errorf("writing %s: %w", path, bare(err))
	}
	return &File{path: path, old: old, tmp: f.Name(), f: f, w: bufio.NewWriterSize(f, bufferSize), made: made}, nil
}

// createTemp creates a new file in dir, named ".BASE.N.tmp" for a random
// N, with mode perm less the umask's bits, and opens it for writing. A long
// BASE is cut, so that the name is no longer than a file system allows
// (255 bytes) when base's is.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	if len(base) > maxTempBase {
		cut := maxTempBase
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 10)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if os.IsExist(err) && try < 10000 {
			continue
		}
		return f, err
	}
}

// errDone is the error of a write to a File already committed or aborted.
var errDone = errors.New("already committed or aborted")

// Write implements io.Writer: it writes p to the temporary file. After an
// error, every Write returns it, and Commit fails with it.
func (f *File) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	if f.done {
		return 0, f.fail(errDone)
	}
	n, err := f.w.Write(p)
	if err != nil {
		return n, f.fail(err)
	}
	return n, nil
}

// fail records err, the first error writing f, naming the file, and
// returns it.
func (f *File) fail(err error) error {
	if f.err == nil {
		f.err = fmt.Errorf("writing %s: %w", f.path, bare(err))
	}
	return f.err
}

// Commit replaces the file with what was written: it gives the temporary
// file the old file's owner, group and mode, syncs it and renames it over
// the file. On failure,
// or after an error writing, the temporary file is removed, the file is as
// it was and the error names it.
func (f *File) Commit() error {
	return f.commit(nil)
}

// commit is Commit with Write's hook, called with the temporary file's
// name just before the rename.
func (f *File) commit(beforeRename func(tmp string) error) error {
	if f.done && f.err == nil {
		return f.fail(errDone)
	}
	if f.err == nil {
		if err := f.rename(beforeRename); err != nil {
			f.fail(err)
		}
	}
	if f.err != nil {
		f.Abort()
		return f.err
	}
	f.done = true
	return nil
}

// rename gives the temporary file the old file's owner, group and mode,
// syncs, closes and renames it over the file.
func (f *File) rename(beforeRename func(tmp string) error) error {
	if err := f.w.Flush(); err != nil {
		return err
	}
	if f.old != nil {
		// Owner first: a change of owner clears the set-ID bits.
		keepOwner(f.f, f.old)
		if err := f.f.Chmod(f.old.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)); err != nil {
			return err
		}
	}
	if err := f.f.Sync(); err != nil {
		return err
	}
	if err := f.f.Close(); err != nil {
		return err
	}
	if beforeRename != nil {
		if err := beforeRename(f.tmp); err != nil {
			return err
		}
	}
	if err := os.Rename(f.tmp, f.path); err != nil {
		return err
	}
	syncDir(filepath.Dir(f.path))
	return nil
}

// Abort gives up the write: it removes the temporary file, and the folders
// Create made for it if they are empty, leaving the file as it was. After
// Commit it does nothing, so that a caller can defer it.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close() // a second Close only reports an error, ignored
	os.Remove(f.tmp)
	removeEmpty(f.made)
}

// missingFolders returns the folders of dir and above it that do not
// exist, deepest first.
func missingFolders(dir string) []string {
	var missing []string
	for d := filepath.Clean(dir); ; {
		if _, err := os.Lstat(d); !os.IsNotExist(err) {
			return missing
		}
		missing = append(missing, d)
		parent := filepath.Dir(d)
		if parent == d {
			return missing
		}
		d = parent
	}
}

// removeEmpty removes the folders dirs, deepest first, as long as they are
// empty: another file written there meanwhile keeps its folder.
func removeEmpty(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}

// fileKind names the kind of a file that is neither a regular file nor a
// folder, for messages: "a named pipe", "a device", "a socket".
func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// syncDir asks the file system to make a rename in dir durable. It is best
// effort: some systems cannot open or sync a folder, and the rename has
// happened either way.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// bare returns the cause of an error about the temporary file, without the
// temporary file's name, which means nothing to the reader of the message.
func bare(err error) error { return fserr.Cause(err) }
