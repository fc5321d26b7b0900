package safety

import (
	"strings"
	"testing"
)

// FuzzIsCrisis checks that IsCrisis never panics, gives the same answer twice, ignores
// ASCII case, and that text around a crisis message does not hide it. Its seed corpus
// (every test case plus awkward input) runs in a normal `go test`.
func FuzzIsCrisis(f *testing.F) {
	for _, s := range crisisCases {
		f.Add(s)
	}
	for _, s := range benignCases {
		f.Add(s)
	}
	for _, s := range []string{
		"\xff", "\xed\xa0\x80", "\xc0\xaf", "a\x00b", "'''", "~~~", "!!!", "|", "*",
		"my", "my self", "un", "sewer", "self", "how many", "how much ~6 ~8",
		strings.Repeat("how much ", 200) + "die",
		strings.Repeat("not ", 500),
		strings.Repeat("x", 100000),
		"I want to\u00a0die", "kill\u2028myself", "ＫＩＬＬ ＭＹＳＥＬＦ",
	} {
		f.Add(s)
	}
	d, e := NewDetector(), NewEmergencyDetector()
	f.Fuzz(func(t *testing.T, s string) {
		if em := e.IsEmergency(s); em != e.IsEmergency(asciiUpper(s)) || (em && !e.IsEmergency("ok "+s+" ok")) {
			t.Fatalf("IsEmergency(%q) = %v, but not the same in upper case or with text around it", s, em)
		}
		got := d.IsCrisis(s)
		if again := d.IsCrisis(s); again != got {
			t.Fatalf("IsCrisis(%q) = %v, then %v", s, got, again)
		}
		if up := d.IsCrisis(asciiUpper(s)); up != got {
			t.Fatalf("IsCrisis(%q) = %v but IsCrisis(upper case) = %v", s, got, up)
		}
		if got && !d.IsCrisis("ok "+s+" ok") {
			t.Fatalf("IsCrisis(%q) = true but false with text around it", s)
		}
	})
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// benchMessage is a 150-word message: the common case is a benign question, which has
// to be scanned to the end.
var benchMessage = strings.Join(strings.Fields(strings.Repeat(
	"Hi everyone, I started ketamine infusions last week and I'm still on sertraline. "+
		"My doctor said the combination is usually fine, but I get dizzy and a bit "+
		"nauseous after sessions. Is that normal, and how long does it last? ", 4))[:150], " ")

func BenchmarkIsCrisis(b *testing.B) {
	d := NewDetector()
	if n := len(strings.Fields(benchMessage)); n < 140 || n > 160 {
		b.Fatalf("benchMessage has %d words; want about 150", n)
	}
	b.Run("benign", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if d.IsCrisis(benchMessage) {
				b.Fatal("benign message detected as crisis")
			}
		}
	})
	crisis := benchMessage + " Honestly I just want to end my life."
	b.Run("crisis-at-end", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !d.IsCrisis(crisis) {
				b.Fatal("crisis not detected")
			}
		}
	})
}

func BenchmarkNewDetector(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewDetector()
	}
}
