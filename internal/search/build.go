package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/search/scorchbuild"
)

// Building: the passages are cut into batches in content order, and on every core a
// worker analyses a batch and builds its segment (scorchbuild); the segments are
// merged into one at the end. One segment is what a read-only index searches
// fastest, and it makes BM25's field statistics (bleve sums them over segments)
// independent of how the passages were cut.

// batchSize is how many passages go into one segment before the final merge. Each
// worker holds one batch analysed, and its segment being built, at a time: smaller
// batches spare memory, larger ones make fewer segments to merge. For MedQuAD, 125
// takes half the peak memory of 1,000 (about 150 MB against 300) for about the
// same CPU time.
const batchSize = 125

// Build writes a new index for lib into dir, which must not exist yet, and opens it
// read-only with opt. Every file is synced before Build returns. If ctx is
// cancelled the build stops and dir is left for the caller to remove.
func Build(ctx context.Context, dir string, lib faq.Library, opt Options) (*Index, error) {
	return buildOpen(ctx, dir, lib, opt, false)
}

// buildOpen is Build; with consume, it drops each passage's Plain text (in lib's
// own passages) once it is handed to a worker, so that the library's text is not all
// in memory while its index is built.
func buildOpen(ctx context.Context, dir string, lib faq.Library, opt Options, consume bool) (*Index, error) {
	if _, err := os.Stat(dir); err == nil {
		return nil, fmt.Errorf("build index: %s already exists", dir)
	}
	if err := build(ctx, dir, lib, consume); err != nil {
		return nil, fmt.Errorf("build index %s: %w", dir, err)
	}
	return Open(dir, lib, opt)
}

func build(ctx context.Context, dir string, lib faq.Library, consume bool) error {
	m := newMapping()
	if lib.Passages() == 0 {
		// Segments cannot be made of nothing; bleve's own index can.
		idx, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
		if err != nil {
			return err
		}
		if err := idx.Close(); err != nil {
			return err
		}
		return syncTree(dir)
	}
	mb, err := util.MarshalJSON(m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// What bleve.NewBuilder writes, so that bleve.Open reads the result.
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"),
		[]byte(`{"storage":"`+scorch.Name+`","index_type":"`+scorch.Name+`"}`), 0o644); err != nil {
		return err
	}
	b, err := scorchbuild.New(filepath.Join(dir, "store"))
	if err != nil {
		return err
	}
	// The synonyms the content states are found while the segments are built, from
	// each passage's text as it is batched (before consume drops it).
	texts := make(chan stated, 1024)
	derived := make(chan []faq.SynonymRule, 1)
	go func() {
		d := newDeriver(m.AnalyzerNamed(analyzer))
		for t := range texts {
			d.passage(t.document, t.title, t.plain)
		}
		derived <- d.rules()
	}()
	err = eachBatch(ctx, m, lib, consume, func(d *faq.Document, p *faq.Passage) {
		texts <- stated{d.Title, p.Title, p.Plain}
	}, b.Segment)
	close(texts)
	if err == nil {
		err = b.Close(ctx, map[string][]byte{string(util.MappingInternalKey): mb})
	}
	if err != nil {
		b.Abort()
		return err
	}
	if err := writeDerived(dir, <-derived); err != nil {
		return err
	}
	return syncTree(dir)
}

// stated is a passage's text as the synonym deriver reads it.
type stated struct{ document, title, plain string }

// eachBatch cuts lib's passages into batches of batchSize in content order, maps
// and analyses each batch on one of as many workers as there are cores, and calls
// f on the worker with the batch's number (from 0) and documents, which f must not
// keep. It calls seen with each passage, in content order, as it is batched; with
// consume, each passage's Plain text is then dropped from lib.
// It returns the first error, from mapping or f, or ctx's; the other workers then
// stop.
func eachBatch(ctx context.Context, m mapping.IndexMapping, lib faq.Library, consume bool,
	seen func(*faq.Document, *faq.Passage), f func(n int, docs []index.Document) error) error {
	type job struct {
		n    int
		recs []keyed
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			memo := newStemMemo(m.AnalyzerNamed(analyzer))
			docs := make([]index.Document, 0, batchSize)
			for j := range jobs {
				if ctx.Err() != nil {
					continue // drain
				}
				docs = docs[:0]
				for _, k := range j.recs {
					doc := document.NewDocument(k.id)
					if err := m.MapDocument(doc, k.rec); err != nil {
						cancel(fmt.Errorf("index passage %s: %w", k.id, err))
						break
					}
					docs = append(docs, newPreAnalysed(doc, memo))
				}
				if ctx.Err() == nil {
					if err := f(j.n, docs); err != nil {
						cancel(err)
					}
				}
				clear(docs) // garbage once f returns
			}
		})
	}
	n := 0
	batch := make([]keyed, 0, batchSize)
	send := func() bool {
		select {
		case jobs <- job{n, batch}:
			n++
			batch = make([]keyed, 0, batchSize)
			return true
		case <-ctx.Done():
			return false
		}
	}
feed:
	for i := range lib.Documents {
		d := &lib.Documents[i]
		for j := range d.Passages {
			p := &d.Passages[j]
			batch = append(batch, keyed{id: p.ID, rec: newRecord(*d, *p)})
			seen(d, p)
			if consume {
				p.Plain = "" // the record holds it until the batch is indexed
			}
			if len(batch) == batchSize && !send() {
				break feed
			}
		}
	}
	if len(batch) > 0 {
		send()
	}
	close(jobs)
	wg.Wait()
	return context.Cause(ctx)
}

// keyed is a passage's record with its ID.
type keyed struct {
	id  string
	rec record
}

func newRecord(d faq.Document, p faq.Passage) record {
	r := record{Title: p.Title, Alternates: p.Alternates, Document: d.Title, Body: p.Plain}
	// The section is searched for sub-sections of an article; for FAQ entries it is
	// always the FAQ heading, which says nothing about the entry.
	if p.Section != p.Title && p.Kind != faq.KindFAQ {
		r.Section = p.Section
	}
	return r
}

// preAnalysed is a document whose fields were analysed by a worker: analysing it
// again, as bleve's builders do, finds nothing left to do.
type preAnalysed struct {
	*document.Document
}

// newPreAnalysed analyses doc's fields; those the English analyzer would analyse
// are analysed by memo, which gives the same terms.
func newPreAnalysed(doc *document.Document, memo *stemMemo) preAnalysed {
	for i, f := range doc.Fields {
		if tf, ok := f.(*document.TextField); ok && memo != nil && tf.Analyzer() == memo.base {
			f = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), memo)
			doc.Fields[i] = f
		}
		f.Analyze()
	}
	return preAnalysed{doc}
}

// VisitFields visits the fields, each analysed only if it was not yet (the ID field
// the builder adds).
func (d preAnalysed) VisitFields(visit index.FieldVisitor) {
	d.Document.VisitFields(func(f index.Field) { visit(analysedField{f}) })
}

type analysedField struct {
	index.Field
}

func (f analysedField) Analyze() {
	if f.AnalyzedTokenFrequencies() == nil {
		f.Field.Analyze()
	}
}

// syncTree flushes every file and directory under dir to disk.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		serr := f.Sync()
		return errors.Join(serr, f.Close())
	})
}
