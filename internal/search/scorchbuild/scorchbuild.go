// Package scorchbuild builds a read-only bleve index — scorch, with all documents in
// one zap segment — from analysed documents, faster than bleve's offline builder
// (scorch.Builder). That builder makes one segment at a time, under a lock, and
// writes and syncs each before merging them all at the end; here any number of
// goroutines build segments at once, each written without a sync, and the merge
// reads them in the order they were numbered, so that the documents keep the order
// they were given in (scorch.Builder shuffles each batch).
//
// It goes below bleve's public API, to the zap segment plugin bleve itself uses
// (zapx v17), and relies on how scorch.Builder lays out an index: a test checks that
// an index built here answers queries with the same hits and scores as one built by
// scorch.Builder from the same documents.
package scorchbuild

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// Builder builds the store of one scorch index: the directory bleve calls "store",
// holding the segment and root.bolt.
type Builder struct {
	path string // the store directory
	tmp  string // segments until they are merged

	mu   sync.Mutex
	segs map[int]string // segment number -> file
}

var plugin zap.ZapPlugin

// New starts building a store in path, which must not exist yet. Segments are
// written next to it until Close merges them.
func New(path string) (*Builder, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("scorchbuild: %s already exists", path)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(path), filepath.Base(path)+"-segments-")
	if err != nil {
		return nil, fmt.Errorf("scorchbuild: %w", err)
	}
	return &Builder{path: path, tmp: tmp, segs: map[int]string{}}, nil
}

// Segment builds segment n of docs and writes it to disk. Every field of every
// document must be analysed already (Analyze called); Segment adds the documents'
// _id fields. In the index, the documents of segment n come after those of the
// segments numbered below n, in the order given. Segment is safe for concurrent
// use: call it from as many goroutines as there are cores. docs may be reused once
// it returns.
func (b *Builder) Segment(n int, docs []index.Document) error {
	if len(docs) == 0 {
		return fmt.Errorf("scorchbuild: segment %d has no documents", n)
	}
	for _, d := range docs {
		d.AddIDField()
		d.VisitFields(func(f index.Field) {
			if f.Options().IsIndexed() && f.AnalyzedTokenFrequencies() == nil {
				f.Analyze()
			}
		})
	}
	seg, _, err := plugin.New(docs)
	if err != nil {
		return fmt.Errorf("scorchbuild: segment %d: %w", n, err)
	}
	defer seg.Close()
	sb, ok := seg.(*zap.SegmentBase)
	if !ok {
		return fmt.Errorf("scorchbuild: segment %d: unexpected %T", n, seg)
	}
	path := filepath.Join(b.tmp, fmt.Sprintf("%08d.zap", n))
	if err := writeSegment(sb, path); err != nil {
		return fmt.Errorf("scorchbuild: segment %d: %w", n, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, dup := b.segs[n]; dup {
		return fmt.Errorf("scorchbuild: segment %d built twice", n)
	}
	b.segs[n] = path
	return nil
}

// writeSegment writes sb to path. It is not synced: the merged segment is.
func writeSegment(sb *zap.SegmentBase, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = sb.WriteTo(f)
	return errors.Join(err, f.Close())
}

// Close merges the segments, numbered from 0 with none missing, into one, and
// writes the index's root with the internal values given (bleve keeps the index
// mapping there). The store is complete and synced when Close returns; on error
// (or when ctx is cancelled during the merge) Abort removes what was built.
func (b *Builder) Close(ctx context.Context, internal map[string][]byte) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.segs) == 0 {
		return errors.New("scorchbuild: no segments")
	}
	segs := make([]segment.Segment, 0, len(b.segs))
	defer func() {
		for _, s := range segs {
			s.Close()
		}
	}()
	for n := range len(b.segs) {
		path, ok := b.segs[n]
		if !ok {
			return fmt.Errorf("scorchbuild: segment %d is missing", n)
		}
		s, err := plugin.Open(path)
		if err != nil {
			return fmt.Errorf("scorchbuild: open segment %d: %w", n, err)
		}
		segs = append(segs, s)
	}
	merged := filepath.Join(b.tmp, "merged.zap")
	stop := make(chan struct{})
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			close(stop)
		case <-done:
		}
	}()
	if _, _, err := plugin.Merge(segs, make([]*roaring.Bitmap, len(segs)), merged, stop, nil); err != nil {
		return fmt.Errorf("scorchbuild: merge %d segments: %w", len(segs), err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return b.writeRoot(merged, internal)
}

// writeRoot makes the store: scorch.Builder writes it around a placeholder
// document (root.bolt names the segment file, and records the segment plugin and
// the internal values, nothing about the segment's contents), and the merged
// segment then replaces the placeholder's.
func (b *Builder) writeRoot(merged string, internal map[string][]byte) error {
	sb, err := scorch.NewBuilder(map[string]interface{}{
		"path":            b.path,
		"buildPathPrefix": b.tmp,
		"internal":        internal,
	})
	if err != nil {
		return fmt.Errorf("scorchbuild: %w", err)
	}
	if err := sb.Index(document.NewDocument("placeholder")); err != nil {
		return fmt.Errorf("scorchbuild: %w", err)
	}
	if err := sb.Close(); err != nil {
		return fmt.Errorf("scorchbuild: write the index root: %w", err)
	}
	entries, err := os.ReadDir(b.path)
	if err != nil {
		return fmt.Errorf("scorchbuild: %w", err)
	}
	var zaps []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			zaps = append(zaps, e.Name())
		}
	}
	if len(zaps) != 1 {
		return fmt.Errorf("scorchbuild: bleve's builder wrote %d segments, not one", len(zaps))
	}
	if err := os.Rename(merged, filepath.Join(b.path, zaps[0])); err != nil {
		return fmt.Errorf("scorchbuild: %w", err)
	}
	return b.removeTemp()
}

// removeTemp removes the segments' directory.
func (b *Builder) removeTemp() error {
	for _, path := range b.segs {
		os.Remove(path)
	}
	return os.RemoveAll(b.tmp)
}

// Abort removes the segments and whatever of the store was written.
func (b *Builder) Abort() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return errors.Join(b.removeTemp(), os.RemoveAll(b.path))
}
