package faq

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultReviewMaxAge is how long a document's review stays current unless
// configured otherwise (REVIEW_MAX_AGE) or the document says (review-every:).
var DefaultReviewMaxAge = Period{Months: 12}

// Period is a length of calendar time, as review intervals are written: "12 months",
// "1 year", "6 weeks", "90 days". The zero Period is none.
type Period struct {
	Years, Months, Days int
}

// ParsePeriod reads a Period written as a whole number and a unit: day(s), week(s),
// month(s) or year(s).
func ParsePeriod(s string) (Period, error) {
	num, unit, ok := strings.Cut(strings.TrimSpace(s), " ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n <= 0 {
		return Period{}, fmt.Errorf("%q is not a period written like \"12 months\" (a whole number and days, weeks, months or years)", s)
	}
	switch strings.TrimSuffix(strings.ToLower(strings.TrimSpace(unit)), "s") {
	case "day":
		return Period{Days: n}, nil
	case "week":
		return Period{Days: 7 * n}, nil
	case "month":
		return Period{Months: n}, nil
	case "year":
		return Period{Years: n}, nil
	}
	return Period{}, fmt.Errorf("%q is not a period written like \"12 months\": the unit is days, weeks, months or years", s)
}

// IsZero reports whether p is no time at all.
func (p Period) IsZero() bool { return p == Period{} }

// After returns t plus p.
func (p Period) After(t time.Time) time.Time { return t.AddDate(p.Years, p.Months, p.Days) }

// String writes p as ParsePeriod reads it ("12 months"); "" for the zero Period.
func (p Period) String() string {
	var parts []string
	for _, u := range []struct {
		n    int
		name string
	}{{p.Years, "year"}, {p.Months, "month"}, {p.Days, "day"}} {
		if u.n != 0 {
			parts = append(parts, count(u.n, u.name))
		}
	}
	return strings.Join(parts, " ")
}

// ReviewDue returns when d's review is due with the default maximum age maxAge
// (d.ReviewEvery when d sets one): zero when d has no review date, or no maximum age
// applies.
func (d Document) ReviewDue(maxAge Period) time.Time {
	if !d.ReviewEvery.IsZero() {
		maxAge = d.ReviewEvery
	}
	if d.Reviewed.IsZero() || maxAge.IsZero() {
		return time.Time{}
	}
	return maxAge.After(d.Reviewed)
}

// DocumentReview is a document as the review lists show it.
type DocumentReview struct {
	ID, Title, Path string
	// Reviewed is its review date; Due is when the next review was due.
	Reviewed, Due time.Time
}

// Reviews lists the documents whose review is overdue, oldest review first, and
// those without a review date, by path.
type Reviews struct {
	Overdue, Unreviewed []DocumentReview
	// MaxAge is the default maximum age the list was made with.
	MaxAge Period
}

// ReviewsOf lists the overdue and unreviewed documents of lib at now, with the
// default maximum age maxAge.
func ReviewsOf(lib Library, maxAge Period, now time.Time) Reviews {
	r := Reviews{MaxAge: maxAge}
	for _, d := range lib.Documents {
		dr := DocumentReview{ID: d.ID, Title: d.Title, Path: d.Path, Reviewed: d.Reviewed, Due: d.ReviewDue(maxAge)}
		switch {
		case d.Reviewed.IsZero():
			r.Unreviewed = append(r.Unreviewed, dr)
		case !dr.Due.IsZero() && now.After(dr.Due):
			r.Overdue = append(r.Overdue, dr)
		}
	}
	slices.SortFunc(r.Overdue, func(a, b DocumentReview) int {
		return cmp.Or(a.Reviewed.Compare(b.Reviewed), a.Due.Compare(b.Due), cmp.Compare(a.Path, b.Path))
	})
	slices.SortFunc(r.Unreviewed, func(a, b DocumentReview) int { return cmp.Compare(a.Path, b.Path) })
	return r
}
