// Package ocr reads the text of image attachments with the Tesseract OCR
// command-line program, when it is installed.
package ocr
