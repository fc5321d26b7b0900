package faq

import (
	"context"
	"io"
	"time"
)

// Service answers questions from the content. It is the one thing every transport
// (the Discord gateway, the HTTP interactions endpoint, the command line) talks to,
// and it owns everything that happens to a question: normalising it, the length
// limit, the cooldown, the crisis check, the search, the decision and every reply
// text. Errors are *Error values with a code (see ErrorCode); a transport only turns
// results into its own format.
type Service interface {
	// Ask answers a question. A question of no words gets a KindNoAnswer saying so; a
	// question too long (EINVALID) or asked too soon (ERATELIMIT) is refused, unless
	// it suggests a crisis: then it gets the crisis resources whatever else is wrong.
	Ask(ctx context.Context, q Question) (Answer, error)
	// Related lists the passages closest to q other than exclude, for "More results".
	// It is not counted as a question.
	Related(ctx context.Context, q Question, exclude string) ([]Alternative, error)
	// Passage returns the answer made of one passage, for buttons that open or share
	// it; a passage no longer in the index is ENOTFOUND.
	Passage(ctx context.Context, from Origin, passageID string) (Answer, error)
	// Suggest lists passage titles completing a partly typed question (autocomplete).
	Suggest(ctx context.Context, prefix string, limit int) ([]Alternative, error)
	// Reindex rebuilds the index from the content and puts it in service; the old one
	// serves until then, and keeps serving if the build fails. One runs at a time:
	// another asked for meanwhile is ECONFLICT.
	Reindex(ctx context.Context, r ReindexRequest) (ReindexReport, error)
	// Rollback puts back in service the build made before the one in service (one
	// of the builds kept on disk): twice in a row goes two builds back. With none to
	// go back to it is EINVALID; while a reindex runs, ECONFLICT.
	Rollback(ctx context.Context, r ReindexRequest) (RollbackReport, error)
	// Reviews lists the documents in service whose review is overdue, oldest first,
	// and those without a review date.
	Reviews(ctx context.Context) (Reviews, error)
	// Feedback records a reader's rating of an answer (see FeedbackRequest): one
	// vote per person and answer, a later one replacing the earlier. It returns the
	// reply: a KindThanks acknowledgement, or the crisis resources (KindCrisis) when
	// the comment suggests a crisis, which is then not passed on. A request without a
	// user or passage, or with too long a comment, is EINVALID; a passage no longer
	// in the index is ENOTFOUND.
	Feedback(ctx context.Context, r FeedbackRequest) (Answer, error)
	// Status says whether questions can be answered, and from how much content.
	Status() Status
}

// Transports, as events and logs name them.
const (
	TransportGateway  = "gateway"  // the Discord bot over the gateway
	TransportEndpoint = "endpoint" // the HTTP interactions endpoint
	TransportCLI      = "cli"      // faqbot ask / index
	TransportWatch    = "watch"    // the content watcher (reindexes only)
)

// Origin says where a request comes from.
type Origin struct {
	// Transport is one of the Transport* constants.
	Transport string
	// Server is the Discord server (guild) id; empty outside a server.
	Server string
	// User identifies the asker for the cooldown only: it is never logged, stored or
	// passed to observers. Empty means no cooldown (the command line).
	User string
}

// Question is a question as a transport received it.
type Question struct {
	Origin
	Text string
}

// ReindexRequest asks for a reindex (or a rollback).
type ReindexRequest struct {
	Origin
	// Force puts the new build in service even when must-answer checks fail: a
	// moderator's deliberate override, logged and observed.
	Force bool
}

// Status is the state of a Service.
type Status struct {
	// Ready is true when an index is in service and questions can be answered.
	Ready bool
	// Documents and Passages are the size of the content in service.
	Documents, Passages int
	// Built is when the index in service was built; zero when there is none.
	Built time.Time
}

// Action is what an Event reports.
type Action string

// Actions.
const (
	ActionAsk     Action = "ask"     // a question (Service.Ask)
	ActionRelated Action = "related" // a "More results" click (Service.Related)
	ActionOpen    Action = "open"    // a passage opened or shared (Service.Passage)
	ActionReindex Action = "reindex" // a reindex (Service.Reindex)
	// ActionRollback is a rollback to an earlier build (Service.Rollback).
	ActionRollback Action = "rollback"
	// ActionFeedback is a rating of an answer (Service.Feedback).
	ActionFeedback Action = "feedback"
)

// Event is one request the Service handled, with its outcome. Observers receive one
// for every Ask, Related, Passage, Reindex and Feedback call (not for autocomplete).
// It never carries the user: Origin.User stays with the service.
type Event struct {
	Action Action
	// Transport and Server are the request's Origin without its User.
	Transport string
	Server    string
	// Time is when the request arrived; Duration how long handling it took.
	Time     time.Time
	Duration time.Duration
	// Kind is the answer's kind for ActionAsk and ActionOpen; empty on error.
	Kind Kind
	// Code is the error code (see ErrorCode) when the request failed or was
	// refused, "" when it succeeded.
	Code string
	// Question is the question as asked (ActionAsk, ActionRelated, and
	// ActionFeedback when the transport has it), trimmed. It may be personal health
	// information: an observer that stores it must say so.
	Question string
	// PassageID and Score are the passage given (ActionAsk with KindAnswer,
	// ActionOpen), or rated (ActionFeedback), and its score.
	PassageID string
	Score     float64
	// Nearest is, for ActionAsk with KindNoAnswer or KindSuggestions, the passage closest to the
	// question (the first of the nearest topics), "" when there is none; Score is
	// then its score.
	Nearest string
	// Vote is the rating of an ActionFeedback.
	Vote *Vote
	// Reindex is the report of a successful ActionReindex: with Overridden, a
	// forced one.
	Reindex *ReindexReport
	// Rollback is the report of a successful ActionRollback.
	Rollback *RollbackReport
	// Err is the error, for the operator's log; nil on success.
	Err error
}

// Observer receives the Service's events. Observe is called on the request's path,
// after the outcome is known: it must return quickly and never block.
type Observer interface {
	Observe(Event)
}

// Observers is an Observer passing each event to all of its members in turn.
type Observers []Observer

// Observe passes e to every observer.
func (o Observers) Observe(e Event) {
	for _, obs := range o {
		obs.Observe(e)
	}
}

// Verdict is a ranker's judgement of its best passage for a question.
type Verdict string

// Verdicts.
const (
	// VerdictAnswer: the best passage answers the question.
	VerdictAnswer Verdict = "answer"
	// VerdictUnsure: the best passages are close to the question, but none surely
	// answers it; the hits are the closest, best first.
	VerdictUnsure Verdict = "unsure"
	// VerdictNotCovered: no passage answers it; the hits are the nearest topics.
	VerdictNotCovered Verdict = "not_covered"
	// VerdictNoQuestion: the question has nothing to search for (only punctuation,
	// greetings or filler words).
	VerdictNoQuestion Verdict = "no_question"
)

// Hit is a passage a ranker found, with its score (higher is better).
type Hit struct {
	PassageID string
	Score     float64
}

// Ranking is a ranker's result for one question: the passages it found, best first,
// and its verdict on them. With VerdictAnswer the first hit is the answer and the
// others are runners-up; with VerdictUnsure they are the closest entries to offer;
// otherwise they are the nearest topics, if any.
type Ranking struct {
	Verdict Verdict
	Hits    []Hit
}

// Ranker searches one built index: it finds the passages for a question, judges
// whether the best answers it, and completes partly typed questions. The decision
// thresholds live with the ranking they are calibrated against, so a different ranker
// (another search library, embeddings) brings its own. package search is the one in
// use; internal/index builds, opens and swaps rankers without knowing which.
type Ranker interface {
	// Rank returns up to n hits for question, best first, with the verdict.
	Rank(ctx context.Context, question string, n int) (Ranking, error)
	// Suggest returns up to n passages whose titles complete prefix, best first.
	Suggest(ctx context.Context, prefix string, n int) ([]Hit, error)
	// Explain writes, for a person tuning the content or the ranking, how question
	// was analysed and why each of up to n hits scored as it did.
	Explain(ctx context.Context, w io.Writer, question string, n int) error
	// Warm prepares caches in the background of serving; it returns when done or
	// when ctx is cancelled.
	Warm(ctx context.Context)
	// Close releases the index.
	Close() error
}

// Entry is a passage with its document, as a reply shows it. Document and Passage
// point into the build in service and must not be changed; Passage.Text is empty
// there (texts stay on disk), and Text holds the passage's text when it was read.
type Entry struct {
	Document *Document
	Passage  *Passage
	Text     string
	Score    float64
}

// Match is what the index in service found for a question: the ranker's Ranking
// with each hit's passage and document.
type Match struct {
	Verdict Verdict
	Entries []Entry
}
