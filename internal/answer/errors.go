package answer

import (
	"errors"
	"fmt"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/index"
)

// userError gives an error from the library its code and the sentence a user reads.
func (s *Service) userError(err error) error {
	var fe *faq.Error
	var ce *index.ContentError
	var ke *index.CheckError
	switch {
	case err == nil || errors.As(err, &fe):
		return err
	case errors.Is(err, index.ErrNoIndex):
		return &faq.Error{Code: faq.EUNAVAILABLE, Message: loadingText, Err: err}
	case errors.Is(err, index.ErrClosed):
		return &faq.Error{Code: faq.EUNAVAILABLE, Message: closedText, Err: err}
	case errors.Is(err, index.ErrReindexRunning):
		return &faq.Error{Code: faq.ECONFLICT, Message: runningText, Err: err}
	case errors.Is(err, index.ErrNotFound):
		return &faq.Error{Code: faq.ENOTFOUND, Message: goneText, Err: err}
	case errors.Is(err, index.ErrNoContent):
		return &faq.Error{Code: faq.EINVALID, Message: noContentText, Details: err.Error(), Err: err}
	case errors.As(err, &ce):
		return &faq.Error{Code: faq.EINVALID, Message: fmt.Sprintf(badContentText, s.leftInService()), Details: ce.Err.Error(), Err: err}
	case errors.As(err, &ke):
		msg := fmt.Sprintf(checksFailedText, len(ke.Failures), ke.Checks, s.leftInService())
		if ke.Still > 0 {
			msg += fmt.Sprintf(stillFailingText, ke.Still)
		}
		return &faq.Error{Code: faq.EINVALID, Message: msg, Details: ke.Lines(), Err: err}
	case errors.Is(err, index.ErrNoEarlierBuild):
		return &faq.Error{Code: faq.EINVALID, Message: noEarlierText, Err: err}
	}
	return &faq.Error{Code: faq.EINTERNAL, Message: faq.TroubleText, Err: err}
}

// leftInService says what serves after a failed reindex: the build in service, or
// none when there was none.
func (s *Service) leftInService() string {
	if s.lib.Status().Ready {
		return stillServingText
	}
	return nothingServingText
}
