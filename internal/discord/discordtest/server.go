// Package discordtest is a fake Discord for tests: a REST API and a gateway websocket
// served on loopback, good enough for the real discordgo client. It records every
// request, lets a test inject 429 and 5xx responses, dispatch gateway events and drop
// the gateway connection. Tests wait on it with contexts, never sleeps.
package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Fake identities the server uses.
const (
	AppID = "100000000000000001" // application id, also the bot's user id
	BotID = AppID
)

// Request is one recorded REST request, or a gateway operation (Method "WS", Path
// "identify" or "resume").
type Request struct {
	Method string
	// Path is the URL path below the API base, e.g. "/interactions/1/tok/callback".
	Path   string
	Header http.Header
	Body   []byte
	// Status is the status the fake answered with.
	Status int
	// Shard is the shard of a gateway operation.
	Shard int
}

// JSON decodes the body into v.
func (r Request) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// Server is a fake Discord. Create it with New.
type Server struct {
	// Token is the bot token REST calls must carry ("Bot " + Token); empty accepts any.
	Token string
	// GatewayBot is what GET /gateway/bot answers, but for its url: the recommended
	// number of shards (1 when 0) and the session start limit (1,000 starts, one
	// at a time, when zero). Set it before the bot connects.
	GatewayBot GatewayBot

	srv *httptest.Server
	log *recorder

	mu     sync.Mutex
	faults []*fault
	gw     *gateway
	msgID  atomic.Int64
	world  *world
}

type fault struct {
	method, prefix string
	status         int
	body           string
	header         http.Header
	left           int
}

// New starts a fake Discord that accepts the bot token token; it is closed when the
// test ends.
func New(t testing.TB, token string) *Server {
	t.Helper()
	s := &Server{Token: token, log: newRecorder(), world: newWorld()}
	s.gw = newGateway(s)
	mux := http.NewServeMux()
	mux.HandleFunc("/gateway", s.gw.serveWS)
	mux.HandleFunc("/gateway/", s.gw.serveWS) // discordgo adds a trailing slash
	mux.HandleFunc("/api/v9/", s.serveREST)
	s.srv = httptest.NewServer(mux)
	t.Cleanup(func() {
		s.gw.closeAll()
		s.srv.Close()
	})
	return s
}

// APIURL is the base URL of the fake REST API, for DISCORD_API_URL.
func (s *Server) APIURL() string { return s.srv.URL + "/api/v9" }

// GatewayURL is the websocket URL GET /gateway returns.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway"
}

// Fail makes the next n requests whose method is method and whose path starts with
// prefix get status instead of being served (they are still recorded). For 429 the
// body carries retry_after (seconds); for other statuses a Discord-style error.
func (s *Server) Fail(method, prefix string, status, n int) {
	f := &fault{method: method, prefix: prefix, status: status, left: n, header: http.Header{}}
	if status == http.StatusTooManyRequests {
		f.body = `{"message": "You are being rate limited.", "retry_after": 0.01, "global": false}`
		f.header.Set("Retry-After", "0")
	} else {
		f.body = fmt.Sprintf(`{"message": "injected failure %d", "code": 0}`, status)
	}
	s.mu.Lock()
	s.faults = append(s.faults, f)
	s.mu.Unlock()
}

// Heal drops every failure Fail injected that is still to come: the fake serves
// every request again.
func (s *Server) Heal() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

func (s *Server) takeFault(method, path string) *fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.left > 0 && f.method == method && strings.HasPrefix(path, f.prefix) {
			f.left--
			return f
		}
	}
	return nil
}

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")
	req := Request{Method: r.Method, Path: path, Header: r.Header.Clone(), Body: body}
	status, resp, header := s.route(r, path, body)
	if f := s.takeFault(r.Method, path); f != nil {
		status, resp, header = f.status, f.body, f.header
	}
	req.Status = status
	for k, v := range header {
		w.Header()[k] = v
	}
	if resp != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	io.WriteString(w, resp)
	s.log.add(req)
}

// route answers a REST request the way Discord would, minimally.
func (s *Server) route(r *http.Request, path string, body []byte) (status int, resp string, header http.Header) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	webhook := parts[0] == "interactions" || parts[0] == "webhooks"
	if !webhook && s.Token != "" && r.Header.Get("Authorization") != "Bot "+s.Token {
		return http.StatusUnauthorized, `{"message": "401: Unauthorized", "code": 0}`, nil
	}
	if status, resp, ok := s.routeWorld(r.Method, parts, body); ok {
		return status, resp, nil
	}
	switch {
	case r.Method == http.MethodGet && path == "/gateway":
		return 200, fmt.Sprintf(`{"url": %q}`, s.GatewayURL()), nil
	case r.Method == http.MethodGet && path == "/gateway/bot":
		return 200, s.gatewayBot(), nil
	case r.Method == http.MethodGet && path == "/oauth2/applications/@me":
		return 200, fmt.Sprintf(`{"id": %q, "name": "faqbot", "bot_public": true}`, AppID), nil
	case r.Method == http.MethodPut && parts[0] == "applications" && parts[len(parts)-1] == "commands":
		return 200, withIDs(body), nil
	case r.Method == http.MethodPost && parts[0] == "interactions" && len(parts) == 4 && parts[3] == "callback":
		return http.StatusNoContent, "", nil
	case parts[0] == "webhooks" && (r.Method == http.MethodPatch || r.Method == http.MethodPost):
		return 200, s.message(body, ""), nil
	case r.Method == http.MethodPost && parts[0] == "channels" && len(parts) == 3 && parts[2] == "messages":
		return 200, s.message(body, parts[1]), nil
	}
	return http.StatusNotFound, `{"message": "404: Not Found", "code": 0}`, nil
}

// GatewayBot is the part of GET /gateway/bot's answer a test sets.
type GatewayBot struct {
	Shards int
	// SessionStartLimit: Total and Remaining starts, ResetAfter (milliseconds) and
	// MaxConcurrency, as Discord names them.
	Total, Remaining, ResetAfter, MaxConcurrency int
}

func (s *Server) gatewayBot() string {
	g := s.GatewayBot
	if g.Shards == 0 {
		g.Shards = 1
	}
	if g.Total == 0 {
		g.Total, g.Remaining, g.MaxConcurrency = 1000, 1000, 1
	}
	b, _ := json.Marshal(map[string]any{
		"url": s.GatewayURL(), "shards": g.Shards,
		"session_start_limit": map[string]int{
			"total": g.Total, "remaining": g.Remaining, "reset_after": g.ResetAfter, "max_concurrency": g.MaxConcurrency,
		},
	})
	return string(b)
}

// message echoes a sent message back as Discord's message object.
func (s *Server) message(body []byte, channel string) string {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil || m == nil {
		m = map[string]any{}
	}
	m["id"] = fmt.Sprint(900000 + s.msgID.Add(1))
	m["channel_id"] = channel
	m["author"] = map[string]any{"id": BotID, "username": "faqbot", "bot": true}
	out, _ := json.Marshal(m)
	return string(out)
}

// withIDs echoes registered commands with ids added.
func withIDs(body []byte) string {
	var cmds []map[string]any
	if err := json.Unmarshal(body, &cmds); err != nil {
		return "[]"
	}
	for i, c := range cmds {
		c["id"] = fmt.Sprint(200000 + i)
		c["application_id"] = AppID
		c["version"] = "1"
	}
	out, _ := json.Marshal(cmds)
	return string(out)
}
