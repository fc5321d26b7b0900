package faq_test

import (
	"slices"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

func TestParsePeriod(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want faq.Period
		text string
	}{
		{"12 months", faq.Period{Months: 12}, "12 months"},
		{"1 year", faq.Period{Years: 1}, "1 year"},
		{" 2 Weeks ", faq.Period{Days: 14}, "14 days"},
		{"1 day", faq.Period{Days: 1}, "1 day"},
	} {
		got, err := faq.ParsePeriod(tt.in)
		if err != nil || got != tt.want || got.String() != tt.text {
			t.Errorf("ParsePeriod(%q) = %v (%q), %v; want %v (%q)", tt.in, got, got.String(), err, tt.want, tt.text)
		}
	}
	for _, bad := range []string{"", "12", "months", "0 months", "-1 year", "1.5 years", "12 moons", "12months"} {
		if _, err := faq.ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) succeeded; want an error", bad)
		}
	}
}

// TestReviewsOf lists the overdue documents oldest review first, a document's own
// review-every overriding the default, and those without a review date apart.
func TestReviewsOf(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	lib := faq.Library{Documents: []faq.Document{
		{ID: "fresh", Path: "fresh.md", Reviewed: day("2026-06-01")},
		{ID: "old", Path: "old.md", Reviewed: day("2025-03-01")},
		{ID: "older", Path: "older.md", Reviewed: day("2024-01-15")},
		{ID: "strict", Path: "strict.md", Reviewed: day("2026-06-01"), ReviewEvery: faq.Period{Months: 3}},
		{ID: "lax", Path: "lax.md", Reviewed: day("2025-03-01"), ReviewEvery: faq.Period{Years: 3}},
		{ID: "never", Path: "z-never.md"},
		{ID: "unknown", Path: "a-unknown.md"},
	}}
	r := faq.ReviewsOf(lib, faq.DefaultReviewMaxAge, day("2026-11-30"))
	var overdue, unreviewed []string
	for _, d := range r.Overdue {
		overdue = append(overdue, d.ID)
	}
	for _, d := range r.Unreviewed {
		unreviewed = append(unreviewed, d.ID)
	}
	if got, want := overdue, []string{"older", "old", "strict"}; !slices.Equal(got, want) {
		t.Errorf("overdue = %v; want %v (oldest review first)", got, want)
	}
	if got, want := unreviewed, []string{"unknown", "never"}; !slices.Equal(got, want) {
		t.Errorf("unreviewed = %v; want %v (by path)", got, want)
	}
	if due := r.Overdue[0].Due; !due.Equal(day("2025-01-15")) {
		t.Errorf("due = %v; want 12 months after the review", due)
	}
}
