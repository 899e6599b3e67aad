package jurisdiction

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseCodes(t *testing.T) {
	codes, err := ParseCodes(" US-CA, us-nv ,us-az,us-ca,")
	require.NoError(t, err)
	require.Equal(t, []string{"us-ca", "us-nv", "us-az"}, codes, "lower case, in order, without duplicates")

	codes, err = ParseCodes("br,eu-all")
	require.NoError(t, err)
	require.Len(t, codes, 28)
	require.Equal(t, "br", codes[0])
	require.Contains(t, codes, "de")

	codes, err = ParseCodes("us-all,ca-all")
	require.NoError(t, err)
	require.Len(t, codes, 51+13)
}

func TestParseCodesRejectsBadInputWithAClearMessage(t *testing.T) {
	for _, c := range []struct{ list, want string }{
		{"", "no jurisdiction codes given"},
		{" , ", "no jurisdiction codes given"},
		{"us-cx", `unknown jurisdiction "us-cx": did you mean us-ca, us-co, us-ct?`},
		{"us-ca,california", `unknown jurisdiction "california": did you mean us-ca`},
		{"nv", `unknown jurisdiction "nv": did you mean us-nv`},
		{"ca", `unknown jurisdiction "ca": did you mean us-ca, ca-all`},
		{"eu", `unknown jurisdiction "eu": did you mean eu-all`},
		{"gb", `unknown jurisdiction "gb"`},
		{"xyzzy-plugh", `unknown jurisdiction "xyzzy-plugh": use ISO codes such as us-ca`},
	} {
		_, err := ParseCodes(c.list)
		require.Error(t, err, c.list)
		require.Contains(t, err.Error(), c.want, c.list)
	}
}

func TestParseBooths(t *testing.T) {
	booths, err := ParseBooths("north-01=us-ca,us-nv,us-az; south-01 = br ;")
	require.NoError(t, err)
	require.Equal(t, map[string][]string{
		"north-01": {"us-ca", "us-nv", "us-az"},
		"south-01": {"br"},
	}, booths)

	booths, err = ParseBooths("")
	require.NoError(t, err)
	require.Empty(t, booths, "no booths configured is not an error; the caller applies its default")
}

func TestParseBoothsRejectsBadInputWithAClearMessage(t *testing.T) {
	for _, c := range []struct{ spec, want string }{
		{"north-01", `booth jurisdictions "north-01": write booth=codes`},
		{"=us-ca", `booth jurisdictions "=us-ca": write booth=codes`},
		{"north-01=", `booth "north-01": no jurisdiction codes given`},
		{"north-01=us-ca;north-01=us-nv", `booth "north-01" is listed twice`},
		{"north-01=us-ca;south-01=us-cx", `booth "south-01": unknown jurisdiction "us-cx": did you mean us-ca`},
	} {
		_, err := ParseBooths(c.spec)
		require.Error(t, err, c.spec)
		require.Contains(t, err.Error(), c.want, c.spec)
	}
}

func TestEditDistance(t *testing.T) {
	require.Equal(t, 0, editDistance("us-ca", "us-ca"))
	require.Equal(t, 1, editDistance("us-cx", "us-ca"))
	require.Equal(t, 3, editDistance("ca", "us-ca"))
	require.Equal(t, 3, editDistance("kitten", "sitting"))
}
