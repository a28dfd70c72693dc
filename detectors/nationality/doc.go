// Package nationality detects a person's stated nationality after a label
// (国籍: ベトナム, Nationality: Japanese) or in a nationality column, as an
// ISO 3166-1 alpha-3 code.
package nationality
