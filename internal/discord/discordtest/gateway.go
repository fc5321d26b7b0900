package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/gorilla/websocket"
)

// gateway is the fake gateway: HELLO, IDENTIFY -> READY, RESUME -> RESUMED, heartbeat
// ACKs, and events dispatched by the test, each to the shard Discord would send it
// on. Each connection is one shard's session.
type gateway struct {
	s        *Server
	upgrader websocket.Upgrader

	mu       sync.Mutex
	current  map[int]*wsConn // by shard
	count    int             // the shard count the bot identified with
	all      map[*wsConn]bool
	seq      int64
	sessions map[string]int // session id -> shard
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
	return &gateway{s: s, current: map[int]*wsConn{}, count: 1, all: map[*wsConn]bool{}, sessions: map[string]int{}}
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
		for shard, cur := range g.current {
			if cur == c {
				delete(g.current, shard)
			}
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
	var shard int
	switch first.Op {
	case 2:
		var id struct {
			Token string  `json:"token"`
			Shard *[2]int `json:"shard"`
		}
		json.Unmarshal(first.D, &id)
		if g.s.Token != "" && id.Token != "Bot "+g.s.Token {
			ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
			return
		}
		if g.s.refuseIdentify(ws, first.D) {
			return
		}
		count := 1
		if id.Shard != nil {
			shard, count = id.Shard[0], id.Shard[1]
		}
		g.mu.Lock()
		session := fmt.Sprintf("session-%d", len(g.sessions)+1)
		g.sessions[session] = shard
		g.count = count
		g.mu.Unlock()
		ready := map[string]any{
			"v": 10, "session_id": session, "resume_gateway_url": g.s.GatewayURL(),
			"user":        map[string]any{"id": BotID, "username": "faqbot", "discriminator": "0", "bot": true},
			"application": map[string]any{"id": AppID, "flags": 0},
			"guilds":      []any{}, "private_channels": []any{}, "shard": []int{shard, count},
		}
		if !g.dispatchOn(c, "READY", ready) {
			return
		}
		rec = Request{Method: "WS", Path: "identify", Body: first.D, Shard: shard}
	case 6:
		var res struct {
			SessionID string `json:"session_id"`
		}
		json.Unmarshal(first.D, &res)
		g.mu.Lock()
		s, known := g.sessions[res.SessionID]
		g.mu.Unlock()
		if !known {
			c.send(map[string]any{"op": 9, "d": false}) // invalid session
			return
		}
		if !g.dispatchOn(c, "RESUMED", map[string]any{}) {
			return
		}
		shard = s
		rec = Request{Method: "WS", Path: "resume", Body: first.D, Shard: shard}
	default:
		ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4003, "Not authenticated."))
		return
	}
	g.mu.Lock()
	g.current[shard] = c
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
// the connected bot, on the shard Discord sends it on: that of the event's guild_id
// ((guild_id >> 22) % shard count), shard 0 for an event outside a server.
func (s *Server) Dispatch(event string, data any) error {
	s.gw.mu.Lock()
	shard := ShardOf(guildOf(data), s.gw.count)
	c := s.gw.current[shard]
	s.gw.mu.Unlock()
	if c == nil {
		return fmt.Errorf("%w (shard %d)", ErrNoConnection, shard)
	}
	if !s.gw.dispatchOn(c, event, data) {
		return fmt.Errorf("discordtest: dispatch %s: connection closed", event)
	}
	return nil
}

// ShardOf is the shard of count that receives the events of server guildID, as
// Discord computes it; 0 for no server.
func ShardOf(guildID string, count int) int {
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || count < 1 {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// guildOf returns the guild_id of an event payload made by this package's builders.
func guildOf(data any) string {
	if m, ok := data.(map[string]any); ok {
		if g, ok := m["guild_id"].(string); ok {
			return g
		}
	}
	return ""
}

// Drop cuts shard 0's gateway connection without a close frame, as a network failure
// would; the bot should reconnect and resume.
func (s *Server) Drop() error {
	s.gw.mu.Lock()
	c := s.gw.current[0]
	delete(s.gw.current, 0)
	s.gw.mu.Unlock()
	if c == nil {
		return ErrNoConnection
	}
	return c.ws.NetConn().Close()
}
