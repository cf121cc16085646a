//go:build unix

package writeplan

import (
	"io/fs"
	"syscall"
)

// mayHaveOtherNames reports whether the file fi describes may be reached
// by another name than the one looked up: a hard link. A file with one
// link has no other.
func mayHaveOtherNames(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || st.Nlink > 1
}
