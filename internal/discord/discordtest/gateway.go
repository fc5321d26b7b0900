package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

// gateway is the fake gateway: HELLO, IDENTIFY -> READY, RESUME -> RESUMED, heartbeat
// ACKs, and events dispatched by the test.
type gateway struct {
	s        *Server
	upgrader websocket.Upgrader

	mu       sync.Mutex
	current  *wsConn
	all      map[*wsConn]bool
	seq      int64
	sessions map[string]bool
}

type wsConn struct {
	ws  *websocket.Conn
	wmu sync.Mutex
}

func (c *wsConn) send(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(v)
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d,omitempty"`
	S  int64           `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

func newGateway(s *Server) *gateway {
	return &gateway{s: s, all: map[*wsConn]bool{}, sessions: map[string]bool{}}
}

// ErrNoConnection is returned by Dispatch when no bot is connected.
var ErrNoConnection = errors.New("discordtest: no gateway connection")

func (g *gateway) serveWS(w http.ResponseWriter, r *http.Request) {
	ws, err := g.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &wsConn{ws: ws}
	g.mu.Lock()
	g.all[c] = true
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		delete(g.all, c)
		if g.current == c {
			g.current = nil
		}
		g.mu.Unlock()
		ws.Close()
	}()
	if c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}) != nil {
		return
	}
	var first frame
	if ws.ReadJSON(&first) != nil {
		return
	}
	var rec Request
	switch first.Op {
	case 2:
		var id struct {
			Token string `json:"token"`
		}
		json.Unmarshal(first.D, &id)
		if g.s.Token != "" && id.Token != "Bot "+g.s.Token {
			ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
			return
		}
		if g.s.refuseIdentify(ws, first.D) {
			return
		}
		g.mu.Lock()
		session := fmt.Sprintf("session-%d", len(g.sessions)+1)
		g.sessions[session] = true
		g.mu.Unlock()
		ready := map[string]any{
			"v": 10, "session_id": session, "resume_gateway_url": g.s.GatewayURL(),
			"user":        map[string]any{"id": BotID, "username": "faqbot", "discriminator": "0", "bot": true},
			"application": map[string]any{"id": AppID, "flags": 0},
			"guilds":      []any{}, "private_channels": []any{},
		}
		if !g.dispatchOn(c, "READY", ready) {
			return
		}
		rec = Request{Method: "WS", Path: "identify", Body: first.D}
	case 6:
		var res struct {
			SessionID string `json:"session_id"`
		}
		json.Unmarshal(first.D, &res)
		g.mu.Lock()
		known := g.sessions[res.SessionID]
		g.mu.Unlock()
		if !known {
			c.send(map[string]any{"op": 9, "d": false}) // invalid session
			return
		}
		if !g.dispatchOn(c, "RESUMED", map[string]any{}) {
			return
		}
		rec = Request{Method: "WS", Path: "resume", Body: first.D}
	default:
		ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4003, "Not authenticated."))
		return
	}
	g.mu.Lock()
	g.current = c
	g.mu.Unlock()
	rec.Status = 101
	g.s.log.add(rec)
	for {
		var f frame
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		if f.Op == 1 {
			if c.send(map[string]any{"op": 11}) != nil {
				return
			}
		}
	}
}

// dispatchOn sends a dispatch event on c with the next sequence number.
func (g *gateway) dispatchOn(c *wsConn, event string, data any) bool {
	d, err := json.Marshal(data)
	if err != nil {
		return false
	}
	g.mu.Lock()
	g.seq++
	seq := g.seq
	g.mu.Unlock()
	return c.send(frame{Op: 0, T: event, S: seq, D: d}) == nil
}

func (g *gateway) closeAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for c := range g.all {
		c.ws.NetConn().Close()
	}
}

// Dispatch sends a gateway event (e.g. "INTERACTION_CREATE" with Interaction(...)) to
// the connected bot.
func (s *Server) Dispatch(event string, data any) error {
	s.gw.mu.Lock()
	c := s.gw.current
	s.gw.mu.Unlock()
	if c == nil {
		return ErrNoConnection
	}
	if !s.gw.dispatchOn(c, event, data) {
		return fmt.Errorf("discordtest: dispatch %s: connection closed", event)
	}
	return nil
}

// Drop cuts the gateway connection without a close frame, as a network failure would;
// the bot should reconnect and resume.
func (s *Server) Drop() error {
	s.gw.mu.Lock()
	c := s.gw.current
	s.gw.current = nil
	s.gw.mu.Unlock()
	if c == nil {
		return ErrNoConnection
	}
	return c.ws.NetConn().Close()
}
