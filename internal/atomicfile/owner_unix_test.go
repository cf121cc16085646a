//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestNewFileUmask: a file Write or Create makes honours the umask, as a
// shell's redirection does: with umask 077 a report of private drafts is
// not readable by others (it was 0644 whatever the umask).
func TestNewFileUmask(t *testing.T) {
	for _, tt := range []struct {
		umask int
		want  os.FileMode
	}{
		{0o077, 0o600},
		{0o027, 0o640},
		{0o022, 0o644},
		{0o002, 0o644}, // never more open than 0644
	} {
		old := syscall.Umask(tt.umask)
		dir := t.TempDir()
		path := filepath.Join(dir, "new", "r.json")
		err := Write(path, []byte("new\n"))
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != tt.want {
			t.Errorf("umask %03o: mode %v, want %v", tt.umask, fi.Mode().Perm(), tt.want)
		}
		if tmp := leftovers(t, filepath.Dir(path)); len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	}
}

// TestReplaceKeepsOwner: a file replaced keeps its owner and group, as far
// as the process may give them: root replacing another user's report, or
// a user one of a shared group's files, left it theirs (root's, or the
// user's primary group's).
func TestReplaceKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a file to another user needs root")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "r.json")
	if err := os.WriteFile(path, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const uid, gid = 65534, 65534
	if err := os.Chown(path, uid, gid); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o750|os.ModeSetuid|os.ModeSetgid); err != nil { // chown clears set-ID bits: they are set after it
		t.Fatal(err)
	}
	if err := Write(path, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != uid || st.Gid != gid {
		t.Errorf("owner %d:%d, want %d:%d", st.Uid, st.Gid, uid, gid)
	}
	if got, want := fi.Mode()&(os.ModePerm|os.ModeSetuid|os.ModeSetgid), os.FileMode(0o750)|os.ModeSetuid|os.ModeSetgid; got != want {
		t.Errorf("mode %v, want %v", got, want)
	}
	if got := readString(t, path); got != "new\n" {
		t.Errorf("content %q", got)
	}
}
