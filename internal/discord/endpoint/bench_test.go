package endpoint_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord/endpoint"
)

// BenchmarkTransport measures what the endpoint adds to an answer: signature
// verification, decoding and encoding, with a bot that answers at once. No network.
func BenchmarkTransport(b *testing.B) {
	s := newSigner(b)
	h, err := endpoint.New(endpoint.Config{PublicKey: s.publicHex()}, &fakeBot{}, discardLogger())
	if err != nil {
		b.Fatal(err)
	}
	body := interactionJSON(b, "1", discordgo.InteractionApplicationCommand, map[string]any{
		"id": "cmd", "name": "ask", "type": 1,
		"options": []map[string]any{{"name": "question", "type": 3, "value": "Can I take ketamine with an SSRI?"}},
	})
	sig, stamp := s.sign(timeNow(), body)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req := httptest.NewRequest(http.MethodPost, endpoint.DefaultPath, bytes.NewReader(body))
			req.Header.Set(endpoint.HeaderSignature, sig)
			req.Header.Set(endpoint.HeaderTimestamp, stamp)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
	})
}

// BenchmarkSignedAsk drives the whole HTTP transport over loopback with signed /ask
// requests: endpoint -> discord.Bot -> the real answering service over content/. The
// per-user cooldown is off so that a few signed bodies can be reused. For requests per
// second and latency percentiles use cmd/faqload; this is for profiling:
//
//	go test ./internal/discord/endpoint/ -run '^$' -bench SignedAsk -cpuprofile cpu.out
func BenchmarkSignedAsk(b *testing.B) {
	s := newStack(b, stackOptions{cooldown: -1, logs: io.Discard})
	questions := []string{
		"Can I take ketamine while on an SSRI?",
		"Can I drink alcohol after a ketamine infusion?",
		"What are the side effects of ketamine?",
		"What is the capital of France?",
	}
	type signed struct {
		body       []byte
		sig, stamp string
	}
	reqs := make([]signed, len(questions))
	for i, q := range questions {
		body := interaction(b, strconv.Itoa(i+1), discordgo.InteractionApplicationCommand, askData(q), "0")
		sig, stamp := s.sign(time.Now(), body)
		reqs[i] = signed{body, sig, stamp}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := reqs[int(next.Add(1))%len(reqs)]
			req, _ := http.NewRequest(http.MethodPost, s.url+endpoint.DefaultPath, bytes.NewReader(r.body))
			req.Header.Set(endpoint.HeaderSignature, r.sig)
			req.Header.Set(endpoint.HeaderTimestamp, r.stamp)
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
}
