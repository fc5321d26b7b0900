// Package faqtest gives the tests of several packages the same fixtures: copies of the
// shipped content, small content files, and fast temporary directories. It depends on
// the standard library only, so that any package's own tests can use it; its
// sub-packages build bigger fixtures. Only tests import it.
package faqtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Root is the repository's root directory.
var Root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// RepoContent is the content shipped in the repository.
var RepoContent = filepath.Join(Root, "content")

// MedQuADCorpus is the MedQuAD corpus beside the repository (../shared/medquad).
// Tests that use it skip when it is absent (see MedQuAD).
var MedQuADCorpus = filepath.Join(Root, "..", "shared", "medquad", "corpus.jsonl")

// MedQuAD returns the path of the MedQuAD corpus, or skips the test when it is absent.
func MedQuAD(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(MedQuADCorpus); err != nil {
		t.Skipf("MedQuAD corpus not available: %v", err)
	}
	return MedQuADCorpus
}

// Content returns a copy of the shipped content in a temporary directory.
func Content(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	CopyDir(t, RepoContent, dir)
	return dir
}

// shm is where Linux mounts a memory-backed file system.
const shm = "/dev/shm"

// FastDir returns a new temporary directory, removed when the test ends, on a
// memory-backed file system when the machine has one and t.TempDir otherwise.
// Creating thousands of small files (the MedQuAD fixture) costs seconds on some
// disks and milliseconds in memory; the files are the same either way.
func FastDir(t testing.TB) string {
	t.Helper()
	if info, err := os.Stat(shm); err == nil && info.IsDir() {
		if dir, err := os.MkdirTemp(shm, "faqbot-test-"); err == nil {
			t.Cleanup(func() {
				if err := os.RemoveAll(dir); err != nil {
					t.Errorf("remove %s: %v", dir, err)
				}
			})
			return dir
		}
	}
	return t.TempDir()
}

// CopyDir copies the regular files of src (recursively) into dst.
func CopyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// WriteFile writes s to path.
func WriteFile(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Age dates every file under dir back by d.
func Age(t testing.TB, dir string, d time.Duration) {
	t.Helper()
	then := time.Now().Add(-d)
	err := filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, then, then)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// BeesDoc is a small content file about honey bees, with a disclaimer of its own
// when disclaimer is not empty: content the shipped content does not cover.
func BeesDoc(disclaimer string) string {
	d := ""
	if disclaimer != "" {
		d = "disclaimer: " + disclaimer + "\n"
	}
	return "---\ntitle: Honey Bees\n" + d + "---\n\n## Frequently Asked Questions\n\n" +
		"### How Do Honey Bees Make Honey?\n\nHoney bees collect nectar from flowers and store it in the hive, " +
		"where they evaporate the water from it until it becomes honey.\n"
}
