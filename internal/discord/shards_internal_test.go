package discord

import (
	"fmt"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestStartRounds(t *testing.T) {
	tests := []struct {
		ids            []int
		maxConcurrency int
		want           string
	}{
		{[]int{0}, 1, "[[0]]"},
		{[]int{0, 1, 2, 3}, 1, "[[0] [1] [2] [3]]"},
		{[]int{3, 0, 2, 1}, 2, "[[0 1] [2 3]]"}, // keys 0 and 1 together
		{[]int{0, 1, 2, 3, 4}, 16, "[[0 1 2 3 4]]"},
		{[]int{5, 6, 7, 8}, 4, "[[5 6 7] [8]]"}, // a range of a larger count
		{[]int{0, 1}, 0, "[[0] [1]]"},           // Discord said nothing: one at a time
	}
	for _, tt := range tests {
		if got := fmt.Sprint(startRounds(tt.ids, tt.maxConcurrency)); got != tt.want {
			t.Errorf("startRounds(%v, %d) = %s; want %s", tt.ids, tt.maxConcurrency, got, tt.want)
		}
	}
}

func TestStartWait(t *testing.T) {
	l := discordgo.SessionInformation{Total: 1000, Remaining: 3, ResetAfter: 60_000, MaxConcurrency: 1}
	if got := startWait(l, 3); got != 0 {
		t.Errorf("3 starts left for 3 shards: wait %v; want none", got)
	}
	if got := startWait(l, 4); got != time.Minute {
		t.Errorf("3 starts left for 4 shards: wait %v; want until the reset, a minute", got)
	}
	if got := startWait(discordgo.SessionInformation{}, 4); got != 0 {
		t.Errorf("no limit given: wait %v; want none", got)
	}
}

func TestRegistersCommands(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		cfg     Config
		gateway bool
		want    bool
	}{
		{Config{}, false, false},                                  // no token: cannot
		{Config{Token: "t"}, true, true},                          // gateway with every shard
		{Config{Token: "t"}, false, true},                         // an endpoint replica
		{Config{Token: "t", ShardIDs: []int{0, 1}}, true, true},   // runs shard 0
		{Config{Token: "t", ShardIDs: []int{2, 3}}, true, false},  // another process runs shard 0
		{Config{Token: "t", RegisterCommands: &no}, false, false}, // told not to
		{Config{Token: "t", ShardIDs: []int{2}, RegisterCommands: &yes}, true, true},
	}
	for _, tt := range tests {
		if got := tt.cfg.RegistersCommands(tt.gateway); got != tt.want {
			t.Errorf("%+v gateway %v: %v; want %v", tt.cfg, tt.gateway, got, tt.want)
		}
	}
}
