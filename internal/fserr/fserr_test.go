package fserr

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestNamed(t *testing.T) {
	dir := t.TempDir()
	_, openErr := os.Open(filepath.Join(dir, "gone.txt"))
	linkErr := os.Rename(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "x.txt"))
	for _, tt := range []struct {
		err     error
		want    string
		missing bool
	}{
		{openErr, "a.txt: no such file or directory", true},
		{linkErr, "a.txt: no such file or directory", true},
		{errors.New("disk on fire"), "a.txt: disk on fire", false},
	} {
		got := Named("a.txt", tt.err)
		if got.Error() != tt.want || errors.Is(got, fs.ErrNotExist) != tt.missing {
			t.Errorf("Named(%v) = %q (missing %v), want %q (missing %v)", tt.err, got, errors.Is(got, fs.ErrNotExist), tt.want, tt.missing)
		}
	}
}
