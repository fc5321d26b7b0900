package search

import "testing"

// TestAspects: what a question asks about, and what an FAQ question answers, are
// recognised from aspects.txt; a misspelt cue word in a question still counts.
func TestAspects(t *testing.T) {
	names := func(s aspectSet) string { return aspects.namesOf(s) }
	for text, want := range map[string]string{
		"What is (are) Shingles ?":                                  "overview",
		"What is the outlook for Iron overdose ?":                   "outlook, overdose",
		"What are the symptoms of Shingles ?":                       "symptoms",
		"What should I do if I forget a dose of Atenolol ?":         "missed_dose",
		"Who is at risk for Glaucoma? ?":                            "risk_factors",
		"How should Metformin be used and what is the dosage ?":     "dosage",
		"What are the side effects or risks of Atenolol ?":          "side_effects",
		"Is Huntington disease inherited ?":                         "inheritance",
		"What are the genetic changes related to Marfan syndrome ?": "genetics",
		"Understanding Ketamine Therapy":                            "none",
	} {
		if got := names(aspects.of(text)); got != want {
			t.Errorf("aspects of %q = %s; want %s", text, got, want)
		}
	}
	ix, _ := buildSeed(t)
	for q, want := range map[string]string{
		"what are the warning signs of a heart attack": "symptoms",
		"waht are the symtpoms of glaucoma":            "symptoms",
		"how do u treat insomina":                      "treatment",
		"I skipped one of my pills, what should I do":  "missed_dose",
		"shingles": "overview", // a bare topic
		"can i take ketamine with my daily antidepressant pills": "none",
	} {
		cs, asking := ix.read(q)
		if got := names(ix.asks(q, asking, cs).all); got != want {
			t.Errorf("asked aspects of %q = %s; want %s", q, got, want)
		}
	}
}

func TestParseAspects(t *testing.T) {
	for _, bad := range []string{"cue\n", "[a]\n~1 x\n", "[a]\nx ~1\n", "[a] sometimes\nx\n", "[a]\nx ~9 y\n", "[a]\n*\n"} {
		if _, err := parseAspects(bad); err == nil {
			t.Errorf("parseAspects(%q) = nil error; want one", bad)
		}
	}
}
