package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/faqbot/faqbot/internal/content"
)

func TestExpBuild(t *testing.T) {
	cdir := os.Getenv("EXP_CONTENT")
	if cdir == "" {
		t.Skip()
	}
	t0 := time.Now()
	lib, err := content.Load(cdir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v", time.Since(t0))
	bs, _ := strconv.Atoi(os.Getenv("EXP_BATCH"))
	tv := os.Getenv("EXP_TV") != "0"
	fm := os.Getenv("EXP_FM") == "1"
	out := os.Getenv("EXP_OUT")
	os.RemoveAll(out)
	runtime.GC()
	t1 := time.Now()
	m := newMapping()
	if !tv {
		for _, f := range fieldBoosts {
			m.DefaultMapping.Properties[f.name].Fields[0].IncludeTermVectors = false
		}
	}
	if os.Getenv("EXP_BUILDER") == "1" {
		b, err := bleve.NewBuilder(out, m, map[string]interface{}{"batchSize": bs, "mergeMax": 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range lib.Documents {
			for _, p := range d.Passages {
				r := record{Title: p.Title, Alternates: p.Alternates, Document: d.Title, Body: p.Plain}
				if p.Section != p.Title {
					r.Section = p.Section
				}
				if err := b.Index(p.ID, r); err != nil {
					t.Fatal(err)
				}
			}
		}
		t2 := time.Now()
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(out, "store", "*.zap"))
		t.Logf("builder batch=%d: index %v close %v, %d segments", bs, t2.Sub(t1), time.Since(t2), len(files))
		return
	}
	idx, err := bleve.NewUsing(out, m, scorch.Name, scorch.Name, map[string]interface{}{"unsafe_batch": true})
	if err != nil {
		t.Fatal(err)
	}
	batch := idx.NewBatch()
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			r := record{Title: p.Title, Alternates: p.Alternates, Document: d.Title, Body: p.Plain}
			if p.Section != p.Title {
				r.Section = p.Section
			}
			batch.Index(p.ID, r)
			if batch.Size() >= bs {
				if err := idx.Batch(batch); err != nil {
					t.Fatal(err)
				}
				batch.Reset()
			}
		}
	}
	if batch.Size() > 0 {
		idx.Batch(batch)
	}
	t2 := time.Now()
	if fm {
		a, _ := idx.Advanced()
		if err := a.(*scorch.Scorch).ForceMerge(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
	}
	t3 := time.Now()
	idx.Close()
	files, _ := filepath.Glob(filepath.Join(out, "store", "*.zap"))
	var sz int64
	for _, f := range files {
		st, _ := os.Stat(f)
		sz += st.Size()
	}
	t.Logf("batch=%d tv=%v fm=%v: index %v merge %v close %v total %v; %d segments %d MB", bs, tv, fm, t2.Sub(t1), t3.Sub(t2), time.Since(t3), time.Since(t1), len(files), sz>>20)
	fmt.Println()
}
