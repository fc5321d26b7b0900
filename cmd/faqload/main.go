// Command faqload drives faqbot's HTTP interactions endpoint with signed /ask requests
// and reports requests per second and latency percentiles.
//
// With -url it drives a running endpoint; that endpoint's DISCORD_PUBLIC_KEY must be the
// public key of -seed (faqload prints it). Without -url it starts the endpoint in-process
// on a loopback port, with the real answering service over -content and a generated key pair, and
// drives it over real HTTP.
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := runMain(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "faqload:", err)
		os.Exit(1)
	}
}

// defaultQuestions are used without -questions: some the seed content answers, some it
// does not, and one crisis message, roughly as a server would see them.
var defaultQuestions = []string{
	"Can I take ketamine while on an SSRI?",
	"is ketamine safe with antidepressants",
	"Does sertraline interact with ketamine?",
	"What are the side effects of ketamine?",
	"Can I drink alcohol after a ketamine infusion?",
	"do MAOIs interact with ketamine",
	"How long does ketamine stay in the body?",
	"what about lithium and ketamine",
	"Is esketamine the same as ketamine?",
	"What is the capital of France?",
	"how do I reset my password",
	"I want to hurt myself",
}

type options struct {
	url         string
	seed        string
	duration    time.Duration
	requests    int
	concurrency int
	pool        int
	questions   string
	content     string
	cpuProfile  string
	verbose     bool
	printKey    bool
}

func runMain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("faqload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.url, "url", "", "interactions endpoint to drive, e.g. http://127.0.0.1:8080/interactions (empty: start one in-process)")
	fs.StringVar(&o.seed, "seed", "", "Ed25519 private key seed, 64 hex digits (default: a new random key)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long to run")
	fs.IntVar(&o.requests, "requests", 0, "stop after this many requests (0: run for -duration)")
	fs.IntVar(&o.concurrency, "concurrency", 32, "requests in flight at once")
	fs.IntVar(&o.pool, "pool", 40000, "distinct pre-signed requests (distinct users, so the /ask cooldown does not apply)")
	fs.StringVar(&o.questions, "questions", "", "file of questions, one a line (default: a built-in mix)")
	fs.StringVar(&o.content, "content", "content", "in-process mode: content directory the service answers from")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "in-process mode: write a CPU profile of the whole run to this file")
	fs.BoolVar(&o.verbose, "v", false, "in-process mode: log the endpoint's warnings")
	fs.BoolVar(&o.printKey, "print-key", false, "print the public key of -seed (for DISCORD_PUBLIC_KEY) and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if o.concurrency < 1 || o.pool < 1 {
		return fmt.Errorf("-concurrency and -pool must be at least 1")
	}

	priv, err := privateKey(o.seed)
	if err != nil {
		return err
	}
	questions := defaultQuestions
	if o.questions != "" {
		f, err := os.Open(o.questions)
		if err != nil {
			return fmt.Errorf("read questions: %w", err)
		}
		questions, err = readQuestions(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("read questions from %s: %w", o.questions, err)
		}
	}
	if o.printKey {
		fmt.Fprintln(stdout, hex.EncodeToString(priv.Public().(ed25519.PublicKey)))
		return nil
	}
	fmt.Fprintf(stdout, "public key: %s\n", hex.EncodeToString(priv.Public().(ed25519.PublicKey)))

	target := o.url
	var inproc *inProcess
	if target == "" {
		var err error
		inproc, err = startInProcess(ctx, o, priv.Public().(ed25519.PublicKey), stderr)
		if err != nil {
			return err
		}
		defer inproc.stop()
		target = inproc.url
	}

	pool, err := presign(priv, o.pool, "load-app", questions)
	if err != nil {
		return fmt.Errorf("sign requests: %w", err)
	}
	if o.cpuProfile != "" && o.url == "" {
		stopProfile, err := startProfile(o.cpuProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
	fmt.Fprintf(stdout, "driving %s: %d questions, %d pre-signed requests, concurrency %d, GOMAXPROCS %d\n",
		target, len(questions), len(pool), o.concurrency, runtime.GOMAXPROCS(0))
	res := run(ctx, loadConfig{
		URL:         target,
		Duration:    o.duration,
		Requests:    o.requests,
		Concurrency: o.concurrency,
		Priv:        priv,
		Pool:        pool,
	})
	fmt.Fprintln(stdout, res)
	if inproc != nil {
		fmt.Fprintf(stdout, "answers by kind: %s\n", inproc.kinds())
	}
	if res.Requests == 0 {
		return fmt.Errorf("no requests completed")
	}
	return nil
}

// privateKey returns the key for seedHex, or a new one when it is empty.
func privateKey(seedHex string) (ed25519.PrivateKey, error) {
	if seedHex == "" {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		return priv, err
	}
	seed, err := hex.DecodeString(strings.TrimSpace(seedHex))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("-seed must be %d hex digits", 2*ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}
