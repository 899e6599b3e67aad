package plate

import "strings"

// This file holds the word lists that recognise frame text: everything printed on or around a
// plate that is not the registration itself. The lists exist to remove frame text, never to judge
// whether a token "looks like a word": vanity plates are very often words ("SORRY", "DROPOUT",
// "THECAR"), so a token is dropped only when it is one of the specific things below.
//
// Dropping errs on the side of safety. A plate wrongly dropped costs a human review; frame text
// wrongly kept could become the top candidate and bill the wrong vehicle.

// regionNames are the 50 US states, DC, the inhabited US territories and the 13 Canadian
// provinces and territories (English and French names). They are printed on nearly every plate,
// often as large as the registration, and are never a plate themselves as far as Clean is
// concerned: an exact match is dropped anywhere, and so is a close OCR misspelling or a clipped
// fragment (see isRegionName). Multi-word names are also matched as word sequences on a line.
var regionNames = []string{
	"ALABAMA", "ALASKA", "ARIZONA", "ARKANSAS", "CALIFORNIA", "COLORADO", "CONNECTICUT",
	"DELAWARE", "FLORIDA", "GEORGIA", "HAWAII", "IDAHO", "ILLINOIS", "INDIANA", "IOWA", "KANSAS",
	"KENTUCKY", "LOUISIANA", "MAINE", "MARYLAND", "MASSACHUSETTS", "MICHIGAN", "MINNESOTA",
	"MISSISSIPPI", "MISSOURI", "MONTANA", "NEBRASKA", "NEVADA", "NEW HAMPSHIRE", "NEW JERSEY",
	"NEW MEXICO", "NEW YORK", "NORTH CAROLINA", "NORTH DAKOTA", "OHIO", "OKLAHOMA", "OREGON",
	"PENNSYLVANIA", "RHODE ISLAND", "SOUTH CAROLINA", "SOUTH DAKOTA", "TENNESSEE", "TEXAS", "UTAH",
	"VERMONT", "VIRGINIA", "WASHINGTON", "WEST VIRGINIA", "WISCONSIN", "WYOMING",
	"DISTRICT OF COLUMBIA", "WASHINGTON DC", "PUERTO RICO", "GUAM", "VIRGIN ISLANDS",
	"ALBERTA", "BRITISH COLUMBIA", "MANITOBA", "NEW BRUNSWICK", "NEWFOUNDLAND AND LABRADOR",
	"NEWFOUNDLAND", "LABRADOR", "NOVA SCOTIA", "ONTARIO", "PRINCE EDWARD ISLAND", "QUEBEC",
	"SASKATCHEWAN", "NORTHWEST TERRITORIES", "NUNAVUT", "YUKON",
	// French names (hyphenated on plates; Normalize joins the parts into one token).
	"NOUVEAU BRUNSWICK", "NOUVELLE ECOSSE", "COLOMBIE BRITANNIQUE", "ILE DU PRINCE EDOUARD",
	"TERRE NEUVE ET LABRADOR", "TERRITOIRES DU NORD OUEST",
	// The countries, printed on many Canadian and some US plates.
	"CANADA", "USA", "AMERICA", "UNITED STATES",
}

// regionAbbreviations are postal codes and traditional abbreviations of the regions above. They
// are dropped only as stand-alone frame text (the only token left on their line), because as part
// of a line they may well be plate characters ("AL 1234", "ON 55").
var regionAbbreviations = words(`
	AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
	NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP
	AB BC MB NB NL NS NT NU ON PE QC SK YT PQ NF
	ALA ARIZ ARK CAL CALIF COLO CONN DEL FLA ILL IND KAN KANS MASS MICH MINN MISS MONT NEB NEBR
	NEV OKLA ORE OREG PENN PENNA TENN TEX WASH WIS WISC WYO ALTA SASK MAN ONT QUE NFLD PEI US`)

// slogans are the state and province mottoes printed on plates, plus a few frame slogans. They
// are matched as word sequences within a line (after Normalize of each word), so "Constitution
// State" and "CONSTITUTION STATE" both match; words that belong to slogans also make up the
// "frame vocabulary" used by the partial-slogan rule in clean.go.
var slogans = []string{
	"HEART OF DIXIE", "SWEET HOME ALABAMA", "STARS FELL ON ALABAMA",
	"THE LAST FRONTIER", "NORTH TO THE FUTURE",
	"GRAND CANYON STATE",
	"THE NATURAL STATE", "LAND OF OPPORTUNITY",
	"THE GOLDEN STATE", "GOLDEN STATE",
	"COLORFUL COLORADO",
	"CONSTITUTION STATE", "PRESERVE THE SOUND",
	"THE FIRST STATE", "FIRST STATE",
	"TAXATION WITHOUT REPRESENTATION", "END TAXATION WITHOUT REPRESENTATION", "A CAPITAL CITY",
	"CELEBRATE AND DISCOVER",
	"SUNSHINE STATE", "THE SUNSHINE STATE",
	"PEACH STATE", "IN GOD WE TRUST",
	"ALOHA STATE",
	"FAMOUS POTATOES", "SCENIC IDAHO", "GEM STATE",
	"LAND OF LINCOLN",
	"CROSSROADS OF AMERICA",
	"UNBRIDLED SPIRIT", "BLUEGRASS STATE",
	"SPORTSMANS PARADISE", "SPORTSMAN'S PARADISE", "BAYOU STATE", "PELICAN STATE",
	"VACATIONLAND",
	"THE SPIRIT OF AMERICA", "SPIRIT OF AMERICA",
	"PURE MICHIGAN", "GREAT LAKES", "GREAT LAKE STATE", "WATER WONDERLAND",
	"EXPLORE MINNESOTA", "10,000 LAKES", "LAND OF 10,000 LAKES",
	"BIRTHPLACE OF AMERICA'S MUSIC", "MAGNOLIA STATE",
	"SHOW ME STATE",
	"BIG SKY COUNTRY", "BIG SKY", "TREASURE STATE",
	"THE GOOD LIFE", "CORNHUSKER STATE",
	"HOME MEANS NEVADA", "THE SILVER STATE", "SILVER STATE", "BATTLE BORN",
	"LIVE FREE OR DIE",
	"GARDEN STATE",
	"LAND OF ENCHANTMENT", "CHILE CAPITAL OF THE WORLD",
	"EMPIRE STATE", "THE EMPIRE STATE", "EXCELSIOR",
	"FIRST IN FLIGHT", "FIRST IN FREEDOM",
	"PEACE GARDEN STATE", "DISCOVER THE SPIRIT", "LEGENDARY",
	"BIRTHPLACE OF AVIATION",
	"NATIVE AMERICA", "EXPLORE OKLAHOMA",
	"PACIFIC WONDERLAND",
	"KEYSTONE STATE", "VISIT PA",
	"OCEAN STATE", "THE OCEAN STATE",
	"WHILE I BREATHE I HOPE", "SMILING FACES BEAUTIFUL PLACES",
	"GREAT FACES GREAT PLACES", "MOUNT RUSHMORE",
	"VOLUNTEER STATE", "THE VOLUNTEER STATE",
	"THE LONE STAR STATE", "LONE STAR STATE", "DON'T MESS WITH TEXAS",
	"LIFE ELEVATED", "GREATEST SNOW ON EARTH",
	"GREEN MOUNTAIN STATE", "GREEN MOUNTAINS",
	"VIRGINIA IS FOR LOVERS",
	"EVERGREEN STATE",
	"WILD WONDERFUL", "ALMOST HEAVEN", "MOUNTAIN STATE",
	"AMERICA'S DAIRYLAND", "DAIRYLAND",
	"LIKE NO PLACE ON EARTH", "EQUALITY STATE",
	"WILD ROSE COUNTRY",
	"BEAUTIFUL BRITISH COLUMBIA",
	"FRIENDLY MANITOBA",
	"CANADA'S OCEAN PLAYGROUND",
	"YOURS TO DISCOVER",
	"BIRTHPLACE OF CONFEDERATION",
	"JE ME SOUVIENS",
	"LAND OF LIVING SKIES",
	"THE KLONDIKE", "LARGER THAN LIFE",
	"NORTH OF 60", "SPECTACULAR",
	// Car-maker slogans seen on dealer frames.
	"ZOOM ZOOM",
}

// frameWords are dropped wherever they appear as a whole token: dealer-frame words and car
// makes, web addresses' parts, registration-sticker words and months, and plate-type legends.
// They are things printed around a plate, not registrations. (A vanity plate that is exactly one
// of these words would go to a person, which is the safe failure.)
var frameWords = words(`
	DEALER DEALERS DEALERSHIP MOTOR MOTORS MOTORCARS AUTO AUTOS AUTOMALL AUTOPLEX AUTOMOTIVE
	AUTOGROUP AUTOCENTER AUTOWORLD AUTOSALES CARS TRUCKS SALES SERVICE SERVICES PARTS FINANCE
	FINANCING LEASING RENTAL RENTALS CERTIFIED PREOWNED SUPERSTORE INC LLC LTD CORP CALL PHONE TEL
	ACURA AUDI BMW BUICK CADILLAC CHEVROLET CHEVY CHRYSLER DODGE FORD GMC HONDA HUMMER HYUNDAI
	INFINITI JAGUAR JEEP KIA LEXUS LINCOLN MAZDA MERCEDES BENZ MITSUBISHI NISSAN PONTIAC PORSCHE
	SCION SUBARU SUZUKI TESLA TOYOTA VOLKSWAGEN VW VOLVO SAAB ZOOMZOOM
	WWW COM NET ORG GOV HTTP HTTPS
	DMV EXP EXPIRES EXPIRE EXPIRATION REG REGISTERED REGISTRATION VALID VALIDATION STICKER DECAL
	COUNTY STATE PROVINCE LICENSE LICENCE
	JAN JANUARY FEB FEBRUARY MAR MARCH APR APRIL MAY JUN JUNE JUL JULY AUG AUGUST SEP SEPT
	SEPTEMBER OCT OCTOBER NOV NOVEMBER DEC DECEMBER
	PASSENGER TRUCK TRAILER COMMERCIAL APPORTIONED MOTORCYCLE ANTIQUE HISTORIC VETERAN DISABLED`)

// joiners are the small words that slogans and names are glued with; they belong to the frame
// vocabulary but are never dropped on their own.
var joiners = words(`THE OF AND OR IN TO ON A FOR IS WITH ET DU`)

var (
	// regionSet holds every region name with its spaces removed ("NEWYORK"), as OCR often merges
	// the words of a name, and the single words of one-word names.
	regionSet = map[string]bool{}
	// phrases are region names and slogans as normalized word sequences, longest first, for
	// matching within a line.
	phrases [][]string
	// vocabulary is every word of every phrase plus the joiners and frame words: a line made only of
	// such words is frame text even when no phrase matches it whole (a clipped or split slogan).
	vocabulary = map[string]bool{}
)

func init() {
	add := func(p string) {
		var ws []string
		for _, f := range strings.Fields(p) {
			if n := Normalize(f); n != "" {
				ws = append(ws, n)
				vocabulary[n] = true
			}
		}
		if len(ws) > 0 {
			phrases = append(phrases, ws)
		}
	}
	for _, r := range regionNames {
		regionSet[Normalize(r)] = true
		add(r)
	}
	for _, s := range slogans {
		add(s)
	}
	for w := range joiners {
		vocabulary[w] = true
	}
	for w := range frameWords {
		vocabulary[w] = true
	}
	// Longest phrases first, so "THE LONE STAR STATE" wins over "LONE STAR STATE".
	for i := 1; i < len(phrases); i++ {
		for j := i; j > 0 && len(phrases[j]) > len(phrases[j-1]); j-- {
			phrases[j], phrases[j-1] = phrases[j-1], phrases[j]
		}
	}
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// shapeFold maps the digits that OCR confuses with letters onto those letters, so that word-list
// checks also catch "T0Y0TA", "CALIF0RNIA" or "ZOOMZ0OM".
func shapeFold(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '0':
			return 'O'
		case '1':
			return 'I'
		case '5':
			return 'S'
		case '8':
			return 'B'
		}
		return r
	}, s)
}

// isRegionName reports whether a normalized token is a state, province or country name, also
// when OCR misread it slightly or clipped it. To spare vanity plates, the fuzzy parts only apply
// to tokens of at least 6 characters:
//   - exact match (after shapeFold) with a name or a name with its spaces removed;
//   - one edit (insert, delete, substitute) away from a name ("CALIFORNLA", "NEVADAA");
//   - a piece of a name that covers at least 70% of it ("ALIFORN", "CALIFORN", "MICHIGA");
//   - 7 characters or more, at least 70% of a name's length, starting with the name's first five
//     letters: the end of a long name is where OCR garbles it ("MICHILG" read from MICHIGAN).
//     Seven, so that "GEORGE" is not taken for GEORGIA.
//
// "DAKOTA" (55% of NORTHDAKOTA) or "CAROLINA" (62% of NORTHCAROLINA) are kept: they are names
// people put on vanity plates, and the full region name is caught as a phrase anyway.
func isRegionName(tok string) bool {
	f := shapeFold(tok)
	if regionSet[tok] || regionSet[f] {
		return true
	}
	if len(f) < 6 {
		return false
	}
	for name := range regionSet {
		if len(name) < 6 {
			continue
		}
		if withinOneEdit(f, name) {
			return true
		}
		if len(f)*10 < len(name)*7 {
			continue
		}
		if strings.Contains(name, f) || (len(f) >= 7 && f[:5] == name[:5]) {
			return true
		}
	}
	return false
}

// isFrameWord reports whether a normalized token is dealer, sticker, web or plate-type text.
func isFrameWord(tok string) bool {
	return frameWords[tok] || frameWords[shapeFold(tok)]
}

// isBlocked reports whether a normalized candidate is frame text that must never be offered as
// a plate, whatever tokens it was joined from. Any single word of a region name or slogan counts:
// OCR splits "NEW YORK" over two lines and "YORK" alone, confidently read, must not be billed.
// A vanity plate that is exactly such a word goes to a person, the safe failure.
func isBlocked(plate string) bool {
	return isRegionName(plate) || isFrameWord(plate) || vocabulary[plate] || vocabulary[shapeFold(plate)]
}

// sameWord reports whether a normalized token is the phrase word w, allowing for OCR: a shapeFold
// match, or one edit for words of 5 letters or more ("STALE" for "STATE", "LINCO1N").
func sameWord(tok, w string) bool {
	if tok == w {
		return true
	}
	f := shapeFold(tok)
	return f == w || (len(w) >= 5 && withinOneEdit(f, w))
}

// inVocabulary reports whether a normalized token is a word of the frame vocabulary, with the
// same tolerance as sameWord.
func inVocabulary(tok string) bool {
	f := shapeFold(tok)
	if vocabulary[tok] || vocabulary[f] {
		return true
	}
	if len(f) < 4 {
		return false
	}
	for w := range vocabulary {
		if len(w) >= 5 && withinOneEdit(f, w) {
			return true
		}
	}
	return false
}

// withinOneEdit reports whether a and b differ by at most one insertion, deletion or substitution.
func withinOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}
