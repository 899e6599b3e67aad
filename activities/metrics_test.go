package activities

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/tollbooth/tollbooth/internal/recognition"
)

func TestRecognizerCallsAreCountedByTheirGRPCCode(t *testing.T) {
	for err, want := range map[error]string{
		nil: "OK",
		fmt.Errorf("annotate: %w", status.Error(codes.Unavailable, "try later")):   "Unavailable",
		fmt.Errorf("annotate: %w", status.Error(codes.ResourceExhausted, "quota")): "ResourceExhausted",
		fmt.Errorf("%w: Bad image data.", recognition.ErrImageRejected):            "InvalidArgument",
		fmt.Errorf("annotate: %w", context.DeadlineExceeded):                       "DeadlineExceeded",
		errors.New("connection reset"):                                             "Unknown",
	} {
		require.Equal(t, want, callCode(err), "%v", err)
	}
}
