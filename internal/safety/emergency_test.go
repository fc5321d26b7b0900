package safety

import "testing"

func TestEmergency(t *testing.T) {
	e := NewEmergencyDetector()
	emergencies := []string{
		"I just took a whole bottle of Tylenol",
		"my son swallowed some of my pills",
		"my toddler drank bleach",
		"i think i overdosed",
		"my friend ODed at a party",
		"someone is overdosing right now what do we do",
		"took 30 of my sleeping pills an hour ago",
		"i accidentally took my dose twice",
		"I accidentaly took two doses of my insulin",
		"my dad took way too many of his heart pills",
		"i am about to take the whole bottle",
		"my daughter ate a detergent pod",
		"she swalowed a button battery",
		"i think we've been poisoned",
		"the carbon monoxide alarm is going off and my head hurts",
		"he mixed bleach with ammonia and now he's coughing",
		"my grandma got into her pills and we don't know how many she took",
		"I took some pills by mistake",
	}
	for _, q := range emergencies {
		if !e.IsEmergency(q) {
			t.Errorf("IsEmergency(%q) = false; want true", q)
		}
	}
	information := []string{
		"can you overdose on ketamine?",
		"what happens if you take too much tylenol",
		"what should I do if someone took too much metformin",
		"what happens if someone takes too much atenolol",
		"what are the signs of an iron overdose in kids",
		"how dangerous is a methadone overdose",
		"is it possible to overdose on melatonin",
		"how do kids get lead poisoning",
		"how does carbon monoxide poisoning happen",
		"metformin overdose",
		"I took 50 mg of sertraline this morning, can I have ketamine tonight?",
		"I took 10mg of lexapro for two years",
		"i just took my meds, can i drink coffee",
		"I skipped one of my cephalexin pills this morning, what should I do",
		"the doctor said to take 12 drops twice a day",
		"it took 15 minutes to kick in",
		"I had too much to drink last night, what helps a hangover",
		"is it dangerous to mix bleach and ammonia",
		"I swallowed my pills with grapefruit juice, is that ok",
		"",
	}
	for _, q := range information {
		if e.IsEmergency(q) {
			t.Errorf("IsEmergency(%q) = true; want false", q)
		}
	}
}

// TestEmergencyPhrases checks the phrase data compiles and the number element.
func TestEmergencyPhrases(t *testing.T) {
	d, err := compile("emergency", source{"x.txt", "[emergency]\ntook ~1 10+ !mg\n"})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]bool{
		"took 15 pills": true, "took like 150": true, "took 9 pills": false, "took 15 mg": false, "took 1500000000000": true,
	} {
		if _, got := d.match(q); got != want {
			t.Errorf("match(%q) = %v; want %v", q, got, want)
		}
	}
	for _, bad := range []string{"[emergency]\ntook 0+\n", "[emergency]\ntook 1234567+\n", "[emergency]\ntook x+\n"} {
		if _, err := compile("emergency", source{"x.txt", bad}); err == nil {
			t.Errorf("compile(%q) = nil error; want one", bad)
		}
	}
}
