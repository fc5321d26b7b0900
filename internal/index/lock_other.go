//go:build !unix

package index

import (
	"fmt"
	"os"
	"path/filepath"
)

// lockShared opens the lock file of the build in dir. There are no advisory file
// locks here: a build is protected from removal only while a process has its files
// open (which the system refuses to delete), not between two processes' uses.
func lockShared(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock build %s: %w", filepath.Base(dir), err)
	}
	return f, nil
}

// lockExclusive opens the lock file of the build in dir, for removing it.
func lockExclusive(dir string) (*os.File, bool) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	return f, err == nil
}
