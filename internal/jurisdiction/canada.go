package jurisdiction

// Sources, read in 2026 through the search tool's stored copies of public pages: the Wikipedia articles
// "Vehicle registration plates of <province>" (infobox "Serial format" of the current series) and
// "Canadian licence plate designs and serial formats" (table of current passenger formats), on
// en.wikipedia.org or a mirror named in the row. "general knowledge" marks a row no source read here
// confirmed; each is listed in the package README section "Unsure rows".

var canadianJurisdictions = []Jurisdiction{
	{Code: "ca-ab", Name: "Alberta", Printed: []string{"ALBERTA", "WILDROSECOUNTRY"}, Formats: []Format{
		// source: Wikipedia "Canadian licence plate designs and serial formats", passenger table: Alberta
		// ABC-1234 (en.wikipedia.org and wikimili, read 2026).
		{Name: "ca-ab-abc1234", Pattern: `[A-Z]{3}[0-9]{4}`, Example: "BAA1234"},
		// source: same article, 2008 revision (the-uncensored-wiki copy): Alberta ABC 123.
		{Name: "ca-ab-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123", Previous: true},
	}},
	{Code: "ca-bc", Name: "British Columbia", Printed: []string{"BRITISHCOLUMBIA", "BEAUTIFULBRITISHCOLUMBIA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of British Columbia" (piglix and eudic copies):
		// serials omit I, O, Q, U, Y and Z; the AB1-23C series since 2014, AA0-00A onward (bcpl8s.ca 2017:
		// FA0-00A series seen).
		{Name: "ca-bc-ab123c", Pattern: bcLetters + `{2}[0-9]{3}` + bcLetters, Example: "FA000A"},
		// source: same article, infobox serial format A12 3BC (en.wikipedia.org, read 2026), with the same
		// letters.
		{Name: "ca-bc-a123bc", Pattern: bcLetters + `[0-9]{3}` + bcLetters + `{2}`, Example: "A123BC"},
		// source: same article: the 123-ABC series, 2001 to 2014.
		{Name: "ca-bc-123abc", Pattern: `[0-9]{3}` + bcLetters + `{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "ca-mb", Name: "Manitoba", Printed: []string{"MANITOBA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Manitoba", infobox ABC 123 since 2012
		// (en.m.wiki.x.io copy, read 2026).
		{Name: "ca-mb-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ANB821"},
	}},
	{Code: "ca-nb", Name: "New Brunswick", Printed: []string{"NEWBRUNSWICK", "NOUVEAUBRUNSWICK"}, Formats: []Format{
		// source: newbrunswick.allvehiclesdata.com: the standard passenger plate is three letters followed
		// by three numbers (ABC 123); general knowledge otherwise.
		{Name: "ca-nb-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
	}},
	{Code: "ca-nl", Name: "Newfoundland and Labrador", Printed: []string{"NEWFOUNDLANDANDLABRADOR", "NEWFOUNDLAND", "LABRADOR"}, Formats: []Format{
		// source: general knowledge (ABC 123 series); no source read here gives the current format.
		{Name: "ca-nl-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
	}},
	{Code: "ca-ns", Name: "Nova Scotia", Printed: []string{"NOVASCOTIA"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Nova Scotia", infobox ABC 123 (en.wikipedia.org
		// and wikimili, read 2026).
		{Name: "ca-ns-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "FRP490"},
	}},
	{Code: "ca-nt", Name: "Northwest Territories", Printed: []string{"NORTHWESTTERRITORIES"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of the Northwest Territories", passenger table
		// (mirror copy): bear-shaped plates numbered 1234, then 12345; the 2010 base's format was not in
		// the copy read, so four to six digits are allowed.
		{Name: "ca-nt-numeric", Pattern: `[0-9]{4,6}`, Example: "12345"},
	}},
	{Code: "ca-nu", Name: "Nunavut", Printed: []string{"NUNAVUT"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Nunavut", infobox 123 456, rectangular plate
		// since July 2012, serials from 000 001 (cryer.org.uk copy, read 2026).
		{Name: "ca-nu-numeric", Pattern: `[0-9]{6}`, Example: "014551"},
	}},
	{Code: "ca-on", Name: "Ontario", Printed: []string{"ONTARIO", "YOURSTODISCOVER"}, Formats: []Format{
		// source: Wikipedia "Canadian licence plate designs and serial formats": Ontario ABCD-123 since
		// 1997, B series from 2006, C from 2016, D from 2023 (en.wikipedia.org, read 2026); Wikipedia
		// "Vehicle registration plates of Canada" (piglix copy): the letters I, O and U are not used.
		{Name: "ca-on-abcd123", Pattern: noIOU + `{4}[0-9]{3}`, Example: "DABC123"},
		// source: same article: sequential ABC-123 plates before the 1997 change to ABCD-123; Ontario plates
		// stay with their owner, so these are still seen.
		{Name: "ca-on-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123", Previous: true},
	}},
	{Code: "ca-pe", Name: "Prince Edward Island", Printed: []string{"PRINCEEDWARDISLAND"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Prince Edward Island", infobox 123 ABC, current
		// series since 2022 (kiwix 2024-01 copy, read 2026); PEI government release 2022-11-16.
		{Name: "ca-pe-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
	}},
	{Code: "ca-qc", Name: "Quebec", Printed: []string{"QUEBEC", "JEMESOUVIENS"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Quebec", infobox serial format A12 BCD
		// (wikiaro.ru and de.wikial.top copies, read 2026).
		{Name: "ca-qc-a12bcd", Pattern: `[A-Z][0-9]{2}[A-Z]{3}`, Example: "A12BCD"},
		// source: same article, older revision (en.wikipedia.org): 1996 plates 123 ABC.
		{Name: "ca-qc-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "ca-sk", Name: "Saskatchewan", Printed: []string{"SASKATCHEWAN", "LANDOFLIVINGSKIES"}, Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Saskatchewan", infobox 123 ABC since 2009
		// (wikiclassic.com copy, read 2026).
		{Name: "ca-sk-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
	}},
	{Code: "ca-yt", Name: "Yukon", Printed: []string{"YUKON"}, Formats: []Format{
		// source: general knowledge (three letters and two digits); no source read here gives the current
		// format (see README "Unsure rows").
		{Name: "ca-yt-abc12", Pattern: `[A-Z]{3}[0-9]{2}`, Example: "ABC12"},
	}},
}
