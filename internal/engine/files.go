package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"
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
