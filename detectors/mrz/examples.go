package mrz

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: zones as they appear in mail
// and in OCR output of scans, and lookalikes that are not zones.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			// A Japanese passport, as typed or pasted.
			"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR87654323JPN8512246M2906302<<<<<<<<<<<<<<08",
			// Tesseract's Japanese model reads '<' as 'く' and puts a
			// blank line between the lines.
			"パスポート\nP<JPNSATO<<MISAKIくくくくくくくくくくくくくくくくくくくくくくくくくくく\n\nMU10293849JPN0507071F2707071<<<<<<<<<<<<<<00\n",
			"Passport scan:\nP<USADOE<<JANE<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n5639274181USA7902147F3208014<<<<<<<<<<<<<<06",
			// TD1 identity card, 3×30.
			"I<D<<LZ6311T475<<<<<<<<<<<<<<<\n8308126F3108011D<<<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<",
			// Visa (no passport number reported, no composite digit).
			"V<JPNNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<<\nVN98765438VNM9801015M2512314<<<<<<<4",
			// ICAO 9303 specimen, full-width '＜' and '«' for "<<".
			"P＜UTOERIKSSON«ANNA＜MARIA«««««««««＜\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
			// A German passport: the issuer and nationality are "D<<".
			"P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<8308126F3108011<<<<<<<<<<<<<<00",
			// OCR read 0 for the D of DEU: the only reading in the ICAO
			// list, and every check digit passes.
			"P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T4780EU8308126F3108011<<<<<<<<<<<<<<00",
			// OCR garbled the nationality (ESP read SPN): the checked
			// fields are reported, the nationality is not.
			"P<ESPGARCIA<<MARIA<<<<<<<<<<<<<<<<<<<<<<<<<<\nPAA1234560SPN9001158F3001156<<<<<<<<<<<<<<02",
			// OCR read 1 as I in the birth date and dropped a filler.
			"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR87654323JPN85I2246M2906302<<<<<<<<<<<<<08",
		},
		Negatives: []string{
			"<<<<<<< HEAD\nfoo := bar(1234567890)\n=======\nfoo := baz(1234567890)\n>>>>>>> feature/mrz",
			// Only the document number's check digit passes.
			"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTR87654323JPN8512240M2906309<<<<<<<<<<<<<<08",
			// One line of a zone.
			"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<",
			// The lines far apart.
			"P<JPNTANAKA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nご確認ください。\n\n\n\nよろしくお願いします。\nTR87654323JPN8512246M2906302<<<<<<<<<<<<<<08",
			"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
			"ORDER<<20240501<<SKU<<TK1234567<<QTY<<000012\nINV2024050112345JPN240501ZZ<<<<<<<<<<<<<<<<<",
			"<<前のページ | 次のページ>> 注文番号 1234-5678-9012 ¥1,234,567 〒100-0001",
			"PASSPORT<<NUMBER<<TK1234567<<EXPIRES<<2030<<",
		},
	}
}
