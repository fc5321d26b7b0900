package engine

import (
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

// The index directory holds one sub-directory per build and a CURRENT file naming
// the build in service. A build is complete before CURRENT names it, and CURRENT is
// replaced by rename, so a crash mid-build leaves the previous build in service.
const (
	currentFile   = "CURRENT"
	buildPrefix   = "build-"
	bleveDir      = "bleve"
	libraryFile   = "library.gob"
	metaFile      = "meta.json"
	staleBuildAge = time.Hour
)

// meta describes a build.
type meta struct {
	Fingerprint string    `json:"fingerprint"`
	Built       time.Time `json:"built"`
	Documents   int       `json:"documents"`
	Passages    int       `json:"passages"`
}

// currentBuild returns the build directory CURRENT names, or "" when there is none.
func currentBuild(indexDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(indexDir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read current build: %w", err)
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, buildPrefix) || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("read current build: %s names %q, not a build", currentFile, name)
	}
	return filepath.Join(indexDir, name), nil
}

// setCurrent makes build the one in service, atomically.
func setCurrent(indexDir, build string) error {
	tmp, err := os.CreateTemp(indexDir, currentFile+".tmp-*")
	if err != nil {
		return fmt.Errorf("switch index: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(filepath.Base(build) + "\n"); err != nil {
		tmp.Close()
		return fmt.Errorf("switch index: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("switch index: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("switch index: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(indexDir, currentFile)); err != nil {
		return fmt.Errorf("switch index: %w", err)
	}
	return syncDir(indexDir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// writeSnapshot stores the library (without the plain text, which only indexing
// needs) and the build's meta next to its bleve index.
func writeSnapshot(build string, lib faq.Library, m meta) error {
	lean := faq.Library{Synonyms: lib.Synonyms, Documents: make([]faq.Document, len(lib.Documents))}
	for i, d := range lib.Documents {
		d.Passages = append([]faq.Passage(nil), d.Passages...)
		for j := range d.Passages {
			d.Passages[j].Plain = ""
		}
		lean.Documents[i] = d
	}
	if err := writeFileSync(filepath.Join(build, libraryFile), func(f *os.File) error {
		return gob.NewEncoder(f).Encode(lean)
	}); err != nil {
		return fmt.Errorf("write library snapshot: %w", err)
	}
	if err := writeFileSync(filepath.Join(build, metaFile), func(f *os.File) error {
		enc := json.NewEncoder(f)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return fmt.Errorf("write build meta: %w", err)
	}
	return syncDir(build)
}

func writeFileSync(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func readMeta(build string) (meta, error) {
	var m meta
	b, err := os.ReadFile(filepath.Join(build, metaFile))
	if err != nil {
		return m, fmt.Errorf("read build meta: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("read build meta %s: %w", build, err)
	}
	return m, nil
}

func readSnapshot(build string) (faq.Library, error) {
	var lib faq.Library
	f, err := os.Open(filepath.Join(build, libraryFile))
	if err != nil {
		return lib, fmt.Errorf("read library snapshot: %w", err)
	}
	defer f.Close()
	if err := gob.NewDecoder(f).Decode(&lib); err != nil {
		return lib, fmt.Errorf("read library snapshot %s: %w", build, err)
	}
	return lib, nil
}

// removeOldBuilds deletes builds other than keep: at once those listed in now, and
// others (perhaps another process's build in progress) once they are stale.
func removeOldBuilds(indexDir, keep string, now ...string) {
	entries, err := os.ReadDir(indexDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		path := filepath.Join(indexDir, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), buildPrefix) || path == keep {
			continue
		}
		remove := false
		for _, n := range now {
			if n == path {
				remove = true
			}
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleBuildAge {
			remove = true
		}
		if remove {
			os.RemoveAll(path)
		}
	}
}
