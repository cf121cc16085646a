// Package linediff describes how two texts differ, for test failures.
package linediff

import (
	"fmt"
	"strings"
)

// First describes the first line where got differs from want, or their
// numbers of lines if one is the other's beginning.
func First(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}
