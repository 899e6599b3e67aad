package deployments_test

import (
	"bufio"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/tollbooth/tollbooth/internal/devstack"
)

// The deployment pipeline (.github/workflows/release.yaml) builds the images the manifests run. This
// machine has no Docker and no registry, so the pipeline is checked by reading it: every image a
// manifest names is in the release workflow's image matrix (and nothing else is), each matrix entry
// builds a main package the way its builder can (ko: pure Go; docker: the Dockerfile builds that
// package), `make images` builds the same set, and the vision server's image carries the files
// devstack pins, where its manifest looks for them.

// imageBuild is one entry of the release workflow's image matrix.
type imageBuild struct {
	Image      string `yaml:"image"`
	Package    string `yaml:"package"`
	Builder    string `yaml:"builder"`
	Dockerfile string `yaml:"dockerfile"`
}

// releaseWorkflow is the part of release.yaml the tests read.
type releaseWorkflow struct {
	On struct {
		Push struct {
			Tags []string `yaml:"tags"`
		} `yaml:"push"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Needs    any `yaml:"needs"`
		Strategy struct {
			Matrix struct {
				Include []imageBuild `yaml:"include"`
			} `yaml:"matrix"`
		} `yaml:"strategy"`
		Steps []struct {
			Uses string            `yaml:"uses"`
			With map[string]string `yaml:"with"`
			Run  string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func loadRelease(t *testing.T) releaseWorkflow {
	t.Helper()
	data, err := os.ReadFile("../.github/workflows/release.yaml")
	require.NoError(t, err)
	var w releaseWorkflow
	require.NoError(t, yaml.Unmarshal(data, &w))
	return w
}

// manifestImage is the form of every image reference in kubernetes/: the release fills in REGION,
// PROJECT and VERSION (render-manifests.sh).
var manifestImage = regexp.MustCompile(`^REGION-docker\.pkg\.dev/PROJECT/tollbooth/([a-z0-9-]+):VERSION$`)

// containerImages returns every container image named in the documents.
func containerImages(docs []map[string]any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				if s, ok := c.(string); ok && k == "image" {
					out = append(out, s)
				}
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	for _, d := range docs {
		walk(d)
	}
	return out
}

func TestReleaseBuildsEveryImageTheManifestsRun(t *testing.T) {
	var docs []map[string]any
	for _, m := range loadManifests(t) {
		docs = append(docs, m.obj)
	}
	var used []string
	for _, image := range containerImages(docs) {
		m := manifestImage.FindStringSubmatch(image)
		require.NotNil(t, m, "image %q is not REGION-docker.pkg.dev/PROJECT/tollbooth/NAME:VERSION", image)
		if !slices.Contains(used, m[1]) {
			used = append(used, m[1])
		}
	}
	builds := loadRelease(t).Jobs["images"].Strategy.Matrix.Include
	var built []string
	for _, b := range builds {
		built = append(built, b.Image)
	}
	require.ElementsMatch(t, used, built, "the release builds exactly the images the manifests run")
}

func TestEachImageBuildsAMainPackageItsBuilderCanBuild(t *testing.T) {
	for _, b := range loadRelease(t).Jobs["images"].Strategy.Matrix.Include {
		t.Run(b.Image, func(t *testing.T) {
			dir := filepath.Join("..", b.Package)
			pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool {
				return !strings.HasSuffix(fi.Name(), "_test.go")
			}, parser.PackageClauseOnly)
			require.NoError(t, err)
			require.Contains(t, pkgs, "main", "%s is a program", b.Package)
			require.Equal(t, b.Image, filepath.Base(b.Package), "the image is named after its program")
			switch b.Builder {
			case "ko":
				// ko builds with CGO_ENABLED=0 (the vision server, which needs cgo, fails here).
				cmd := exec.Command("go", "build", "-o", os.DevNull, b.Package)
				cmd.Dir, cmd.Env = "..", append(os.Environ(), "CGO_ENABLED=0")
				out, err := cmd.CombinedOutput()
				require.NoError(t, err, "%s does not build without cgo: %s", b.Package, out)
			case "docker":
				data, err := os.ReadFile(filepath.Join("..", b.Dockerfile))
				require.NoError(t, err)
				require.Regexp(t, `(?m)^RUN .*go build .* `+regexp.QuoteMeta(b.Package)+`$`, string(data),
					"%s builds %s", b.Dockerfile, b.Package)
			default:
				t.Fatalf("unknown builder %q", b.Builder)
			}
		})
	}
}

// `make images` builds what the release builds, with the same builders.
func TestMakeImagesBuildsWhatTheReleaseBuilds(t *testing.T) {
	vars := makeVariables(t)
	var ko, docker []string
	for _, b := range loadRelease(t).Jobs["images"].Strategy.Matrix.Include {
		if b.Builder == "ko" {
			ko = append(ko, b.Package)
		} else {
			docker = append(docker, b.Dockerfile)
		}
	}
	require.ElementsMatch(t, ko, strings.Fields(vars["IMAGES_KO"]))
	require.Equal(t, docker, []string{vars["IMAGE_VISIONSERVER"]})
}

// makeVariables reads the Makefile's simple `NAME := value` assignments.
func makeVariables(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("../Makefile")
	require.NoError(t, err)
	defer f.Close()
	vars := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if name, value, ok := strings.Cut(sc.Text(), " := "); ok && !strings.ContainsAny(name, " \t") {
			vars[name] = strings.TrimSpace(value)
		}
	}
	require.NoError(t, sc.Err())
	return vars
}

// The release reaches Google Cloud through Workload Identity Federation only: GitHub's OIDC token,
// never a key file.
func TestReleaseAuthenticatesWithWorkloadIdentityFederation(t *testing.T) {
	w := loadRelease(t)
	require.Equal(t, []string{"v*"}, w.On.Push.Tags)
	require.Equal(t, "write", w.Permissions["id-token"])
	require.Equal(t, "images", w.Jobs["deploy"].Needs, "deploy only what was built")
	for name, job := range w.Jobs {
		var auth bool
		for _, s := range job.Steps {
			if strings.HasPrefix(s.Uses, "google-github-actions/auth@") {
				auth = true
				require.Equal(t, "${{ vars.WIF_PROVIDER }}", s.With["workload_identity_provider"], name)
				require.Equal(t, "${{ vars.DEPLOY_SA }}", s.With["service_account"], name)
				require.NotContains(t, s.With, "credentials_json", name)
			}
			require.NotRegexp(t, `@(main|master)$`, s.Uses, "%s: pin action versions", name)
		}
		require.True(t, auth, "%s authenticates to Google Cloud", name)
	}
}

// render-manifests.sh, which the deploy job applies, fills in every placeholder and only those.
func TestRenderedManifestsRunTheReleasedImages(t *testing.T) {
	out := t.TempDir()
	render := func(env ...string) ([]byte, error) {
		cmd := exec.Command("bash", "render-manifests.sh", out)
		cmd.Env = append(os.Environ(), env...)
		return cmd.CombinedOutput()
	}
	env := []string{"REGISTRY=europe-west1-docker.pkg.dev/toll-prod/tollbooth", "VERSION=v1.2.3",
		"GCP_PROJECT=toll-prod", "TEMPORAL_NAMESPACE=tollbooth.a1b2c"}
	b, err := render(env[:3]...)
	require.Error(t, err, "a missing variable fails: %s", b)
	b, err = render(env...)
	require.NoError(t, err, "%s", b)

	files, err := filepath.Glob(filepath.Join(out, "*.yaml"))
	require.NoError(t, err)
	sources, err := filepath.Glob("kubernetes/*.yaml")
	require.NoError(t, err)
	require.Len(t, files, len(sources))
	var docs []map[string]any
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NotRegexp(t, `REGION|/PROJECT/|"PROJECT|VERSION|NAMESPACE\.ACCOUNT`, string(data), f)
		require.Contains(t, string(data), `{name: TOLLBOOTH_GCP_PROJECT, value: "toll-prod"}`, f)
		d, err := yamlDocuments(data)
		require.NoError(t, err, f)
		docs = append(docs, d...)
	}
	for _, image := range containerImages(docs) {
		require.Regexp(t, `^europe-west1-docker\.pkg\.dev/toll-prod/tollbooth/[a-z0-9-]+:v1\.2\.3$`, image)
	}
}

// The vision server's image holds devstack's pinned npm files (visionserver-assets.sh checks them
// against visionserver.sha256) at the paths its manifest and the Dockerfile give the server.
func TestVisionServerImageCarriesThePinnedModelsAndRuntime(t *testing.T) {
	data, err := os.ReadFile("images/visionserver.sha256")
	require.NoError(t, err)
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		sum, path, ok := strings.Cut(line, "  ")
		require.True(t, ok, line)
		got[path] = sum
	}
	want := map[string]string{}
	script, err := os.ReadFile("images/visionserver-assets.sh")
	require.NoError(t, err)
	for _, a := range devstack.NpmAssets {
		require.Contains(t, string(script), a.Package+"@"+a.Version)
		for _, f := range a.Files {
			want[a.Dir+"/"+f.To] = f.SHA256
		}
	}
	require.Equal(t, want, got)

	const root = "/opt/tollbooth/"
	models := root + devstack.PaddleModels.Dir
	lib := root + devstack.ONNXRuntime.Dir + "/" + devstack.ONNXRuntime.Files[0].To
	manifest, err := os.ReadFile("kubernetes/visionserver.yaml")
	require.NoError(t, err)
	require.Contains(t, string(manifest), "{name: TOLLBOOTH_PADDLE_MODELS, value: "+models+"}")
	require.Contains(t, string(manifest), "{name: TOLLBOOTH_ONNXRUNTIME_LIB, value: "+lib+"}")
	dockerfile, err := os.ReadFile("images/visionserver.Dockerfile")
	require.NoError(t, err)
	require.Contains(t, string(dockerfile), "RUN /fetch/visionserver-assets.sh "+strings.TrimSuffix(root, "/"))
	require.Contains(t, string(dockerfile), "TOLLBOOTH_PADDLE_MODELS="+models)
	require.Contains(t, string(dockerfile), "TOLLBOOTH_ONNXRUNTIME_LIB="+lib)
}
