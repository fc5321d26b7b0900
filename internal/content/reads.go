package content

import (
	"path/filepath"
	"strings"
)

// Reads reports whether Load(root) reads the content files in directory dir: dir is
// root or below it, with no name starting with "." on the way, and not reached
// through a symbolic link from root to elsewhere. Neither needs to exist: paths are
// compared made absolute, with symbolic links resolved as far as they exist.
func Reads(root, dir string) bool {
	r, d := realPath(root), realPath(dir)
	rel, err := filepath.Rel(r, d)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	for name := range strings.SplitSeq(filepath.ToSlash(rel), "/") {
		if name != "." && strings.HasPrefix(name, ".") {
			return false
		}
	}
	return true
}

// realPath returns path made absolute, with symbolic links resolved in the longest
// part of it that exists.
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(p) == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}
