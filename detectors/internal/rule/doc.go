// Package rule builds detectors from data: a candidate scanner, a validator, context keywords and confidence levels.
package rule
