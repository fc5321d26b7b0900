package index

import (
	"bufio"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

// The index directory holds one sub-directory per build and a CURRENT file naming
// the build in service. A build is complete before CURRENT names it, and CURRENT is
// replaced by rename, so a crash mid-build leaves the previous build in service.
const (
	currentFile = "CURRENT"
	buildPrefix = "build-"
	rankerDir   = "bleve" // the ranker's own files (a bleve index)
	libraryFile = "library.gob"
	textsFile   = "texts.md"
	metaFile    = "meta.json"
	// racyWindow: content modified this recently when a build starts is compared
	// by its bytes, not its modification times, at the next start.
	racyWindow = 2 * time.Second
)

// meta describes a build.
type meta struct {
	Fingerprint string `json:"fingerprint"`
	// Files is filesFingerprint of the content when the build started.
	Files     string    `json:"files,omitempty"`
	Built     time.Time `json:"built"`
	Documents int       `json:"documents"`
	Passages  int       `json:"passages"`
	// Failing are the keys of the must-answer checks the build failed when it was put
	// in service (forced, or failing as the build before it did).
	Failing []string `json:"failing,omitempty"`
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
func setCurrent(indexDir, dir string) error {
	tmp, err := os.CreateTemp(indexDir, currentFile+".tmp-*")
	if err != nil {
		return fmt.Errorf("switch index: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(filepath.Base(dir) + "\n"); err != nil {
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

// snapshot is what a build stores of its library besides the index: everything a
// reply needs except the passages' text, which goes in textsFile and is read when a
// passage is shown, so a large library is neither decoded at start-up nor held in
// memory. Texts lists each passage's text, in library order.
type snapshot struct {
	Library faq.Library
	Texts   []textRef
}

// textRef locates a passage's text in textsFile; Hash tells changed texts apart.
type textRef struct {
	Off  int64
	Len  int
	Hash uint64
}

// textWriter writes passages' texts into a build's textsFile as the content is
// read, document by document in any order, and drops them from the documents, so
// that the library's texts are never all in memory. It is safe for concurrent use.
type textWriter struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	off  int64
	refs map[string]textRef // by passage ID
	err  error
}

func newTextWriter(dir string) (*textWriter, error) {
	f, err := os.Create(filepath.Join(dir, textsFile))
	if err != nil {
		return nil, fmt.Errorf("write passage texts: %w", err)
	}
	return &textWriter{f: f, w: bufio.NewWriterSize(f, 1<<16), refs: map[string]textRef{}}, nil
}

// add writes the texts of d's passages and takes them out of d.
func (t *textWriter) add(d *faq.Document) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for j := range d.Passages {
		p := &d.Passages[j]
		h := fnv.New64a()
		h.Write([]byte(p.Text))
		t.refs[p.ID] = textRef{Off: t.off, Len: len(p.Text), Hash: h.Sum64()}
		if _, err := t.w.WriteString(p.Text); err != nil && t.err == nil {
			t.err = err
		}
		t.off += int64(len(p.Text))
		p.Text = ""
	}
}

// finish syncs and closes the file and returns where the text of each of lib's
// passages is, in library order.
func (t *textWriter) finish(lib faq.Library) ([]textRef, error) {
	err := t.err
	if err == nil {
		err = t.w.Flush()
	}
	if err == nil {
		err = t.f.Sync()
	}
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("write passage texts: %w", err)
	}
	refs := make([]textRef, 0, lib.Passages())
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			r, ok := t.refs[p.ID]
			if !ok {
				return nil, fmt.Errorf("write passage texts: no text of %s", p.ID)
			}
			refs = append(refs, r)
		}
	}
	return refs, nil
}

// abort closes the file, which the caller removes with its build.
func (t *textWriter) abort() { t.f.Close() }

// leanLibrary returns lib without the passages' texts and plain texts.
func leanLibrary(lib faq.Library) faq.Library {
	lean := faq.Library{Synonyms: lib.Synonyms, Checks: lib.Checks, Documents: make([]faq.Document, len(lib.Documents))}
	for i, d := range lib.Documents {
		d.Passages = append([]faq.Passage(nil), d.Passages...)
		for j := range d.Passages {
			d.Passages[j].Text, d.Passages[j].Plain = "", ""
		}
		lean.Documents[i] = d
	}
	return lean
}

// writeSnapshot stores the snapshot of a library (without texts: see textWriter).
func writeSnapshot(dir string, snap snapshot) error {
	if err := writeFileSync(filepath.Join(dir, libraryFile), func(f *os.File) error {
		w := bufio.NewWriterSize(f, 1<<16)
		if err := gob.NewEncoder(w).Encode(snap); err != nil {
			return err
		}
		return w.Flush()
	}); err != nil {
		return fmt.Errorf("write library snapshot: %w", err)
	}
	return nil
}

// writeMeta stores a build's meta and syncs the build directory.
func writeMeta(dir string, m meta) error {
	if err := writeFileSync(filepath.Join(dir, metaFile), func(f *os.File) error {
		enc := json.NewEncoder(f)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	}); err != nil {
		return fmt.Errorf("write build meta: %w", err)
	}
	return syncDir(dir)
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

func readMeta(dir string) (meta, error) {
	var m meta
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return m, fmt.Errorf("read build meta: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("read build meta %s: %w", dir, err)
	}
	return m, nil
}

func readSnapshot(dir string) (snapshot, error) {
	var s snapshot
	f, err := os.Open(filepath.Join(dir, libraryFile))
	if err != nil {
		return s, fmt.Errorf("read library snapshot: %w", err)
	}
	defer f.Close()
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16)).Decode(&s); err != nil {
		return s, fmt.Errorf("read library snapshot %s: %w", dir, err)
	}
	if len(s.Texts) != s.Library.Passages() {
		return s, fmt.Errorf("read library snapshot %s: %d texts for %d passages", dir, len(s.Texts), s.Library.Passages())
	}
	return s, nil
}

// texts reads passage texts from a build's textsFile, which stays open while the
// build serves (so it stays readable even once the build directory is removed).
type texts struct {
	f *os.File
}

func openTexts(dir string) (*texts, error) {
	f, err := os.Open(filepath.Join(dir, textsFile))
	if err != nil {
		return nil, fmt.Errorf("open passage texts: %w", err)
	}
	return &texts{f: f}, nil
}

func (t *texts) read(r textRef) (string, error) {
	b := make([]byte, r.Len)
	if _, err := t.f.ReadAt(b, r.Off); err != nil {
		return "", fmt.Errorf("read passage text: %w", err)
	}
	return string(b), nil
}

func (t *texts) close() error { return t.f.Close() }
