package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// holdFile, in the index directory, names content that is not to be built again
// by itself (at start-up, by the content watch) until it changes: content that
// failed to build or failed its checks, or content a moderator rolled back from.
// `faqbot index` and /reindex still build it when asked.
const holdFile = "HOLD"

// Why content is held.
const (
	heldFailed     = "failed"
	heldRolledBack = "rolled back"
)

// hold is the content held, as holdFile records it.
type hold struct {
	// Fingerprint is content.Fingerprint of the content; Files its
	// filesFingerprint, "" when the file times could not be trusted.
	Fingerprint string    `json:"fingerprint"`
	Files       string    `json:"files,omitempty"`
	Reason      string    `json:"reason"`
	Since       time.Time `json:"since"`
	// Problems is how many problems (content problems or failed checks) it had.
	Problems int `json:"problems,omitempty"`
}

// readHold returns the content held in indexDir, nil when there is none (or the
// record cannot be read: then the content is built as if nothing were held).
func readHold(indexDir string) *hold {
	b, err := os.ReadFile(filepath.Join(indexDir, holdFile))
	if err != nil {
		return nil
	}
	var h hold
	if json.Unmarshal(b, &h) != nil || h.Fingerprint == "" {
		return nil
	}
	return &h
}

// matches reports whether the content with files fingerprint files (and, when it
// was read, content fingerprint fp) is the content held.
func (h *hold) matches(files, fp string) bool {
	if h == nil {
		return false
	}
	return (h.Files != "" && files == h.Files) || (fp != "" && fp == h.Fingerprint)
}

// writeHold records h in indexDir, replacing any earlier record by rename.
func writeHold(indexDir string, h hold) error {
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(indexDir, holdFile+".tmp-*")
	if err != nil {
		return fmt.Errorf("record held content: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(append(b, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(indexDir, holdFile))
	}
	if err != nil {
		return fmt.Errorf("record held content: %w", err)
	}
	return nil
}

// clearHold forgets the content held: a build was put in service.
func clearHold(indexDir string) error {
	if err := os.Remove(filepath.Join(indexDir, holdFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("forget held content: %w", err)
	}
	return nil
}
