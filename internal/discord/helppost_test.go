package discord

import (
	"strings"
	"testing"
)

// TestPostText: what a forum post asks, and the name of the thread a text-channel
// post gets.
func TestPostText(t *testing.T) {
	for _, c := range []struct{ title, text, want string }{
		{"Ketamine and SSRIs", "Is it safe?", "Ketamine and SSRIs\nIs it safe?"},
		{"Is it safe?", "is it safe? I take sertraline", "is it safe? I take sertraline"},
		{"", "Is it safe?", "Is it safe?"},
	} {
		if got := postQuestion(c.title, c.text); got != c.want {
			t.Errorf("postQuestion(%q, %q) = %q; want %q", c.title, c.text, got, c.want)
		}
	}
	if got := threadName("  Is it   safe?\nI take sertraline"); got != "Is it safe?" {
		t.Errorf("threadName = %q", got)
	}
	if got := threadName(strings.Repeat("long ", 40)); runeLen(got) > maxThreadName {
		t.Errorf("threadName is %d characters", runeLen(got))
	}
	if got := threadName(" \n"); got != threadDefaultName {
		t.Errorf("threadName of nothing = %q", got)
	}
}
