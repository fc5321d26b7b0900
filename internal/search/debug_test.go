package search

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestDebugQuestion prints how questions in $FAQBOT_DEBUG (separated by "|") are
// analysed and matched. It is a tool for tuning, skipped unless the variable is set.
func TestDebugQuestion(t *testing.T) {
	qs := os.Getenv("FAQBOT_DEBUG")
	if qs == "" {
		t.Skip("set FAQBOT_DEBUG to questions separated by |")
	}
	ix, lib := buildSeed(t)
	for _, q := range strings.Split(qs, "|") {
		t.Logf("Q: %s", q)
		for _, c := range ix.concepts(q) {
			var alts []string
			for _, a := range c.alts {
				alts = append(alts, fmt.Sprintf("%s×%g", strings.Join(a.terms, " "), a.factor))
			}
			t.Logf("   concept %-14s w=%.2f known=%v alts=%v", c.text, c.weight, c.known, alts)
		}
		res, _ := ix.find(context.Background(), q, 6)
		for _, h := range res.hits {
			t.Logf("   hit %-60.60s score=%.2f cov=%.2f head=%.2f anch=%v", titleOf(lib, h.passageID), h.score, h.coverage, h.heading, h.anchored)
		}
	}
}
