package visionserver

import (
	"context"
	"errors"
	"fmt"

	rpccode "google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	grpcstatus "google.golang.org/grpc/status"
)

// badImageData is the message real Vision returns for bytes it cannot decode; callers may match
// on it, so keep it verbatim.
const badImageData = "Bad image data."

// imageError is a failure that belongs to one image of a batch. It travels back as that image's
// AnnotateImageResponse.Error while the other images of the batch still get their answers.
type imageError struct {
	code codes.Code
	msg  string
}

func (e *imageError) Error() string { return fmt.Sprintf("%s: %s", e.code, e.msg) }

// ImageError returns an error that fails only the current image with the given code and
// message, the way real Vision reports a bad image inside a good batch.
func ImageError(code codes.Code, format string, args ...any) error {
	return &imageError{code: code, msg: fmt.Sprintf(format, args...)}
}

// perImageStatus converts an engine or fetch error into the per-image google.rpc.Status, or
// reports (nil, rpcErr) when the error must fail the whole RPC instead.
func perImageStatus(err error) (*status.Status, error) {
	var ie *imageError
	switch {
	case errors.As(err, &ie):
		return &status.Status{Code: int32(ie.code), Message: ie.msg}, nil
	case errors.Is(err, context.DeadlineExceeded):
		return nil, grpcstatus.Error(codes.DeadlineExceeded, "deadline exceeded while annotating; raise the client timeout or lower the server's load")
	case errors.Is(err, context.Canceled):
		return nil, grpcstatus.Error(codes.Canceled, "request canceled by the client")
	}
	if s, ok := grpcstatus.FromError(err); ok {
		return nil, s.Err()
	}
	return &status.Status{Code: int32(codes.Internal), Message: err.Error()}, nil
}

// codeName spells a code the way Vision's JSON and the fixture manifest do, e.g. "INVALID_ARGUMENT".
func codeName(c codes.Code) string { return rpccode.Code(c).String() }
