package index

import (
	"github.com/faqbot/faqbot/internal/content"
)

// startWarm warms b's ranker unless the Store is configured not to.
func (s *Store) startWarm(b *build) {
	if !s.cfg.NoWarm {
		b.startWarm()
	}
}

// Stale reports whether the content differs from what the build in service was
// built from (or there is no build). When no content file's name, size or
// modification time changed since the build, the content is taken as unchanged
// without reading it; otherwise its bytes are compared (content.Fingerprint).
func (s *Store) Stale() (bool, error) {
	c, err := s.compare(filesFingerprint(s.cfg.ContentDir))
	return c.stale, err
}

// comparison is how the content compares with the build in service and with the
// content held (holdFile).
type comparison struct {
	// fingerprint is content.Fingerprint of the content when its bytes were read,
	// "" when its file times alone told.
	fingerprint string
	// stale: the content differs from the build in service, or there is none.
	stale bool
	// held: the content is held, and a build is in service to answer from
	// meanwhile; hold says why.
	held bool
	hold *hold
}

// compare compares the content, whose files fingerprint is files (filesErr when it
// could not be made), with the build in service and the content held. It reads the
// content's bytes only when the file times match neither.
func (s *Store) compare(files string, filesErr error) (comparison, error) {
	s.mu.RLock()
	st := s.st
	s.mu.RUnlock()
	if st == nil {
		return comparison{stale: true}, nil
	}
	if st.files != "" && filesErr == nil && files == st.files {
		return comparison{}, nil
	}
	h := readHold(s.cfg.IndexDir)
	if filesErr == nil && h.matches(files, "") {
		return comparison{stale: true, held: true, hold: h}, nil
	}
	fp, err := content.Fingerprint(s.cfg.ContentDir)
	if err != nil {
		return comparison{stale: true}, err
	}
	c := comparison{fingerprint: fp, stale: st.fingerprint != fp}
	if c.stale && h.matches("", fp) {
		c.held, c.hold = true, h
	}
	return c, nil
}
