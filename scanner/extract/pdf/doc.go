// Package pdf extracts text, form fields, properties, embedded files and rendered scanned pages from PDF attachments with pdfium in WebAssembly.
package pdf
