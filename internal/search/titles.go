package search

import "sync"

// titleInfo is what a passage's title says: the aspect it answers and the terms of
// its subject. It is found the first time the passage is ranked, not when the index
// opens: most passages of a large content are never ranked.
type titleInfo struct {
	once sync.Once
	// aspects are what the title says the passage answers (aspects.txt).
	aspects aspectSet
	// subject are the terms of the title that say what it is about: neither
	// generic words nor the words of aspects ("shingl" of "What are the symptoms of
	// Shingles?").
	subject []string
}

// titleOf returns the aspects and subject terms of the passage at pos.
func (ix *Index) titleOf(pos int) (aspectSet, []string) {
	p := &ix.passages[pos]
	p.about.once.Do(func() {
		as := aspects.ofTitle(p.title)
		if as == 0 && p.intro {
			as = aspects.fallback // a document's introduction is its overview
		}
		var subject []string
		for _, t := range ix.analyze(p.title) {
			if !ix.cueTerms[t] && !ix.generic[t] && !isNumber(t) {
				subject = append(subject, t)
			}
		}
		p.about.aspects, p.about.subject = as, subject
	})
	return p.about.aspects, p.about.subject
}
