package deployments_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// The compose file is for users with Docker; this machine has none, so it is validated by parsing:
// every service has a pinned image, every dependency names a service, the ports the README gives are
// published on loopback.
func TestComposeFileDescribesARunnableTemporal(t *testing.T) {
	data, err := os.ReadFile("../docker-compose.temporal.yaml")
	require.NoError(t, err)
	var compose struct {
		Services map[string]struct {
			Image   string    `yaml:"image"`
			Ports   []string  `yaml:"ports"`
			RawDeps yaml.Node `yaml:"depends_on"`
		} `yaml:"services"`
	}
	require.NoError(t, yaml.Unmarshal(data, &compose))
	require.Subset(t, keys(compose.Services), []string{"postgresql", "temporal", "temporal-ui", "temporal-setup"})
	var published []string
	for name, svc := range compose.Services {
		require.NotEmpty(t, svc.Image, name)
		require.NotContains(t, svc.Image, ":latest", "%s: pin image versions", name)
		require.Contains(t, svc.Image, ":", "%s: pin image versions", name)
		for _, dep := range dependencies(svc.RawDeps) {
			require.Contains(t, compose.Services, dep, "%s depends on an unknown service", name)
		}
		for _, p := range svc.Ports {
			require.True(t, strings.HasPrefix(p, "127.0.0.1:"), "%s publishes %s beyond loopback", name, p)
			published = append(published, p)
		}
	}
	require.ElementsMatch(t, []string{"127.0.0.1:7233:7233", "127.0.0.1:8080:8080"}, published)
}

// dependencies reads depends_on in either of its forms: a list of names or a map of conditions.
func dependencies(n yaml.Node) []string {
	var out []string
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			out = append(out, c.Value)
		}
	case yaml.MappingNode:
		for i := 0; i < len(n.Content); i += 2 {
			out = append(out, n.Content[i].Value)
		}
	}
	return out
}

func TestKubernetesManifestsParse(t *testing.T) {
	files, err := filepath.Glob("kubernetes/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		for {
			var doc map[string]any
			if err := dec.Decode(&doc); err != nil {
				require.ErrorContains(t, err, "EOF", f)
				break
			}
			require.NotEmpty(t, doc["apiVersion"], f)
			require.NotEmpty(t, doc["kind"], f)
			require.NotContains(t, string(data), "api-key:", "%s: secrets are referenced, never inlined", f)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The local plate reader's service must run the paddle engine with the files its image carries,
// stay within the memory the engine was measured at, and route to the pods' gRPC port.
func TestVisionServerManifestRunsThePaddleEngine(t *testing.T) {
	data, err := os.ReadFile("kubernetes/visionserver.yaml")
	require.NoError(t, err)
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	type port struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
		TargetPort    string `yaml:"targetPort"`
	}
	var deployment, service struct {
		Kind string `yaml:"kind"`
		Spec struct {
			Selector struct {
				MatchLabels map[string]string `yaml:"matchLabels"`
			} `yaml:"selector"`
			Ports    []port `yaml:"ports"`
			Template struct {
				Metadata struct {
					Labels map[string]string `yaml:"labels"`
				} `yaml:"metadata"`
				Spec struct {
					Containers []struct {
						Args      []string `yaml:"args"`
						Ports     []port   `yaml:"ports"`
						Env       []struct{ Name, Value string }
						Resources struct {
							Limits map[string]string `yaml:"limits"`
						} `yaml:"resources"`
					} `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	require.NoError(t, dec.Decode(&deployment))
	require.NoError(t, dec.Decode(&service))
	require.Equal(t, "Deployment", deployment.Kind)
	require.Equal(t, "Service", service.Kind)
	require.Len(t, deployment.Spec.Template.Spec.Containers, 1)
	c := deployment.Spec.Template.Spec.Containers[0]
	require.Contains(t, c.Args, "-engine=paddle")
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	require.Contains(t, env["TOLLBOOTH_PADDLE_MODELS"], "paddleocr-models-1.4.2", "the pinned models")
	require.Contains(t, env["TOLLBOOTH_ONNXRUNTIME_LIB"], "onnxruntime-1.30.0", "the pinned runtime")
	require.Equal(t, "512Mi", c.Resources.Limits["memory"])
	require.Equal(t, deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels)
	var grpcPort bool
	for _, p := range c.Ports {
		grpcPort = grpcPort || (p.Name == "grpc" && p.ContainerPort == 8913)
	}
	require.True(t, grpcPort, "the container serves gRPC on a port named grpc")
	require.Len(t, service.Spec.Ports, 1)
	require.Equal(t, "grpc", service.Spec.Ports[0].TargetPort)
}

// The worker's second opinion is the local plate reader's Service, spoken to in plaintext inside the
// cluster.
func TestWorkerAsksTheVisionServerServiceForTheSecondOpinion(t *testing.T) {
	type doc struct {
		Kind     string `yaml:"kind"`
		Metadata struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
		Spec struct {
			Ports    []struct{ Port int } `yaml:"ports"`
			Template struct {
				Spec struct {
					Containers []struct {
						Env []struct{ Name, Value string }
					} `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	decodeAll := func(path string) []doc {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		var out []doc
		for {
			var d doc
			if err := dec.Decode(&d); err != nil {
				return out
			}
			out = append(out, d)
		}
	}
	var service string
	for _, d := range decodeAll("kubernetes/visionserver.yaml") {
		if d.Kind == "Service" {
			require.Len(t, d.Spec.Ports, 1)
			service = fmt.Sprintf("%s:%d", d.Metadata.Name, d.Spec.Ports[0].Port)
		}
	}
	require.Equal(t, "tollbooth-visionserver:8913", service)
	env := map[string]string{}
	for _, d := range decodeAll("kubernetes/worker.yaml") {
		if d.Kind == "Deployment" {
			for _, e := range d.Spec.Template.Spec.Containers[0].Env {
				env[e.Name] = e.Value
			}
		}
	}
	require.Equal(t, service, env["TOLLBOOTH_SECOND_OPINION_ENDPOINT"])
	require.Equal(t, "true", env["TOLLBOOTH_SECOND_OPINION_INSECURE"], "the Service speaks no TLS")
	require.NotEmpty(t, env["TOLLBOOTH_SECOND_OPINION_RPS"])
}
