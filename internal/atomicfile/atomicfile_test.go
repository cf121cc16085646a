package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// leftovers returns the names in dir that look like Write's
// temporary files.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var tmp []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			tmp = append(tmp, e.Name())
		}
	}
	return tmp
}

func readString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestWriteFileAtomic(t *testing.T) {
	t.Run("new file in new folders", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "a", "b", "doc.md")
		if err := Write(path, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		if got := readString(t, path); got != "new\n" {
			t.Errorf("content %q", got)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644", fi.Mode().Perm())
		}
		if tmp := leftovers(t, filepath.Dir(path)); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	})

	t.Run("mode kept", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "doc.md")
		if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0o640); err != nil { // whatever the umask
			t.Fatal(err)
		}
		if err := Write(path, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o640 {
			t.Errorf("mode %v, want 0640", fi.Mode().Perm())
		}
		if got := readString(t, path); got != "new\n" {
			t.Errorf("content %q", got)
		}
		if tmp := leftovers(t, dir); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	})

	t.Run("symbolic link kept", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "target.md")
		link := filepath.Join(dir, "link.md")
		if err := os.WriteFile(target, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("target.md", link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		if err := Write(link, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("link replaced: %v, %v", fi, err)
		}
		if got := readString(t, target); got != "new\n" {
			t.Errorf("target content %q", got)
		}
	})

	t.Run("folder in the way", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "doc.md")
		if err := os.Mkdir(path, 0o777); err != nil {
			t.Fatal(err)
		}
		err := Write(path, []byte("new\n"))
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("error %v, want one naming %s", err, path)
		}
		if tmp := leftovers(t, dir); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	})

	t.Run("failure before the rename", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "doc.md")
		if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		var sawTemp bool
		err := write(path, []byte("new\n"), func(tmp string) error {
			_, serr := os.Stat(tmp)
			sawTemp = serr == nil
			return boom
		})
		if !errors.Is(err, boom) || !strings.Contains(err.Error(), path) {
			t.Errorf("error %v, want boom naming %s", err, path)
		}
		if !sawTemp {
			t.Error("no temporary file before the rename")
		}
		if got := readString(t, path); got != "old\n" {
			t.Errorf("original changed: %q", got)
		}
		if tmp := leftovers(t, dir); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	})

	t.Run("folder is a file", func(t *testing.T) {
		// Fails for root too, unlike a read-only folder.
		dir := t.TempDir()
		file := filepath.Join(dir, "file")
		if err := os.WriteFile(file, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(file, "doc.md")
		err := Write(path, []byte("new\n"))
		if err == nil || !strings.Contains(err.Error(), path) || strings.Count(err.Error(), "\n") > 0 {
			t.Errorf("error %v, want one line naming %s", err, path)
		}
		if got := readString(t, file); got != "old\n" {
			t.Errorf("the file in the way changed: %q", got)
		}
		if tmp := leftovers(t, dir); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	})

	t.Run("read-only folder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root ignores file permissions")
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "doc.md")
		if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		err := Write(path, []byte("new\n"))
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("error %v, want one naming %s", err, path)
		}
		if got := readString(t, path); got != "old\n" {
			t.Errorf("original changed: %q", got)
		}
		if tmp := leftovers(t, dir); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	})
}

// TestWriteFileAtomicSpecialFile: Write writes regular files
// only. A named pipe or a device, or a symbolic link to one, is not
// replaced by a regular file (which would break it, and leave a reader of
// the pipe waiting for ever): the write fails, naming the file, and leaves
// no temporary file.
func TestWriteFileAtomicSpecialFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes or device files to make on Windows")
	}
	for _, tt := range []struct {
		name string
		make []string // the command that makes the file at PATH
		mode fs.FileMode
		want string
	}{
		{"named pipe", []string{"mkfifo", "PATH"}, fs.ModeNamedPipe, "is a named pipe, not a regular file"},
		// A null device of one's own: only root can make one, and a
		// wrong Write would replace the real /dev/null.
		{"device", []string{"mknod", "-m", "666", "PATH", "c", "1", "3"}, fs.ModeDevice | fs.ModeCharDevice, "is a device, not a regular file"},
	} {
		for _, link := range []bool{false, true} {
			name := tt.name
			if link {
				name += " through a link"
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "special")
				var args []string
				for _, a := range tt.make {
					args = append(args, strings.ReplaceAll(a, "PATH", path))
				}
				if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
					t.Skipf("%s: %v: %s", args[0], err, out)
				}
				target := path
				if link {
					target = filepath.Join(dir, "link")
					if err := os.Symlink("special", target); err != nil {
						t.Skipf("no symbolic links here: %v", err)
					}
				}
				err := Write(target, []byte("new\n"))
				if want := "writing " + target + ": " + tt.want; err == nil || err.Error() != want {
					t.Errorf("error %v, want %q", err, want)
				}
				if fi, err := os.Lstat(path); err != nil || fi.Mode().Type() != tt.mode {
					t.Errorf("%s replaced: %v, %v", path, fi, err)
				}
				if link {
					if fi, err := os.Lstat(target); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
						t.Errorf("link replaced: %v, %v", fi, err)
					}
				}
				if tmp := leftovers(t, dir); len(tmp) > 0 {
					t.Errorf("temporary files left: %v", tmp)
				}
			})
		}
	}
}

// TestCreate: a File's bytes go to a temporary file beside the file as
// they are written, and the file is as it was until Commit, which renames
// the temporary file over it (a new file, with the old one's mode). Abort,
// or a failed write, leaves the file as it was, no temporary file and no
// folder Create made; Abort after Commit does nothing.
func TestCreate(t *testing.T) {
	chunk := []byte(strings.Repeat("0123456789abcdef", 1024)) // 16 KiB
	const chunks = 64                                         // 1 MiB, more than File holds
	for _, tt := range []struct {
		name     string
		old      string // the file's text before, "" for no file
		path     string // relative to the test's folder
		end      string // how the write ends: "commit", "abort", "commit then abort" or "write fails"
		want     string // the file's text after, "" for no file
		wantGone string // a folder that must not exist after, relative to the test's folder
	}{
		{name: "commit replaces", old: "old\n", path: "out.json", end: "commit", want: "new"},
		{name: "commit creates", path: "a/b/out.json", end: "commit", want: "new"},
		{name: "abort keeps", old: "old\n", path: "out.json", end: "abort", want: "old\n"},
		{name: "abort creates nothing", path: "a/b/out.json", end: "abort", wantGone: "a"},
		{name: "abort after commit", old: "old\n", path: "out.json", end: "commit then abort", want: "new"},
		{name: "write fails", old: "old\n", path: "out.json", end: "write fails", want: "old\n"},
		{name: "write fails in new folders", path: "a/b/out.json", end: "write fails", wantGone: "a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, filepath.FromSlash(tt.path))
			var before fs.FileInfo
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(path, 0o640); err != nil { // whatever the umask
					t.Fatal(err)
				}
				before, _ = os.Stat(path)
			}
			f, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			for range chunks {
				if _, err := f.Write(chunk); err != nil {
					t.Fatal(err)
				}
			}
			// The bytes are on disk, in the temporary file, all but what
			// File holds; the file is as it was.
			tmp := leftovers(t, filepath.Dir(path))
			if len(tmp) != 1 {
				t.Fatalf("temporary files %v, want one", tmp)
			}
			if fi, err := os.Stat(filepath.Join(filepath.Dir(path), tmp[0])); err != nil || fi.Size() < chunks*int64(len(chunk))-bufferSize {
				t.Errorf("temporary file %v (%v), want the bytes written but %d", fi, err, bufferSize)
			}
			if tt.old != "" && readString(t, path) != tt.old {
				t.Error("the file changed before Commit")
			}
			var werr error
			switch tt.end {
			case "commit":
				werr = f.Commit()
			case "abort":
				f.Abort()
			case "commit then abort":
				werr = f.Commit()
				f.Abort()
			case "write fails":
				f.f.Close() // the next write to the file fails
				if _, err := f.Write(chunk); err != nil && !strings.Contains(err.Error(), "writing "+path+": ") {
					t.Errorf("write error %q, want one naming %s", err, path)
				}
				werr = f.Commit()
				if werr == nil || !strings.HasPrefix(werr.Error(), "writing "+path+": ") {
					t.Errorf("Commit = %v, want an error naming %s", werr, path)
				}
				werr = nil
			}
			if werr != nil {
				t.Fatal(werr)
			}
			switch data, err := os.ReadFile(path); {
			case tt.want == "" && err == nil:
				t.Errorf("%s written", tt.path)
			case tt.want == "new" && (err != nil || string(data) != strings.Repeat(string(chunk), chunks)):
				t.Errorf("%s: %d bytes (%v), want the %d written", tt.path, len(data), err, chunks*len(chunk))
			case tt.want != "" && tt.want != "new" && string(data) != tt.want:
				t.Errorf("%s holds %q, want %q", tt.path, data, tt.want)
			}
			if tt.want == "new" {
				after, err := os.Stat(path)
				switch {
				case err != nil:
					t.Fatal(err)
				case before != nil && os.SameFile(before, after):
					t.Error("the file was written in place, not replaced")
				case before != nil && after.Mode().Perm() != 0o640:
					t.Errorf("mode %v, want 0640, the old file's", after.Mode().Perm())
				case before == nil && after.Mode().Perm() != 0o644:
					t.Errorf("mode %v, want 0644", after.Mode().Perm())
				}
			}
			if tmp := leftovers(t, dir); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(tmp) > 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			if tt.wantGone != "" {
				if _, err := os.Lstat(filepath.Join(dir, tt.wantGone)); err == nil {
					t.Errorf("folder %s left", tt.wantGone)
				}
			}
		})
	}
}

// TestCreateErrors: a path that cannot be written is an error of Create,
// before anything is written, with the message Write gives, and no
// temporary file or folder is left.
func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "folder"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "file"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want string
	}{
		{"folder", "is a folder, not a file"},
		{"file/a/out.json", ""}, // a file where a folder should be
		{"new/", "names a folder, not a file"},
	} {
		path := filepath.Join(dir, filepath.FromSlash(tt.path))
		if strings.HasSuffix(tt.path, "/") {
			path += string(filepath.Separator) // Join drops it
		}
		f, err := Create(path)
		if err == nil || !strings.HasPrefix(err.Error(), "writing "+path+": "+tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Create(%s) = %v, want one line %q", tt.path, err, "writing "+path+": "+tt.want)
		}
		if f != nil {
			t.Errorf("Create(%s) returned a File", tt.path)
		}
		werr := Write(path, []byte("new\n"))
		if err != nil && (werr == nil || werr.Error() != err.Error()) {
			t.Errorf("Write(%s) = %v, Create's error %v", tt.path, werr, err)
		}
	}
	if tmp := leftovers(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestLongName: a file whose name is as long as the file system allows has
// a temporary file too (".NAME.N.tmp" was too long a name).
func TestLongName(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{strings.Repeat("r", 250) + ".json", strings.Repeat("é", 125) + ".json"} {
		path := filepath.Join(dir, name)
		if err := Write(path, []byte("new\n")); err != nil {
			t.Fatal(err)
		}
		if got := readString(t, path); got != "new\n" {
			t.Errorf("content %q", got)
		}
	}
	if tmp := leftovers(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); err == nil {
		t.Error("folder made for new/")
	}
}
