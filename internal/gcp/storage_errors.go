package gcp

import (
	"errors"
	"net/http"

	"google.golang.org/api/googleapi"
)

// isPreconditionFailed recognizes the answer to a write whose DoesNotExist condition did not hold.
func isPreconditionFailed(err error) bool {
	var gerr *googleapi.Error
	return errors.As(err, &gerr) && gerr.Code == http.StatusPreconditionFailed
}
