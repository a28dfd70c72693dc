// Package email detects e-mail addresses in normalized text.
package email
