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
	_, stale, err := s.changed()
	return stale, err
}

// changed is Stale, with the fingerprint of the content's bytes when they were read
// ("" when the file times alone showed nothing changed).
func (s *Store) changed() (fingerprint string, stale bool, err error) {
	s.mu.RLock()
	st := s.st
	s.mu.RUnlock()
	if st == nil || st.files == "" {
		return s.changedFrom("", nil)
	}
	return s.changedFrom(filesFingerprint(s.cfg.ContentDir))
}

// changedFrom is changed, given the content's files fingerprint (filesErr when it
// could not be made).
func (s *Store) changedFrom(files string, filesErr error) (fingerprint string, stale bool, err error) {
	s.mu.RLock()
	st := s.st
	s.mu.RUnlock()
	if st == nil {
		return "", true, nil
	}
	if st.files != "" && filesErr == nil && files == st.files {
		return "", false, nil
	}
	fp, err := content.Fingerprint(s.cfg.ContentDir)
	if err != nil {
		return "", true, err
	}
	return fp, st.fingerprint != fp, nil
}
