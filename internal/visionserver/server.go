// Package visionserver is a local stand-in for the Google Cloud Vision API: a gRPC server that
// speaks the real google.cloud.vision.v1 proto, so tollbooth's worker uses the real Vision client
// with only the endpoint changed. It answers TEXT_DETECTION and DOCUMENT_TEXT_DETECTION with real
// OCR from tesseract, or from a fixture manifest with configurable latency and injected faults for
// benchmarks and fault tests, and counts the images it sees so benchmarks can check rate caps.
package visionserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"

	"cloud.google.com/go/vision/v2/apiv1/visionpb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// MaxImagesPerRequest is real Vision's batch limit for BatchAnnotateImages.
const MaxImagesPerRequest = 16

// maxMessageBytes lets a full batch of inline images through; gRPC's 4 MB default would refuse
// a single medium photo that real Vision accepts.
const maxMessageBytes = 64 << 20

// Server implements visionpb.ImageAnnotatorServer's BatchAnnotateImages; the other methods answer
// UNIMPLEMENTED.
type Server struct {
	visionpb.UnimplementedImageAnnotatorServer

	engine     Engine
	fetcher    Fetcher
	stats      *Stats
	log        *slog.Logger
	findPlates PlateFinder
}

// NewServer serves engine's OCR and reads gs:// images through fetcher. A nil fetcher makes every
// gs:// request fail per image with FAILED_PRECONDITION.
func NewServer(engine Engine, fetcher Fetcher, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{engine: engine, fetcher: fetcher, stats: NewStats(), log: log, findPlates: FindPlates}
}

// WithPlateFinder replaces FindPlates, the finder of OBJECT_LOCALIZATION for engines that do not
// locate plates themselves; nil answers no plate object.
func (s *Server) WithPlateFinder(find PlateFinder) *Server {
	s.findPlates = find
	return s
}

// Stats returns a snapshot of the request counters.
func (s *Server) Stats() StatsSnapshot { return s.stats.Snapshot() }

// StatsCounter gives access to the live counters, e.g. for Reset or Handler.
func (s *Server) StatsCounter() *Stats { return s.stats }

// EngineName names the engine answering requests ("tesseract" or "fixture").
func (s *Server) EngineName() string { return s.engine.Name() }

// BatchAnnotateImages reads every image of the batch concurrently (the engines bound their own
// parallelism) and answers per image, as real Vision does: one bad image fails only its own
// response, while an injected outage or a deadline fails the whole RPC.
func (s *Server) BatchAnnotateImages(ctx context.Context, req *visionpb.BatchAnnotateImagesRequest) (*visionpb.BatchAnnotateImagesResponse, error) {
	resp, err := s.batchAnnotate(ctx, req)
	if err != nil {
		s.stats.recordRPCFailure()
		s.log.Debug("vision request failed", "images", len(req.GetRequests()), "err", err)
		return nil, err
	}
	return resp, nil
}

func (s *Server) batchAnnotate(ctx context.Context, req *visionpb.BatchAnnotateImagesRequest) (*visionpb.BatchAnnotateImagesResponse, error) {
	n := len(req.GetRequests())
	s.stats.recordRequest(n)
	switch {
	case n == 0:
		return nil, status.Error(codes.InvalidArgument, "no image in the request; add at least one AnnotateImageRequest")
	case n > MaxImagesPerRequest:
		return nil, status.Errorf(codes.InvalidArgument, "%d images in one request; at most %d are allowed, split the batch", n, MaxImagesPerRequest)
	}
	if f, ok := s.engine.(rpcFaulter); ok {
		if err := f.RPCFault(); err != nil {
			return nil, err
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	responses := make([]*visionpb.AnnotateImageResponse, n)
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for i, r := range req.GetRequests() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := s.annotate(ctx, r)
			if err != nil {
				errOnce.Do(func() { firstErr = err; cancel() })
				return
			}
			responses[i] = resp
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return &visionpb.BatchAnnotateImagesResponse{Responses: responses}, nil
}

// annotate answers one image; a non-nil error fails the whole RPC.
func (s *Server) annotate(ctx context.Context, req *visionpb.AnnotateImageRequest) (*visionpb.AnnotateImageResponse, error) {
	resp, err := s.annotateImage(ctx, req)
	if err == nil {
		return resp, nil
	}
	st, rpcErr := perImageStatus(err)
	if rpcErr != nil {
		return nil, rpcErr
	}
	s.stats.recordImageError(codeName(codes.Code(st.Code)))
	return &visionpb.AnnotateImageResponse{Error: st}, nil
}

func (s *Server) annotateImage(ctx context.Context, req *visionpb.AnnotateImageRequest) (*visionpb.AnnotateImageResponse, error) {
	want, err := requestedFeatures(req.GetFeatures())
	if err != nil {
		return nil, err
	}
	raw, err := s.imageBytes(ctx, req.GetImage())
	if err != nil {
		return nil, err
	}
	img, release, err := decodeImage(ctx, raw)
	defer release()
	if err != nil {
		return nil, err
	}
	resp := &visionpb.AnnotateImageResponse{}
	if want.text != 0 {
		res, err := s.engine.Annotate(ctx, img, want.text)
		if err != nil {
			return nil, err
		}
		withConfidence := want.text == ModeDocument ||
			req.GetImageContext().GetTextDetectionParams().GetEnableTextDetectionConfidenceScore()
		resp = buildTextResponse(res, withConfidence)
	}
	if want.objects {
		plates, err := s.locatePlates(ctx, img)
		if err != nil {
			return nil, err
		}
		resp.LocalizedObjectAnnotations = buildObjectResponse(plates, img.Decoded.Bounds())
	}
	return resp, nil
}

// features is what one image request asks for: a text mode (0 for none) and whether objects are
// to be localized.
type features struct {
	text    Mode
	objects bool
}

// requestedFeatures reads the request's features. When both text features are asked for, the
// document mode wins: it is the stronger read and its response shape covers both.
func requestedFeatures(fs []*visionpb.Feature) (features, error) {
	if len(fs) == 0 {
		return features{}, ImageError(codes.InvalidArgument, "No feature requested; ask for TEXT_DETECTION, DOCUMENT_TEXT_DETECTION or OBJECT_LOCALIZATION.")
	}
	var want features
	for _, f := range fs {
		switch f.GetType() {
		case visionpb.Feature_TEXT_DETECTION:
			want.text = max(want.text, ModeText)
		case visionpb.Feature_DOCUMENT_TEXT_DETECTION:
			want.text = ModeDocument
		case visionpb.Feature_OBJECT_LOCALIZATION:
			want.objects = true
		default:
			return features{}, ImageError(codes.InvalidArgument, "Feature %s is not supported by the local Vision server; only TEXT_DETECTION, DOCUMENT_TEXT_DETECTION and OBJECT_LOCALIZATION are.", f.GetType())
		}
	}
	return want, nil
}

// imageBytes returns inline content or fetches the gs:// object the request names.
func (s *Server) imageBytes(ctx context.Context, img *visionpb.Image) ([]byte, error) {
	if len(img.GetContent()) > 0 {
		return img.GetContent(), nil
	}
	uri := img.GetSource().GetGcsImageUri()
	if uri == "" {
		uri = img.GetSource().GetImageUri() // real Vision accepts gs:// here as well
	}
	if uri == "" {
		return nil, ImageError(codes.InvalidArgument, "No image given; set image.content or image.source.gcs_image_uri.")
	}
	bucket, object, ok := parseGCSURI(uri)
	if !ok {
		return nil, ImageError(codes.InvalidArgument, "Image URI %q is not a gs://bucket/object URI; the local Vision server fetches from Cloud Storage only.", uri)
	}
	if s.fetcher == nil {
		return nil, ImageError(codes.FailedPrecondition, "This server has no Cloud Storage access configured; send image.content instead of %s.", uri)
	}
	b, err := s.fetcher.Fetch(ctx, bucket, object)
	switch {
	case errors.Is(err, ErrObjectNotFound):
		return nil, ImageError(codes.NotFound, "Error opening file: %s: the object does not exist; check the bucket and object name, or upload the photo first.", uri)
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, ImageError(codes.Unavailable, "Error reading file %s: %v", uri, err)
	case len(b) > MaxImageBytes:
		return nil, ImageError(codes.InvalidArgument, "%s is larger than the %d-byte limit; downscale or recompress it.", uri, MaxImageBytes)
	}
	return b, nil
}

// NewGRPCServer returns a gRPC server with s registered and message limits large enough for a
// full batch of inline photos.
func NewGRPCServer(s *Server) *grpc.Server {
	g := grpc.NewServer(grpc.MaxRecvMsgSize(maxMessageBytes), grpc.MaxSendMsgSize(maxMessageBytes))
	visionpb.RegisterImageAnnotatorServer(g, s)
	return g
}

// Running is a server started by Start.
type Running struct {
	// Addr is the address it listens on, with the real port when Start was given port 0.
	Addr string
	grpc *grpc.Server
	done chan error
}

// Start listens on addr (tests pass "127.0.0.1:0") and serves in the background.
func (s *Server) Start(addr string) (*Running, error) {
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (is another vision server running? pick a free -addr): %w", addr, err)
	}
	r := &Running{Addr: lis.Addr().String(), grpc: NewGRPCServer(s), done: make(chan error, 1)}
	go func() { r.done <- r.grpc.Serve(lis) }()
	return r, nil
}

// Stop finishes in-flight RPCs, then stops; ctx bounds the wait, after which open RPCs are cut.
func (r *Running) Stop(ctx context.Context) {
	stopped := make(chan struct{})
	go func() { r.grpc.GracefulStop(); close(stopped) }()
	select {
	case <-stopped:
	case <-ctx.Done():
		r.grpc.Stop()
		<-stopped
	}
}

// Done delivers Serve's result once the server stops.
func (r *Running) Done() <-chan error { return r.done }
