package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// reportLimit is how many unanswered groups and rated passages a report lists.
const reportLimit = 100

// logReport is what `faqbot report` prints, in any format.
type logReport struct {
	Database   string
	Server     string
	Days       int
	Since      time.Time
	Stats      []faq.DayStats
	Unanswered []faq.Unanswered
	Feedback   []faq.PassageFeedback
	// passages are the content's passages by id, when the content could be read.
	passages map[string]passageAt
}

// passageAt is a passage with the file it is in.
type passageAt struct {
	*faq.Passage
	Path string
}

// runReport prints the question log's reports: per day, unanswered, rated unhelpful.
func runReport(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	days := fs.Int("days", 7, "cover the last `N` days")
	format := fs.String("format", "text", "text, csv or json")
	suggest := fs.Bool("suggest", false, `print "Also asked:" lines per FAQ entry from the unanswered questions nearest to it`)
	server := fs.String("server", "", "only this Discord server (guild) `ID`; default: all")
	contentDir := fs.String("content", s.get("CONTENT_DIR", "content"), "content `directory`, for passage titles (CONTENT_DIR)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("%w: report takes no arguments, got %q", errUsage, fs.Args())
	case *days < 1:
		return fmt.Errorf("%w: -days %d: want 1 or more", errUsage, *days)
	case *format != "text" && *format != "csv" && *format != "json":
		return fmt.Errorf("%w: -format %q: want text, csv or json", errUsage, *format)
	}
	db, err := openLog(ctx, s)
	if err != nil {
		return err
	}
	defer db.Close()
	r := logReport{Database: databaseConfig(s).Where(), Server: *server, Days: *days,
		Since: time.Now().UTC().AddDate(0, 0, -*days)}
	q := faq.ReportQuery{Server: r.Server, Since: r.Since, Limit: reportLimit}
	if r.Stats, err = db.Stats(ctx, q); err != nil {
		return err
	}
	if r.Unanswered, err = db.Unanswered(ctx, q); err != nil {
		return err
	}
	if r.Feedback, err = db.Feedback(ctx, q); err != nil {
		return err
	}
	r.passages, err = passagesIn(*contentDir)
	if err != nil && *suggest {
		return fmt.Errorf("report -suggest needs the content: %w", err)
	}
	switch {
	case *suggest:
		return r.suggest(stdout)
	case *format == "csv":
		return r.csv(stdout)
	case *format == "json":
		return r.json(stdout)
	}
	return r.text(stdout)
}

// passagesIn reads the content in dir and returns its passages by id.
func passagesIn(dir string) (map[string]passageAt, error) {
	lib, err := content.Load(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]passageAt{}
	for _, d := range lib.Documents {
		for i := range d.Passages {
			out[d.Passages[i].ID] = passageAt{Passage: &d.Passages[i], Path: d.Path}
		}
	}
	return out, nil
}

// title is "id (title)" when the passage is known, else its id.
func (r logReport) title(id string) string {
	if p, ok := r.passages[id]; ok {
		return fmt.Sprintf("%s (%s)", id, p.Title)
	}
	return id
}

func (r logReport) text(w io.Writer) error {
	scope := "all servers"
	if r.Server != "" {
		scope = "server " + r.Server
	}
	fmt.Fprintf(w, "Question log %s: the last %d days, %s.\n\n", r.Database, r.Days, scope)
	fmt.Fprintln(w, "Questions per day (UTC)")
	fmt.Fprintf(w, "  %-10s %9s %8s %11s %6s %5s\n", "Day", "Questions", "Answered", "Not covered", "Crisis", "Other")
	for _, d := range r.Stats {
		fmt.Fprintf(w, "  %-10s %9d %8d %11d %6d %5d\n", d.Day.Format(time.DateOnly), d.Questions, d.Answered, d.NotCovered, d.Crisis, d.Other)
	}
	if len(r.Stats) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	fmt.Fprintln(w, "\nUnanswered questions, most asked first")
	for _, u := range r.Unanswered {
		fmt.Fprintf(w, "  %3d× %s\n", u.Count, u.Question)
		for _, o := range u.Wordings[:min(3, len(u.Wordings))] {
			fmt.Fprintf(w, "       also: %s\n", o)
		}
		if u.Nearest != "" {
			fmt.Fprintf(w, "       nearest: %s\n", r.title(u.Nearest))
		}
	}
	if len(r.Unanswered) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	fmt.Fprintln(w, "\nAnswers rated Not helpful, most often first")
	for _, f := range r.Feedback {
		fmt.Fprintf(w, "  %s: %d not helpful, %d helpful (%.0f%% helpful)\n", r.title(f.PassageID), f.Unhelpful, f.Helpful, 100*f.HelpfulRate())
		for _, c := range f.Comments {
			fmt.Fprintf(w, "       > %s\n", c)
		}
	}
	if len(r.Feedback) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	return nil
}

// suggest prints, per FAQ entry, the unanswered questions nearest to it as lines
// ready to paste under its "Also asked:".
func (r logReport) suggest(w io.Writer) error {
	byEntry := map[string][]faq.Unanswered{}
	var order []string
	for _, u := range r.Unanswered {
		p, ok := r.passages[u.Nearest]
		if !ok || p.Kind != faq.KindFAQ {
			continue
		}
		if byEntry[u.Nearest] == nil {
			order = append(order, u.Nearest)
		}
		byEntry[u.Nearest] = append(byEntry[u.Nearest], u)
	}
	if len(order) == 0 {
		fmt.Fprintf(w, "No unanswered question in the last %d days is nearest to an FAQ entry.\n", r.Days)
		return nil
	}
	fmt.Fprintln(w, "# Paste under each heading only the questions that entry really answers:")
	fmt.Fprintln(w, "# a wrong phrasing makes the bot answer confidently and wrongly (docs/content.md).")
	for _, id := range order {
		p := r.passages[id]
		fmt.Fprintf(w, "\n%s:%d\n### %s\nAlso asked:\n", p.Path, p.Line, p.Title)
		for _, u := range byEntry[id] {
			fmt.Fprintf(w, "- %s\n", strings.TrimSpace(u.Question))
		}
	}
	return nil
}
