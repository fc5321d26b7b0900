package questionlog

import (
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

// records turns events into what is stored, following the rules in the package
// comment: text only for questions not covered and unhelpful votes, redacted here,
// off the request's path; crisis and emergency messages only counted; with CountsOnly no text and
// no per-question records.
func (l *Log) records(events []faq.Event) Batch {
	var b Batch
	type countKey struct{ day, server, kind string }
	counts := map[countKey]int{}
	var order []countKey
	count := func(e faq.Event, kind string) {
		k := countKey{e.Time.UTC().Format(DayLayout), e.Server, kind}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	keepText := !l.cfg.CountsOnly
	for _, e := range events {
		switch e.Action {
		case faq.ActionAsk:
			kind := outcome(e)
			count(e, kind)
			if l.cfg.CountsOnly || urgent(e.Kind) {
				continue
			}
			q := Question{Time: e.Time, Transport: e.Transport, Server: e.Server, Kind: kind, Code: e.Code,
				Passage: e.PassageID, Score: e.Score}
			if kind == string(faq.KindNoAnswer) || kind == string(faq.KindSuggestions) {
				q.Passage, q.Text = e.Nearest, Redact(e.Question)
			}
			b.Questions = append(b.Questions, q)
		case faq.ActionFeedback:
			if urgent(e.Kind) {
				count(e, string(e.Kind))
			}
			if e.Vote == nil {
				continue
			}
			v := Vote{Key: e.Vote.Key, Time: e.Time, Transport: e.Transport, Server: e.Server,
				Passage: e.PassageID, Helpful: e.Vote.Helpful}
			if l.cfg.CountsOnly {
				v.Time = e.Time.UTC().Truncate(24 * time.Hour)
			}
			if keepText && !v.Helpful {
				v.Question, v.Comment = Redact(e.Question), Redact(e.Vote.Comment)
			}
			b.Votes = append(b.Votes, v)
		}
	}
	for _, k := range order {
		b.Counts = append(b.Counts, Count{Day: k.day, Server: k.server, Kind: k.kind, N: counts[k]})
	}
	return b
}

// urgent reports whether a message got the crisis resources or emergency advice:
// such messages are counted, never stored.
func urgent(k faq.Kind) bool { return k == faq.KindCrisis || k == faq.KindEmergency }

// outcome is how a question ended: its answer's kind, refused or failed.
func outcome(e faq.Event) string {
	switch e.Code {
	case "":
		return string(e.Kind)
	case faq.EINVALID, faq.ERATELIMIT:
		return KindRefused
	}
	return KindError
}
