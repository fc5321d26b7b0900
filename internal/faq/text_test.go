package faq

import "testing"

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"fits", 10, "fits"},
		{"exactly", 7, "exactly"},
		{"a long sentence", 7, "a long…"},
		{"trailing space cut", 10, "trailing…"},
		{"ñandú ñandú", 6, "ñandú…"},
		{"abc", 1, "a"},
		{"abc", 0, ""},
	} {
		if got := Shorten(tc.s, tc.n); got != tc.want {
			t.Errorf("Shorten(%q, %d) = %q; want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
