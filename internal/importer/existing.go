package importer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/faqbot/faqbot/internal/content"
)

// used is what content already in place uses and an import must not: document
// titles (lower case) and IDs (file names without their extension).
type used struct {
	titles map[string]bool
	ids    map[string]bool
}

// existingContent returns the titles and IDs of the documents under root, except
// files an import into out would replace: those directly in out named after their
// own title, as an earlier import wrote them. Files that do not load are left out;
// loading the content reports them.
func existingContent(root, out string) (used, error) {
	u := used{titles: map[string]bool{}, ids: map[string]bool{}}
	if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
		return u, nil
	}
	lib, err := content.Load(root)
	var cerr *content.Error
	if err != nil && !errors.As(err, &cerr) {
		return u, err // the directory could not be read
	}
	out = absPath(out)
	for _, d := range lib.Documents {
		if absPath(filepath.Dir(d.Path)) == out && importName(d.ID, d.Title) {
			continue
		}
		u.ids[strings.ToLower(d.ID)] = true // file names may not differ only in case
		u.titles[strings.ToLower(d.Title)] = true
	}
	return u, nil
}

// importName reports whether id is the file name an import gives a document titled
// title, that is its content.DocumentID, possibly with a number added ("billing",
// "billing-2").
func importName(id, title string) bool {
	s := content.DocumentID(title)
	rest, ok := strings.CutPrefix(id, s)
	if ok && rest == "" {
		return true
	}
	rest, ok = strings.CutPrefix(rest, "-")
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// absPath returns path made absolute, so that "content/x" and "/srv/bot/content/x"
// compare equal; or cleaned, if the working directory is unknown.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}
