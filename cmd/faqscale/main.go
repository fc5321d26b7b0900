// Command faqscale measures faqbot at scale: it imports the MedQuAD corpus
// (../shared/medquad/corpus.jsonl from the module root) next to the shipped content,
// builds the index, restarts from the built index, answers generated questions of
// realistic shape, and prints a Markdown table of build time, start-up time, answer
// latency, peak memory and index size.
//
// Building and serving each run in a child process (this program re-executed), so
// the serving figures are not the build's: peak RSS is each child's VmHWM. Next to
// each build, in turn with it, a floor phase reads, parses and analyses the content
// as the build does and indexes nothing; the build is reported as a ratio to it.
// Each question's latency is the least of -passes timed passes, after one that
// warms the caches. With -runs N each phase runs N times and the medians are
// reported. -scale 1,2,4 measures MedQuAD imported once, twice and four times (each
// copy with new titles and ids) and adds a row per multiple. Without the corpus it
// prints why and exits 0.
//
//	go build -o /tmp/faqscale ./cmd/faqscale && /tmp/faqscale -runs 3 -scale 1,2,4
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	if phase := os.Getenv(phaseEnv); phase != "" {
		err = runPhase(ctx, phase, os.Args[1:], os.Stdout)
	} else {
		err = run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "faqscale:", err)
		os.Exit(1)
	}
}
