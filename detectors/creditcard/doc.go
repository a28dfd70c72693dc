// Package creditcard detects payment card numbers: issuer prefix and length, Luhn, and bulk_extractor's pattern and digit-histogram tests.
package creditcard
