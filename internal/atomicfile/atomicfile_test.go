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
