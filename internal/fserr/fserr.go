// Package fserr words file-system errors as docqa's messages do: one
// line, "name: problem", without the operation and path Go's errors name
// ("open /abs/name: ..."), which mean little to a reader who gave the name.
package fserr

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Cause returns the error under a *fs.PathError or an *os.LinkError (the
// system's "no such file or directory", "permission denied"), or err if it
// is neither.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Named returns the error "name: problem" for an error about the file
// name, wrapping err's cause: errors.Is(Named(n, err), fs.ErrNotExist)
// still holds for a missing file.
func Named(name string, err error) error {
	return fmt.Errorf("%s: %w", name, Cause(err))
}
