package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/faqbot/faqbot/internal/content"
)

// filesFingerprint hashes the relative path, size and modification time of every
// file under dir except hidden ones: a cheap test that content did not change,
// without reading it. It covers more files than the content loader reads, so it
// can only say "changed" too often, never too rarely (short of a file rewritten
// with the same size and time).
func filesFingerprint(dir string) (string, error) {
	fp, _, err := filesFingerprintNewest(dir)
	return fp, err
}

// filesFingerprintNewest is filesFingerprint and the newest modification time. The
// files are listed first and stat'ed on every core (a stat is most of the cost, and
// MedQuAD has 6,000 files), then hashed in order.
func filesFingerprintNewest(dir string) (string, time.Time, error) {
	var files []fs.DirEntry
	var rels []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, ok := strings.CutPrefix(path, dir+string(filepath.Separator))
		if !ok { // dir is not clean: let filepath make the path relative
			rel, _ = filepath.Rel(dir, path)
		}
		files = append(files, d)
		rels = append(rels, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("list content files: %w", err)
	}
	infos := make([]fs.FileInfo, len(files))
	errs := make([]error, len(files))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(files)/256))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(files); i += workers {
				infos[i], errs[i] = files[i].Info()
			}
		})
	}
	wg.Wait()
	h := sha256.New()
	var newest time.Time
	line := make([]byte, 0, 256)
	for i, info := range infos {
		if errs[i] != nil {
			return "", newest, fmt.Errorf("list content files: %w", errs[i])
		}
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		// As fmt's "%q %d %d %v\n" writes it, which builds on disk recorded.
		line = strconv.AppendQuote(line[:0], rels[i])
		line = append(line, ' ')
		line = strconv.AppendInt(line, info.Size(), 10)
		line = append(line, ' ')
		line = strconv.AppendInt(line, info.ModTime().UnixNano(), 10)
		line = append(line, ' ')
		line = append(line, info.Mode().String()...)
		line = append(line, '\n')
		h.Write(line)
	}
	return hex.EncodeToString(h.Sum(nil)), newest, nil
}

// Watch polls the content directory every interval until ctx is done, and calls
// reindex when the content has changed and then stayed unchanged for one more
// interval (a debounce, so a copy in progress is not indexed half-done). The caller
// passes its own reindex (the answering service's, so that automatic reindexes are
// observed like any other). A failed reindex is logged and not retried until the
// content changes again, nor is content held (see Load); the build in service stays.
// Each poll first follows CURRENT: when another process sharing the index directory
// switched it (a reindex or a rollback there), that build is put in service here.
func (s *Store) Watch(ctx context.Context, every time.Duration, reindex func(context.Context) error) {
	t := time.NewTicker(every)
	defer t.Stop()
	var pending, failed string
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.follow()
		c, err := s.compare(filesFingerprint(s.cfg.ContentDir))
		if err == nil && c.stale && c.fingerprint == "" && !c.held { // no build in service: nothing to compare with
			c.fingerprint, err = content.Fingerprint(s.cfg.ContentDir)
		}
		if err != nil {
			s.log.Warn("watch content", "err", err)
			continue
		}
		switch {
		case !c.stale || c.held || c.fingerprint == failed:
			pending = ""
		case c.fingerprint != pending:
			pending = c.fingerprint // changed: wait one more tick for it to settle
		default:
			pending = ""
			if err := reindex(ctx); err != nil && !errors.Is(err, ErrReindexRunning) {
				failed = c.fingerprint
				s.log.Error("content changed but could not be indexed; serving the previous index", "err", err)
			}
		}
	}
}

// follow puts in service the build CURRENT names, when another process switched it.
// A build it cannot open is logged once and left.
func (s *Store) follow() {
	dir, err := currentBuild(s.cfg.IndexDir)
	if err != nil || dir == "" || s.serving(dir) || !s.reindex.TryLock() {
		return
	}
	defer s.reindex.Unlock()
	// Again, now that no reindex of this Store runs: one may have just switched.
	if again, err := currentBuild(s.cfg.IndexDir); err != nil || again != dir || s.serving(dir) {
		return
	}
	st, err := loadBuild(dir, s.backend)
	if err != nil {
		if s.unfollowed != dir {
			s.log.Warn("another process put a build in service that cannot be opened here; keeping the build in service",
				"build", filepath.Base(dir), "err", err)
		}
		s.unfollowed = dir
		return
	}
	st.answers = newAnswerCache(s.cfg.AnswerCache)
	if err := s.swap(st); err != nil {
		return
	}
	s.log.Info("serving the build another process put in service", "build", filepath.Base(dir),
		"built", st.built.Format(time.RFC3339), "documents", len(st.lib.Documents), "passages", st.lib.Passages())
}

// serving reports whether the build in dir is the one in service.
func (s *Store) serving(dir string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st != nil && s.st.dir == dir
}

// swap puts st in service and closes the build it replaces; on a closed Store it
// closes st and returns ErrClosed.
func (s *Store) swap(st *build) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		st.close()
		return ErrClosed
	}
	old := s.st
	s.st = st
	s.mu.Unlock()
	s.startWarm(st)
	if old != nil {
		if err := old.close(); err != nil {
			s.log.Warn("close previous index", "build", old.dir, "err", err)
		}
	}
	return nil
}
