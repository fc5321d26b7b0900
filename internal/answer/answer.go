// Package answer is the answering service: everything that happens to a question,
// in one place and order. It normalises the question, checks for a crisis first (so
// someone in crisis always gets the resources), refuses a question too long or
// asked too soon before it reaches the index, searches the index in service, decides
// what the reply is, writes every reply text, and tells the observers what happened.
// Every transport (Discord gateway, HTTP endpoint, command line) calls it through
// faq.Service.
package answer

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/safety"
)

// Library is what the service needs of the index in service; *index.Store is one.
type Library interface {
	finder
	Entry(passageID string) (faq.Entry, error)
	Suggest(ctx context.Context, prefix string, n int) ([]faq.Entry, error)
	Explain(ctx context.Context, w io.Writer, question string, n int) error
	Reindex(ctx context.Context) (faq.ReindexReport, error)
	ForceReindex(ctx context.Context) (faq.ReindexReport, error)
	Rollback(ctx context.Context) (faq.RollbackReport, error)
	Library() (faq.Library, error)
	Status() faq.Status
}

// finder finds the passages for a question: the index in service, or a candidate
// build the checks judge (index.Candidate).
type finder interface {
	Find(ctx context.Context, question string, n int) (faq.Match, error)
}

// Defaults for Config.
const (
	// DefaultMaxQuestion is the longest question accepted, in characters; the Discord
	// /ask option is registered with this max_length.
	DefaultMaxQuestion = 1000
	// DefaultCooldown is the time a user must wait between two questions.
	DefaultCooldown = 3 * time.Second
	// DefaultAlternatives is how many runners-up an answer lists.
	DefaultAlternatives = 3
)

// Config says how questions are answered; the zero value of each field means its
// default.
type Config struct {
	// Disclaimer replaces DefaultDisclaimer (a document's own disclaimer still wins).
	Disclaimer string
	// CrisisText replaces DefaultCrisisText.
	CrisisText string
	// EmergencyText replaces DefaultEmergencyText.
	EmergencyText string
	// MaxQuestion is the longest question accepted, in characters.
	MaxQuestion int
	// Cooldown is how long a user waits between questions; negative turns it off.
	// Questions without a user (the command line) have none.
	Cooldown time.Duration
	// Alternatives is how many runners-up an answer lists.
	Alternatives int
	// VoteSecret keys the hash that makes a vote's key from its user and answer
	// (see faq.Vote); empty: a random one for the life of the service, so that
	// replicas sharing a log must be given the same one.
	VoteSecret []byte
	// ReviewMaxAge is how long a document's review stays current unless the
	// document says otherwise (review-every:); answers from a document overdue for
	// review say so. Zero: faq.DefaultReviewMaxAge.
	ReviewMaxAge faq.Period
	// Now returns the current time (time.Now when nil); tests set it.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.Disclaimer == "" {
		c.Disclaimer = DefaultDisclaimer
	}
	if c.CrisisText == "" {
		c.CrisisText = DefaultCrisisText
	}
	if c.EmergencyText == "" {
		c.EmergencyText = DefaultEmergencyText
	}
	if c.MaxQuestion <= 0 {
		c.MaxQuestion = DefaultMaxQuestion
	}
	if c.Cooldown == 0 {
		c.Cooldown = DefaultCooldown
	}
	if c.Alternatives <= 0 {
		c.Alternatives = DefaultAlternatives
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.ReviewMaxAge.IsZero() {
		c.ReviewMaxAge = faq.DefaultReviewMaxAge
	}
	if len(c.VoteSecret) == 0 {
		c.VoteSecret = randomSecret()
	}
	return c
}

// Service answers questions from a Library. It is safe for concurrent use.
type Service struct {
	cfg       Config
	lib       Library
	obs       faq.Observer
	log       *slog.Logger
	crisis    *safety.Detector
	emergency *safety.EmergencyDetector
	cooldown  *cooldown
}

var _ faq.Service = (*Service)(nil)

// New returns a service answering from lib. obs, if not nil, receives an event for
// every request handled.
func New(cfg Config, lib Library, obs faq.Observer, log *slog.Logger) *Service {
	cfg = cfg.withDefaults()
	if obs == nil {
		obs = faq.Observers{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg, lib: lib, obs: obs, log: log, crisis: safety.NewDetector(),
		emergency: safety.NewEmergencyDetector(), cooldown: newCooldown(cfg.Cooldown, cfg.Now)}
}

// MaxQuestion is the longest question the service accepts, in characters.
func (s *Service) MaxQuestion() int { return s.cfg.MaxQuestion }

// normalise trims a question and makes it valid UTF-8.
func normalise(q string) string {
	return strings.TrimSpace(strings.ToValidUTF8(q, "\uFFFD"))
}

// Ask answers a question; see faq.Service.
func (s *Service) Ask(ctx context.Context, q faq.Question) (faq.Answer, error) {
	start := s.cfg.Now()
	text := normalise(q.Text)
	a, err := s.ask(ctx, s.lib, q.Origin, text)
	err = s.userError(err)
	e := s.event(faq.ActionAsk, q.Origin, start, err)
	e.Question, e.Kind = text, a.Kind
	switch {
	case a.Kind == faq.KindAnswer:
		e.PassageID, e.Score = a.PassageID, a.Score
	case (a.Kind == faq.KindNoAnswer || a.Kind == faq.KindSuggestions) && len(a.Alternatives) > 0:
		e.Nearest, e.Score = a.Alternatives[0].PassageID, a.Alternatives[0].Score
	}
	s.obs.Observe(e)
	return a, err
}

// ask is the decision on a question, from lib: the index in service, or for the
// must-answer checks a candidate build.
func (s *Service) ask(ctx context.Context, lib finder, from faq.Origin, text string) (faq.Answer, error) {
	if a, ok := s.safety(text); ok {
		return a, nil
	}
	if text == "" {
		return s.noAnswer(text, faq.Match{Verdict: faq.VerdictNoQuestion}), nil
	}
	if n := utf8.RuneCountInString(text); n > s.cfg.MaxQuestion {
		return faq.Answer{}, faq.Errorf(faq.EINVALID, tooLongText, s.cfg.MaxQuestion)
	}
	if ok, wait := s.cooldown.allow(from.User); !ok {
		return faq.Answer{}, faq.Errorf(faq.ERATELIMIT, cooldownText, int(math.Ceil(wait.Seconds())))
	}
	m, err := lib.Find(ctx, text, s.cfg.Alternatives+1)
	if err != nil {
		return faq.Answer{}, fmt.Errorf("answer %q: %w", faq.Shorten(text, 80), err)
	}
	return s.decide(text, m), nil
}

// Related lists the passages closest to a question other than exclude; with no
// question, those closest to the title of exclude. See faq.Service.
func (s *Service) Related(ctx context.Context, q faq.Question, exclude string) ([]faq.Alternative, error) {
	start := s.cfg.Now()
	text := normalise(q.Text)
	alts, err := s.related(ctx, text, exclude)
	err = s.userError(err)
	e := s.event(faq.ActionRelated, q.Origin, start, err)
	e.Question = text
	s.obs.Observe(e)
	return alts, err
}

func (s *Service) related(ctx context.Context, text, exclude string) ([]faq.Alternative, error) {
	if exclude != "" {
		en, err := s.lib.Entry(exclude)
		if err != nil {
			return nil, err
		}
		if text == "" {
			text = en.Passage.Title
		}
	}
	if _, unsafe := s.safety(text); text == "" || unsafe || utf8.RuneCountInString(text) > s.cfg.MaxQuestion {
		return nil, nil
	}
	m, err := s.lib.Find(ctx, text, s.cfg.Alternatives+1)
	if err != nil {
		return nil, fmt.Errorf("related %q: %w", faq.Shorten(text, 80), err)
	}
	var out []faq.Alternative
	for _, alt := range s.decide(text, m).Alternatives {
		if alt.PassageID != exclude {
			out = append(out, alt)
		}
	}
	return out, nil
}

// Passage returns the answer made of one passage; see faq.Service.
func (s *Service) Passage(ctx context.Context, from faq.Origin, passageID string) (faq.Answer, error) {
	start := s.cfg.Now()
	var a faq.Answer
	en, err := s.lib.Entry(passageID)
	if err == nil {
		a = s.answerFrom("", en)
	}
	err = s.userError(err)
	e := s.event(faq.ActionOpen, from, start, err)
	e.Kind, e.PassageID = a.Kind, a.PassageID
	s.obs.Observe(e)
	return a, err
}

// Suggest lists passages whose titles complete prefix; see faq.Service.
func (s *Service) Suggest(ctx context.Context, prefix string, limit int) ([]faq.Alternative, error) {
	if limit <= 0 {
		return nil, nil
	}
	entries, err := s.lib.Suggest(ctx, prefix, limit)
	if err != nil {
		return nil, s.userError(err)
	}
	out := make([]faq.Alternative, 0, len(entries))
	for _, en := range entries {
		out = append(out, alternative(en))
	}
	return out, nil
}

// Status says whether questions can be answered; see faq.Service.
func (s *Service) Status() faq.Status { return s.lib.Status() }

// Explain writes how the ranker in service analyses a question and scores its
// hits, for tuning; see faq.Ranker.
func (s *Service) Explain(ctx context.Context, w io.Writer, question string, n int) error {
	return s.lib.Explain(ctx, w, normalise(question), n)
}

// event starts the event of a request that arrived at start and ends now.
func (s *Service) event(a faq.Action, from faq.Origin, start time.Time, err error) faq.Event {
	return faq.Event{Action: a, Transport: from.Transport, Server: from.Server, Time: start,
		Duration: s.cfg.Now().Sub(start), Code: faq.ErrorCode(err), Err: err}
}
