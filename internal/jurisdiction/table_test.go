package jurisdiction

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTableCoversTheStatesProvincesEUAndBrazil(t *testing.T) {
	count := map[string]int{}
	for _, j := range All() {
		switch {
		case strings.HasPrefix(j.Code, "us-"):
			count["us"]++
		case strings.HasPrefix(j.Code, "ca-"):
			count["ca"]++
		case j.Code == "br":
			count["br"]++
		default:
			count["eu"]++
		}
	}
	require.Equal(t, map[string]int{"us": 51, "ca": 13, "eu": 27, "br": 1}, count)
	for _, code := range []string{"us-dc", "us-wy", "ca-nu", "ca-yt", "de", "fr", "se", "cy", "mt", "br"} {
		_, ok := Lookup(code)
		require.True(t, ok, code)
	}
	_, ok := Lookup("gb")
	require.False(t, ok, "the United Kingdom is not an EU member")
}

func TestAllIsSortedByCodeAndLookupIgnoresCase(t *testing.T) {
	all := All()
	for i := 1; i < len(all); i++ {
		require.Less(t, all[i-1].Code, all[i].Code)
	}
	j, ok := Lookup(" US-CA ")
	require.True(t, ok)
	require.Equal(t, "California", j.Name)
}

var normalized = regexp.MustCompile(`^[A-Z0-9]+$`)

func TestEveryFormatIsWellFormedAndItsExampleFits(t *testing.T) {
	names := map[string]bool{}
	for _, j := range All() {
		require.NotEmpty(t, j.Formats, j.Code)
		require.NotEmpty(t, j.Name, j.Code)
		for _, f := range j.Formats {
			require.False(t, names[f.Name], "format name %s used twice", f.Name)
			names[f.Name] = true
			require.True(t, strings.HasPrefix(f.Name, j.Code+"-"), "format %s of %s should start with its code", f.Name, j.Code)
			require.Regexp(t, normalized, f.Example, f.Name)
			require.True(t, f.Matches(f.Example), "%s: example %s does not fit %s", f.Name, f.Example, f.Pattern)
			fits := Match(f.Example, []string{j.Code})
			require.Contains(t, fits, Fit{Code: j.Code, Format: f}, f.Name)
		}
	}
}

func TestPrintedNamesAreNormalizedWordsNotCodes(t *testing.T) {
	for _, j := range All() {
		for _, word := range j.Printed {
			require.Regexp(t, `^[A-Z]{4,}$`, word, "%s: a printed name must be a normalized word of 4+ letters", j.Code)
		}
	}
}

// simple reports whether a pattern is a fixed sequence of single-kind character classes: no alternation,
// no optional part, no range of repeats and no class that mixes letters and digits. For these a change of
// kind at any position, or of length, must break the match.
func simple(pattern string) bool {
	if strings.ContainsAny(pattern, "|?*+(") || regexp.MustCompile(`\{\d+,\d*\}`).MatchString(pattern) {
		return false
	}
	for _, class := range regexp.MustCompile(`\[[^\]]*\]`).FindAllString(pattern, -1) {
		if strings.ContainsAny(class, "0123456789") && regexp.MustCompile(`[A-Z]`).MatchString(class) {
			return false
		}
	}
	return true
}

func TestSimpleFormatsRejectEveryOneCharacterNearMiss(t *testing.T) {
	checked := 0
	for _, j := range All() {
		for _, f := range j.Formats {
			if !simple(f.Pattern) {
				continue
			}
			checked++
			ex := f.Example
			for i := range len(ex) {
				swapped := []byte(ex)
				if ex[i] >= '0' && ex[i] <= '9' {
					swapped[i] = 'K' // a letter where a digit is required
				} else {
					swapped[i] = '7' // a digit where a letter is required
				}
				require.False(t, f.Matches(string(swapped)), "%s accepts %s", f.Name, swapped)
			}
			require.False(t, f.Matches(ex[1:]), "%s accepts the shorter %s", f.Name, ex[1:])
			require.False(t, f.Matches(ex+ex[len(ex)-1:]), "%s accepts the longer %s", f.Name, ex+ex[len(ex)-1:])
		}
	}
	require.Greater(t, checked, 100, "most formats should be simple enough to check this way")
}

// nearMisses are hand-picked for the formats whose pattern is not simple (county codes, variable
// lengths, mixed positions) and for documented letter restrictions.
var nearMisses = []struct {
	code, plate string
	fits        bool
	why         string
}{
	{"us-al", "1A2345B", true, "one-digit county"},
	{"us-al", "10A123B", true, "two-digit county"},
	{"us-al", "68A123B", false, "there is no county 68"},
	{"us-al", "1AB345B", false, "a letter where the first serial digit is required"},
	{"us-al", "1A2345", false, "too short"},
	{"us-az", "1AB2C3D", true, "a documented random layout"},
	{"us-az", "DROPOUT", false, "the fourth character is always a digit"},
	{"us-az", "ABC1DE5", false, "the last character is always a letter"},
	{"us-ca", "7IBC123", false, "I is not used in the first letter position"},
	{"us-ca", "7AIC123", true, "I may be the middle letter"},
	{"us-ca", "7ABO123", false, "O is not used in the third letter position"},
	{"us-ca", "0ABC123", false, "the leading digit starts at 1"},
	{"us-ct", "027RFS", false, "Connecticut skips a leading 0"},
	{"us-dc", "BO1234", false, "the BO series was skipped"},
	{"us-de", "0123", false, "no leading zero"},
	{"us-de", "1234567", false, "at most six digits"},
	{"us-hi", "IBC123", false, "I is not a series letter"},
	{"us-id", "1A12345", true, "Ada county"},
	{"us-id", "3A12345", false, "there is no 3A county"},
	{"us-id", "K123456", true, "Kootenai, a one-letter code"},
	{"us-ks", "1234IBC", false, "no I since 2013"},
	{"us-md", "2DU4957", false, "U is not used"},
	{"us-mn", "ABQ123", false, "Q is not used"},
	{"us-mt", "112345A", true, "county 1 or 11"},
	{"us-mt", "1123456", false, "the serial ends with a letter"},
	{"us-mt", "12345A", false, "too short"},
	{"us-ne", "10AB12", true, "two-digit county, two letters"},
	{"us-ne", "94A123", false, "there is no county 94"},
	{"us-nh", "0234567", false, "no leading zero"},
	{"us-sd", "44ABC1", true, "county 44, three letters"},
	{"us-sd", "68ABC1", false, "there is no county 68"},
	{"us-wv", "N1B1234", true, "November, digit-letter form"},
	{"us-wv", "A1B1234", false, "A is not a month code"},
	{"us-wy", "241234A", false, "there is no county 24"},
	{"ca-bc", "AI123C", false, "British Columbia does not use I"},
	{"ca-bc", "AY123C", false, "nor Y"},
	{"ca-on", "DABU123", false, "Ontario does not use U"},
	{"de", "BAB1234", true, "Berlin"},
	{"de", "MXY0123", false, "no leading zero"},
	{"de", "ABCDE1234", false, "more than eight characters"},
	{"de", "BAB1234E", true, "electric-vehicle suffix"},
	{"es", "1234ABC", false, "no vowels"},
	{"es", "1234BQC", false, "no Q"},
	{"fr", "AB123CU", false, "no U"},
	{"fr", "1234AB56", true, "the FNI series"},
	{"gr", "IKA0123", false, "numbers start at 1000"},
	{"gr", "IFA1234", false, "F has no Greek twin"},
	{"hu", "AABC123", true, "two vowels"},
	{"hu", "ABCD123", false, "first two letters mix a vowel and a consonant"},
	{"ie", "241D12345", true, "2024, first half, Dublin"},
	{"ie", "241Q12345", false, "Q is no county"},
	{"it", "AB123CO", false, "no O"},
	{"nl", "GBA01B", false, "no vowels"},
	{"nl", "GBC01B", false, "no C"},
	{"pl", "WA1234C", true, "a serial letter"},
	{"pl", "WA1234B", false, "B is not a serial letter"},
	{"pl", "KWI12AC", true, "three-letter district"},
	{"ro", "ZZ12ABC", false, "ZZ is no county"},
	{"se", "ABC12O", false, "O may not end a plate"},
	{"se", "AVC123", false, "no V"},
	{"si", "XXAB123", false, "XX is no registration area"},
	{"br", "BRA2E19", true, "Mercosur"},
	{"br", "BRA2E1", false, "too short"},
	{"br", "BR12E19", false, "a digit where a letter is required"},
}

func TestNearMisses(t *testing.T) {
	for _, c := range nearMisses {
		fits := len(Match(c.plate, []string{c.code})) > 0
		require.Equal(t, c.fits, fits, "%s %s: %s", c.code, c.plate, c.why)
	}
}

func TestKnownRealPlates(t *testing.T) {
	for _, c := range []struct{ plate, code, format string }{
		{"BUG2145", "us-mi", "us-mi-abc1234"},
		{"127RFS", "us-ct", "us-ct-123abc"},
		{"127-RFS", "us-ct", "us-ct-123abc"},
		{"7ABC123", "us-ca", "us-ca-1980"},
		{"6RIT751", "us-ca", "us-ca-1980"},
		{"AYO9034", "br", "br-1990"},
		{"BRA2E19", "br", "br-mercosur"},
	} {
		fits := Match(c.plate, []string{c.code})
		require.Len(t, fits, 1, c.plate)
		require.Equal(t, c.format, fits[0].Format.Name, c.plate)
	}
	require.True(t, func() bool { f := Match("127RFS", []string{"us-ct"}); return f[0].Format.Previous }(), "123-ABC is Connecticut's previous series")
}

func TestMatchFollowsTheOrderOfCodesAndIgnoresUnknownOnes(t *testing.T) {
	fits := Match("ABC1234", []string{"us-tx", "nope", "us-ny", "br"})
	var got []string
	for _, f := range fits {
		got = append(got, f.Format.Name)
	}
	require.Equal(t, []string{"us-tx-abc1234", "us-ny-abc1234", "br-1990"}, got)
	require.Empty(t, Match("ABC1234", nil))
	require.Empty(t, Match("---", []string{"us-tx"}))
}

func TestNamed(t *testing.T) {
	require.Equal(t, []string{"us-ca"}, Named("California"))
	require.Equal(t, []string{"us-ny"}, Named("new york"))
	require.Equal(t, []string{"us-dc", "us-wa"}, Named("WASHINGTON"), "printed on both")
	require.Equal(t, []string{"br"}, Named("BRASIL"))
	require.Equal(t, []string{"ca-qc"}, Named("QUEBEC"))
	require.Empty(t, Named("ABC1234"))
	require.Empty(t, Named(""))
}

func TestCallersCannotChangeTheTable(t *testing.T) {
	j, _ := Lookup("us-ca")
	j.Formats[0].Name = "changed"
	j.Printed[0] = "CHANGED"
	again, _ := Lookup("us-ca")
	require.Equal(t, "us-ca-1980", again.Formats[0].Name)
	require.Equal(t, []string{"us-ca"}, Named("CALIFORNIA"))
}
