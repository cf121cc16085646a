//go:build !unix

package browser

import "os/exec"

// ownProcessGroup does nothing here: a cancelled context kills Chromium's
// main process only.
func ownProcessGroup(cmd *exec.Cmd) {}
