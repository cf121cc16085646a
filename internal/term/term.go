// Package term tells whether a command writes to a terminal: where
// docqa draws a progress line and colours its diffs.
package term

import (
	"io"
	"os"
)

// Color reports whether to colour the output written to w: only on a
// terminal, and not when the NO_COLOR environment variable is set and not
// empty (https://no-color.org).
func Color(w io.Writer) bool {
	return os.Getenv("NO_COLOR") == "" && IsTerminal(w)
}

// IsTerminal reports whether w is a terminal (a character device).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}
