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
// content changes again; the build in service stays.
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
		fp, stale, err := s.changed()
		if err == nil && stale && fp == "" { // no build in service: nothing to compare with
			fp, err = content.Fingerprint(s.cfg.ContentDir)
		}
		if err != nil {
			s.log.Warn("watch content", "err", err)
			continue
		}
		switch {
		case !stale || fp == failed:
			pending = ""
		case fp != pending:
			pending = fp // changed: wait one more tick for it to settle
		default:
			pending = ""
			if err := reindex(ctx); err != nil && !errors.Is(err, ErrReindexRunning) {
				failed = fp
				s.log.Error("content changed but could not be indexed; serving the previous index", "err", err)
			}
		}
	}
}
