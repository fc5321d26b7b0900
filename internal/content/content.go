// Package content reads the Markdown files the bot answers from into a faq.Library,
// and writes documents as such files (Render). It is the only package that knows the
// content file format (front matter, headings, "Also asked:" lists, synonyms.txt, the
// size limit, how titles become IDs); docs/content.md describes it for writers.
package content

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/faqbot/faqbot/internal/faq"
)

// MaxFileSize is the largest content file accepted, in bytes.
const MaxFileSize = 1 << 20

// SynonymsFile is the name of the synonyms file, read from the top of the content directory.
const SynonymsFile = "synonyms.txt"

// Error is a problem in one content file. Line is 1-based, 0 when the problem is not
// on one line (e.g. the file is too large).
type Error struct {
	Path string
	Line int
	Err  error
}

// Error returns "path:line: problem", or "path: problem" without a line.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns the underlying problem.
func (e *Error) Unwrap() error { return e.Err }

// errorf returns a *Error for path and line with a formatted problem.
func errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// file is one file Load reads: its path as loaded, path relative to the content
// directory (with '/'), bytes, and the first problem found with it.
type file struct {
	path string
	rel  string
	data []byte
	err  error
}

// Load reads every content file under dir: all *.md files in any sub-directory except
// README.md, and dir/synonyms.txt and dir/checks.tsv if present. Names starting with "." are skipped.
// Documents are sorted by ID. All problems found are reported together (errors.Join of
// *Error values, one per problem), and then the returned Library is incomplete.
func Load(dir string) (faq.Library, error) {
	lib, _, err := LoadFingerprint(dir)
	return lib, err
}

// Fingerprint returns a hash (sha256, hex) of the relative paths and bytes of exactly the
// files Load reads, so that a caller can tell whether content changed since it was loaded.
func Fingerprint(dir string) (string, error) {
	files, err := listFiles(dir)
	if err != nil {
		return "", err
	}
	h := newHasher()
	for i := range files {
		files[i].read()
		h.add(&files[i])
		files[i].data = nil
	}
	return h.sum(), nil
}

// LoadFingerprint is Load and Fingerprint over the same bytes, read once, so that the
// fingerprint describes exactly the content that was loaded.
func LoadFingerprint(dir string) (faq.Library, string, error) {
	return LoadEach(dir, nil)
}

// LoadEach is LoadFingerprint, calling each (when not nil) with every document as
// soon as it is parsed, before the library is checked as a whole: a caller can take
// what it needs of a document while the others are read, and drop it (say, write the
// passages' texts to a file and clear them), so that the library is never all in
// memory. each is called from several goroutines at once, and for documents that a
// problem found later (a duplicate title, say) leaves out of the library; the
// changes it makes to a document are in the library returned.
func LoadEach(dir string, each func(*faq.Document)) (faq.Library, string, error) {
	files, err := listFiles(dir)
	if err != nil {
		return faq.Library{}, "", err
	}
	docs, fp := readAndParse(files, each)

	var lib faq.Library
	var errs []error
	var ok []parsed
	for i, f := range files {
		switch {
		case f.err != nil:
			errs = append(errs, f.err)
		case f.rel == SynonymsFile:
			rules, err := ParseSynonyms(f.path, f.data)
			if err != nil {
				errs = append(errs, err)
			}
			lib.Synonyms = rules
		case f.rel == ChecksFile:
			checks, err := ParseChecks(f.path, f.data)
			if err != nil {
				errs = append(errs, err)
			}
			lib.Checks = checks
		default:
			ok = append(ok, docs[i])
		}
	}
	errs = append(errs, checkUnique(ok)...)
	lib.Documents = make([]faq.Document, len(ok))
	for i, p := range ok {
		lib.Documents[i] = p.doc
	}
	slices.SortFunc(lib.Documents, func(a, b faq.Document) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Path, b.Path))
	})
	return lib, fp, errors.Join(errs...)
}

// readAndParse reads all files and parses the documents among them on a few
// goroutines, each with its own Markdown parser, and passes each document parsed to
// each. A parse error is left in the file's err; docs[i] is the document parsed from
// files[i]. The files are hashed in order as they are parsed, and their bytes
// dropped but for the synonyms and checks files': the content is never all in
// memory twice. It returns the fingerprint too.
func readAndParse(files []file, each func(*faq.Document)) ([]parsed, string) {
	docs := make([]parsed, len(files))
	parsed := make([]chan struct{}, len(files))
	for i := range parsed {
		parsed[i] = make(chan struct{})
	}
	workers := min(runtime.GOMAXPROCS(0), 4, max(1, len(files)/32))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			p := newParser()
			for i := w; i < len(files); i += workers {
				f := &files[i]
				if f.read(); f.err == nil && !f.aux() {
					docs[i], f.err = p.parse(f.path, f.data)
				}
				close(parsed[i])
				if f.err == nil && !f.aux() && each != nil {
					each(&docs[i].doc)
				}
			}
		})
	}
	h := newHasher()
	for i := range files {
		<-parsed[i]
		h.add(&files[i])
		if !files[i].aux() {
			files[i].data = nil
		}
	}
	wg.Wait()
	return docs, h.sum()
}

// checkUnique reports documents sharing an ID (file name) or a title.
func checkUnique(docs []parsed) []error {
	var errs []error
	byID := make(map[string]string, len(docs))
	byTitle := make(map[string]string, len(docs))
	for _, p := range docs {
		d := p.doc
		if other, ok := byID[d.ID]; ok {
			errs = append(errs, errorf(d.Path, 0, "document id %q (the file name) is already used by %s", d.ID, other))
		} else {
			byID[d.ID] = d.Path
		}
		key := strings.ToLower(d.Title)
		if other, ok := byTitle[key]; ok {
			errs = append(errs, errorf(d.Path, p.titleLine, "title %q is already used by %s", d.Title, other))
		} else {
			byTitle[key] = d.Path
		}
	}
	return errs
}

// listFiles lists the files Load reads, in lexical order.
func listFiles(dir string) ([]file, error) {
	var files []file
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read content directory: %w", err)
		}
		name := d.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return fmt.Errorf("read content directory: %w", err)
		}
		rel = filepath.ToSlash(rel)
		if isContentFile(rel) {
			files = append(files, file{path: path, rel: rel})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// isContentFile tells whether Load reads the file at rel (slash-separated, relative to
// the content directory).
func isContentFile(rel string) bool {
	if rel == SynonymsFile || rel == ChecksFile {
		return true
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	return strings.HasSuffix(base, ".md") && !strings.EqualFold(base, "README.md")
}

// aux tells the synonyms and checks files, which are not documents, from the others.
func (f *file) aux() bool { return f.rel == SynonymsFile || f.rel == ChecksFile }

// read reads the file, refusing one larger than MaxFileSize. A refused file is still
// hashed, so the fingerprint changes when it is edited.
func (f *file) read() {
	var err error
	f.data, err = os.ReadFile(f.path)
	switch {
	case err != nil:
		f.err = &Error{Path: f.path, Err: err}
	case len(f.data) > MaxFileSize:
		f.err = errorf(f.path, 0, "file is %d bytes; the limit is %d (1 MiB): split it into several files", len(f.data), MaxFileSize)
	}
}

// hasher makes the fingerprint: the relative path and bytes of each file in turn,
// length-prefixed, hashed with sha256.
type hasher struct {
	h hash.Hash
}

func newHasher() hasher { return hasher{h: sha256.New()} }

// add hashes the next file.
func (h hasher) add(f *file) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(f.rel)))
	h.h.Write(n[:])
	h.h.Write([]byte(f.rel))
	binary.BigEndian.PutUint64(n[:], uint64(len(f.data)))
	h.h.Write(n[:])
	h.h.Write(f.data)
}

// sum returns the fingerprint of the files added, in hex.
func (h hasher) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }
