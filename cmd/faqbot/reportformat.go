package main

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"time"
)

// csv prints the report as one table, a row per day, unanswered group and rated
// passage; the first column says which.
func (r logReport) csv(w io.Writer) error {
	c := csv.NewWriter(w)
	c.Write([]string{"report", "day", "question", "count", "passage", "helpful", "unhelpful",
		"questions", "answered", "not_covered", "crisis", "other"})
	n := strconv.Itoa
	for _, d := range r.Stats {
		c.Write([]string{"stats", d.Day.Format(time.DateOnly), "", "", "", "", "",
			n(d.Questions), n(d.Answered), n(d.NotCovered), n(d.Crisis), n(d.Other)})
	}
	for _, u := range r.Unanswered {
		c.Write([]string{"unanswered", u.Last.Format(time.DateOnly), u.Question, n(u.Count), u.Nearest, "", "", "", "", "", "", ""})
	}
	for _, f := range r.Feedback {
		c.Write([]string{"feedback", "", "", "", f.PassageID, n(f.Helpful), n(f.Unhelpful), "", "", "", "", ""})
	}
	c.Flush()
	return c.Error()
}

// json prints the report as one JSON object.
func (r logReport) json(w io.Writer) error {
	type day struct {
		Day        string `json:"day"`
		Questions  int    `json:"questions"`
		Answered   int    `json:"answered"`
		NotCovered int    `json:"not_covered"`
		Crisis     int    `json:"crisis"`
		Other      int    `json:"other"`
	}
	type unanswered struct {
		Question string    `json:"question"`
		Count    int       `json:"count"`
		Nearest  string    `json:"nearest"`
		Wordings []string  `json:"wordings"`
		Last     time.Time `json:"last"`
	}
	type feedback struct {
		Passage     string   `json:"passage"`
		Helpful     int      `json:"helpful"`
		Unhelpful   int      `json:"unhelpful"`
		HelpfulRate float64  `json:"helpful_rate"`
		Comments    []string `json:"comments"`
	}
	out := struct {
		Database   string       `json:"database"`
		Server     string       `json:"server"`
		Days       int          `json:"days"`
		Since      time.Time    `json:"since"`
		Stats      []day        `json:"stats"`
		Unanswered []unanswered `json:"unanswered"`
		Feedback   []feedback   `json:"feedback"`
	}{Database: r.Database, Server: r.Server, Days: r.Days, Since: r.Since,
		Stats: []day{}, Unanswered: []unanswered{}, Feedback: []feedback{}}
	for _, d := range r.Stats {
		out.Stats = append(out.Stats, day{d.Day.Format(time.DateOnly), d.Questions, d.Answered, d.NotCovered, d.Crisis, d.Other})
	}
	for _, u := range r.Unanswered {
		out.Unanswered = append(out.Unanswered, unanswered{u.Question, u.Count, u.Nearest, append([]string{}, u.Wordings...), u.Last})
	}
	for _, f := range r.Feedback {
		out.Feedback = append(out.Feedback, feedback{f.PassageID, f.Helpful, f.Unhelpful, f.HelpfulRate(), append([]string{}, f.Comments...)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
