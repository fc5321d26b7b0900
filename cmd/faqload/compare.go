package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// side is one server a comparison drives, with its own pool cursor.
type side struct {
	name string
	url  string
	// next is the first request of the pool the side's next run sends.
	next int
	// check reports a problem with the side's last run (cooldown refusals).
	check func() error
}

// roundPair is what one round measured of each side.
type roundPair struct {
	cal, bot result
}

// compare drives the calibration server and faqbot in interleaved rounds at each
// concurrency level (ABBA order, so that neither always runs first), and prints
// each side's throughput, p99 and CPU per request, and faqbot's as ratios to the
// calibration's: the median of the rounds' ratios, with their range.
func compare(ctx context.Context, w io.Writer, o options, cal, bot *side, base loadConfig) error {
	for _, c := range o.levels {
		rounds := make([]roundPair, o.rounds)
		for r := range rounds {
			order := []*side{cal, bot}
			if r%2 == 1 {
				order = []*side{bot, cal}
			}
			for _, s := range order {
				cfg := base
				cfg.URL, cfg.Concurrency, cfg.Start = s.url, c, s.next
				res := run(ctx, cfg)
				s.next = (s.next + res.Taken) % len(base.Pool)
				if res.Requests == 0 || res.Errors > 0 {
					return fmt.Errorf("%s at concurrency %d: %v", s.name, c, res)
				}
				if s.check != nil {
					if err := s.check(); err != nil {
						return fmt.Errorf("%s at concurrency %d: %w", s.name, c, err)
					}
				}
				if s == cal {
					rounds[r].cal = res
				} else {
					rounds[r].bot = res
				}
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		printComparison(w, c, o.duration, rounds)
	}
	return nil
}

func rps(r result) float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

func cpuPer(r result) time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.CPU / time.Duration(r.Requests)
}

// printComparison prints one concurrency level's rounds.
func printComparison(w io.Writer, clients int, d time.Duration, rounds []roundPair) {
	var tput, p99, cpu []float64
	var calRPS, botRPS, calP99, botP99, calCPU, botCPU []float64
	for _, r := range rounds {
		tput = append(tput, rps(r.bot)/rps(r.cal))
		p99 = append(p99, float64(r.bot.percentile(0.99))/float64(r.cal.percentile(0.99)))
		calRPS, botRPS = append(calRPS, rps(r.cal)), append(botRPS, rps(r.bot))
		calP99 = append(calP99, float64(r.cal.percentile(0.99)))
		botP99 = append(botP99, float64(r.bot.percentile(0.99)))
		calCPU, botCPU = append(calCPU, float64(cpuPer(r.cal))), append(botCPU, float64(cpuPer(r.bot)))
		if r.cal.CPU > 0 && r.bot.CPU > 0 {
			cpu = append(cpu, float64(cpuPer(r.bot))/float64(cpuPer(r.cal)))
		}
	}
	fmt.Fprintf(w, "clients %d: %d rounds of %s each, interleaved; medians (process CPU includes the generator)\n",
		clients, len(rounds), d)
	dur := func(v float64) time.Duration { return round(time.Duration(v)) }
	fmt.Fprintf(w, "  calibration: %6.0f req/s, p99 %s, CPU %s per request\n", median(calRPS), dur(median(calP99)), dur(median(calCPU)))
	fmt.Fprintf(w, "  faqbot:      %6.0f req/s, p99 %s, CPU %s per request\n", median(botRPS), dur(median(botP99)), dur(median(botCPU)))
	fmt.Fprintf(w, "  faqbot / calibration: throughput %s, p99 %s", spread(tput), spread(p99))
	if len(cpu) > 0 {
		fmt.Fprintf(w, ", CPU per request %s", spread(cpu))
	}
	fmt.Fprintln(w)
}

// median returns the median of v (the upper one of an even count).
func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// spread formats the median of v with its range.
func spread(v []float64) string {
	if len(v) == 1 {
		return fmt.Sprintf("%.2f", v[0])
	}
	return fmt.Sprintf("%.2f (%.2f–%.2f)", median(v), slices.Min(v), slices.Max(v))
}
