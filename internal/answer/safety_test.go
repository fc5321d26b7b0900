package answer_test

import (
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
)

// TestEmergencyBeforeCrisis: a message that is an emergency and a crisis gets the
// emergency advice first and the crisis resources after it; both texts can be
// configured, and neither reply is searched.
func TestEmergencyBeforeCrisis(t *testing.T) {
	lib := &countingLibrary{Store: openStore(t, faqtest.RepoContent)}
	s := answer.New(answer.Config{EmergencyText: "Call poison control.", CrisisText: "Call 988."}, lib, nil, nil)
	a := ask(t, s, "i'm about to take a whole pack of sleeping pills")
	if a.Kind != faq.KindEmergency || a.Text != "Call poison control.\n\nCall 988." {
		t.Errorf("emergency and crisis = %s %q; want the emergency text, then the crisis text", a.Kind, a.Text)
	}
	a = ask(t, s, "my toddler drank bleach")
	if a.Kind != faq.KindEmergency || a.Text != "Call poison control." {
		t.Errorf("emergency = %s %q; want the emergency text alone", a.Kind, a.Text)
	}
	if a = ask(t, s, strings.Repeat("help ", 300)+"my toddler drank bleach"); a.Kind != faq.KindEmergency {
		t.Errorf("a long emergency message = %s; want the emergency text, not a refusal", a.Kind)
	}
	if lib.finds != 0 {
		t.Errorf("the index was searched %d times; want never", lib.finds)
	}
}
