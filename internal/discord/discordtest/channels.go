package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
)

// Channels and messages the fake knows, for the REST calls of help channels and
// "Find answer": channel lookups, reading and deleting messages, threads started on
// a message, and a gateway that refuses privileged intents.

// Channel types used by tests.
const (
	ChannelText   = 0
	ChannelThread = 11 // a public thread; a forum post is one
	ChannelForum  = 15
)

// IntentMessageContent is the privileged Message Content intent's bit.
const IntentMessageContent = 1 << 15

// world holds what the test added and the threads the bot started.
type world struct {
	mu       sync.Mutex
	channels map[string]map[string]any
	messages map[string]map[string]any // by channel id + "/" + message id
	refuse   int64                     // intents IDENTIFY may not ask for
}

func newWorld() *world {
	return &world{channels: map[string]map[string]any{}, messages: map[string]map[string]any{}}
}

// Channel is a channel object as Discord sends it, in REST lookups and in
// THREAD_CREATE: id, type, parent (for a thread), name and slow mode in seconds.
func Channel(id string, typ int, parent, name string, slowMode int) map[string]any {
	c := map[string]any{"id": id, "type": typ, "guild_id": GuildID, "name": name, "rate_limit_per_user": slowMode}
	if parent != "" {
		c["parent_id"] = parent
	}
	return c
}

// AddChannel makes GET /channels/{id} return c (made by Channel).
func (s *Server) AddChannel(c map[string]any) {
	s.world.mu.Lock()
	defer s.world.mu.Unlock()
	s.world.channels[c["id"].(string)] = c
}

// AddMessage makes GET /channels/{channel}/messages/{id} return m (a MESSAGE_CREATE
// payload or BotMessage).
func (s *Server) AddMessage(m map[string]any) {
	s.world.mu.Lock()
	defer s.world.mu.Unlock()
	s.world.messages[m["channel_id"].(string)+"/"+m["id"].(string)] = m
}

// RefuseIntents makes the gateway close with 4014 ("Disallowed intent(s)") when an
// IDENTIFY asks for any of intents, as Discord does for a privileged intent the
// application is not allowed. The refused IDENTIFY is recorded with Status 4014.
func (s *Server) RefuseIntents(intents int64) {
	s.world.mu.Lock()
	defer s.world.mu.Unlock()
	s.world.refuse = intents
}

// refuseIdentify closes ws with 4014 when identify asks for a refused intent, and
// reports whether it did.
func (s *Server) refuseIdentify(ws *websocket.Conn, identify json.RawMessage) bool {
	var id struct {
		Intents int64 `json:"intents"`
	}
	json.Unmarshal(identify, &id)
	s.world.mu.Lock()
	refused := id.Intents&s.world.refuse != 0
	s.world.mu.Unlock()
	if refused {
		s.log.add(Request{Method: "WS", Path: "identify", Body: identify, Status: 4014})
		ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4014, "Disallowed intent(s)."))
	}
	return refused
}

// routeWorld serves the REST calls on channels and messages beyond sending one;
// ok is false for any other request.
func (s *Server) routeWorld(method string, parts []string, body []byte) (status int, resp string, ok bool) {
	if parts[0] != "channels" || len(parts) < 2 {
		return 0, "", false
	}
	w := s.world
	w.mu.Lock()
	defer w.mu.Unlock()
	found := func(v map[string]any, what string) (int, string, bool) {
		if v == nil {
			return http.StatusNotFound, fmt.Sprintf(`{"message": "Unknown %s", "code": 10003}`, what), true
		}
		out, _ := json.Marshal(v)
		return http.StatusOK, string(out), true
	}
	switch {
	case method == http.MethodGet && len(parts) == 2:
		return found(w.channels[parts[1]], "Channel")
	case method == http.MethodGet && len(parts) == 4 && parts[2] == "messages":
		return found(w.messages[parts[1]+"/"+parts[3]], "Message")
	case method == http.MethodDelete && len(parts) == 4 && parts[2] == "messages":
		delete(w.messages, parts[1]+"/"+parts[3])
		return http.StatusNoContent, "", true
	case method == http.MethodPost && len(parts) == 5 && parts[2] == "messages" && parts[4] == "threads":
		var start struct {
			Name string `json:"name"`
		}
		json.Unmarshal(body, &start)
		t := Channel(parts[3], ChannelThread, parts[1], start.Name, 0)
		t["owner_id"] = BotID
		w.channels[parts[3]] = t
		return found(t, "Channel")
	}
	return 0, "", false
}
