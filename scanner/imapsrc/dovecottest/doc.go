// Package dovecottest starts a throwaway Dovecot IMAP server on 127.0.0.1 for tests, with mailboxes filled directly on disk.
package dovecottest
