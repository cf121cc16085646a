//go:build unix

package browser

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a process group of its own, which a
// cancelled context kills whole: Chromium's renderer and utility
// processes go with it.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
