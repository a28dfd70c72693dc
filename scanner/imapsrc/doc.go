// Package imapsrc collects a mailbox over IMAP into a case, forensically: read-only, every folder, resumable, with a hashed Maildir evidence copy.
package imapsrc
