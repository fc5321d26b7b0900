package content_test

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

func TestParseSynonyms(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []faq.SynonymRule
	}{
		{"equivalence", "Prozac, fluoxetine,  SSRI\n", []faq.SynonymRule{{Synonyms: []string{"prozac", "fluoxetine", "ssri"}}}},
		{"one way", "prozac, sarafem => fluoxetine, ssri\n", []faq.SynonymRule{{Input: []string{"prozac", "sarafem"}, Synonyms: []string{"fluoxetine", "ssri"}}}},
		{"comments and blank lines", "# a comment\n\n   \nbeer => alcohol # trailing comment\n", []faq.SynonymRule{{Input: []string{"beer"}, Synonyms: []string{"alcohol"}}}},
		{"phrases with extra spaces", "side   effect, adverse effect\nsserotonin  syndrome=>serotonin toxicity", []faq.SynonymRule{
			{Synonyms: []string{"side effect", "adverse effect"}},
			{Input: []string{"sserotonin syndrome"}, Synonyms: []string{"serotonin toxicity"}},
		}},
		{"repeats dropped, CRLF", "a, A, b\r\n", []faq.SynonymRule{{Synonyms: []string{"a", "b"}}}},
		{"empty file", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := content.ParseSynonyms("synonyms.txt", []byte(tt.src))
			if err != nil {
				t.Fatalf("ParseSynonyms(%q): %v", tt.src, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseSynonyms(%q) = %#v; want %#v", tt.src, got, tt.want)
			}
		})
	}
}

func TestParseSynonymsErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		want string
	}{
		{"nothing before arrow", "ok, fine\n=> x\n", 2, "nothing before"},
		{"nothing after arrow", "a =>\n", 1, "nothing after"},
		{"two arrows", "a => b => c\n", 1, "only one"},
		{"single term", "# c\nlonely\n", 2, "at least two terms"},
		{"empty term", "a,, b\n", 1, "empty term"},
		{"trailing comma", "a, b,\n", 1, "empty term"},
		{"empty term one way", "a => b, \n", 1, "empty term"},
		{"invalid UTF-8", "a, b\nc, \xff\n", 2, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := content.ParseSynonyms("content/synonyms.txt", []byte(tt.src))
			var ce *content.Error
			if !errors.As(err, &ce) {
				t.Fatalf("ParseSynonyms(%q) error = %v; want a *content.Error", tt.src, err)
			}
			if ce.Path != "content/synonyms.txt" || ce.Line != tt.line || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseSynonyms(%q) error = %q at line %d; want line %d containing %q", tt.src, err, ce.Line, tt.line, tt.want)
			}
		})
	}
}

// TestParseSynonymsAllBadLines checks that every bad line is reported, not just the first.
func TestParseSynonymsAllBadLines(t *testing.T) {
	rules, err := content.ParseSynonyms("s.txt", []byte("a => \ngood, rule\n=> b\nx\n"))
	got := errorLocations(err)
	if want := []string{"s.txt:1", "s.txt:3", "s.txt:4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ParseSynonyms reported %q; want %q", got, want)
	}
	if len(rules) != 1 {
		t.Errorf("ParseSynonyms kept %d rules; want the 1 good one", len(rules))
	}
}

// TestShippedSynonyms checks content/synonyms.txt parses and keeps esketamine one-way.
func TestShippedSynonyms(t *testing.T) {
	data, err := os.ReadFile("../../content/synonyms.txt")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := content.ParseSynonyms("content/synonyms.txt", data)
	if err != nil {
		t.Fatalf("content/synonyms.txt: %v", err)
	}
	for _, r := range rules {
		if r.Input == nil && slices.Contains(r.Synonyms, "esketamine") && slices.Contains(r.Synonyms, "ketamine") {
			t.Errorf("esketamine and ketamine are equivalent in %v; esketamine must map one way", r.Synonyms)
		}
		if slices.Contains(r.Input, "ketamine") && slices.Contains(r.Synonyms, "esketamine") {
			t.Errorf("ketamine maps to esketamine in %v => %v", r.Input, r.Synonyms)
		}
	}
	for _, drug := range []string{"fluoxetine", "sertraline", "venlafaxine", "duloxetine", "amitriptyline", "nortriptyline", "phenelzine", "tranylcypromine", "bupropion", "mirtazapine", "ketamine", "esketamine"} {
		found := false
		for _, r := range rules {
			found = found || slices.Contains(r.Synonyms, drug) || slices.Contains(r.Input, drug)
		}
		if !found {
			t.Errorf("content/synonyms.txt has no rule for %s", drug)
		}
	}
}
