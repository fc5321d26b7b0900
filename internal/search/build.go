package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/faqbot/faqbot/internal/faq"
)

// Building: passages are analysed on every core, then given in content order to
// bleve's offline builder, which writes a segment per batch and merges them into
// one at the end. One segment is what a read-only index searches fastest, and it
// makes BM25's field statistics (bleve sums them over segments) independent of
// how background merges went.
const (
	// batchSize is how many passages go into one segment before the final merge.
	batchSize = 500
	// chunkSize is how many passages an analysis worker takes at a time.
	chunkSize = 64
)

// Build writes a new index for lib into dir, which must not exist yet, and opens it
// read-only with opt. Every file is synced before Build returns. If ctx is
// cancelled the build stops and dir is left for the caller to remove.
func Build(ctx context.Context, dir string, lib faq.Library, opt Options) (*Index, error) {
	if _, err := os.Stat(dir); err == nil {
		return nil, fmt.Errorf("build index: %s already exists", dir)
	}
	if err := build(ctx, dir, lib); err != nil {
		return nil, fmt.Errorf("build index %s: %w", dir, err)
	}
	return Open(dir, lib, opt)
}

func build(ctx context.Context, dir string, lib faq.Library) error {
	m := newMapping()
	if lib.Passages() == 0 {
		// The offline builder cannot make an index of nothing; bleve's own can.
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
	b, err := scorch.NewBuilder(map[string]interface{}{
		"path":            filepath.Join(dir, "store"),
		"buildPathPrefix": dir,
		"batchSize":       batchSize,
		"mergeMax":        1 << 10, // merge all batches at once
		"internal":        map[string][]byte{string(util.MappingInternalKey): mb},
	})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The synonyms the content states are found while the builder works.
	derived := make(chan []faq.SynonymRule, 1)
	go func() { derived <- deriveSynonyms(lib, m.AnalyzerNamed(analyzer)) }()
	for docs := range analyse(ctx, m, lib) {
		if docs.err != nil {
			return docs.err
		}
		for _, d := range docs.docs {
			if err := b.Index(d); err != nil {
				return fmt.Errorf("index passage %s: %w", d.ID(), err)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := b.Close(); err != nil {
		return err
	}
	if err := writeDerived(dir, <-derived); err != nil {
		return err
	}
	return syncTree(dir)
}

// analysed is one chunk of passages mapped to bleve documents and analysed.
type analysed struct {
	docs []index.Document
	err  error
}

// analyse maps and analyses lib's passages on every core and delivers them in
// content order. It stops early when ctx is cancelled.
func analyse(ctx context.Context, m mapping.IndexMapping, lib faq.Library) <-chan analysed {
	type job struct {
		recs []keyed
		out  chan analysed
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan job, workers)
	order := make(chan chan analysed, 2*workers)
	out := make(chan analysed)
	go func() { // producer: chunks in content order
		defer close(jobs)
		defer close(order)
		chunk := make([]keyed, 0, chunkSize)
		send := func() bool {
			j := job{recs: chunk, out: make(chan analysed, 1)}
			chunk = make([]keyed, 0, chunkSize)
			select {
			case order <- j.out:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, d := range lib.Documents {
			for _, p := range d.Passages {
				chunk = append(chunk, keyed{id: p.ID, rec: newRecord(d, p)})
				if len(chunk) == chunkSize && !send() {
					return
				}
			}
		}
		if len(chunk) > 0 {
			send()
		}
	}()
	for range workers {
		go func() {
			memo := newStemMemo(m.AnalyzerNamed(analyzer))
			for j := range jobs {
				var a analysed
				for _, k := range j.recs {
					doc := document.NewDocument(k.id)
					if err := m.MapDocument(doc, k.rec); err != nil {
						a.err = fmt.Errorf("index passage %s: %w", k.id, err)
						break
					}
					a.docs = append(a.docs, newPreAnalysed(doc, memo))
				}
				j.out <- a
			}
		}()
	}
	go func() { // consumer side: results in the order the chunks were made
		defer close(out)
		for ch := range order {
			var a analysed
			select {
			case a = <-ch:
			case <-ctx.Done():
				return
			}
			select {
			case out <- a:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
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

// preAnalysed is a document whose fields were analysed by a worker: the builder's
// own analysis, which runs on one core, finds nothing left to do.
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
