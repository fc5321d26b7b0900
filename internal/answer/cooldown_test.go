package answer

import (
	"fmt"
	"testing"
	"time"
)

func TestCooldown(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newCooldown(3*time.Second, func() time.Time { return now })
	if ok, _ := c.allow("u1"); !ok {
		t.Fatal("first question refused")
	}
	if ok, wait := c.allow("u1"); ok || wait != 3*time.Second {
		t.Errorf("second question at once = %v, wait %v; want refused, 3s", ok, wait)
	}
	if ok, _ := c.allow("u2"); !ok {
		t.Error("another user refused")
	}
	if ok, _ := c.allow(""); !ok {
		t.Error("a question without a user refused")
	}
	now = now.Add(3 * time.Second)
	if ok, _ := c.allow("u1"); !ok {
		t.Error("question after the cooldown refused")
	}
}

func TestCooldownMemoryBounded(t *testing.T) {
	now := time.Unix(0, 0)
	c := newCooldown(time.Second, func() time.Time { return now })
	for i := range 100_000 {
		now = now.Add(time.Millisecond) // 1000 users per period
		c.allow(fmt.Sprint("user", i))
	}
	c.mu.Lock()
	n := len(c.last)
	c.mu.Unlock()
	if n > 3000 {
		t.Errorf("cooldown remembers %d users; want about the %d seen within one period", n, 1000)
	}
	off := newCooldown(-1, time.Now)
	for range 3 {
		if ok, _ := off.allow("u"); !ok {
			t.Fatal("negative cooldown refused a question")
		}
	}
}
