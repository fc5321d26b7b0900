package index

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faqtest"
)

// TestFilesFingerprintUnchanged checks that the files fingerprint is the value builds
// on disk recorded (fmt's "%q %d %d %v" of each file's path, size, time and mode),
// so that an index built before is not taken as stale, and that hidden files and
// directories are left out.
func TestFilesFingerprintUnchanged(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.md": "one", "sub/b.md": "two", `sub/odd "name" é.md`: "three", "synonyms.txt": "x, y",
		".hidden.md": "no", ".git/config": "no", "sub/.cache/c.md": "no",
	}
	for i := range 600 {
		files[fmt.Sprintf("many/f%03d.md", i)] = strings.Repeat("z", i)
	}
	then := time.Now().Add(-time.Hour)
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, then, then.Add(time.Duration(len(text))*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	got, newest, err := filesFingerprintNewest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := oldFilesFingerprint(t, dir); got != want {
		t.Errorf("fingerprint %s; builds on disk recorded %s", got, want)
	}
	if want := then.Add(599 * time.Second); !newest.Equal(want) {
		t.Errorf("newest %v; want %v", newest, want)
	}
	if again, _, err := filesFingerprintNewest(dir + string(filepath.Separator)); err != nil || again != got {
		t.Errorf("fingerprint of %s/ = %s, %v; want %s", dir, again, err, got)
	}
}

// oldFilesFingerprint is how the fingerprint was first computed.
func oldFilesFingerprint(t *testing.T, dir string) string {
	h := sha256.New()
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
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(h, "%q %d %d %v\n", filepath.ToSlash(rel), info.Size(), info.ModTime().UnixNano(), info.Mode())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestNoWarm checks that a Store configured not to warm starts no warm-up, when it
// loads a build or makes one, and that one configured to warm does.
func TestNoWarm(t *testing.T) {
	for _, noWarm := range []bool{false, true} {
		cfg := Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index"), NoWarm: noWarm}
		s := open(t, cfg) // builds
		warming := func() bool {
			s.mu.RLock()
			defer s.mu.RUnlock()
			return s.st.warmed != nil
		}
		if warming() == noWarm {
			t.Errorf("NoWarm %v: warm-up started after a build: %v", noWarm, warming())
		}
		s.Close()
		s = open(t, cfg) // opens the build
		if warming() == noWarm {
			t.Errorf("NoWarm %v: warm-up started after opening: %v", noWarm, warming())
		}
	}
}
