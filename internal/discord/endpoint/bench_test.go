package endpoint_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord/endpoint"
)

// BenchmarkTransport measures what the endpoint adds to an answer: signature
// verification, decoding and encoding, with a bot that answers at once. No network.
func BenchmarkTransport(b *testing.B) {
	s := newSigner(b)
	h, err := endpoint.New(endpoint.Config{PublicKey: s.publicHex()}, &fakeBot{},
		func() bool { return true }, nil, discardLogger())
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
