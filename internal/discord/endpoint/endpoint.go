// Package endpoint is the HTTP interactions transport: Discord POSTs each interaction,
// signed with Ed25519, to a public URL, and the reply is the HTTP response. It holds no
// state between requests, so any number of replicas can run behind a load balancer.
// The answers come from the same discord.Bot the gateway uses. The operations server
// (health, metrics) is not this package's: internal/serve mounts the Handler on the
// one HTTP server it owns.
package endpoint

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// Defaults for Config.
const (
	// DefaultPath is the usual path of the Interactions Endpoint URL; the server that
	// mounts the Handler decides where it is.
	DefaultPath    = "/interactions"
	DefaultMaxBody = 64 << 10
	DefaultMaxSkew = 5 * time.Minute
	// DefaultLaterTimeout bounds deferred work: an interaction token is valid 15 minutes.
	DefaultLaterTimeout = 15 * time.Minute
)

// Responder computes the response to an interaction; *discord.Bot is one. When work
// continues after the response, later is non-nil and runs after the response is sent.
type Responder interface {
	Respond(ctx context.Context, transport string, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, later func(context.Context))
}

// Config configures a Handler.
type Config struct {
	// PublicKey is the application's public key from the developer portal, in hex
	// (DISCORD_PUBLIC_KEY). Required.
	PublicKey string
	// MaxBody is the largest request body accepted, in bytes (default DefaultMaxBody).
	MaxBody int64
	// MaxSkew is how far a request's timestamp may be from now (default DefaultMaxSkew);
	// older or newer requests are refused as replays.
	MaxSkew time.Duration
	// LaterTimeout bounds work that continues after a response (default DefaultLaterTimeout).
	LaterTimeout time.Duration
	// Now returns the current time (default time.Now); tests set it.
	Now func() time.Time
}

// Handler serves POSTed interactions, wherever it is mounted.
type Handler struct {
	cfg   Config
	key   ed25519.PublicKey
	bot   Responder
	log   *slog.Logger
	later sync.WaitGroup
	bufs  sync.Pool // *[]byte holding timestamp + body
}

// New returns a Handler verifying requests with cfg.PublicKey and answering them with bot.
func New(cfg Config, bot Responder, log *slog.Logger) (*Handler, error) {
	key, err := ParsePublicKey(cfg.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("interactions endpoint: %w", err)
	}
	if bot == nil || log == nil {
		return nil, errors.New("interactions endpoint: bot and log are required")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxSkew <= 0 {
		cfg.MaxSkew = DefaultMaxSkew
	}
	if cfg.LaterTimeout <= 0 {
		cfg.LaterTimeout = DefaultLaterTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Handler{cfg: cfg, key: key, bot: bot, log: log}, nil
}

// ServeHTTP answers one POSTed interaction.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		h.log.Warn("interactions endpoint: method not allowed", "method", r.Method, "path", r.URL.Path)
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h.interaction(w, r)
}

// Wait blocks until all work started after a response (a deferred /reindex) has finished.
// Call it after the HTTP server has shut down.
func (h *Handler) Wait() {
	h.later.Wait()
}

// pong is the response to Discord's PING.
var pong = []byte(`{"type":1}`)

// interaction verifies, decodes and answers one POSTed interaction.
func (h *Handler) interaction(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sh, err := parseSignatureHeaders(r.Header.Get(HeaderSignature), r.Header.Get(HeaderTimestamp), h.cfg.Now(), h.cfg.MaxSkew)
	if err != nil {
		h.reject(w, r, http.StatusUnauthorized, err, "")
		return
	}
	if r.ContentLength > h.cfg.MaxBody {
		h.reject(w, r, http.StatusRequestEntityTooLarge, errTooLarge(r.ContentLength), "")
		return
	}

	// The signed message is timestamp + body: read the body in right after the timestamp
	// so that it is verified without a copy.
	bp := h.getBuf()
	defer h.putBuf(bp)
	msg := append((*bp)[:0], sh.ts...)
	msg, err = readBody(msg, http.MaxBytesReader(w, r.Body, h.cfg.MaxBody), r.ContentLength)
	*bp = msg
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.reject(w, r, http.StatusRequestEntityTooLarge, err, "")
			return
		}
		h.reject(w, r, http.StatusBadRequest, fmt.Errorf("read body: %w", err), "")
		return
	}
	if !ed25519.Verify(h.key, msg, sh.sig[:]) {
		h.reject(w, r, http.StatusUnauthorized, errWrongSig, "")
		return
	}
	body := msg[len(sh.ts):]

	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		h.reject(w, r, http.StatusBadRequest, fmt.Errorf("decode interaction: %w", err), "")
		return
	}
	if i.Type == discordgo.InteractionPing {
		h.write(w, pong)
		h.logDone(r, &i, start)
		return
	}
	resp, later := h.respond(r, &i)
	if later != nil {
		// Whatever happens to the response, the work must run: the bot waits for it.
		defer h.runLater(w, r, &i, later)
	}
	if resp == nil {
		h.reject(w, r, http.StatusInternalServerError, fmt.Errorf("no response for interaction type %d", i.Type), i.ID)
		return
	}
	out, err := json.Marshal(resp)
	if err != nil {
		h.reject(w, r, http.StatusInternalServerError, fmt.Errorf("encode response: %w", err), i.ID)
		return
	}
	h.write(w, out)
	h.logDone(r, &i, start)
}

// respond asks the bot for the response, turning a panic into a nil response.
func (h *Handler) respond(r *http.Request, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, later func(context.Context)) {
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("interactions endpoint: responding panicked", "interaction", i.ID, "panic", p)
			resp, later = nil, nil
		}
	}()
	return h.bot.Respond(r.Context(), faq.TransportEndpoint, i)
}

// runLater runs work that continues after the response, outliving the request.
func (h *Handler) runLater(w http.ResponseWriter, r *http.Request, i *discordgo.Interaction, later func(context.Context)) {
	// Flush so that Discord has the deferred response before the work can edit it.
	if err := http.NewResponseController(w).Flush(); err != nil {
		h.log.Warn("interactions endpoint: flush deferred response", "interaction", i.ID, "err", err)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), h.cfg.LaterTimeout)
	id := i.ID
	h.later.Add(1)
	go func() {
		defer h.later.Done()
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				h.log.Error("interactions endpoint: deferred work panicked", "interaction", id, "panic", p)
			}
		}()
		later(ctx)
	}()
}

func (h *Handler) write(w http.ResponseWriter, body []byte) {
	hd := w.Header()
	hd["Content-Type"] = contentTypeJSON
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

var contentTypeJSON = []string{"application/json"}

func (h *Handler) reject(w http.ResponseWriter, r *http.Request, status int, reason error, id string) {
	attrs := []any{"status", status, "reason", reason.Error(), "remote", r.RemoteAddr}
	if id != "" {
		attrs = append(attrs, "interaction", id)
	}
	h.log.Warn("interactions endpoint: request refused", attrs...)
	http.Error(w, http.StatusText(status), status)
}

func (h *Handler) logDone(r *http.Request, i *discordgo.Interaction, start time.Time) {
	if !h.log.Enabled(r.Context(), slog.LevelDebug) {
		return
	}
	h.log.Debug("interaction answered", "interaction", i.ID, "type", int(i.Type), "duration", time.Since(start))
}

func errTooLarge(n int64) error {
	return fmt.Errorf("content length %d over the limit", n)
}
