package faq

import (
	"errors"
	"fmt"
)

// Error codes: the outcomes a caller of the Service branches on. Every transport maps
// each code the same way (docs/architecture.md has the table): the Discord transports
// show Message privately, the command line prints it, an HTTP API would map the code
// to a status.
const (
	EINVALID     = "invalid"      // the request cannot be served as it is: a question too long
	ERATELIMIT   = "rate_limited" // asked again too soon (the cooldown)
	ENOTFOUND    = "not_found"    // a passage that is not in the index (any more)
	ECONFLICT    = "conflict"     // a reindex was asked for while one runs
	EUNAVAILABLE = "unavailable"  // no index in service yet (loading), or the service is closed
	EINTERNAL    = "internal"     // anything else: a failing disk, a bug
)

// TroubleText is what a user is told of an internal error: the details go to the log.
const TroubleText = "Sorry, I couldn't look that up just now. Please try again in a moment."

// Error is an outcome a caller can branch on, with a message safe to show a user.
// Errors without a code are internal: the user sees TroubleText and the operator's log
// gets the wrapped error.
type Error struct {
	// Code is one of the E* constants.
	Code string
	// Message is what the user is told, in a sentence or two.
	Message string
	// Details is more a user may be shown verbatim (preformatted), such as each
	// problem of the content as "file:line: problem"; often empty.
	Details string
	// Err is the underlying error, for the log; it may be nil.
	Err error
}

// Error returns the message and, for the log, the underlying error.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with code and a formatted user message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the *Error in err's chain, "" for a nil err and
// EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns what a user is told of err: the message of the *Error in its
// chain, or TroubleText for an internal error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return TroubleText
}
