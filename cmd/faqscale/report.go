package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// printReport writes the Markdown tables: targets first, then latency and outcomes
// by class of question. Every figure is the median over the runs.
func printReport(w io.Writer, o options, builds, floors, serves []result, indexBytes int64) {
	b, s := builds[0], serves[0]
	lat := func(class string, f func(latency) float64) float64 {
		return med(serves, func(r result) float64 { return f(r.Latency[class]) })
	}
	p50 := func(l latency) float64 { return l.P50 }
	p99 := func(l latency) float64 { return l.P99 }
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**not met**"
	}
	total := med(builds, func(r result) float64 { return r.Total })
	floor := med(floors, func(r result) float64 { return r.Total })
	ratio := buildRatio(builds, floors)
	buildRSS := med(builds, func(r result) float64 { return r.PeakRSSMB })
	startup := med(serves, func(r result) float64 { return r.Startup })
	serveRSS := med(serves, func(r result) float64 { return r.PeakRSSMB })
	allP50, allP99 := lat(classAll, p50), lat(classAll, p99)
	longP50, longP99 := lat(classLong, p50), lat(classLong, p99)

	fmt.Fprintf(w, "MedQuAD (%d documents, %d passages with the shipped content); %d questions per run, "+
		"each timed as its least of %d passes; median of %d runs; %d CPUs, GOMAXPROCS %d, %s.\n\n",
		b.Documents, b.Passages, s.Latency[classAll].N, o.passes, len(serves), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Fprintln(w, "| Measure | Target | Measured | |")
	fmt.Fprintln(w, "|---|---|---|---|")
	fmt.Fprintf(w, "| Index build, wall time (load %s, index %s, snapshot %s; process CPU time %.2f s) | ≤ 2 s | %s | %s |\n",
		ms(med(builds, func(r result) float64 { return r.Load })),
		ms(med(builds, func(r result) float64 { return r.Index })),
		ms(med(builds, func(r result) float64 { return r.Snapshot })),
		med(builds, func(r result) float64 { return r.CPU })/1000,
		fmt.Sprintf("%.2f s", total/1000), met(total <= 2000))
	fmt.Fprintf(w, "| Index build / floor (read, parse, analyse: %s; build and floor runs alternate) | ≤ 2× | %.2f× | %s |\n",
		fmt.Sprintf("%.2f s", floor/1000), ratio, met(ratio <= 2))
	fmt.Fprintf(w, "| Answer p50, all questions | ≤ 1 ms | %s | %s |\n", us(allP50), met(allP50 <= 1000))
	fmt.Fprintf(w, "| Answer p99, all questions | ≤ 5 ms | %s | %s |\n", us(allP99), met(allP99 <= 5000))
	fmt.Fprintf(w, "| Answer p50 / p99, long questions (20–150 words) | ≤ 1 ms / ≤ 5 ms | %s / %s | %s |\n",
		us(longP50), us(longP99), met(longP50 <= 1000 && longP99 <= 5000))
	fmt.Fprintf(w, "| Peak RSS, serving (start-up + all answers) | ≤ 150 MB | %.0f MB | %s |\n", serveRSS, met(serveRSS <= 150))
	fmt.Fprintf(w, "| Peak RSS, building | ≤ 150 MB | %.0f MB | %s |\n", buildRSS, met(buildRSS <= 150))
	fmt.Fprintf(w, "| Start-up with the existing index, no rebuild | ≤ 300 ms | %s, not rebuilt | %s |\n", ms(startup), met(startup <= 300))
	fmt.Fprintf(w, "| Index size on disk (bleve + library snapshot) | — | %.1f MB | |\n", float64(indexBytes)/(1<<20))
	fmt.Fprintf(w, "| Go heap in use while serving (after GC) | — | %.0f MB | |\n",
		med(serves, func(r result) float64 { return r.HeapMB }))

	fmt.Fprintln(w)
	fmt.Fprintln(w, "| Questions | n | p50 | p99 | max | answered | from the source page |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, c := range classes {
		l := s.Latency[c]
		if l.N == 0 {
			continue
		}
		answered, same := "", ""
		if c != classAll {
			answered = fmt.Sprintf("%d%%", percent(s.Kinds[c]["answer"], l.N))
			if c != classOffTopic {
				same = fmt.Sprintf("%d%%", percent(s.SamePage[c], l.N))
			}
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s |\n", c, l.N,
			us(lat(c, p50)), us(lat(c, p99)), us(lat(c, func(l latency) float64 { return l.Max })), answered, same)
	}
	fmt.Fprintf(w, "\nReproduce: `go build -o /tmp/faqscale ./cmd/faqscale && /tmp/faqscale -runs %d -questions %d -passes %d -seed %d -scale %d`\n",
		o.runs, o.questions, o.passes, o.seed, o.scales[0])
}

// med is the median of f over rs.
func med(rs []result, f func(result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// buildRatio is the median over runs of each build's time over the floor measured
// next to it.
func buildRatio(builds, floors []result) float64 {
	v := make([]float64, 0, len(builds))
	for i := range min(len(builds), len(floors)) {
		v = append(v, builds[i].Total/floors[i].Total)
	}
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// printScales writes one row per multiple of MedQuAD: build time and its ratio to
// the floor, answer latency and its ratio to the first multiple's, and memory.
func printScales(w io.Writer, o options, all []scaled) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| MedQuAD | passages | build | floor | build / floor | build RSS | p50 | p99 | p99 / first | serving RSS | start-up | index |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|")
	p99 := func(sc scaled) float64 {
		return med(sc.serves, func(r result) float64 { return r.Latency[classAll].P99 })
	}
	first := p99(all[0])
	for _, sc := range all {
		fmt.Fprintf(w, "| %d× | %d | %.2f s | %.2f s | %.2f× | %.0f MB | %s | %s | %.2f× | %.0f MB | %s | %.0f MB |\n",
			sc.copies, sc.builds[0].Passages,
			med(sc.builds, func(r result) float64 { return r.Total })/1000,
			med(sc.floors, func(r result) float64 { return r.Total })/1000,
			buildRatio(sc.builds, sc.floors),
			med(sc.builds, func(r result) float64 { return r.PeakRSSMB }),
			us(med(sc.serves, func(r result) float64 { return r.Latency[classAll].P50 })),
			us(p99(sc)), p99(sc)/first,
			med(sc.serves, func(r result) float64 { return r.PeakRSSMB }),
			ms(med(sc.serves, func(r result) float64 { return r.Startup })),
			float64(sc.size)/(1<<20))
	}
	fmt.Fprintf(w, "\nReproduce: `go build -o /tmp/faqscale ./cmd/faqscale && /tmp/faqscale -runs %d -questions %d -passes %d -seed %d -scale %s`\n",
		o.runs, o.questions, o.passes, o.seed, joinInts(o.scales))
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (100*n + of/2) / of
}
