// Package testfs writes trees of files for tests.
package testfs

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files, named by slash-separated paths relative to dir,
// making their folders; it stops the test at the first error.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}
