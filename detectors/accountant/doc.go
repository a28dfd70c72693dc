// Package accountant detects registration numbers of certified public accountants (公認会計士登録番号) and tax accountants (税理士登録番号), anchored on their keywords.
package accountant
