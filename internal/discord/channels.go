package discord

import (
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// channelInfo is what the help channels need to know of a channel.
type channelInfo struct {
	id, parent, name string
	kind             discordgo.ChannelType
	slowMode         time.Duration // rate_limit_per_user
	learned          time.Time
}

// thread reports whether the channel is a thread (a forum post is one).
func (c channelInfo) thread() bool {
	return c.kind == discordgo.ChannelTypeGuildPublicThread || c.kind == discordgo.ChannelTypeGuildPrivateThread ||
		c.kind == discordgo.ChannelTypeGuildNewsThread
}

func infoOf(c *discordgo.Channel, now time.Time) channelInfo {
	return channelInfo{id: c.ID, parent: c.ParentID, name: c.Name, kind: c.Type,
		slowMode: time.Duration(c.RateLimitPerUser) * time.Second, learned: now}
}

// How long a looked-up channel is trusted (slow mode can change), and how many are
// kept.
const (
	channelTTL  = 5 * time.Minute
	maxChannels = 4096
)

// channelCache keeps channels looked up through REST or announced by THREAD_CREATE,
// for the servers whose channels discordgo's state does not hold.
type channelCache struct {
	mu   sync.Mutex
	byID map[string]channelInfo
}

func newChannelCache() *channelCache { return &channelCache{byID: map[string]channelInfo{}} }

func (c *channelCache) get(id string, now time.Time) (channelInfo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch, ok := c.byID[id]
	if !ok || now.Sub(ch.learned) > channelTTL {
		return channelInfo{}, false
	}
	return ch, true
}

func (c *channelCache) put(ch channelInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.byID) >= maxChannels {
		clear(c.byID)
	}
	c.byID[ch.id] = ch
}

// channel looks channel id up: in discordgo's state (kept current by the gateway),
// then among those learned lately, then through REST.
func (b *Bot) channel(s *discordgo.Session, id string) (channelInfo, error) {
	now := b.help.now()
	if s.State != nil {
		if c, err := s.State.Channel(id); err == nil {
			return infoOf(c, now), nil
		}
	}
	if ch, ok := b.help.channels.get(id, now); ok {
		return ch, nil
	}
	c, err := s.Channel(id)
	if err != nil {
		return channelInfo{}, err
	}
	ch := infoOf(c, now)
	b.help.channels.put(ch)
	return ch, nil
}
