// Package ppap pairs password-protected ZIP attachments with the mail that
// carried their password ("PPAP", common in Japanese business mail): it
// finds password candidates in message text and chooses, for a locked
// archive, the messages of the same thread or sender within a time window
// whose candidates should be tried.
package ppap
