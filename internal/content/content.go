// Package content reads the Markdown files the bot answers from into a faq.Library.
// It is the only package that knows the content file format (front matter, headings,
// "Also asked:" lists, synonyms.txt); see content/README.md and the README section
// "Writing content".
package content

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
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

// file is one file Load reads: its path as loaded, relative path and bytes.
type file struct {
	path string
	rel  string
	data []byte
	err  error
}

// Load reads every content file under dir: all *.md files in any sub-directory except
// README.md, and dir/synonyms.txt if present. Names starting with "." are skipped.
// Documents are sorted by ID. All problems found are reported together (errors.Join of
// *Error values, one per problem), and then the returned Library is incomplete.
func Load(dir string) (faq.Library, error) {
	lib, _, err := LoadFingerprint(dir)
	return lib, err
}

// Fingerprint returns a hash (sha256, hex) of the relative paths and bytes of exactly the
// files Load reads, so that a caller can tell whether content changed since it was loaded.
func Fingerprint(dir string) (string, error) {
	files, err := readFiles(dir)
	if err != nil {
		return "", err
	}
	return fingerprint(files), nil
}

// LoadFingerprint is Load and Fingerprint over the same bytes read once, so the
// fingerprint describes exactly the content that was loaded.
func LoadFingerprint(dir string) (faq.Library, string, error) {
	files, err := readFiles(dir)
	if err != nil {
		return faq.Library{}, "", err
	}
	sum := fingerprint(files)

	var errs []error
	var docFiles []file
	var lib faq.Library
	for _, f := range files {
		switch {
		case f.err != nil:
			errs = append(errs, f.err)
		case f.rel == SynonymsFile:
			rules, err := ParseSynonyms(f.path, f.data)
			if err != nil {
				errs = append(errs, err)
			}
			lib.Synonyms = rules
		default:
			docFiles = append(docFiles, f)
		}
	}

	parsed, docErrs := parseAll(docFiles)
	errs = append(errs, docErrs...)
	errs = append(errs, checkUnique(parsed)...)
	lib.Documents = make([]faq.Document, len(parsed))
	for i, p := range parsed {
		lib.Documents[i] = p.doc
	}
	slices.SortFunc(lib.Documents, func(a, b faq.Document) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Path, b.Path))
	})
	return lib, sum, errors.Join(errs...)
}

// parseAll parses files on a few goroutines, each with its own Markdown parser, and
// returns the documents in file order.
func parseAll(files []file) ([]parsed, []error) {
	docs := make([]parsed, len(files))
	errs := make([]error, len(files))
	workers := min(runtime.GOMAXPROCS(0), 4, max(1, len(files)/32))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			p := newParser()
			for i := w; i < len(files); i += workers {
				docs[i], errs[i] = p.parse(files[i].path, files[i].data)
			}
		})
	}
	wg.Wait()
	var ok []parsed
	var bad []error
	for i := range files {
		if errs[i] != nil {
			bad = append(bad, errs[i])
			continue
		}
		ok = append(ok, docs[i])
	}
	return ok, bad
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

// readFiles lists the files Load reads, in lexical order, with their bytes. A file
// that cannot be read or is too large carries its error instead of bytes.
func readFiles(dir string) ([]file, error) {
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
		if !isContentFile(rel) {
			return nil
		}
		files = append(files, readFile(path, rel))
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
	if rel == SynonymsFile {
		return true
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	return strings.HasSuffix(base, ".md") && !strings.EqualFold(base, "README.md")
}

// readFile reads one content file, refusing files larger than MaxFileSize.
func readFile(path, rel string) file {
	f := file{path: path, rel: rel}
	info, err := os.Stat(path)
	if err != nil {
		f.err = &Error{Path: path, Err: err}
		return f
	}
	if info.Size() > MaxFileSize {
		f.err = errorf(path, 0, "file is %d bytes; the limit is %d (1 MiB): split it into several files", info.Size(), MaxFileSize)
		// Still hashed, so the fingerprint changes when it is edited.
		f.data, _ = os.ReadFile(path)
		return f
	}
	f.data, err = os.ReadFile(path)
	if err != nil {
		f.err = &Error{Path: path, Err: err}
	}
	return f
}

// fingerprint hashes the relative path and bytes of each file, length-prefixed.
func fingerprint(files []file) string {
	h := sha256.New()
	var n [8]byte
	for _, f := range files {
		binary.BigEndian.PutUint64(n[:], uint64(len(f.rel)))
		h.Write(n[:])
		h.Write([]byte(f.rel))
		binary.BigEndian.PutUint64(n[:], uint64(len(f.data)))
		h.Write(n[:])
		h.Write(f.data)
	}
	return hex.EncodeToString(h.Sum(nil))
}
