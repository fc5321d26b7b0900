package search

import "testing"

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int // -1: over max
	}{
		{"ketamine", "ketamine", 2, 0},
		{"ketmaine", "ketamine", 2, 1}, // two letters swapped: one edit
		{"spravtao", "spravato", 1, 1},
		{"athsma", "asthma", 2, 2}, // a letter moved two places: two edits
		{"casues", "causes", 1, 1},
		{"ketamin", "ketamine", 1, 1},
		{"ketamne", "ketamine", 1, 1},
		{"kteamnie", "ketamine", 2, 2},
		{"ca", "abc", 3, 3}, // optimal string alignment: a swapped pair is not edited again
		{"insurance", "infusion", 2, -1},
		{"", "abc", 2, -1},
		{"", "ab", 2, 2},
		{"naïve", "naive", 1, 1},
		{"abcdef", "badcfe", 3, 3},
		{"abcdef", "badcfe", 2, -1},
	}
	var sc editScratch
	for _, tt := range tests {
		d, over := sc.osaDistance(tt.a, tt.b, tt.max)
		got := d
		if over {
			got = -1
		}
		if got != tt.want {
			t.Errorf("osaDistance(%q, %q, %d) = %d (over %v); want %d", tt.a, tt.b, tt.max, d, over, tt.want)
		}
	}
}
