package discord

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// colorAdmin is the colour of the moderators' reports.
const colorAdmin = 0x6c5ce7

// maxReportLine bounds one quoted question or comment in a report.
const maxReportLine = 200

// report is an embed of lines, as many as fit in a description, saying how many
// did not.
func report(title string, lines []string) reply {
	return reply{embeds: []*discordgo.MessageEmbed{reportEmbed(title, lines, maxEmbedDescription)}}
}

// reportEmbed is an embed of lines, as many as fit in limit characters, saying how
// many did not.
func reportEmbed(title string, lines []string, limit int) *discordgo.MessageEmbed {
	var b strings.Builder
	for i, line := range lines {
		more := fmt.Sprintf(moreLines, len(lines)-i)
		if runeLen(b.String())+runeLen(line)+1+runeLen(more) > limit {
			b.WriteString(more)
			break
		}
		b.WriteString(line + "\n")
	}
	return &discordgo.MessageEmbed{
		Title:       faq.Shorten(title, maxEmbedTitle),
		Description: strings.TrimSpace(b.String()),
		Color:       colorAdmin,
	}
}

// renderStale lists the documents overdue for review, oldest review first, and in
// a second embed those without a review date; both within Discord's 6,000
// characters of embeds, saying how many more there are.
func renderStale(r faq.Reviews) reply {
	if len(r.Overdue)+len(r.Unreviewed) == 0 {
		return text(fmt.Sprintf(msgNoStale, r.MaxAge))
	}
	var out reply
	if len(r.Overdue) > 0 {
		lines := make([]string, len(r.Overdue))
		for i, d := range r.Overdue {
			lines[i] = fmt.Sprintf(staleLine, quote(d.Title), faq.Shorten(d.ID, maxReportLine),
				d.Reviewed.Format(faq.DateLayout), d.Due.Format(faq.DateLayout))
		}
		out.embeds = append(out.embeds, reportEmbed(fmt.Sprintf(titleStale, len(r.Overdue), r.MaxAge), lines, maxStaleEmbed))
	}
	if len(r.Unreviewed) > 0 {
		lines := make([]string, len(r.Unreviewed))
		for i, d := range r.Unreviewed {
			lines[i] = fmt.Sprintf(unreviewedLine, quote(d.Title), faq.Shorten(d.ID, maxReportLine))
		}
		out.embeds = append(out.embeds, reportEmbed(fmt.Sprintf(titleUnreviewed, len(r.Unreviewed)), lines, maxStaleEmbed))
	}
	return out
}

// maxStaleEmbed is the description of each of /faq-admin stale's two embeds: with
// their titles, they stay within the 6,000 characters a message's embeds may hold.
const maxStaleEmbed = 2800

// renderUnanswered lists the unanswered questions, each with its count and the
// nearest passage: the content to extend, or where to add an "Also asked:" line.
func renderUnanswered(groups []faq.Unanswered, days int) reply {
	if len(groups) == 0 {
		return text(fmt.Sprintf(msgNoUnanswered, days))
	}
	lines := make([]string, 0, len(groups))
	for _, g := range groups {
		line := fmt.Sprintf("**%d×** %s", g.Count, quote(g.Question))
		if g.Nearest != "" {
			line += "\n   " + fmt.Sprintf(labelNearest, faq.Shorten(g.Nearest, maxReportLine))
		}
		lines = append(lines, line)
	}
	return report(fmt.Sprintf(titleUnanswered, days), lines)
}

// renderFeedback lists the passages rated Not helpful, with their helpful rate and
// what readers were looking for.
func renderFeedback(passages []faq.PassageFeedback, days int) reply {
	if len(passages) == 0 {
		return text(fmt.Sprintf(msgNoFeedback, days))
	}
	lines := make([]string, 0, len(passages))
	for _, p := range passages {
		line := fmt.Sprintf(feedbackLine, faq.Shorten(p.PassageID, maxReportLine), p.Unhelpful, p.Helpful, 100*p.HelpfulRate())
		for _, c := range p.Comments {
			line += "\n   > " + quote(c)
		}
		lines = append(lines, line)
	}
	return report(fmt.Sprintf(titleFeedback, days), lines)
}

// renderStats is a table of each day's questions by outcome, the latest days that
// fit, with the totals.
func renderStats(days []faq.DayStats, n int) reply {
	if len(days) == 0 {
		return text(fmt.Sprintf(msgNoStats, n))
	}
	row := func(day string, s faq.DayStats) string {
		return fmt.Sprintf("%-10s %9d %8d %11d %6d %5d", day, s.Questions, s.Answered, s.NotCovered, s.Crisis, s.Other)
	}
	var total faq.DayStats
	rows := make([]string, 0, len(days))
	for _, d := range days {
		total.Questions += d.Questions
		total.Answered += d.Answered
		total.NotCovered += d.NotCovered
		total.Crisis += d.Crisis
		total.Other += d.Other
		rows = append(rows, row(d.Day.Format(time.DateOnly), d))
	}
	head, foot := statsHeader, row(labelTotal, total)
	// Room for the fence, the header, the footer, and a line saying what was left out.
	room := maxEmbedDescription - runeLen("```\n"+head+"\n"+foot+"\n```") - 80
	shown := rows
	for len(shown) > 0 && runeLen(strings.Join(shown, "\n"))+1 > room {
		shown = shown[1:]
	}
	desc := "```\n" + head + "\n" + strings.Join(shown, "\n") + "\n" + foot + "\n```"
	if left := len(rows) - len(shown); left > 0 {
		desc += fmt.Sprintf(olderDays, left)
	}
	return reply{embeds: []*discordgo.MessageEmbed{{Title: fmt.Sprintf(titleStats, n), Description: desc, Color: colorAdmin}}}
}

// quote shows a reader's words as text: Markdown and line breaks neutralised, and
// shortened.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return markdownEscaper.Replace(faq.Shorten(s, maxReportLine))
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`,
	">", `\>`, "#", `\#`, "[", `\[`, "]", `\]`, "<", `\<`, "@", "@\u200b")
