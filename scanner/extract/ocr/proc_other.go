//go:build !unix

package ocr

import "os/exec"

// killGroup: elsewhere the process alone is killed (exec's default).
func killGroup(*exec.Cmd) {}
