package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// calibration is the least an interactions endpoint must do for one /ask: read the
// body, verify its Ed25519 signature, decode the interaction, and encode a reply the
// size of faqbot's to the same question. Driven by the same generator with the same
// requests, it is the floor faqbot's throughput and latency are measured against:
// what is left is faqbot's own work (search, rendering, logging, metrics), and a
// ratio to the floor measured in the same run holds whatever else the machine does.
type calibration struct {
	key ed25519.PublicKey
	// pad holds, by question, the padding that makes the reply as long as faqbot's.
	pad  map[string]string
	bufs sync.Pool // *[]byte: timestamp + body
}

// errCalibration is a request the calibration server refused.
var errCalibration = errors.New("calibration: bad request")

func (c *calibration) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := c.serve(w, r); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
	}
}

func (c *calibration) serve(w http.ResponseWriter, r *http.Request) error {
	sig, err := hex.DecodeString(r.Header.Get("X-Signature-Ed25519"))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return errCalibration
	}
	bp, _ := c.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer c.bufs.Put(bp)
	msg := append((*bp)[:0], r.Header.Get("X-Signature-Timestamp")...)
	stamp := len(msg)
	for {
		if len(msg) == cap(msg) {
			msg = append(msg, 0)[:len(msg)]
		}
		n, err := r.Body.Read(msg[len(msg):cap(msg)])
		msg = msg[:len(msg)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	*bp = msg
	if !ed25519.Verify(c.key, msg, sig) {
		return errCalibration
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(msg[stamp:], &i); err != nil {
		return err
	}
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok || len(data.Options) == 0 {
		return errCalibration
	}
	q, _ := data.Options[0].Value.(string)
	out, err := json.Marshal(calibrationReply(c.pad[q]))
	if err != nil {
		return err
	}
	w.Header()["Content-Type"] = []string{"application/json"}
	_, err = w.Write(out)
	return err
}

// calibrationReply is the calibration's reply, padded with pad.
func calibrationReply(pad string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: pad},
	}
}

// newCalibration returns the calibration server for pub, replying to each question
// with as many bytes as sizes gives for it, and to the variants of long messages
// the pool's n requests ask (see variant) as many as to the message itself.
func newCalibration(pub ed25519.PublicKey, questions []string, sizes map[string]int, n int) *calibration {
	c := &calibration{key: pub, pad: make(map[string]string, len(sizes))}
	empty, _ := json.Marshal(calibrationReply(""))
	replyOverhead := len(empty)
	pads := make(map[string]string, len(sizes))
	for q, n := range sizes {
		pads[q] = strings.Repeat("x", max(0, n-replyOverhead))
	}
	for i := range n {
		c.pad[variant(questions, i)] = pads[questions[i%len(questions)]]
	}
	return c
}

// startCalibration serves c on a loopback port until ctx is done and returns its URL.
func startCalibration(ctx context.Context, c *calibration) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("calibration: %w", err)
	}
	srv := &http.Server{Handler: c}
	go srv.Serve(ln)
	stop := func() { srv.Shutdown(context.WithoutCancel(ctx)) }
	return "http://" + ln.Addr().String() + "/interactions", stop, nil
}

// replySizes sends each question once to url and returns the length of each reply.
// It uses the first len(questions) requests of pool, which ask them in order.
func replySizes(ctx context.Context, url string, pool []signedRequest, questions []string) (map[string]int, error) {
	client := &http.Client{}
	defer client.CloseIdleConnections()
	sizes := make(map[string]int, len(questions))
	for i, q := range questions {
		body, err := post(ctx, client, url, &pool[i])
		if err != nil {
			return nil, fmt.Errorf("reply size of %q: %w", q, err)
		}
		sizes[q] = len(body)
	}
	return sizes, nil
}

// post sends one pre-signed request and returns the body of a 200 response.
func post(ctx context.Context, client *http.Client, url string, r *signedRequest) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(string(r.body)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", r.sig)
	req.Header.Set("X-Signature-Timestamp", r.stamp)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d: %.100s", resp.StatusCode, b)
	}
	return b, err
}
