package visionserver

import (
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// ClientOptions are the options that point the real Vision client
// (cloud.google.com/go/vision/v2/apiv1.NewImageAnnotatorClient) at this server on addr: plain-text
// gRPC and no Google credentials, since a development double has neither TLS nor auth.
func ClientOptions(addr string) []option.ClientOption {
	return []option.ClientOption{
		option.WithEndpoint(addr),
		option.WithoutAuthentication(),
		option.WithGRPCDialOption(grpc.WithTransportCredentials(insecure.NewCredentials())),
	}
}
