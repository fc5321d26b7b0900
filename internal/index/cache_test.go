package index

import (
	"context"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/search"
)

func TestAnswerCacheGenerations(t *testing.T) {
	c := newAnswerCache(2)
	m := func(s string) faq.Match { return faq.Match{Verdict: faq.Verdict(s)} }
	c.put("a", 4, m("a"))
	c.put("b", 4, m("b"))
	c.put("c", 4, m("c")) // a and b move to the older generation
	if got, ok := c.get("a", 4); !ok || got.Verdict != "a" {
		t.Errorf("a = %v, %v; want it kept in the older generation", got, ok)
	}
	if _, ok := c.get("a", 3); ok {
		t.Error("a question is cached apart for each number of hits")
	}
	c.put("d", 4, m("d")) // the newer (c, a) is full: b goes
	if _, ok := c.get("b", 4); ok {
		t.Error("b outlived two generations")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k, 4); !ok {
			t.Errorf("%s was dropped", k)
		}
	}
	var none *answerCache = newAnswerCache(-1)
	none.put("a", 4, m("a"))
	if _, ok := none.get("a", 4); ok || none != nil {
		t.Error("a cache of negative size caches")
	}
}

// counting is search's Backend, counting the questions its rankers rank.
type counting struct {
	search.Backend
	ranked *atomic.Int64
}

func (c counting) Build(ctx context.Context, dir string, lib faq.Library) (faq.Ranker, error) {
	r, err := c.Backend.Build(ctx, dir, lib)
	if err != nil {
		return nil, err
	}
	return countingRanker{r, c.ranked}, nil
}

func (c counting) Open(dir string, lib faq.Library) (faq.Ranker, error) {
	r, err := c.Backend.Open(dir, lib)
	if err != nil {
		return nil, err
	}
	return countingRanker{r, c.ranked}, nil
}

type countingRanker struct {
	faq.Ranker
	ranked *atomic.Int64
}

func (r countingRanker) Rank(ctx context.Context, q string, n int) (faq.Ranking, error) {
	r.ranked.Add(1)
	return r.Ranker.Rank(ctx, q, n)
}

// TestFindCachesAnswers checks that a question asked again is answered from the
// build's cache with what was found the first time, that a caller changing what it
// got changes nothing for the next, and that the cache can be turned off.
func TestFindCachesAnswers(t *testing.T) {
	for _, size := range []int{0, -1} {
		var ranked atomic.Int64
		cfg := Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index"), AnswerCache: size}
		s, err := New(cfg, counting{ranked: &ranked}, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
		const q = "Can I drink alcohol while undergoing ketamine therapy?"
		first, err := s.Find(context.Background(), q, 4)
		if err != nil || first.Verdict != faq.VerdictAnswer || first.Entries[0].Text == "" {
			t.Fatalf("Find = %+v, %v; want an answer with its text", first, err)
		}
		want := faq.Match{Verdict: first.Verdict, Entries: append([]faq.Entry(nil), first.Entries...)}
		first.Entries[0] = faq.Entry{}
		again, err := s.Find(context.Background(), q, 4)
		if err != nil || !reflect.DeepEqual(again, want) {
			t.Errorf("cache %d: asked again: %+v, %v; want %+v", size, again, err, want)
		}
		if wantRanked := map[int]int64{0: 1, -1: 2}[size]; ranked.Load() != wantRanked {
			t.Errorf("cache %d: ranked %d times; want %d", size, ranked.Load(), wantRanked)
		}
	}
}
