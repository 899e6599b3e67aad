package jurisdiction

// Sources, read in 2026 through the search tool's stored copies of public pages:
//   - the Wikipedia article "Vehicle registration plates of <state>", most often its infobox
//     ("Serial format" of the current series), on en.wikipedia.org or a mirror named in the row;
//   - "U.S. license plate designs and serial formats" (Wikipedia, 2022 revision, wikiclassic.com copy),
//     section "Trends in serial formats", cited below as "US serial formats";
//   - openalpr/openalpr on GitHub, runtime_data/postprocess/us.patterns (c. 2016), the per-state
//     patterns of an open-source plate reader, used as a cross-check and where nothing better was found.
//
// "general knowledge" marks a row that no source read here confirmed; each is listed in the package
// README section "Unsure rows".

// Counties of the states that put a county code at the head of the serial.
const (
	alabamaCounty2  = `(?:[1-5][0-9]|6[0-7])`   // two-digit codes 10..67
	montanaCounty2  = `(?:[1-4][0-9]|5[0-6])`   // two-digit codes 10..56
	nebraskaCounty2 = `(?:[1-8][0-9]|9[0-3])`   // two-digit codes 10..93
	sdCounty2       = `(?:[1-5][0-9]|6[0-7])`   // two-digit codes 10..67
	wyomingCounty   = `(?:[1-9]|1[0-9]|2[0-3])` // codes 1..23
	idahoCounty     = `(?:[12]A|10B|[1-9]B|[1-7]C|E|[12]F|[12]G|I|[12]J|K|[1-4]L|[12]M|N|[12]O|[12]P|S|[12]T|V|W)`
	wvMonth         = `[1-9DNO]` // January..September, then O, N, D for October..December
)

var usJurisdictions = []Jurisdiction{
	{Code: "us-al", Name: "Alabama", Printed: []string{"ALABAMA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Alabama", infobox serial formats 1A2345B, 1A23BCD,
		// 1A23B4C, 10A123B, 10A12B3, 10A1B23, 10A1BC2, 10A2BCD, county-coded 1..67 (cryer.org.uk copy, read
		// 2026). Derived: county code, a letter, a digit, then letters or digits to seven characters.
		{Name: "us-al-county", Pattern: `[1-9][A-Z][0-9][A-Z0-9]{4}|` + alabamaCounty2 + `[A-Z][0-9][A-Z0-9]{3}`, Example: "1A2345B"},
	}},
	{Code: "us-ak", Name: "Alaska", Printed: []string{"ALASKA"}, Formats: []Format{
		// source: Wikipedia "History of vehicle registration plates of Alaska" (ABC 123 since 1975) and
		// akplates.org (2008: the AAA 999 format); US serial formats lists Alaska as ABC-123.
		{Name: "us-ak-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "FGF100"},
	}},
	{Code: "us-az", Name: "Arizona", Printed: []string{"ARIZONA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Arizona", notes to the passenger table: of 64
		// possible layouts only ABC1DEF, A1B2CDE, ABC1D2E, A1B2C3D, 1AB2CDE, 12A3BCD, 1AB2C3D, 12A3B4C are
		// used (es.stringtranslate.com copy, read 2026); random issue since April 2020 (fronterasdesk.org,
		// KJZZ 2020). Derived: positions 1, 2 and 6 letter or digit, 3, 5 and 7 letters, 4 a digit.
		{Name: "us-az-random", Pattern: `[A-Z0-9]{2}[A-Z][0-9][A-Z][A-Z0-9][A-Z]`, Example: "1AB2C3D"},
		// source: Wikipedia "History of vehicle registration plates of Arizona" (the-uncensored-wiki copy):
		// 1997 base ABC1234 from AAA0001; the sequential series before random issue in 2020.
		{Name: "us-az-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "CFY1234", Previous: true},
	}},
	{Code: "us-ar", Name: "Arkansas", Printed: []string{"ARKANSAS"}, Formats: []Format{
		// source: KAIT news 2021-01-06 "Last Ark. license plate of current configuration": after 999 ZZZ the
		// state issues three letters, two numbers, one letter; US serial formats: Arkansas ABC-12D.
		{Name: "us-ar-abc12d", Pattern: `[A-Z]{3}[0-9]{2}[A-Z]`, Example: "ABC12D"},
		// source: KAIT news 2021-01-06: "for decades ... three numbers followed by three letters".
		{Name: "us-ar-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "us-ca", Name: "California", Printed: []string{"CALIFORNIA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of California" (quoted in lisboaohyeah.blogspot.com
		// 2016): 1AAA000 to 9ZZZ999, leading digit constant; I, O and Q are not used in the first or third
		// letter positions.
		{Name: "us-ca-1980", Pattern: `[1-9]` + noIOQ + letter + noIOQ + `[0-9]{3}`, Example: "7ABC123"},
		// source: techspot.com and bobistheoilguy.com (2024): after 9ZZZ999 the next series reverses the
		// format to three digits, three letters, one digit. Issue not confirmed by the sources read here.
		{Name: "us-ca-next", Pattern: `[0-9]{3}[A-Z]{3}[0-9]`, Example: "100AAA1"},
	}},
	{Code: "us-co", Name: "Colorado", Printed: []string{"COLORADO"}, Formats: []Format{
		// source: US serial formats: Colorado and Florida use ABC-D12.
		{Name: "us-co-abcd12", Pattern: `[A-Z]{4}[0-9]{2}`, Example: "BRTL95"},
		// source: Wikipedia "Vehicle registration plates of Colorado" (wikisum copy): the 2000 base was issued
		// in the 123-ABC format; openalpr us.patterns co ###@@@.
		{Name: "us-co-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "us-ct", Name: "Connecticut", Printed: []string{"CONNECTICUT"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Connecticut" (jeepchoices.blogspot.com copy,
		// 2018): permanent AB-12345 format since August 2015, 0 allowed as the first of the five digits.
		{Name: "us-ct-ab12345", Pattern: `[A-Z]{2}[0-9]{5}`, Example: "AU12345"},
		// source: same article: temporary 1ABCD2 and 1AB-CD2 formats July 2013 to August 2015.
		{Name: "us-ct-1abcd2", Pattern: `[0-9][A-Z]{4}[0-9]`, Example: "1ABCD2", Previous: true},
		// source: same article (en-academic.com copy): Connecticut skips 0 as the leading digit; the
		// 123-ABC series of the 1990s and 2000s (MCW sample kd.jpg, 127-RFS); openalpr us.patterns ct ###@@@.
		{Name: "us-ct-123abc", Pattern: `[1-9][0-9]{2}[A-Z]{3}`, Example: "127RFS", Previous: true},
	}},
	{Code: "us-de", Name: "Delaware", Printed: []string{"DELAWARE"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Delaware", infobox serial format 123456; no
		// leading zeros, so serials have a variable number of digits (wikisum and alchetron copies).
		{Name: "us-de-numeric", Pattern: `[1-9][0-9]{0,5}`, Example: "123456"},
	}},
	{Code: "us-dc", Name: "District of Columbia", Printed: []string{"DISTRICTOFCOLUMBIA", "WASHINGTONDC", "WASHINGTON"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Washington, D.C.", infobox AB 1234 (easychat.me
		// copy); dcplates.com: AB-1234 since April 1997, the BI, BO and BQ series skipped as look-alikes.
		{Name: "us-dc-ab1234", Pattern: noIOQ + noIOQ + `[0-9]{4}`, Example: "BR0698"},
	}},
	{Code: "us-fl", Name: "Florida", Printed: []string{"FLORIDA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Florida", infobox serial formats ABC D12, A12 3BC,
		// 12A BCD, 123 4AB, AB1 2CD, A12 34B, ABC 123 (en.wikipedia.org, read 2026); one row per layout.
		{Name: "us-fl-abcd12", Pattern: `[A-Z]{4}[0-9]{2}`, Example: "ABCD12"},
		// source: same infobox, A12 3BC.
		{Name: "us-fl-a123bc", Pattern: `[A-Z][0-9]{3}[A-Z]{2}`, Example: "A123BC"},
		// source: same infobox, 12A BCD.
		{Name: "us-fl-12abcd", Pattern: `[0-9]{2}[A-Z]{4}`, Example: "12ABCD"},
		// source: same infobox, 123 4AB.
		{Name: "us-fl-1234ab", Pattern: `[0-9]{4}[A-Z]{2}`, Example: "1234AB"},
		// source: same infobox, AB1 2CD.
		{Name: "us-fl-ab12cd", Pattern: `[A-Z]{2}[0-9]{2}[A-Z]{2}`, Example: "AB12CD"},
		// source: same infobox, A12 34B.
		{Name: "us-fl-a1234b", Pattern: `[A-Z][0-9]{4}[A-Z]`, Example: "A1234B"},
		// source: same infobox, ABC 123.
		{Name: "us-fl-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
	}},
	{Code: "us-ga", Name: "Georgia", Printed: []string{"GEORGIA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Georgia (U.S. state)", infobox serial format
		// ABC1234 (de.wikial.top copy); US serial formats.
		{Name: "us-ga-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "PXE9860"},
	}},
	{Code: "us-hi", Name: "Hawaii", Printed: []string{"HAWAII"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Hawaii", infobox ABC 123 since 1991 (kiwix 2020
		// copy); Honolulu Star-Bulletin "Kokua Line" 2003-03-27: the letters I, O and Z are not used as the
		// series letter; openalpr us.patterns hi [A-HJKNMPR-Z]@@###.
		{Name: "us-hi-abc123", Pattern: `[A-HJ-NP-Y][A-Z]{2}[0-9]{3}`, Example: "NBC123"},
	}},
	{Code: "us-id", Name: "Idaho", Printed: []string{"IDAHO"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Idaho" (piglix and es.stringtranslate copies):
		// county codes since 1945 are the county's rank among those with its initial plus that initial (1A
		// Ada ... 10B Butte, E, I, K, N, S, V, W alone); code list from two70.com. Serial after the code from
		// openalpr us.patterns id (@######, #@#####, #@@####, #@@@###): up to two letters, then digits.
		{Name: "us-id-county", Pattern: idahoCounty + `[A-Z]{0,2}[0-9]{3,6}`, Example: "1A12345"},
	}},
	{Code: "us-il", Name: "Illinois", Printed: []string{"ILLINOIS"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Illinois", infobox serial format AB 12345,
		// current series since 2017-01-01 (en.wikipedia.org, read 2026).
		{Name: "us-il-ab12345", Pattern: `[A-Z]{2}[0-9]{5}`, Example: "AB12345"},
		// source: US serial formats, 2014 revision (en.wikipedia.org oldid 605014986): Illinois A12-3456.
		{Name: "us-il-a123456", Pattern: `[A-Z][0-9]{6}`, Example: "A123456", Previous: true},
	}},
	{Code: "us-in", Name: "Indiana", Printed: []string{"INDIANA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Indiana", section County coding (liquisearch
		// copy): since 2008 the format is 123A, 123AB or 123ABC; US serial formats lists Indiana's as
		// three letters and three numbers.
		{Name: "us-in-123abc", Pattern: `[0-9]{3}[A-Z]{1,3}`, Example: "123ABC"},
	}},
	{Code: "us-ia", Name: "Iowa", Printed: []string{"IOWA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Iowa", infobox ABC 123, current series since
		// 2018-04-01 (en.wikipedia.org, read 2026); licenseplates.cc/IA: 2018 series seen at OXT 981.
		{Name: "us-ia-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "OXT981"},
		// source: licenseplates.cc/IA: the 1996 base is 123 ABC, and I, O and Q are not used in the first
		// letter position.
		{Name: "us-ia-123abc", Pattern: `[0-9]{3}` + noIOQ + `[A-Z]{2}`, Example: "861FLM", Previous: true},
	}},
	{Code: "us-ks", Name: "Kansas", Printed: []string{"KANSAS"}, Formats: []Format{
		// source: US serial formats: Kansas 1234ABC; KSN News 2023-11-28: new plate numbers will be seven
		// characters; piglix copy of the Wikipedia article: letters I, O and Q not used since 2013.
		{Name: "us-ks-1234abc", Pattern: `[0-9]{4}` + noIOQ + `{3}`, Example: "1234ABC"},
		// source: KCUR 2018-07-12: the 2007 design with six letters and numbers, printed flat since 2018;
		// openalpr us.patterns ks ###@@@; Leader & Times 2024: flat plates keep their design.
		{Name: "us-ks-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "us-ky", Name: "Kentucky", Printed: []string{"KENTUCKY"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Kentucky", infobox ABC123, current series since
		// 2020-09-21 (en.wikipedia.org, read 2026).
		{Name: "us-ky-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
		// source: openalpr us.patterns ky ###@@@ (the series before 2020).
		{Name: "us-ky-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "us-la", Name: "Louisiana", Printed: []string{"LOUISIANA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Louisiana", infobox 123 ABC, issued continuously
		// since 2016-01-01 (en.wikipedia.org, read 2026).
		{Name: "us-la-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
		// source: Associated Press via press-herald.com: the LLL DDD sequence is rotated to DDD LLL;
		// openalpr us.patterns la @@@###.
		{Name: "us-la-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123", Previous: true},
	}},
	{Code: "us-me", Name: "Maine", Printed: []string{"MAINE", "VACATIONLAND"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Maine", infobox 123·ABC, current series since
		// 2025-05-01 (en.wikipedia.org, read 2026); Maine statute 29-A §451(1-A): every vehicle gets the new
		// general issue by 2026-07-31, so the chickadee series (1234 AB) is left out.
		{Name: "us-me-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
	}},
	{Code: "us-md", Name: "Maryland", Printed: []string{"MARYLAND"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Maryland", infobox 1AB2345 since 2016-09-26
		// (en.wikipedia.org, read 2026); plates.gamepuppet.com: I, O, Q and U are not used; femarshall
		// blog 2011 says the same of Maryland's standard series.
		{Name: "us-md-1ab2345", Pattern: `[0-9]` + noIOQU + `{2}[0-9]{4}`, Example: "2DX4957"},
	}},
	{Code: "us-ma", Name: "Massachusetts", Printed: []string{"MASSACHUSETTS"}, Formats: []Format{
		// source: licenseplates.cc/MA: on the Spirit of America base the last digit is the expiry month;
		// formats 000·AAA, then 0000 AA, then 00A A00; bluemassgroup.com 2008: then three digits, two
		// letters, a digit; metafilter 2018: #LL ### plates seen in 2014. One row per layout, newest first.
		{Name: "us-ma-1ab234", Pattern: `[0-9][A-Z]{2}[0-9]{3}`, Example: "1AB234"},
		// source: bluemassgroup.com 2008 ("123 LD0": three digits, two letters, a digit); openalpr ###@@#.
		{Name: "us-ma-123ab4", Pattern: `[0-9]{3}[A-Z]{2}[0-9]`, Example: "123AB4"},
		// source: licenseplates.cc/MA, third format 00A A00 (November 2001 on).
		{Name: "us-ma-12ab34", Pattern: `[0-9]{2}[A-Z]{2}[0-9]{2}`, Example: "10AA00", Previous: true},
		// source: licenseplates.cc/MA, second format 0000 AA.
		{Name: "us-ma-1234ab", Pattern: `[0-9]{4}[A-Z]{2}`, Example: "1234AB", Previous: true},
		// source: licenseplates.cc/MA, first format 000·AAA; bluemassgroup.com 2008: the letters I, O and Q
		// were never used in it.
		{Name: "us-ma-123abc", Pattern: `[0-9]{3}` + noIOQ + `{3}`, Example: "123WAB", Previous: true},
	}},
	{Code: "us-mi", Name: "Michigan", Printed: []string{"MICHIGAN", "PUREMICHIGAN"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Michigan", infobox ABC 1234 (en.wikipedia.org and
		// wikimili, read 2026); licenseplates.cc/MI: 2007 base from BAA 0000, 2013 series at ETH 5592.
		{Name: "us-mi-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "BUG2145"},
	}},
	{Code: "us-mn", Name: "Minnesota", Printed: []string{"MINNESOTA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Minnesota", infobox ABC 123 (en.wikipedia.org,
		// read 2026); licenseplates.cc/MN: the letters I, O and Q are not used.
		{Name: "us-mn-abc123", Pattern: noIOQ + `{3}[0-9]{3}`, Example: "ABC123"},
		// source: licenseplates.cc/MN: standard plates are now flat and have reverted to a 000-AAA pattern.
		{Name: "us-mn-123abc", Pattern: `[0-9]{3}` + noIOQ + `{3}`, Example: "093BZX"},
	}},
	{Code: "us-ms", Name: "Mississippi", Printed: []string{"MISSISSIPPI"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Mississippi", infobox ABC 123, current series
		// since 2024-01-01 (en.wikipedia.org, read 2026).
		{Name: "us-ms-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
		// source: US serial formats (2022): Mississippi among the ABC-1234 states.
		{Name: "us-ms-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234", Previous: true},
	}},
	{Code: "us-mo", Name: "Missouri", Printed: []string{"MISSOURI"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Missouri", infobox AB1 C2D (month-coded), since
		// 2018-10-15 (en.wikipedia.org, read 2026); KHQA 2008: the first letter tells the month of issue.
		{Name: "us-mo-ab1c2d", Pattern: `[A-Z]{2}[0-9][A-Z][0-9][A-Z]`, Example: "AB1C2D"},
	}},
	{Code: "us-mt", Name: "Montana", Printed: []string{"MONTANA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Montana", infobox 1-12345A, 10-1234A since 2010
		// (en.wikipedia.org, read 2026); county codes 1..56 (KXLH 2015). Derived: county code, digits to six,
		// a letter.
		{Name: "us-mt-county", Pattern: `[1-9][0-9]{5}[A-Z]|` + montanaCounty2 + `[0-9]{4}[A-Z]`, Example: "112345A"},
	}},
	{Code: "us-ne", Name: "Nebraska", Printed: []string{"NEBRASKA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Nebraska", infobox (wikipedia-on-ipfs copy):
		// Douglas, Lancaster and Sarpy counties ABC 123.
		{Name: "us-ne-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
		// source: same infobox: other counties county-coded 3-A1234, 3-AB123, 10-A123, 10-AB12; 93 counties.
		{Name: "us-ne-county", Pattern: `[1-9][A-Z][0-9]{4}|[1-9][A-Z]{2}[0-9]{3}|` + nebraskaCounty2 + `[A-Z][0-9]{3}|` + nebraskaCounty2 + `[A-Z]{2}[0-9]{2}`, Example: "3A1234"},
	}},
	{Code: "us-nv", Name: "Nevada", Printed: []string{"NEVADA"}, Formats: []Format{
		// source: Las Vegas Review-Journal, "Thin-font Nevada license plates aren't fakes" (Road Warrior
		// column): standard plates of three numbers and three letters, suffixes ZA_ and ZE_ seen;
		// openalpr us.patterns nv ###@@@.
		{Name: "us-nv-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ZEA"},
		// source: same column: plates with a "##A" prefix, read as two digits, a letter and three digits.
		{Name: "us-nv-12a345", Pattern: `[0-9]{2}[A-Z][0-9]{3}`, Example: "12A345"},
	}},
	{Code: "us-nh", Name: "New Hampshire", Printed: []string{"NEWHAMPSHIRE"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of New Hampshire", infobox 123 4567, since 1999
		// (en.wikipedia.org and wikimili, read 2026); openalpr us.patterns nh ###### and #######.
		{Name: "us-nh-numeric", Pattern: `[1-9][0-9]{5,6}`, Example: "1234567"},
	}},
	{Code: "us-nj", Name: "New Jersey", Printed: []string{"NEWJERSEY", "GARDENSTATE"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of New Jersey", infobox A12-BCD (en.wikipedia.org,
		// read 2026).
		{Name: "us-nj-a12bcd", Pattern: `[A-Z][0-9]{2}[A-Z]{3}`, Example: "A12BCD"},
		// source: plates.gamepuppet.com (2026): current issues follow ABC-12D; openalpr us.patterns nj @@@##@.
		{Name: "us-nj-abc12d", Pattern: `[A-Z]{3}[0-9]{2}[A-Z]`, Example: "ABC12D"},
	}},
	{Code: "us-nm", Name: "New Mexico", Printed: []string{"NEWMEXICO"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of New Mexico", infobox: Chile plate ABCD12 since
		// July 2017 (en.wikipedia.org and knowpia, read 2026).
		{Name: "us-nm-abcd12", Pattern: `[A-Z]{4}[0-9]{2}`, Example: "ABCD12"},
		// source: same infobox: Turquoise plate ABC-123 (2010).
		{Name: "us-nm-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
		// source: same infobox: Yucca plate 123-ABC (1991).
		{Name: "us-nm-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
	}},
	{Code: "us-ny", Name: "New York", Printed: []string{"NEWYORK", "EXCELSIOR", "EMPIRESTATE"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of New York", infobox ABC-1234 (en.wikipedia.org,
		// read 2026); licenseplates.cc/NY: 2010 base from FAB; Excelsior plates from the KDA series.
		{Name: "us-ny-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "KDA1234"},
	}},
	{Code: "us-nc", Name: "North Carolina", Printed: []string{"NORTHCAROLINA"}, Formats: []Format{
		// source: US serial formats: North Carolina ABC-1234; openalpr us.patterns nc @@@####.
		{Name: "us-nc-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234"},
	}},
	{Code: "us-nd", Name: "North Dakota", Printed: []string{"NORTHDAKOTA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of North Dakota", infobox 123 ABC since 2015-11-12
		// (en.wikipedia.org, read 2026); NDDOT: general reissue of all plates 2015 to June 2017.
		{Name: "us-nd-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
	}},
	{Code: "us-oh", Name: "Ohio", Printed: []string{"OHIO"}, Formats: []Format{
		// source: US serial formats: Ohio ABC-1234; openalpr us.patterns oh @@@####.
		{Name: "us-oh-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "FIP7374"},
	}},
	{Code: "us-ok", Name: "Oklahoma", Printed: []string{"OKLAHOMA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Oklahoma", passenger table: 2009 base 123ABC
		// (wiki mirror copy); Oklahoma Gazette 2009: every vehicle gets the new plate by January 2010;
		// openalpr us.patterns ok ###@@@. Later designs not confirmed (see README "Unsure rows").
		{Name: "us-ok-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
	}},
	{Code: "us-or", Name: "Oregon", Printed: []string{"OREGON"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Oregon", infobox 123 ABC since February 2004,
		// from 001 BAA (kiwix 2018 and liquisearch copies).
		{Name: "us-or-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "001BAA"},
		// source: same article: 1988 Douglas Fir base ABC 123 (PDN 001 to ZZZ 999); all plates since 1956
		// remain valid.
		{Name: "us-or-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "QNM001", Previous: true},
	}},
	{Code: "us-pa", Name: "Pennsylvania", Printed: []string{"PENNSYLVANIA"}, Formats: []Format{
		// source: US serial formats: Pennsylvania ABC-1234; openalpr us.patterns pa @@@####.
		{Name: "us-pa-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234"},
	}},
	{Code: "us-ri", Name: "Rhode Island", Printed: []string{"RHODEISLAND", "OCEANSTATE"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Rhode Island", infobox serial formats AB-123,
		// 123-456, 1AB-234 since 1996 (wikijaa.ru copy, read 2026).
		{Name: "us-ri-1ab234", Pattern: `[0-9][A-Z]{2}[0-9]{3}`, Example: "1AB234"},
		// source: same infobox, 123-456.
		{Name: "us-ri-numeric", Pattern: `[1-9][0-9]{5}`, Example: "123456"},
		// source: same infobox, AB-123.
		{Name: "us-ri-ab123", Pattern: `[A-Z]{2}[0-9]{3}`, Example: "AB123"},
	}},
	{Code: "us-sc", Name: "South Carolina", Printed: []string{"SOUTHCAROLINA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of South Carolina", infobox 123 ABC
		// (en.wikipedia.org, read 2026).
		{Name: "us-sc-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "101AAA"},
		// source: same article, older revision: summer 2008 base ABC 123 from AAA 101.
		{Name: "us-sc-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "GIQ157", Previous: true},
	}},
	{Code: "us-sd", Name: "South Dakota", Printed: []string{"SOUTHDAKOTA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of South Dakota", infobox 1A1 234, 1AB 123, 10A 123,
		// 10A B12, 44A BC1 (county-coded), and the 2006 base 0ABC 12 (liquisearch copy); counties 1..67
		// (KXRB 2021). Derived: county code, one to three letters, digits to six characters.
		{Name: "us-sd-county", Pattern: `[1-9][A-Z][0-9]{4}|[1-9][A-Z]{2}[0-9]{3}|[1-9][A-Z]{3}[0-9]{2}|` +
			sdCounty2 + `[A-Z][0-9]{3}|` + sdCounty2 + `[A-Z]{2}[0-9]{2}|` + sdCounty2 + `[A-Z]{3}[0-9]`, Example: "44ABC1"},
	}},
	{Code: "us-tn", Name: "Tennessee", Printed: []string{"TENNESSEE"}, Formats: []Format{
		// source: US serial formats (2022): Tennessee among the ABC-1234 states.
		{Name: "us-tn-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234"},
		// source: openalpr us.patterns tn ###@@@ (c. 2016).
		{Name: "us-tn-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "us-tx", Name: "Texas", Printed: []string{"TEXAS", "LONESTARSTATE"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Texas", infobox ABC-1234 (en.wikipedia.org, read
		// 2026); plates.gamepuppet.com 2026: Texas Classic, ABC-1234.
		{Name: "us-tx-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234"},
		// source: licenseplates.cc/TX: the 2009 base format BC1-D234; TxDMV history (copy on
		// throathbcdmadd.pages.dev): two letters, a number, a letter, three numbers; plates are no longer
		// replaced after seven years since November 2016, so these remain on the road.
		{Name: "us-tx-ab1c234", Pattern: `[A-Z]{2}[0-9][A-Z][0-9]{3}`, Example: "BT2G896", Previous: true},
	}},
	{Code: "us-ut", Name: "Utah", Printed: []string{"UTAH"}, Formats: []Format{
		// source: openalpr us.patterns ut @###@@ and general knowledge (Delicate Arch standard plate); the
		// Wikipedia article read (bliptext copy) gives only the optional-plate formats. See README.
		{Name: "us-ut-a123bc", Pattern: `[A-Z][0-9]{3}[A-Z]{2}`, Example: "A123BC"},
	}},
	{Code: "us-vt", Name: "Vermont", Printed: []string{"VERMONT", "GREENMOUNTAINSTATE"}, Formats: []Format{
		// source: US serial formats: Vermont among the three-letter, three-number states; openalpr
		// us.patterns vt @@@###.
		{Name: "us-vt-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
	}},
	{Code: "us-va", Name: "Virginia", Printed: []string{"VIRGINIA"}, Formats: []Format{
		// source: US serial formats: Virginia ABC-1234 (issued in descending order from 1993); openalpr
		// us.patterns va @@@####.
		{Name: "us-va-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234"},
	}},
	{Code: "us-wa", Name: "Washington", Printed: []string{"WASHINGTON"}, Formats: []Format{
		// source: US serial formats: Washington ABC-1234; openalpr us.patterns wa @@@####.
		{Name: "us-wa-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234"},
		// source: openalpr us.patterns wa ###@@@ (the six-character series before ABC1234).
		{Name: "us-wa-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "us-wv", Name: "West Virginia", Printed: []string{"WESTVIRGINIA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of West Virginia", infobox 0BC 1234, 01B 1234,
		// ABC 1234, A1B 1234 (month-coded), since July 2023 (akarinohon.com copy of en.wikipedia.org);
		// US serial formats (primidi copy): the first character is the month, 1..9 then O, N, D.
		{Name: "us-wv-2023", Pattern: wvMonth + `[A-Z0-9][A-Z][0-9]{4}`, Example: "3AB1234"},
		// source: openalpr us.patterns wv [1-9DON]@@### (the six-character series before 2023).
		{Name: "us-wv-1ab234", Pattern: wvMonth + `[A-Z]{2}[0-9]{3}`, Example: "3AB123", Previous: true},
	}},
	{Code: "us-wi", Name: "Wisconsin", Printed: []string{"WISCONSIN"}, Formats: []Format{
		// source: US serial formats: Wisconsin ABC-1234.
		{Name: "us-wi-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "ABC1234"},
	}},
	{Code: "us-wy", Name: "Wyoming", Printed: []string{"WYOMING"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Wyoming", infobox 1-12345, 1-1234A, 1/0-12345
		// (county-coded) (en.wikipedia.org, read 2026); counties 1..23 (KISS Casper 2021). Derived: county
		// code then up to five digits, or four digits and a letter.
		{Name: "us-wy-county", Pattern: wyomingCounty + `[0-9]{1,5}|` + wyomingCounty + `[0-9]{4}[A-Z]`, Example: "112345"},
	}},
}
