package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// signedRequest is one /ask interaction, signed ahead of time so that the generator's own
// signing does not compete with the endpoint for the CPU.
type signedRequest struct {
	body     []byte
	sig      string
	stamp    string
	signedAt time.Time
}

// resignAfter is when a pre-signed request is signed again: the endpoint refuses
// timestamps more than 5 minutes old.
const resignAfter = 4 * time.Minute

// askBody returns the JSON of an /ask interaction from a distinct user (so that the
// per-user cooldown does not turn the answer into a "wait" message).
func askBody(n int, appID, question string) ([]byte, error) {
	id := strconv.Itoa(1_000_000 + n)
	return json.Marshal(map[string]any{
		"id":             id,
		"application_id": appID,
		"type":           2,
		"token":          "load-token-" + id,
		"version":        1,
		"guild_id":       "100",
		"channel_id":     "200",
		"member": map[string]any{
			"user":        map[string]any{"id": "u" + id, "username": "load" + id},
			"permissions": "0",
		},
		"data": map[string]any{
			"id":   "300",
			"name": "ask",
			"type": 1,
			"options": []map[string]any{
				{"name": "question", "type": 3, "value": question},
			},
		},
	})
}

func sign(priv ed25519.PrivateKey, body []byte, now time.Time) (sig, stamp string) {
	stamp = strconv.FormatInt(now.Unix(), 10)
	msg := make([]byte, 0, len(stamp)+len(body))
	msg = append(append(msg, stamp...), body...)
	return hex.EncodeToString(ed25519.Sign(priv, msg)), stamp
}

// presign builds and signs n /ask requests over the questions (request i asks
// variant(questions, i)), on all CPUs.
func presign(priv ed25519.PrivateKey, n int, appID string, questions []string) ([]signedRequest, error) {
	reqs := make([]signedRequest, n)
	now := time.Now()
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				body, err := askBody(i, appID, variant(questions, i))
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				sig, stamp := sign(priv, body, now)
				reqs[i] = signedRequest{body: body, sig: sig, stamp: stamp, signedAt: now}
			}
		})
	}
	wg.Wait()
	return reqs, firstErr
}

// loadConfig says how hard and how long to drive the endpoint.
type loadConfig struct {
	URL         string
	Duration    time.Duration
	Requests    int // stop after this many (0: run for Duration)
	Concurrency int
	Priv        ed25519.PrivateKey
	Pool        []signedRequest
	// Start is the first request of Pool to send: runs one after another start where
	// the last ended, so that each request still comes from a user not seen lately.
	Start int
}

// result is what a run measured.
type result struct {
	Requests  int
	Errors    int
	FirstErr  error
	Elapsed   time.Duration
	CPU       time.Duration   // CPU time this process used during the run (0: unknown)
	Latencies []time.Duration // sorted
	// Taken is how many requests of the pool the run took (some perhaps unsent).
	Taken int
}

func (r result) percentile(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(p * float64(len(r.Latencies)-1))
	return r.Latencies[i]
}

// String formats the result as the README reports it.
func (r result) String() string {
	rps := float64(r.Requests) / r.Elapsed.Seconds()
	s := fmt.Sprintf("requests %d in %.2fs: %.0f req/s; p50 %s, p90 %s, p99 %s, max %s; errors %d",
		r.Requests, r.Elapsed.Seconds(), rps,
		round(r.percentile(0.50)), round(r.percentile(0.90)), round(r.percentile(0.99)),
		round(r.percentile(1)), r.Errors)
	if r.FirstErr != nil {
		s += fmt.Sprintf(" (first: %v)", r.FirstErr)
	}
	if r.CPU > 0 && r.Requests > 0 {
		per := r.CPU / time.Duration(r.Requests)
		s += fmt.Sprintf("\nCPU %.2fs (%.2f cores busy): %s per request", r.CPU.Seconds(),
			r.CPU.Seconds()/r.Elapsed.Seconds(), round(per))
	}
	return s
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }

// run drives cfg.URL with cfg.Concurrency workers, each sending one request at a time.
func run(ctx context.Context, cfg loadConfig) result {
	transport := &http.Transport{
		MaxIdleConns:        cfg.Concurrency,
		MaxIdleConnsPerHost: cfg.Concurrency,
		DisableCompression:  true,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}

	// Requests in flight when the time is up are let finish: cancelling them would
	// make the service count them as failed.
	deadline := time.Now().Add(cfg.Duration)
	var next atomic.Int64
	var mu sync.Mutex
	var res result
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), processCPU()
	for range cfg.Concurrency {
		wg.Go(func() {
			lat := make([]time.Duration, 0, 4096)
			var errs int
			var firstErr error
			var buf bytes.Buffer
			for ctx.Err() == nil && time.Now().Before(deadline) {
				n := int(next.Add(1)) - 1
				if cfg.Requests > 0 && n >= cfg.Requests {
					break
				}
				req := &cfg.Pool[(cfg.Start+n)%len(cfg.Pool)]
				t0 := time.Now()
				err := send(ctx, client, cfg, req, &buf)
				if ctx.Err() != nil && err != nil {
					break // the run ended mid-request: not an error of the endpoint
				}
				lat = append(lat, time.Since(t0))
				if err != nil {
					errs++
					if firstErr == nil {
						firstErr = err
					}
				}
			}
			mu.Lock()
			res.Latencies = append(res.Latencies, lat...)
			res.Errors += errs
			if res.FirstErr == nil {
				res.FirstErr = firstErr
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	if cpu := processCPU(); cpu0 > 0 || cpu > 0 {
		res.CPU = cpu - cpu0
	}
	res.Requests = len(res.Latencies)
	res.Taken = int(next.Load())
	if cfg.Requests > 0 {
		res.Taken = min(res.Taken, cfg.Requests)
	}
	slices.Sort(res.Latencies)
	return res
}

// send posts one signed request and checks the reply is an inline answer (type 4).
func send(ctx context.Context, client *http.Client, cfg loadConfig, r *signedRequest, buf *bytes.Buffer) error {
	sig, stamp := r.sig, r.stamp
	if time.Since(r.signedAt) > resignAfter {
		sig, stamp = sign(cfg.Priv, r.body, time.Now())
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.URL, bytes.NewReader(r.body))
	if err != nil {
		return err
	}
	req.Header["Content-Type"] = []string{"application/json"}
	req.Header["X-Signature-Ed25519"] = []string{sig}
	req.Header["X-Signature-Timestamp"] = []string{stamp}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf.Reset()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return fmt.Errorf("read response: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.100s", resp.StatusCode, buf.Bytes())
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte(`{"type":4`)) {
		return fmt.Errorf("not an inline answer: %.100s", buf.Bytes())
	}
	return nil
}

var errNoQuestions = errors.New("no questions")

// readQuestions reads one question a line, skipping blank lines and # comments.
func readQuestions(r io.Reader) ([]string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var qs []string
	for line := range bytes.Lines(b) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		qs = append(qs, string(line))
	}
	if len(qs) == 0 {
		return nil, errNoQuestions
	}
	return qs, nil
}
