package search

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

func TestExpLatency(t *testing.T) {
	dir := os.Getenv("EXP_INDEX")
	if dir == "" {
		t.Skip()
	}
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var qs []struct{ Class, Text string }
	b, _ := os.ReadFile(os.Getenv("EXP_Q"))
	json.Unmarshal(b, &qs)
	for _, locs := range []bool{true, false, true, false} {
		var ds []time.Duration
		postings := 0
		for _, q := range qs {
			start := time.Now()
			cs := ix.concepts(q.Text)
			qq := ix.query(cs)
			if qq == nil {
				continue
			}
			req := bleve.NewSearchRequestOptions(qq, 4, 0, false)
			req.IncludeLocations = locs
			sr, err := ix.bleve.SearchInContext(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(start))
			postings += int(sr.Total)
		}
		sort.Slice(ds, func(a, b int) bool { return ds[a] < ds[b] })
		t.Logf("locs=%v n=%d p50=%v p90=%v p99=%v avg matched docs=%d", locs, len(ds), ds[len(ds)/2], ds[len(ds)*9/10], ds[len(ds)*99/100], postings/len(ds))
	}
}
