// Package mrz finds ICAO 9303 machine-readable zones (passports, ID cards,
// visas) in text, such as OCR output of a scanned document, and reports
// the document number, birth date, nationality and sex they encode.
package mrz
