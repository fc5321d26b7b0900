// Package bm25 runs disjunctions of term and phrase queries — what package search
// makes of a question — straight over the postings of a read-only bleve index.
//
// A disjunction is scored as bleve's disjunction searcher scores it: each clause's
// score (BM25, or bleve's TF-IDF for an index that does not use BM25, with bleve's
// query norm), summed, times the share of clauses that match; only the order the
// clause scores are added in differs, so scores can differ in the last bit. But it
// is run a clause at a time into an array indexed by passage, instead of merging
// every clause's postings through a heap, which is several times faster for the long
// disjunctions questions make; and the postings of common terms and the matches of
// phrases are kept decoded after first use, since they never change.
package bm25

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Searcher runs disjunctions over one bleve index, which must not change while the
// Searcher is in use. It is safe for concurrent use.
type Searcher struct {
	idx bleve.Index
	// What scoring needs, fixed for a read-only index: the scoring model, the
	// passage count and, for BM25, each field's average length.
	scoring     string
	scoringFn   bsearch.GetScoringModelCallbackFn
	docTotal    uint64
	avgFieldLen map[string]float64
	docFreqs    map[string]int
	accs        sync.Pool // *accumulator
	postings    postingsCache
	hot         []hotTerm // terms Warm caches, most common first
	// postingsTotal counts the postings of every term of the fields.
	postingsTotal int
	cacheBytes    int64
	// smallIndex is the constant smallIndex (tests change it).
	smallIndex int
}

// Option configures a Searcher.
type Option func(*Searcher)

// CacheBytes bounds the memory the Searcher's postings cache may take
// (DefaultCacheBytes when not given); it takes less when the index needs less.
func CacheBytes(n int64) Option { return func(s *Searcher) { s.cacheBytes = n } }

// New prepares a Searcher for queries on fields of idx: it reads the figures
// scoring needs and the fields' term dictionaries, and sizes the postings cache
// for the index. Queries may name other fields; their terms are then scored by
// bleve's own searchers, and never cached.
func New(idx bleve.Index, fields []string, opts ...Option) (*Searcher, error) {
	s := &Searcher{idx: idx, docFreqs: map[string]int{}, cacheBytes: DefaultCacheBytes, smallIndex: smallIndex}
	s.postings.init(fields)
	for _, o := range opts {
		o(s)
	}
	if err := s.loadScoring(fields); err != nil {
		return nil, err
	}
	for _, f := range fields {
		if err := s.readTerms(f, cacheMinPassages, true); err != nil {
			return nil, err
		}
	}
	s.postings.minPassages = cacheMinPassages
	if s.postingsTotal <= s.smallIndex {
		// A small index is cached whole: its rare terms too.
		s.postings.minPassages = 1
		for _, f := range fields {
			if err := s.readTerms(f, 1, false); err != nil {
				return nil, err
			}
		}
	}
	sortHot(s.hot)
	need := int64(0)
	for _, h := range s.hot {
		need += int64(h.df)
	}
	s.postings.limit = min(need+need/4, s.cacheBytes/postingBytes)
	if s.postings.minPassages == 1 {
		// A small index is read whole at once (it is under 1 MB cached): then a
		// term not cached is in no passage, and no question reads the index.
		if err := s.Warm(context.Background()); err != nil {
			return nil, err
		}
		s.postings.whole = s.postings.used.Load() == need
	}
	return s, nil
}

// readTerms reads the dictionary of a field: with all, every term into docFreqs
// and postingsTotal, and those of minDF passages or more into the hot
// terms; without, the terms of fewer than cacheMinPassages but at least minDF.
func (s *Searcher) readTerms(field string, minDF uint64, all bool) error {
	dict, err := s.idx.FieldDict(field)
	if err != nil {
		return fmt.Errorf("read terms of %s: %w", field, err)
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return fmt.Errorf("read terms of %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		if !all {
			if e.Count >= minDF && e.Count < cacheMinPassages {
				s.hot = append(s.hot, hotTerm{field: field, term: e.Term, df: e.Count})
			}
			continue
		}
		s.postingsTotal += int(e.Count)
		if int(e.Count) > s.docFreqs[e.Term] {
			s.docFreqs[e.Term] = int(e.Count)
		}
		if e.Count >= minDF {
			s.hot = append(s.hot, hotTerm{field: field, term: e.Term, df: e.Count})
		}
	}
}

// loadScoring reads the figures bleve's term scorer reads for every query.
func (s *Searcher) loadScoring(fields []string) error {
	s.scoring = index.DefaultScoringModel
	if m, ok := s.idx.Mapping().(*mapping.IndexMappingImpl); ok && m.ScoringModel == index.BM25Scoring {
		s.scoring = index.BM25Scoring
	}
	s.scoringFn = func() string { return s.scoring }
	r, err := s.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	if s.docTotal, err = r.DocCount(); err != nil {
		return err
	}
	s.avgFieldLen = map[string]float64{}
	br, ok := r.(index.BM25Reader)
	if s.scoring != index.BM25Scoring || !ok || s.docTotal == 0 {
		return nil
	}
	for _, f := range fields {
		card, err := br.FieldCardinality(f)
		if err != nil {
			return fmt.Errorf("field %s: %w", f, err)
		}
		s.avgFieldLen[f] = math.Ceil(float64(card) / float64(s.docTotal))
	}
	return nil
}

// DocFreqs returns every term of the fields New was given, with the number of
// passages holding it in the field where it is most common. The map is shared:
// it must not be modified.
func (s *Searcher) DocFreqs() map[string]int { return s.docFreqs }

// reader opens a reader on the index's current snapshot; close it after use.
func (s *Searcher) reader() (index.IndexReader, error) {
	adv, err := s.idx.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// Hit is a passage a query matched.
type Hit struct {
	// ID is the passage's (the bleve document's) ID.
	ID string
	// Score is the passage's score for the query, as bleve would score it.
	Score float64
	// Matched holds, by field, the terms of the query the passage contains. For a
	// disjunction Search runs itself the locations are left out (nil).
	Matched bsearch.FieldTermLocationMap
}

// Search runs q and returns its best size hits, best first, each with the terms it
// matched. Ties are broken as bleve breaks them, by index order. A disjunction with
// a minimum of more than one clause, or a boost of its own, is run by bleve.
func (s *Searcher) Search(ctx context.Context, q *query.DisjunctionQuery, size int) ([]Hit, error) {
	if size <= 0 {
		return nil, ctx.Err()
	}
	if q.Min > 1 || len(q.Disjuncts) == 0 || q.BoostVal != nil {
		return s.searchBleve(ctx, q, size)
	}
	r, err := s.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	bctx := context.WithValue(ctx, bsearch.GetScoringModelCallbackKey, s.scoringFn)

	clauses := make([]clause, 0, len(q.Disjuncts))
	defer func() {
		for _, c := range clauses {
			c.close()
		}
	}()
	sumOfSquaredWeights := 0.0
	for _, d := range q.Disjuncts {
		c, err := s.newClause(bctx, r, d)
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, c)
		sumOfSquaredWeights += c.weight()
	}
	queryNorm := 1.0 / math.Sqrt(sumOfSquaredWeights)

	acc, _ := s.accs.Get().(*accumulator)
	if acc == nil {
		acc = &accumulator{}
	}
	defer func() {
		acc.reset()
		s.accs.Put(acc)
	}()
	for i := range clauses {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := clauses[i].run(bctx, queryNorm, acc, &s.postings); err != nil {
			return nil, err
		}
	}
	top := acc.top(size, len(clauses))
	hits := make([]Hit, 0, len(top))
	for _, t := range top {
		id, err := r.ExternalID(internalID(t.doc))
		if err != nil {
			return nil, fmt.Errorf("passage id: %w", err)
		}
		h := Hit{ID: id, Score: t.score, Matched: bsearch.FieldTermLocationMap{}}
		for i := range clauses {
			clauses[i].addMatched(t.doc, h.Matched)
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// searchBleve is Search by bleve's own searchers.
func (s *Searcher) searchBleve(ctx context.Context, q query.Query, size int) ([]Hit, error) {
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.IncludeLocations = true
	sr, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		hits = append(hits, Hit{ID: h.ID, Score: h.Score, Matched: h.Locations})
	}
	return hits, nil
}

func docNum(id index.IndexInternalID) uint64 { return binary.BigEndian.Uint64(id) }

func internalID(doc uint64) index.IndexInternalID {
	return binary.BigEndian.AppendUint64(make(index.IndexInternalID, 0, 8), doc)
}
