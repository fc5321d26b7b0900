package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
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

// filesFingerprintNewest is filesFingerprint and the newest modification time.
func filesFingerprintNewest(dir string) (string, time.Time, error) {
	h := sha256.New()
	var newest time.Time
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
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(h, "%q %d %d %v\n", filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano(), info.Mode())
		return nil
	})
	if err != nil {
		return "", newest, fmt.Errorf("list content files: %w", err)
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
