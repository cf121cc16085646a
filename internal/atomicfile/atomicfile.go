// Package atomicfile writes files atomically: a reader sees the old file or
// the new one, never a part-written one. Every file docqa writes (fixes,
// reports, baselines, golden copies, starter configurations) goes through
// it.
package atomicfile

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/docqa/docqa/internal/fserr"
)

// newFileMode is the mode Write gives a file it creates.
const newFileMode fs.FileMode = 0o644

// Write replaces the file at path with data, so that a reader
// sees the old file or the new one, never a part-written one. It writes a
// temporary file in the same folder, syncs it to disk and renames it over
// path. An existing file keeps its mode; a new one gets mode 0644, and the
// folders above it are created. A path that is a symbolic link is written
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
func write(path string, data []byte, beforeRename func(tmp string) error) (err error) {
	// Stat follows every link, those of /dev/fd/N too, which name no path
	// a rename could replace.
	if fi, serr := os.Stat(path); serr == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return fmt.Errorf("writing %s: is %s, not a regular file", path, fileKind(fi.Mode()))
	}
	if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, serr := filepath.EvalSymlinks(path)
		if serr != nil {
			return fmt.Errorf("writing %s: %w", path, serr)
		}
		path = target
	}
	mode := newFileMode
	switch fi, serr := os.Stat(path); {
	case serr == nil && fi.IsDir():
		return fmt.Errorf("writing %s: is a folder, not a file", path)
	case serr == nil:
		mode = fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	case !os.IsNotExist(serr):
		return fmt.Errorf("writing %s: %w", path, serr)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("writing %s: creating its folder: %w", path, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, bare(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close() // a second Close only reports an error, already ignored
			os.Remove(tmp)
			err = fmt.Errorf("writing %s: %w", path, bare(err))
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, mode); err != nil { // CreateTemp makes it 0600
		return err
	}
	if beforeRename != nil {
		if err := beforeRename(tmp); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
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
