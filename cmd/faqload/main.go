// Command faqload drives faqbot's HTTP interactions endpoint with signed /ask requests
// and reports requests per second and latency percentiles.
//
// With -url it drives a running endpoint; that endpoint's DISCORD_PUBLIC_KEY must be the
// public key of -seed (faqload prints it). Without -url it starts the endpoint in-process
// on a loopback port, with the real answering service over -content and a generated key pair, and
// drives it over real HTTP.
//
// With -calibrate it also starts a minimal server in the same process — it reads the
// body, verifies the signature, decodes the interaction and encodes a reply of the size
// of faqbot's — and drives both in interleaved rounds with the same requests, printing
// faqbot's throughput, p99 and CPU per request as ratios to the minimal server's:
//
//	go run ./cmd/faqload -calibrate -concurrency 2,8,16 -duration 5s -rounds 3
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
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

// mixText is the default question mix (mix.txt): answers, questions the content
// does not cover, crisis messages and long messages, as a server would send them.
//
//go:embed mix.txt
var mixText string

type options struct {
	url         string
	seed        string
	duration    time.Duration
	requests    int
	levels      []int
	pool        int
	questions   string
	content     string
	cpuProfile  string
	verbose     bool
	printKey    bool
	calibrate   bool
	rounds      int
	answerCache int
}

func runMain(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	priv, err := privateKey(o.seed)
	if err != nil {
		return err
	}
	questions, err := loadQuestions(o.questions)
	if err != nil {
		return err
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

	pool, err := presign(priv, max(o.pool, len(questions)), "load-app", questions)
	if err != nil {
		return fmt.Errorf("sign requests: %w", err)
	}
	base := loadConfig{Duration: o.duration, Requests: o.requests, Priv: priv, Pool: pool}
	var cal *side
	bot := &side{name: "faqbot", url: target}
	if o.calibrate {
		sizes, err := replySizes(ctx, target, pool, questions)
		if err != nil {
			return err
		}
		bot.next = len(questions)
		calURL, stop, err := startCalibration(ctx, newCalibration(priv.Public().(ed25519.PublicKey), questions, sizes, len(pool)))
		if err != nil {
			return err
		}
		defer stop()
		cal = &side{name: "calibration", url: calURL}
		refused := inproc.refusals()
		bot.check = func() error {
			if n := inproc.refusals(); n != refused {
				return fmt.Errorf("%.0f questions refused (cooldown): the pool is too small for this rate; raise -pool", n-refused)
			}
			return nil
		}
	}
	if o.cpuProfile != "" && o.url == "" {
		stopProfile, err := startProfile(o.cpuProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
	fmt.Fprintf(stdout, "driving %s: %d questions, %d pre-signed requests, concurrency %s, GOMAXPROCS %d\n",
		target, len(questions), len(pool), joinInts(o.levels), runtime.GOMAXPROCS(0))
	if cal != nil {
		fmt.Fprintf(stdout, "calibration: %s (read the body, verify, decode, encode a reply of faqbot's size)\n", cal.url)
		if err := compare(ctx, stdout, o, cal, bot, base); err != nil {
			return err
		}
	} else {
		for _, c := range o.levels {
			cfg := base
			cfg.URL, cfg.Concurrency, cfg.Start = target, c, bot.next
			res := run(ctx, cfg)
			bot.next = (bot.next + res.Taken) % len(pool)
			if len(o.levels) > 1 {
				fmt.Fprintf(stdout, "concurrency %d: ", c)
			}
			fmt.Fprintln(stdout, res)
			if res.Requests == 0 {
				return fmt.Errorf("no requests completed")
			}
		}
	}
	if inproc != nil {
		fmt.Fprintf(stdout, "answers by kind: %s\n", inproc.kinds())
	}
	return nil
}

// parseOptions reads the command line.
func parseOptions(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("faqload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var levels string
	fs.StringVar(&o.url, "url", "", "interactions endpoint to drive, e.g. http://127.0.0.1:8080/interactions (empty: start one in-process)")
	fs.StringVar(&o.seed, "seed", "", "Ed25519 private key seed, 64 hex digits (default: a new random key)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long to run (each round, with -calibrate)")
	fs.IntVar(&o.requests, "requests", 0, "stop after this many requests (0: run for -duration)")
	fs.StringVar(&levels, "concurrency", "32", "requests in flight at once; a comma-separated list runs each in turn")
	fs.IntVar(&o.pool, "pool", 40000, "distinct pre-signed requests (distinct users, so the /ask cooldown does not apply)")
	fs.StringVar(&o.questions, "questions", "", "file of questions, one a line (default: the built-in mix, mix.txt)")
	fs.StringVar(&o.content, "content", "content", "in-process mode: content directory the service answers from")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "in-process mode: write a CPU profile of the whole run to this file")
	fs.BoolVar(&o.verbose, "v", false, "in-process mode: log the endpoint's warnings")
	fs.BoolVar(&o.printKey, "print-key", false, "print the public key of -seed (for DISCORD_PUBLIC_KEY) and exit")
	fs.BoolVar(&o.calibrate, "calibrate", false, "in-process mode: also run a minimal server (read, verify, decode, encode a reply of the same size) "+
		"in interleaved rounds, and print faqbot's throughput and p99 as ratios to it")
	fs.IntVar(&o.rounds, "rounds", 3, "with -calibrate: rounds of each server per concurrency level")
	fs.IntVar(&o.answerCache, "answer-cache", 0, "in-process mode: questions whose results the index keeps (0: its default, -1: none)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	for _, f := range strings.Split(levels, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 1 {
			return o, fmt.Errorf("-concurrency %q: want numbers of at least 1", levels)
		}
		o.levels = append(o.levels, c)
	}
	switch {
	case o.pool < 1 || o.rounds < 1:
		return o, fmt.Errorf("-pool and -rounds must be at least 1")
	case o.calibrate && o.url != "":
		return o, fmt.Errorf("-calibrate measures the in-process endpoint: leave out -url")
	}
	return o, nil
}

// loadQuestions reads the questions of path, or the built-in mix.
func loadQuestions(path string) ([]string, error) {
	if path == "" {
		return readQuestions(strings.NewReader(mixText))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	defer f.Close()
	qs, err := readQuestions(f)
	if err != nil {
		return nil, fmt.Errorf("read questions from %s: %w", path, err)
	}
	return qs, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
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
