package safety

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/faqbot/faqbot/internal/faqtest"
)

// TestMedQuADQuestions measures false positives on real health questions: only the
// questions about suicide and self-harm themselves may be taken for a crisis, and
// none — "What to do in case of emergency or overdose of …" among them — for an
// emergency.
func TestMedQuADQuestions(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 27 MB corpus")
	}
	// The shared MedQuAD corpus (CC BY 4.0, Ben Abacha & Demner-Fushman 2019): 17,896
	// real consumer-health questions.
	medquadFile := faqtest.MedQuAD(t)
	f, err := os.Open(medquadFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, e := NewDetector(), NewEmergencyDetector()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	want := map[string]bool{"What is (are) Suicide ?": true, "What is (are) Self-harm ?": true}
	found, total := map[string]bool{}, 0
	for n := 1; sc.Scan(); n++ {
		var entry struct{ Question string }
		if err := json.Unmarshal(sc.Bytes(), &entry); err != nil {
			t.Fatalf("%s:%d: %v", medquadFile, n, err)
		}
		total++
		if src, ok := e.d.match(entry.Question); ok {
			t.Errorf("%s:%d: IsEmergency(%q) = true (pattern %q); want false", medquadFile, n, entry.Question, src)
		}
		if src, ok := d.match(entry.Question); ok {
			found[entry.Question] = true
			if !want[entry.Question] {
				t.Errorf("%s:%d: IsCrisis(%q) = true (pattern %q); want false", medquadFile, n, entry.Question, src)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for q := range want {
		if !found[q] {
			t.Errorf("IsCrisis(%q) = false; want true", q)
		}
	}
	t.Logf("%d of %d MedQuAD questions detected as crisis", len(found), total)
}
