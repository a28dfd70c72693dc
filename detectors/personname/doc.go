// Package personname detects people's names, Japanese and Latin-script,
// in mail headers, bodies, signatures, forms and tables.
package personname
