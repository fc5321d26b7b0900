//go:build unix

package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockShared holds a shared lock on the lock file of the build in dir (creating
// the file), for as long as the caller builds or serves the build: no process
// removes a build while another holds its lock, and a killed process's locks go
// with it. It fails with errBeingRemoved when a process removed the build while the
// lock was being taken.
func lockShared(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock build %s: %w", filepath.Base(dir), err)
	}
	// Blocking: a process holding the exclusive lock is removing the build, or about
	// to find that it is in service and let go; either way it does not hold it long.
	if err := flock(f, syscall.LOCK_SH); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock build %s: %w", filepath.Base(dir), err)
	}
	if !sameFile(f, path) { // removed between the open and the lock
		f.Close()
		return nil, fmt.Errorf("lock build %s: %w", filepath.Base(dir), errBeingRemoved)
	}
	return f, nil
}

// lockExclusive takes the exclusive lock of the build in dir without waiting, for
// removing it; ok is false when a process builds or serves it. Closing the file
// releases the lock.
func lockExclusive(dir string) (f *os.File, ok bool) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false
	}
	if flock(f, syscall.LOCK_EX|syscall.LOCK_NB) != nil || !sameFile(f, path) {
		f.Close()
		return nil, false
	}
	return f, true
}

// flock is flock(2), retried when a signal interrupts it.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// sameFile reports whether the open file f is still the file at path.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}
