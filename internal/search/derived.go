package search

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// derivedFile is where Build stores the synonyms it derived from the content, next
// to the index, so that Open has them without reading the passages' text.
const derivedFile = "derived-synonyms.txt"

// writeDerived writes rules to dir's derivedFile in the synonyms format, as many as
// the format's size limit allows, first found first.
func writeDerived(dir string, rules []faq.SynonymRule) error {
	var b strings.Builder
	b.WriteString("# Synonyms the content states itself (\"also called\", abbreviations, lists of\n" +
		"# names), found when this index was built. Rebuilt with every build: do not edit;\n" +
		"# put synonyms of your own in the content's synonyms.txt.\n")
	for _, r := range rules {
		line := strings.Join(r.Synonyms, ", ") + "\n"
		if b.Len()+len(line) > content.MaxFileSize {
			break
		}
		b.WriteString(line)
	}
	return os.WriteFile(filepath.Join(dir, derivedFile), []byte(b.String()), 0o644)
}

// readDerived reads the synonyms Build derived for the index in dir; none for an
// index built before they were.
func readDerived(dir string) ([]faq.SynonymRule, error) {
	path := filepath.Join(dir, derivedFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return content.ParseSynonyms(path, b)
}
