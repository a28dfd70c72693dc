//go:build unix

package ocr

import (
	"os/exec"
	"syscall"
)

// killGroup makes cmd run in its own process group and be killed with
// all of it when its context ends, so that no child holds on to the
// output pipes.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
