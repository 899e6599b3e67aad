package plate

import (
	"strings"
	"testing"
)

// These are the texts that tesseract 5.3.0 read from the nine real photos in
// /work/shared/samples/mcw (not copied into this repository; truth.csv there holds the plates read
// by eye), as the local Vision double produces them:
//   - "text": TEXT_DETECTION, `tesseract photo stdout --psm 11` on the photo as it is;
//   - "document": DOCUMENT_TEXT_DETECTION, the double's binarised and enlarged image, psm 11.
//
// Tesseract reads these car backs poorly, so the truth plate is rarely in the text. The rules
// checked here:
//   - whenever the truth's characters appear on one line of the raw text, it is the top candidate;
//   - otherwise the top candidate is pinned to what Clean offers today, so that a change in the
//     rules shows up here as a deliberate update; with no word confidences it is always 0, so a
//     person decides.
var tesseractSamples = []struct {
	photo, truth, mode, raw string
	top                     string // "" means no candidate
}{
	{"DCMG1.jpg", "DROPOUT", "text", "eS\n+448\n——\ny forouT |\npikes\n", "YFOROUT"},
	{"TWAWSI.jpg", "TWAWSI", "text", "—\n=\n—\n=\n—————————\na}\n\\\n| |\noe\ni\nme\n@!\nsee\nee\n———4\nes\n‘&\nRy\nZS NANETTE ENTE\n%\noS\nLf\nee\nSe\nAEE\ni\nhy\niy\nSe .\nbey,\neo)\neo\nSi\nSim\nyy\nBg\n07\n3\nne ie\nff Fee\nzo\nhah 65\n", "NANETTE"},
	{"bxplate2.jpg", "ZOOMN65", "text", "L\nWA\n”\nSs\nNene\nee\n—\n—\n", "NENE"},
	{"hfdsio.jpg", "SORRY", "text", "fobs\nam\nWN)\nMe\n", "FOBS"},
	{"jpthrls.jpg", "JPTHRLS", "text", "F\\\\\ney\nvl\na4\n~~\nCALIFORNIA’\nSp\nCTHALS\nLe,\n", "CTHALS"},
	{"kd.jpg", "127RFS", "text", "—\non\n>\n= x»\nLes\nial\nod\n4\na\nVy\n|\nUd)\n(\n\\G\n,\n27 RFS |\n~_iP\neh\na!\n‘\\\ni-*\noe\n", "27RFS"},
	{"mb300sl8911.jpg", "BUG2145", "text", "a _\nAW\n|\naia\n4\nae\nee\n", "AW"},
	{"rocky58.jpg", "ROCKY58", "text", "|B\nAL ILERNLB\nAe\nLQ »\nRl\n|\nal\nUN\nceo |\n", "ILERNLB"},
	{"us-1.jpg", "THECAR", "text", "as\n-~\neee\nARO\n>\nStein! =\n", "STEIN"},
	{"DCMG1.jpg", "DROPOUT", "document", "i aD\nwe hee\nve\n<6\n»—--\n7\n—\ni”\n»\nRy\neo ey\ncn agtetpis tettike a:\nas 4\nwget eg”\nad’ tt «=e ™N A\n", "AGTETPIS"},
	{"TWAWSI.jpg", "TWAWSI", "document", "nae\nv\n—\na\n—\n—\nie\nn\nbal\n{\na\now\nEm\nai\nwee\nap\nAg!\nwe\neh\nee\na\nanes\nnanan epee te saa cate errata\na\nm4\nne\nae\nadn\n~\n“Ral.\nTee,\nage\nabe\nag OE\nYa\nhd »\n‘os\n", "SAACATE"},
	{"bxplate2.jpg", "ZOOMN65", "document", "ne Dies\nwer S\n/ ee\n~-\noN EVAL\nJanssen.\nRACE\nZ00MN6S\n’ fimzS\nas)\naL\nHOON LON)\n——\nwa\nRTT.\n——\nee\nLage\n4 Load\n_--——--\n", "ZOOMN6S"},
	{"hfdsio.jpg", "SORRY", "document", "am\nwo\nSORRY\n", "SORRY"},
	{"jpthrls.jpg", "JPTHRLS", "document", "Y\nSeeeerees\nPORK\nCRN\n\\\n-- ww\n—\n——\nCALIFORNIA’\nSP THRLS)\n=. teal\nae\nAS a\n", "SPTHRLS"},
	{"kd.jpg", "127RFS", "document", "ay\natt\n-\n—~. &\na i\nen\n¢\na\nveers\nJ FS\nfe\n4,20)\nuf\npay\nad}\nsee\"\noan,\n,\net\nsoe\n‘|\na\n3 com.\nNe\n=\nSe ee\nzs #\nCourtice bac ute ‘\na\n\\‘\nee\nae aes See\n2T RFS |\nae\nae\nof\nse\nI~\nah Ai.\n", "2TRFS"},
	{"mb300sl8911.jpg", "BUG2145", "document", "MICHILG.\n.\n=\nid\n", ""},
	{"rocky58.jpg", "ROCKY58", "document", "a\nes\nTCRLIFORNIA®\nROCKY 58\non\n", "ROCKY58"},
	{"us-1.jpg", "THECAR", "document", "——\na\n=\nmm. %\nTONOT rite\npCO.\na\n=:\nor\nmB THE\nC\n~\n—\n—_—_\n4\n", "TONOT"},
}

func TestCleanOnTesseractOutputOfRealPhotos(t *testing.T) {
	found := 0
	for _, s := range tesseractSamples {
		t.Run(s.photo+"/"+s.mode, func(t *testing.T) {
			got := Clean(Reading{RawText: s.raw})
			checkInvariants(t, got)
			top := ""
			if len(got) > 0 {
				top = got[0].Plate
				if got[0].Confidence != 0 {
					t.Errorf("confidence %v without word confidences", got[0].Confidence)
				}
			}
			present := false
			for _, l := range strings.Split(s.raw, "\n") {
				present = present || strings.Contains(Normalize(l), s.truth)
			}
			if present {
				found++
				if top != s.truth {
					t.Errorf("the truth %s is in the text but the top candidate is %q (all: %v)", s.truth, top, plates(got))
				}
				return
			}
			if top != s.top {
				t.Errorf("top candidate = %q, want %q as observed (all: %v)", top, s.top, plates(got))
			}
		})
	}
	if found < 2 {
		t.Errorf("the truth appeared in only %d texts; the table lost its SORRY and ROCKY 58 reads", found)
	}
}

// With the word boxes and confidences that the Vision double returns for the same photos, taller
// text wins and confidence flows into the candidate. Words are {Text, Confidence, Line, Height,
// Left}, as tesseract's TSV gave them (confidence / 100).
func TestCleanOnTesseractWordsOfRealPhotos(t *testing.T) {
	tests := []struct {
		photo, mode string
		words       []Word
		top         string
		conf        float64
		why         string
	}{
		{
			photo: "hfdsio.jpg", mode: "document",
			words: []Word{pw("am", 0.41, 0, 23, 232), pw("wo", 0.43, 1, 29, 549), pw("SORRY", 0.90, 2, 65, 198)},
			top:   "SORRY", conf: 0.90,
			why: "the truth, tallest and most confident",
		},
		{
			photo: "rocky58.jpg", mode: "document",
			words: []Word{pw("a", 0.02, 0, 50, 600), pw("es", 0.23, 1, 5, 148), pw("TCRLIFORNIA®", 0.00, 2, 59, 185),
				pw("ROCKY", 0.59, 3, 197, 143), pw("58", 0.62, 3, 174, 365), pw("on", 0.52, 4, 64, 448)},
			top: "ROCKY58", conf: 0.59,
			why: "the truth: two words joined, confidence the lower of the two",
		},
		{
			photo: "bxplate2.jpg", mode: "document",
			words: []Word{pw("ne", 0.42, 0, 16, 438), pw("Dies", 0.17, 0, 22, 471), pw("oN", 0.20, 4, 37, 398), pw("EVAL", 0.20, 4, 27, 480),
				pw("Janssen.", 0.13, 5, 21, 16), pw("RACE", 0.47, 6, 6, 47), pw("Z00MN6S", 0.40, 7, 136, 351), pw("’", 0.00, 8, 10, 901),
				pw("fimzS", 0.00, 8, 22, 929), pw("aL", 0.57, 10, 44, 152), pw("HOON", 0.00, 11, 53, 384), pw("LON)", 0.34, 11, 53, 569)},
			top: "ZOOMN6S", conf: 0.30,
			why: "Nevada ZOOMN65: the zeros between letters become O (2 × 0.05); the final S is not forced to 5 without a format",
		},
		{
			photo: "DCMG1.jpg", mode: "text",
			words: []Word{pw("eS", 0.50, 0, 48, 19), pw("+448", 0.46, 1, 29, 54), pw("——", 0.00, 2, 28, 450),
				pw("y", 0.00, 3, 20, 260), pw("forouT", 0.00, 3, 40, 267), pw("|", 0.90, 3, 53, 348), pw("pikes", 0.09, 4, 7, 259)},
			top: "FOROUT", conf: 0,
			why: "DROPOUT misread; YFOROUT ranks below because its y is half the height of the rest",
		},
		{
			photo: "kd.jpg", mode: "text",
			words: []Word{pw("on", 0.62, 1, 15, 120), pw("Les", 0.15, 4, 9, 679), pw("ial", 0.37, 5, 45, 760), pw("Vy", 0.42, 9, 94, 1138),
				pw("Ud)", 0.50, 11, 34, 584), pw("27", 0.28, 15, 39, 502), pw("RFS", 0.28, 15, 103, 618), pw("|", 0.84, 15, 94, 695)},
			top: "RFS", conf: 0.28,
			why: "127-RFS misread: RFS is the tallest text; a 2-digit 27 alone is no plate",
		},
	}
	for _, tt := range tests {
		t.Run(tt.photo+"/"+tt.mode, func(t *testing.T) {
			got := Clean(Reading{Words: tt.words})
			checkInvariants(t, got)
			if len(got) == 0 || got[0].Plate != tt.top {
				t.Fatalf("Clean = %v; want %s first (%s)", plates(got), tt.top, tt.why)
			}
			if d := got[0].Confidence - tt.conf; d > 1e-9 || d < -1e-9 {
				t.Errorf("confidence = %v, want %v (%s)", got[0].Confidence, tt.conf, tt.why)
			}
		})
	}
}

// pw is a positioned word: text, confidence, line, height and left edge.
func pw(text string, conf float64, line int, height, left float64) Word {
	return Word{Text: text, Confidence: conf, Line: line, Height: height, Left: left}
}
