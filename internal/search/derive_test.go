package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/faqbot/faqbot/internal/faq"
)

func englishAnalyzer(t *testing.T) *deriver {
	t.Helper()
	an, err := registry.NewCache().AnalyzerNamed(en.AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	return newDeriver(an)
}

func pairs(rules []faq.SynonymRule) []string {
	var out []string
	for _, r := range rules {
		out = append(out, strings.Join(r.Synonyms, " = "))
	}
	return out
}

// TestDeriveSynonyms: the names a text gives a thing are found; names of something
// else than the passage's subject, and descriptions, are not.
func TestDeriveSynonyms(t *testing.T) {
	doc := func(title, passage, text string) faq.Document {
		return faq.Document{Title: title, Passages: []faq.Passage{{Title: passage, Plain: text}}}
	}
	lib := faq.Library{Documents: []faq.Document{
		doc("Shingles", "What is (are) Shingles ?", "Shingles, also called herpes zoster, is a painful rash. "+
			"(Another name for shingles is varicella zoster reactivation.) "+
			"This procedure is also called a spinal tap. Numbness in your feet, also called nerve damage, can follow."),
		doc("Triple X syndrome", "What is (are) 47 XXX syndrome ?", "47 XXX syndrome, also called trisomy X or triple X syndrome, affects females."),
		doc("Diabetes tests", "What is (are) A1C test ?", "The hemoglobin A1c (HbA1c) test shows average blood sugar. "+
			"A low level of oxygen (usually at night) is not an abbreviation. Results of the A1C test (HbA1c; also ...). "+
			"Hemoglobin A1c (HbA1c) again."),
		doc("Amlodipine", "What are the brand names of Amlodipine ?", "Amvaz\nNorvasc)\nKeflex Capsules"),
		doc("Simvastatin", "What are the brand names of combination products of Simvastatin ?", "Vytorin (containing Ezetimibe, Simvastatin)"),
		doc("Tarlov cysts", "What is (are) Tarlov cysts ?", "These cysts (also known as meningeal or perineural cysts) can hurt. "+
			"Tarlov cysts, also called perineural cysts, are rare. Tinnitus is often called \"ringing in the ears,\" but it may also sound like roaring, or sizzling."),
		doc("Color vision", "What is (are) color vision deficiency ?", "Achromatopsia differs from color vision deficiency (also called color blindness), in which..."),
	}}
	got := pairs(deriveSynonymsWith(englishAnalyzer(t), lib))
	want := []string{
		"shingles = herpes zoster",
		"shingles = varicella zoster reactivation",
		"47 xxx syndrome = trisomy x",
		"47 xxx syndrome = triple x syndrome",
		"amlodipine = amvaz",
		"amlodipine = norvasc",
		"amlodipine = keflex capsules",
		"amlodipine = keflex",
		"tarlov cysts = perineural cysts",
		"color vision deficiency = color blindness",
		"hba1c = hemoglobin a1c",
	}
	if !slices.Equal(got, want) {
		t.Errorf("derived:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func deriveSynonymsWith(d *deriver, lib faq.Library) []faq.SynonymRule {
	return deriveSynonyms(lib, d.an)
}

// TestDerivedSynonymsStored: Build stores what it derived next to the index, and Open
// applies it without the passages' text.
func TestDerivedSynonymsStored(t *testing.T) {
	lib := faq.Library{Documents: []faq.Document{{ID: "d", Title: "Shingles", Passages: []faq.Passage{
		{ID: "d#what", DocumentID: "d", Kind: faq.KindFAQ, Title: "What is shingles?",
			Plain: "Shingles, also called herpes zoster, is a painful rash on one side of the body."},
		{ID: "d#other", DocumentID: "d", Kind: faq.KindFAQ, Title: "How do bees make honey?", Plain: "From nectar."},
	}}}}
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Build(context.Background(), dir, lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	b, err := os.ReadFile(filepath.Join(dir, derivedFile))
	if err != nil || !strings.Contains(string(b), "shingles, herpes zoster\n") {
		t.Fatalf("%s = %q, %v; want the derived rule", derivedFile, b, err)
	}
	for i := range lib.Documents[0].Passages {
		lib.Documents[0].Passages[i].Plain = "" // Open never has the text
	}
	ix, err = Open(dir, lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err := ix.Rank(context.Background(), "herpes zoster", 3)
	if err != nil || len(r.Hits) == 0 || r.Hits[0].PassageID != "d#what" {
		t.Errorf("Rank(herpes zoster) = %+v, %v; want the shingles entry first", r, err)
	}
}

// TestDerivedRulesSpecific: a derived name of one common word ("ketamine" is in most
// seed passages) names no one thing, and its rule is not applied.
func TestDerivedRulesSpecific(t *testing.T) {
	ix, _ := buildSeed(t)
	rules := []faq.SynonymRule{
		{Synonyms: []string{"ketamine", "special k"}},
		{Synonyms: []string{"serotonin syndrome", "serotonin toxicity"}},
		{Synonyms: []string{"glutamate", "glutamic acid"}},
	}
	got := pairs(ix.specific(rules, nil))
	if want := []string{"serotonin syndrome = serotonin toxicity", "glutamate = glutamic acid"}; !slices.Equal(got, want) {
		t.Errorf("specific = %q; want %q", got, want)
	}
}
