package jurisdiction

// Character classes used by the format patterns. Each restricted class is used only where a source says
// the series leaves those letters out; the source is named on the row that uses it.
const (
	// letter is any letter, the class used when no restriction is documented.
	letter = "[A-Z]"
	// digit is any digit.
	digit = "[0-9]"
	// noIOQ leaves out I, O and Q, which many North American series skip as look-alikes of 1 and 0.
	noIOQ = "[A-HJ-NPR-Z]"
	// noIOU leaves out I, O and U (Ontario).
	noIOU = "[A-HJ-NP-TV-Z]"
	// noIOQU also leaves out U (Maryland, Italy).
	noIOQU = "[A-HJ-NPR-TV-Z]"
	// bcLetters is British Columbia's 20 serial letters: no I, O, Q, U, Y or Z.
	bcLetters = "[A-HJ-NPR-TV-X]"
	// spanishLetters is Spain's 20 serial consonants: no vowels, Ñ or Q.
	spanishLetters = "[BCDFGHJKLMNPRSTVWXYZ]"
	// swedishLetters is Sweden's serial letters: no I, Q, V (nor Å, Ä, Ö, which normalize away).
	swedishLetters = "[A-HJ-PR-UW-Z]"
	// swedishLastLetter is the letter that may end a Swedish plate since 2019: also no O.
	swedishLastLetter = "[A-HJ-NPR-UW-Z]"
	// cyrillicLookalikes is the Latin letters that have a Cyrillic twin, the only ones Bulgarian plates use.
	cyrillicLookalikes = "[ABCEHKMOPTXY]"
	// greekLookalikes is the Latin letters that have a Greek capital twin, the only ones Greek plates use.
	greekLookalikes = "[ABEHIKMNOPTXYZ]"
	// polishSerialLetters is the letters of a Polish serial: no B, D, I, O or Z (look-alikes of 8, 0, 1, 0, 2).
	polishSerialLetters = "[ACEFGHJKLMNPRSTUVWXY]"
	// dutchLetters is the letters of Dutch serials: no vowels (Y counts as one) and no C or Q.
	dutchLetters = "[BDFGHJKLMNPRSTVWXZ]"
)
