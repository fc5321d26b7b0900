package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/joho/godotenv"
)

// TestEnvExampleDocumentsEverySetting checks that every configuration variable the
// code reads (a quoted UPPER_CASE name in faqbot's command or the Discord config)
// has a line in .env.example, and that .env.example names nothing the code ignores.
func TestEnvExampleDocumentsEverySetting(t *testing.T) {
	documented, err := godotenv.Read("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	sources, _ := filepath.Glob("*.go")
	sources = append(sources, "../../internal/discord/config.go")
	name := regexp.MustCompile(`"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)"`)
	used := map[string]bool{}
	for _, src := range sources {
		if strings.HasSuffix(src, "_test.go") {
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range name.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
	}
	if len(used) < 10 {
		t.Fatalf("found only %d settings in the code: %v", len(used), used)
	}
	for v := range used {
		if _, ok := documented[v]; !ok {
			t.Errorf("%s is read by the code but not documented in .env.example", v)
		}
	}
	for v := range documented {
		if !used[v] {
			t.Errorf(".env.example documents %s, which the code does not read", v)
		}
	}
}
