package search

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"
)

func TestExpLatency(t *testing.T) {
	dir := os.Getenv("EXP_INDEX")
	if dir == "" {
		t.Skip()
	}
	t0 := time.Now()
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("open %v", time.Since(t0))
	defer ix.Close()
	var qs []struct{ Class, Text string }
	b, _ := os.ReadFile(os.Getenv("EXP_Q"))
	json.Unmarshal(b, &qs)
	for range 3 {
		var ds []time.Duration
		for _, q := range qs {
			start := time.Now()
			if _, err := ix.Search(context.Background(), q.Text, 4); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(start))
		}
		sort.Slice(ds, func(a, b int) bool { return ds[a] < ds[b] })
		t.Logf("n=%d p50=%v p90=%v p99=%v", len(ds), ds[len(ds)/2], ds[len(ds)*9/10], ds[len(ds)*99/100])
	}
}
