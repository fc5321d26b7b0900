package safety

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"
)

func TestIsCrisis(t *testing.T) {
	d := NewDetector()
	for _, q := range crisisCases {
		t.Run("crisis/"+q, func(t *testing.T) {
			if !d.IsCrisis(q) {
				t.Errorf("IsCrisis(%q) = false; want true", q)
			}
		})
	}
	for _, q := range benignCases {
		t.Run("benign/"+q, func(t *testing.T) {
			if src, ok := d.match(q); ok {
				t.Errorf("IsCrisis(%q) = true (pattern %q); want false", q, src)
			}
		})
	}
}

func TestCaseCounts(t *testing.T) {
	if len(crisisCases) < 40 || len(benignCases) < 40 {
		t.Errorf("have %d crisis and %d benign cases; want at least 40 of each", len(crisisCases), len(benignCases))
	}
}

// TestSeedArticleIsBenign checks every line of the seed article (the bot's own content)
// is not taken for a crisis.
func TestSeedArticleIsBenign(t *testing.T) {
	f, err := os.Open("testdata/seed-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := NewDetector()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for n := 1; sc.Scan(); n++ {
		lines++
		if src, ok := d.match(sc.Text()); ok {
			t.Errorf("seed-article.txt:%d: IsCrisis = true (pattern %q); want false: %s", n, src, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 50 {
		t.Fatalf("read %d lines of the seed article; want the whole article", lines)
	}
}

// TestEveryPatternIsExercised keeps the data honest: a [crisis] pattern that no test
// case matches is either dead or untested.
func TestEveryPatternIsExercised(t *testing.T) {
	d := NewDetector()
	var toks [][]token
	for _, q := range crisisCases {
		toks = append(toks, d.tokens(q, &scratch{}))
	}
	for _, p := range d.patterns {
		if !anyMatches(p, toks) {
			t.Errorf("phrases.txt:%d: pattern %q matches none of crisisCases", p.line, p.src)
		}
	}
}

func anyMatches(p *pattern, cases [][]token) bool {
	for _, ts := range cases {
		for i, tok := range ts {
			if p.elems[0].accepts(tok.w) && matchFrom(p.elems[1:], ts, i+1) {
				return true
			}
		}
	}
	return false
}

func TestTokens(t *testing.T) {
	d := NewDetector()
	tests := []struct{ in, want string }{
		{"I don’t want to", "i do not want to"},
		{"Can't stop; won't stop!!!", "can not stop will not stop"},
		{"KMS", "kill myself"},
		{"suicdal  thoughts", "suicidal thoughts"},
		{"k1ll mys3lf, 988", "kill myself 988"},
		{"dieeeee", "die"},
		{"di3 ld50 x100 5mg", "die ld50 x100 smg"},
		{"self-harm", "self harm"},
		{"kill my self", "kill myself"},
		{"Suïcide", "suicide"},
		{"sui\u0308cide", "suicide"},
		{"bad\xffutf8", "bad utf8"},
		{"", ""},
	}
	for _, tt := range tests {
		var words []string
		for _, tok := range d.tokens(tt.in, &scratch{}) {
			words = append(words, string(tok.w))
		}
		if got := strings.Join(words, " "); got != tt.want {
			t.Errorf("tokens(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsCrisisHugeAndInvalidInput(t *testing.T) {
	d := NewDetector()
	benign := strings.Repeat("how long does ketamine take to work? ", 50000)
	if d.IsCrisis(benign) {
		t.Errorf("IsCrisis(huge benign text) = true; want false")
	}
	if !d.IsCrisis(benign + " I want to end my life") {
		t.Errorf("IsCrisis(huge text ending in a crisis) = false; want true")
	}
	if !d.IsCrisis("\xff\xfe I want to\xc0 die \xed\xa0\x80") {
		t.Errorf("IsCrisis(crisis among invalid UTF-8) = false; want true")
	}
	if d.IsCrisis(string([]byte{0xff, 0xfe, 0xfd, 0x00, 0x80})) {
		t.Errorf("IsCrisis(invalid UTF-8) = true; want false")
	}
}

func TestIsCrisisConcurrent(t *testing.T) {
	d := NewDetector()
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(crisisCases))
	for range 8 {
		wg.Go(func() {
			for _, q := range crisisCases {
				if !d.IsCrisis(q) {
					errs <- q
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for q := range errs {
		t.Errorf("concurrent IsCrisis(%q) = false; want true", q)
	}
}

func TestDefaultMessage(t *testing.T) {
	for _, want := range []string{"emergency", "988", "https://988lifeline.org", "https://findahelpline.com", "not alone"} {
		if !strings.Contains(DefaultMessage, want) {
			t.Errorf("DefaultMessage does not mention %q", want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"unknown section", "[crisis]\nkill myself\n[verbs]\n", "x.txt:3: unknown section"},
		{"outside a section", "kill myself\n", "x.txt:1: line outside a section"},
		{"rewrite without arrow", "[rewrite]\nkms kill myself\n[crisis]\nkill myself\n", "x.txt:2: want"},
		{"rewrite of three words", "[rewrite]\na b c => d\n[crisis]\nkill myself\n", "x.txt:2: want"},
		{"rewrite twice", "[rewrite]\nkms => kill myself\nkms => kill me\n[crisis]\nkill myself\n", "x.txt:3: \"kms\" is rewritten twice"},
		{"short fuzzy word", "[fuzzy]\nkill\n[crisis]\nkill myself\n", "x.txt:2: fuzzy word"},
		{"gap first", "[crisis]\n~2 die\n", "must start with a word"},
		{"negation first", "[crisis]\n!a die\n", "must start with a word"},
		{"gap last", "[crisis]\nwant ~2\n", "ends with a gap"},
		{"two gaps", "[crisis]\nwant ~2 ~3 die\n", "two gaps in a row"},
		{"gap too big", "[crisis]\nwant ~9 die\n", "want ~1 to ~8"},
		{"upper case", "[crisis]\nKill myself\n", "bad word \"Kill\""},
		{"empty alternative", "[crisis]\nkill|| myself\n", "bad word \"\""},
		{"rewritten pattern word", "[rewrite]\nkms => kill myself\n[crisis]\nkms now\n", "x.txt:4: pattern word \"kms\" is always rewritten"},
		{"fuzzy pattern word", "[fuzzy]\nsuicide\n[crisis]\nsuicid now\n", "x.txt:4: pattern word \"suicid\" is always rewritten"},
		{"no patterns", "[rewrite]\nkms => kill myself\n", "no [crisis] patterns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := compile("crisis", source{"x.txt", tt.data})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("compile(%q) = %v, %v; want error containing %q", tt.data, d, err, tt.want)
			}
		})
	}
}

func TestCompileReportsEveryError(t *testing.T) {
	_, err := compile("crisis", source{"x.txt", "[crisis]\n~1 a\nb ~1\n"})
	if err == nil || !strings.Contains(err.Error(), "x.txt:2:") || !strings.Contains(err.Error(), "x.txt:3:") {
		t.Fatalf("compile = %v; want errors for lines 2 and 3", err)
	}
}
