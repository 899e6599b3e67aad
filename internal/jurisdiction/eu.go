package jurisdiction

// Sources: the Wikipedia articles "Vehicle registration plates of <country>" where the search tool held a
// copy (read 2026), news of recent format changes, and openalpr/openalpr on GitHub,
// runtime_data/postprocess/eu.patterns (c. 2016), the per-country patterns of an open-source plate
// reader, cited as "openalpr eu.patterns". Rows that rest on general knowledge say so; the README section
// "Unsure rows" lists them. EU plates print no state name, only the country code in the blue band, which
// is too short to tell from a serial, so Printed is empty.

// Romanian county codes (judeţe); Bucharest is B and has its own layout.
const romanianCounty = `(?:AB|AG|AR|BC|BH|BN|BR|BT|BV|BZ|CJ|CL|CS|CT|CV|DB|DJ|GJ|GL|GR|HD|HR|IF|IL|IS|MH|MM|MS|NT|OT|PH|SB|SJ|SM|SV|TL|TM|TR|VL|VN|VS)`

// Irish registration-area codes: the current ones (2014) and those used before Limerick, Tipperary and
// Waterford were merged (LK, TN, TS, WD).
const irishCounty = `(?:C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|TN|TS|W|WD|WH|WW|WX)`

var euJurisdictions = []Jurisdiction{
	{Code: "at", Name: "Austria", Formats: []Format{
		// source: general knowledge, cross-checked with openalpr eu.patterns (at @??? .. @@??????): a district
		// code of one or two letters, then a serial of digits followed by letters. Derived as such; the
		// overall length is not constrained further.
		{Name: "at-district", Pattern: `[A-Z]{1,2}[0-9]{1,5}[A-Z]{1,3}`, Example: "G123AB"},
	}},
	{Code: "be", Name: "Belgium", Formats: []Format{
		// source: general knowledge (1-ABC-123 since 2010), openalpr eu.patterns be #@@@###.
		{Name: "be-2010", Pattern: `[1-9][A-Z]{3}[0-9]{3}`, Example: "1ABC123"},
		// source: general knowledge (ABC-123, 1973-2008; plates follow their owner to the next car).
		{Name: "be-1973", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123", Previous: true},
		// source: openalpr eu.patterns be ###@@@ (123-ABC, 2008-2010).
		{Name: "be-2008", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC", Previous: true},
	}},
	{Code: "bg", Name: "Bulgaria", Formats: []Format{
		// source: openalpr eu.patterns bg @@####@@ and @####@@; general knowledge: only the letters with a
		// Cyrillic twin (A B C E H K M O P T X Y) are used.
		{Name: "bg-region", Pattern: cyrillicLookalikes + `{1,2}[0-9]{4}` + cyrillicLookalikes + `{2}`, Example: "CA1234AB"},
	}},
	{Code: "hr", Name: "Croatia", Formats: []Format{
		// source: openalpr eu.patterns hr @@###@@, @@####@@, @@###@, @@####@; general knowledge: a two-letter
		// town code, three or four digits, one or two letters.
		{Name: "hr-town", Pattern: `[A-Z]{2}[0-9]{3,4}[A-Z]{1,2}`, Example: "ZG1234AB"},
	}},
	{Code: "cy", Name: "Cyprus", Formats: []Format{
		// source: openalpr eu.patterns cy @@@###; general knowledge (ABC 123).
		{Name: "cy-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "KAA123"},
	}},
	{Code: "cz", Name: "Czechia", Formats: []Format{
		// source: openalpr eu.patterns cz #@##### and #@@####; general knowledge: the second character is the
		// region letter (A B C E H J K L M P S T U Z), the third a digit or a letter.
		{Name: "cz-region", Pattern: `[1-9][ABCEHJKLMPSTUZ][0-9A-Z][0-9]{4}`, Example: "1A23456"},
	}},
	{Code: "dk", Name: "Denmark", Formats: []Format{
		// source: openalpr eu.patterns dk @@#####; general knowledge (AB 12 345).
		{Name: "dk-ab12345", Pattern: `[A-Z]{2}[0-9]{5}`, Example: "AB12345"},
	}},
	{Code: "ee", Name: "Estonia", Formats: []Format{
		// source: openalpr eu.patterns ee ###@@@; general knowledge (123 ABC).
		{Name: "ee-123abc", Pattern: `[0-9]{3}[A-Z]{3}`, Example: "123ABC"},
	}},
	{Code: "fi", Name: "Finland", Formats: []Format{
		// source: openalpr eu.patterns fi @@@###; general knowledge: two or three letters and one to three
		// digits without a leading zero (ABC-123, AB-12).
		{Name: "fi-abc123", Pattern: `[A-Z]{2,3}[1-9][0-9]{0,2}`, Example: "ABC123"},
	}},
	{Code: "fr", Name: "France", Formats: []Format{
		// source: openalpr eu.patterns fr @@###@@; general knowledge: the SIV series (AB-123-CD, since 2009)
		// leaves out I, O and U.
		{Name: "fr-siv", Pattern: `[A-HJ-NP-TV-Z]{2}[0-9]{3}[A-HJ-NP-TV-Z]{2}`, Example: "AB123CD"},
		// source: general knowledge: the FNI series (1234 AB 56, before 2009) ends with the département
		// number (2A and 2B for Corsica); such plates remain until the car changes owner.
		{Name: "fr-fni", Pattern: `[0-9]{1,4}[A-Z]{2,3}(?:[0-9]{2}|2A|2B|97[1-6])`, Example: "1234AB56", Previous: true},
	}},
	{Code: "de", Name: "Germany", Formats: []Format{
		// source: general knowledge: a district code of one to three letters, one or two letters, one to four
		// digits without a leading zero, eight characters at most, optionally E (electric) or H (historic).
		// Derived: district and letters together are two to five letters; with five, at most three digits.
		{Name: "de-district", Pattern: `(?:[A-Z]{2,4}[1-9][0-9]{0,3}|[A-Z]{5}[1-9][0-9]{0,2})[EH]?`, Example: "BAB1234"},
	}},
	{Code: "gr", Name: "Greece", Formats: []Format{
		// source: openalpr eu.patterns gr @@@####; general knowledge: only the letters with a Greek capital
		// twin (A B E H I K M N O P T X Y Z), numbers from 1000.
		{Name: "gr-abc1234", Pattern: greekLookalikes + `{3}[1-9][0-9]{3}`, Example: "IKA1234"},
	}},
	{Code: "hu", Name: "Hungary", Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Hungary" (en.wikipedia.org, read 2026) and
		// helpers.hu: since 2022-07-01 four letters and three digits (AA AB-123); civilek.info 2021: the first
		// two letters are both vowels or both consonants.
		{Name: "hu-2022", Pattern: `(?:[AEIOU]{2}|[B-DF-HJ-NP-TV-Z]{2})[A-Z]{2}[0-9]{3}`, Example: "AABC123"},
		// source: same article: three letters and three digits from 1990; existing plates stay valid.
		{Name: "hu-1990", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123", Previous: true},
	}},
	{Code: "ie", Name: "Ireland", Formats: []Format{
		// source: openalpr eu.patterns ie (year, optional half-year digit 1 or 2, county code, serial of up
		// to six digits); general knowledge for the county list, current and pre-2014.
		{Name: "ie-year-county", Pattern: `[0-9]{2}[12]?` + irishCounty + `[1-9][0-9]{0,5}`, Example: "241D12345"},
	}},
	{Code: "it", Name: "Italy", Formats: []Format{
		// source: openalpr eu.patterns it @@###@@; general knowledge: AB 123 CD since 1994 without I, O, Q
		// and U.
		{Name: "it-1994", Pattern: noIOQU + `{2}[0-9]{3}` + noIOQU + `{2}`, Example: "AB123CD"},
	}},
	{Code: "lv", Name: "Latvia", Formats: []Format{
		// source: openalpr eu.patterns lv @@#### and @@###; general knowledge (AB-1234).
		{Name: "lv-ab1234", Pattern: `[A-Z]{2}[1-9][0-9]{0,3}`, Example: "AB1234"},
	}},
	{Code: "lt", Name: "Lithuania", Formats: []Format{
		// source: openalpr eu.patterns lt @@@###; general knowledge (ABC 123).
		{Name: "lt-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
	}},
	{Code: "lu", Name: "Luxembourg", Formats: []Format{
		// source: openalpr eu.patterns lu @@####; general knowledge (AB 1234).
		{Name: "lu-ab1234", Pattern: `[A-Z]{2}[0-9]{4}`, Example: "AB1234"},
	}},
	{Code: "mt", Name: "Malta", Formats: []Format{
		// source: openalpr eu.patterns mt @@@###; general knowledge (ABC 123).
		{Name: "mt-abc123", Pattern: `[A-Z]{3}[0-9]{3}`, Example: "ABC123"},
	}},
	{Code: "nl", Name: "Netherlands", Formats: []Format{
		// source: DutchNews.nl 2024-06 and houstonianonline.com: sidecode 11, three letters, two digits, one
		// letter, from GBB-01-B in June 2024; no vowels (Y included) and no C or Q.
		{Name: "nl-sidecode-11", Pattern: dutchLetters + `{3}[0-9]{2}` + dutchLetters, Example: "GBB01B"},
		// source: same articles: sidecode 10 (one letter, three digits, two letters) from August 2019. Dutch
		// plates stay with the vehicle, so the earlier sidecodes below remain on the road.
		{Name: "nl-sidecode-10", Pattern: dutchLetters + `[0-9]{3}` + dutchLetters + `{2}`, Example: "G123BD", Previous: true},
		// source: openalpr eu.patterns nl @@###@ (sidecode 9, XX-999-X).
		{Name: "nl-sidecode-9", Pattern: dutchLetters + `{2}[0-9]{3}` + dutchLetters, Example: "GB123D", Previous: true},
		// source: openalpr eu.patterns nl #@@@## (sidecode 8, 9-XXX-99).
		{Name: "nl-sidecode-8", Pattern: `[0-9]` + dutchLetters + `{3}[0-9]{2}`, Example: "1GBD23", Previous: true},
		// source: openalpr eu.patterns nl ##@@@# (sidecode 7, 99-XXX-9).
		{Name: "nl-sidecode-7", Pattern: `[0-9]{2}` + dutchLetters + `{3}[0-9]`, Example: "12GBD3", Previous: true},
		// source: The Rules behind the Dutch License Plates (Dik T. Winter, wownwr.best copy): sequence 6,
		// two digits, two letters, two letters, from 1999; openalpr eu.patterns nl ##@@@@.
		{Name: "nl-sidecode-6", Pattern: `[0-9]{2}` + dutchLetters + `{4}`, Example: "12GBDF", Previous: true},
	}},
	{Code: "pl", Name: "Poland", Formats: []Format{
		// source: openalpr eu.patterns pl (@@#####, @@####@, @@###@@, @@#@###, @@#@@##); general knowledge:
		// a two-letter district code and a five-character serial, whose letters leave out B, D, I, O and Z.
		{Name: "pl-district2", Pattern: `[A-Z]{2}(?:[0-9]{5}|[0-9]{4}` + polishSerialLetters + `|[0-9]{3}` + polishSerialLetters + `{2}|[0-9]` +
			polishSerialLetters + `[0-9]{3}|[0-9]` + polishSerialLetters + `{2}[0-9]{2})`, Example: "WA12345"},
		// source: openalpr eu.patterns pl (@@@#####, @@@####@, @@@###@@, @@@@###, @@@##@@, @@@#@##, @@@##@#,
		// @@@#@@#, @@@@@##); general knowledge: a three-letter district code, serial letters as above.
		{Name: "pl-district3", Pattern: `[A-Z]{3}(?:[0-9]{5}|[0-9]{4}` + polishSerialLetters + `|[0-9]{3}` + polishSerialLetters + `{2}|` +
			polishSerialLetters + `[0-9]{3}|[0-9]{2}` + polishSerialLetters + `{2}|[0-9]` + polishSerialLetters + `[0-9]{2}|[0-9]{2}` +
			polishSerialLetters + `[0-9]|[0-9]` + polishSerialLetters + `{2}[0-9]|` + polishSerialLetters + `{2}[0-9]{2})`, Example: "KWI12AC"},
	}},
	{Code: "pt", Name: "Portugal", Formats: []Format{
		// source: openalpr eu.patterns pt @@##@@; general knowledge: AA-00-AA since 2020.
		{Name: "pt-2020", Pattern: `[A-Z]{2}[0-9]{2}[A-Z]{2}`, Example: "AB12CD"},
		// source: openalpr eu.patterns pt ##@@##; general knowledge: 00-AA-00, 2005-2020.
		{Name: "pt-2005", Pattern: `[0-9]{2}[A-Z]{2}[0-9]{2}`, Example: "12AB34", Previous: true},
		// source: openalpr eu.patterns pt ####@@; general knowledge: 00-00-AA, 1992-2005; Portuguese plates
		// stay with the vehicle.
		{Name: "pt-1992", Pattern: `[0-9]{4}[A-Z]{2}`, Example: "1234AB", Previous: true},
	}},
	{Code: "ro", Name: "Romania", Formats: []Format{
		// source: openalpr eu.patterns ro @@##@@@; general knowledge for the county codes: county, two
		// digits, three letters.
		{Name: "ro-county", Pattern: romanianCounty + `[0-9]{2}[A-Z]{3}`, Example: "CJ12ABC"},
		// source: openalpr eu.patterns ro @###@@@ and @##@@@; general knowledge: Bucharest, B with two or
		// three digits and three letters.
		{Name: "ro-bucharest", Pattern: `B[0-9]{2,3}[A-Z]{3}`, Example: "B123ABC"},
	}},
	{Code: "sk", Name: "Slovakia", Formats: []Format{
		// source: Wikipedia "Vehicle registration plates of Slovakia" (wikiwand and profilbaru copies, read
		// 2026): XX-NNNLL with a district code 1997-2022, the same layout state-wide from AA-001AA since
		// January 2023.
		{Name: "sk-ab123cd", Pattern: `[A-Z]{2}[0-9]{3}[A-Z]{2}`, Example: "BL123AB"},
	}},
	{Code: "si", Name: "Slovenia", Formats: []Format{
		// source: general knowledge: a registration-area code (CE, GO, KK, KP, KR, LJ, MB, MS, NM, PO, SG) and
		// a five-character serial of letters and digits; openalpr eu.patterns si @@@@###.
		{Name: "si-area", Pattern: `(?:CE|GO|KK|KP|KR|LJ|MB|MS|NM|PO|SG)[A-Z0-9]{5}`, Example: "LJAB123"},
	}},
	{Code: "es", Name: "Spain", Formats: []Format{
		// source: openalpr eu.patterns es ####@@@; general knowledge: 1234 BCD since 2000, consonants only
		// (no vowels, Ñ or Q).
		{Name: "es-2000", Pattern: `[0-9]{4}` + spanishLetters + `{3}`, Example: "1234BCD"},
	}},
	{Code: "se", Name: "Sweden", Formats: []Format{
		// source: openalpr eu.patterns se @@@###; general knowledge: ABC 123, without I, Q and V.
		{Name: "se-abc123", Pattern: swedishLetters + `{3}[0-9]{3}`, Example: "ABC123"},
		// source: general knowledge: since 2019 the last character may be a letter (ABC 12D), never O.
		{Name: "se-abc12d", Pattern: swedishLetters + `{3}[0-9]{2}` + swedishLastLetter, Example: "ABC12D"},
	}},
}
