package deployments_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/tollbooth/tollbooth/signals"
)

// The manifests are validated against the schemas of their kinds, not only parsed: a misspelt field
// is silently dropped by Kubernetes (or by KEDA, whose trigger metadata is a map of strings) and the
// autoscaling would quietly not work.
//
//   - apps/v1 Deployment and v1 Service: the Kubernetes API types (k8s.io/api), decoded strictly: unknown fields
//     and wrong types fail, as `kubectl apply --validate=strict` does.
//   - keda.sh/v1alpha1 ScaledObject, TriggerAuthentication: the openAPIV3Schema of KEDA's CRDs
//     (testdata/keda, from the Go module github.com/kedacore/keda/v2@v2.20.2), with unknown fields
//     refused like strict field validation does.
//   - the temporal trigger's metadata: testdata/keda/temporal-trigger.schema.json, written from
//     KEDA's documentation and checked against the scaler's source (see its $comment).

// manifest is one document of a file in kubernetes/.
type manifest struct {
	file string
	kind string // apiVersion/kind
	name string
	json []byte
	obj  map[string]any
}

func loadManifests(t *testing.T) []manifest {
	t.Helper()
	files, err := filepath.Glob("kubernetes/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out []manifest
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		docs, err := yamlDocuments(data)
		require.NoError(t, err, f)
		for _, doc := range docs {
			m, err := toManifest(f, doc)
			require.NoError(t, err)
			out = append(out, m)
		}
	}
	return out
}

// yamlDocuments decodes every document of a YAML stream into JSON-compatible values.
func yamlDocuments(data []byte) ([]map[string]any, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []map[string]any
	for {
		var doc map[string]any
		err := dec.Decode(&doc)
		if err != nil {
			if err.Error() == "EOF" {
				return docs, nil
			}
			return nil, err
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
}

func toManifest(file string, doc map[string]any) (manifest, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return manifest{}, fmt.Errorf("%s: %w", file, err)
	}
	var obj map[string]any
	if err := json.Unmarshal(data, &obj); err != nil {
		return manifest{}, err
	}
	meta, _ := obj["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	return manifest{file: file, kind: fmt.Sprintf("%v/%v", obj["apiVersion"], obj["kind"]), name: name, json: data, obj: obj}, nil
}

// validator checks a manifest against the schema of its kind.
type validator struct {
	crds     map[string]*jsonschema.Schema // apiVersion/kind → schema
	temporal *jsonschema.Schema
	authKeys []string // parameters a TriggerAuthentication may give the temporal scaler
}

func newValidator(t *testing.T) *validator {
	t.Helper()
	v := &validator{crds: map[string]*jsonschema.Schema{}}
	for _, f := range []string{"keda.sh_scaledobjects.yaml", "keda.sh_triggerauthentications.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "keda", f))
		require.NoError(t, err)
		docs, err := yamlDocuments(data)
		require.NoError(t, err)
		require.Len(t, docs, 1, f)
		crd := docs[0]
		spec := crd["spec"].(map[string]any)
		group := spec["group"].(string)
		kind := spec["names"].(map[string]any)["kind"].(string)
		for _, ver := range spec["versions"].([]any) {
			ver := ver.(map[string]any)
			schema := ver["schema"].(map[string]any)["openAPIV3Schema"].(map[string]any)
			v.crds[group+"/"+ver["name"].(string)+"/"+kind] = compile(t, f, strict(jsonValue(t, schema)))
		}
	}
	data, err := os.ReadFile(filepath.Join("testdata", "keda", "temporal-trigger.schema.json"))
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	v.temporal = compile(t, "temporal-trigger.schema.json", doc)
	var extra struct {
		Auth struct {
			Names []string `json:"names"`
		} `json:"x-tollbooth-auth-parameters"`
	}
	require.NoError(t, json.Unmarshal(data, &extra))
	v.authKeys = extra.Auth.Names
	require.NotEmpty(t, v.authKeys)
	return v
}

func compile(t *testing.T, name string, doc any) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(name, doc))
	s, err := c.Compile(name)
	require.NoError(t, err, name)
	return s
}

// jsonValue turns a YAML-decoded value into what the schema library expects from JSON.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	return out
}

// strict makes an OpenAPI schema refuse unknown fields, as Kubernetes' strict field validation
// does: every object schema that lists its properties, and does not preserve unknown fields,
// gets additionalProperties: false.
func strict(v any) any {
	switch s := v.(type) {
	case map[string]any:
		for k, c := range s {
			s[k] = strict(c)
		}
		_, hasProps := s["properties"]
		_, hasAdditional := s["additionalProperties"]
		preserve, _ := s["x-kubernetes-preserve-unknown-fields"].(bool)
		if hasProps && !hasAdditional && !preserve {
			s["additionalProperties"] = false
		}
		return s
	case []any:
		for i, c := range s {
			s[i] = strict(c)
		}
		return s
	}
	return v
}

// validate checks one manifest against its kind's schema.
func (v *validator) validate(m manifest) error {
	switch m.kind {
	case "apps/v1/Deployment":
		var d appsv1.Deployment
		dec := json.NewDecoder(bytes.NewReader(m.json))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			return fmt.Errorf("%s: Deployment %s: %w", m.file, m.name, err)
		}
		return checkDeployment(d)
	case "v1/Service":
		var svc corev1.Service
		dec := json.NewDecoder(bytes.NewReader(m.json))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&svc); err != nil {
			return fmt.Errorf("%s: Service %s: %w", m.file, m.name, err)
		}
		if len(svc.Spec.Selector) == 0 || len(svc.Spec.Ports) == 0 {
			return fmt.Errorf("%s: Service %s: needs a selector and a port", m.file, m.name)
		}
		return nil
	}
	schema := v.crds[m.kind]
	if schema == nil {
		return fmt.Errorf("%s: no schema for %s in this test: add the kind's schema before using it", m.file, m.kind)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(m.json))
	if err != nil {
		return err
	}
	if err := schema.Validate(inst); err != nil {
		return fmt.Errorf("%s: %s %s: %w", m.file, m.kind, m.name, err)
	}
	if m.kind == "keda.sh/v1alpha1/ScaledObject" {
		for i, trig := range triggers(m) {
			if trig["type"] != "temporal" {
				continue
			}
			meta, err := jsonschema.UnmarshalJSON(strings.NewReader(mustJSON(trig["metadata"])))
			if err != nil {
				return err
			}
			if err := v.temporal.Validate(meta); err != nil {
				return fmt.Errorf("%s: ScaledObject %s, trigger %d (temporal): %w", m.file, m.name, i, err)
			}
		}
	}
	return nil
}

// checkDeployment checks what the types cannot: the selector selects the pods it makes.
func checkDeployment(d appsv1.Deployment) error {
	if d.Spec.Selector == nil || len(d.Spec.Template.Spec.Containers) == 0 {
		return fmt.Errorf("Deployment %s: needs a selector and a container", d.Name)
	}
	for k, want := range d.Spec.Selector.MatchLabels {
		if d.Spec.Template.Labels[k] != want {
			return fmt.Errorf("Deployment %s: selector %s=%s does not match the pod template's labels", d.Name, k, want)
		}
	}
	return nil
}

func triggers(m manifest) []map[string]any {
	spec, _ := m.obj["spec"].(map[string]any)
	list, _ := spec["triggers"].([]any)
	var out []map[string]any
	for _, t := range list {
		if tm, ok := t.(map[string]any); ok {
			out = append(out, tm)
		}
	}
	return out
}

func mustJSON(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}

func TestKubernetesManifestsMatchTheSchemasOfTheirKinds(t *testing.T) {
	v := newValidator(t)
	manifests := loadManifests(t)
	byKind := map[string][]manifest{}
	for _, m := range manifests {
		require.NoError(t, v.validate(m))
		byKind[m.kind] = append(byKind[m.kind], m)
	}

	// The autoscaling holds together: every ScaledObject scales a Deployment of these files and
	// authenticates through a TriggerAuthentication of these files that gives the scaler a
	// parameter it knows, and between them the triggers watch both of the worker's task queues.
	deployments := names(byKind["apps/v1/Deployment"])
	auths := map[string]manifest{}
	for _, a := range byKind["keda.sh/v1alpha1/TriggerAuthentication"] {
		auths[a.name] = a
	}
	watched := map[string]bool{}
	require.NotEmpty(t, byKind["keda.sh/v1alpha1/ScaledObject"])
	for _, so := range byKind["keda.sh/v1alpha1/ScaledObject"] {
		target := so.obj["spec"].(map[string]any)["scaleTargetRef"].(map[string]any)["name"].(string)
		require.Contains(t, deployments, target, "ScaledObject %s scales a Deployment these files do not define", so.name)
		for _, trig := range triggers(so) {
			meta := trig["metadata"].(map[string]any)
			watched[meta["taskQueue"].(string)] = true
			ref, ok := trig["authenticationRef"].(map[string]any)
			require.True(t, ok, "ScaledObject %s: the temporal trigger needs an authenticationRef (the Temporal Cloud API key)", so.name)
			auth, ok := auths[ref["name"].(string)]
			require.True(t, ok, "ScaledObject %s refers to TriggerAuthentication %v, which these files do not define", so.name, ref["name"])
			for _, st := range auth.obj["spec"].(map[string]any)["secretTargetRef"].([]any) {
				param := st.(map[string]any)["parameter"].(string)
				require.Contains(t, v.authKeys, param, "TriggerAuthentication %s gives the temporal scaler %q, which it does not read", auth.name, param)
			}
		}
	}
	require.True(t, watched[signals.CaptureTaskQueue] && watched[signals.VisionTaskQueue],
		"the triggers must watch both %s and %s, they watch %v", signals.CaptureTaskQueue, signals.VisionTaskQueue, watched)
}

// The validation fails on what it is there to catch.
func TestManifestValidationRefusesMistakes(t *testing.T) {
	v := newValidator(t)
	bad := map[string]string{
		"misspelt temporal parameter": `
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: x}
spec:
  scaleTargetRef: {name: x}
  triggers:
    - type: temporal
      metadata: {endpoint: "t:7233", taskQueue: q, targetQueSize: "5"}`,
		"queue type that does not exist": `
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: x}
spec:
  scaleTargetRef: {name: x}
  triggers:
    - type: temporal
      metadata: {endpoint: "t:7233", taskQueue: q, queueTypes: "workflows"}`,
		"unknown ScaledObject field": `
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: x}
spec:
  scaleTargetRef: {name: x}
  maxReplicas: 3
  triggers:
    - type: temporal
      metadata: {endpoint: "t:7233", taskQueue: q}`,
		"TriggerAuthentication without a secret key": `
apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata: {name: x}
spec:
  secretTargetRef:
    - {parameter: apiKey, name: s}`,
		"Deployment with a misplaced field": `
apiVersion: apps/v1
kind: Deployment
metadata: {name: x}
spec:
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec:
      containers: [{name: x, image: x, envFrom: [{secretRef: {name: s}}], env: [{name: A, valueFrom: {secretKeyRef: {name: s}}, key: k}]}]`,
		"kind without a schema": `
apiVersion: v1
kind: ConfigMap
metadata: {name: x}`,
	}
	for name, doc := range bad {
		docs, err := yamlDocuments([]byte(doc))
		require.NoError(t, err, name)
		m, err := toManifest(name, docs[0])
		require.NoError(t, err)
		err = v.validate(m)
		require.Error(t, err, name)
		t.Logf("%s: %v", name, err)
	}
}

func names(ms []manifest) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.name)
	}
	slices.Sort(out)
	return out
}
