// Package testflag declares the flags docqa's tests share. Every test binary
// that imports it accepts them, so "go test ./... -update" works for all
// packages at once.
package testflag

import "flag"

// Update asks tests to rewrite their golden files instead of comparing
// with them.
var Update = flag.Bool("update", false, "rewrite golden files")
