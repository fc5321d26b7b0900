package index

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// What the index directory keeps besides the builds, and in each build.
const (
	// lockFile, in each build, is locked shared by every process building or
	// serving the build, and exclusively by one removing it (lock_unix.go).
	lockFile = "LOCK"
	// retiredFile marks a build rolled back from: it is no longer one of the good
	// builds kept, nor one to roll back to.
	retiredFile = "RETIRED"
	// DefaultKeepBuilds is how many good builds are kept (Config.KeepBuilds).
	DefaultKeepBuilds = 3
	// tmpAge is how old a temporary file of a switch (CURRENT.tmp-*, HOLD.tmp-*)
	// must be to be taken for one left by a killed process and removed.
	tmpAge = time.Minute
)

// errBeingRemoved: a build another process is removing.
var errBeingRemoved = errors.New("the build is being removed")

// onDisk is a build directory as the index directory holds it.
type onDisk struct {
	dir string
	// meta is its meta, when complete: a build's meta is written once it passed
	// its checks, just before CURRENT names it.
	meta     meta
	complete bool
	retired  bool
}

// listBuilds lists the build directories under indexDir.
func listBuilds(indexDir string) ([]onDisk, error) {
	entries, err := os.ReadDir(indexDir)
	if err != nil {
		return nil, err
	}
	var out []onDisk
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), buildPrefix) {
			continue
		}
		b := onDisk{dir: filepath.Join(indexDir, e.Name())}
		if m, err := readMeta(b.dir); err == nil {
			b.meta, b.complete = m, true
		}
		if _, err := os.Stat(filepath.Join(b.dir, retiredFile)); err == nil {
			b.retired = true
		}
		out = append(out, b)
	}
	return out, nil
}

// goodBuilds returns the complete builds not rolled back from, newest first.
func goodBuilds(all []onDisk) []onDisk {
	var good []onDisk
	for _, b := range all {
		if b.complete && !b.retired {
			good = append(good, b)
		}
	}
	slices.SortFunc(good, func(a, b onDisk) int {
		return cmp.Or(b.meta.Built.Compare(a.meta.Built), cmp.Compare(b.dir, a.dir))
	})
	return good
}

// keepBuilds is how many good builds the Store keeps.
func (s *Store) keepBuilds() int {
	if s.cfg.KeepBuilds <= 0 {
		return DefaultKeepBuilds
	}
	return s.cfg.KeepBuilds
}

// prune removes every build but the one CURRENT names and the newest good builds
// (keepBuilds of them): builds killed mid-way, failed or rolled back from, and
// older good ones. A build that any process builds or serves is locked and left; so
// is one that CURRENT names by the time its lock is taken (a rollback in another
// process). It also removes temporary files a killed switch left.
func (s *Store) prune() {
	all, err := listBuilds(s.cfg.IndexDir)
	if err != nil {
		s.log.Warn("list index builds", "err", err)
		return
	}
	keep := map[string]bool{}
	if cur, err := currentBuild(s.cfg.IndexDir); err == nil && cur != "" {
		keep[cur] = true
	}
	good := goodBuilds(all)
	for _, b := range good[:min(len(good), s.keepBuilds())] {
		keep[b.dir] = true
	}
	for _, b := range all {
		if keep[b.dir] {
			continue
		}
		if err := removeBuild(s.cfg.IndexDir, b.dir); err == nil {
			s.log.Debug("removed build", "build", filepath.Base(b.dir), "complete", b.complete, "retired", b.retired)
		}
	}
	removeStaleTemps(s.cfg.IndexDir)
}

// removeBuild removes the build in dir unless a process builds or serves it, or
// CURRENT names it.
func removeBuild(indexDir, dir string) error {
	lock, ok := lockExclusive(dir)
	if !ok {
		return errors.New("build in use")
	}
	defer lock.Close()
	if cur, err := currentBuild(indexDir); err != nil || cur == dir {
		return errors.New("build in service")
	}
	return os.RemoveAll(dir)
}

// removeStaleTemps removes the temporary files of switches that were killed.
func removeStaleTemps(indexDir string) {
	for _, pattern := range []string{currentFile + ".tmp-*", holdFile + ".tmp-*"} {
		names, _ := filepath.Glob(filepath.Join(indexDir, pattern))
		for _, n := range names {
			if info, err := os.Stat(n); err == nil && time.Since(info.ModTime()) > tmpAge {
				os.Remove(n)
			}
		}
	}
}
