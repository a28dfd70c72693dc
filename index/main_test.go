package index

import (
	"fmt"
	"os"
	"testing"
)

// sharedDir holds the index that the read-only tests share.
var sharedDir string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	sharedDir, err = os.MkdirTemp("", "mailsift-index-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(sharedDir)
	code := m.Run()
	if sharedIdx != nil {
		if err := sharedIdx.Close(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return code
}
