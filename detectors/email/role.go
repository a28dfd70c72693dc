package email

import "strings"

// roles are local parts of machine and role mailboxes that stand for no
// person. "git" is the SSH user of git hosts (git@github.com:org/repo).
var roles = []string{
	"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
	"postmaster", "mailer-daemon", "mailerdaemon", "bounce", "bounces",
	"hostmaster", "abuse", "git",
}

// IsRole reports whether the lower-case local part names a machine or role
// mailbox: one of the roles, alone or followed by a tag ("noreply-jp",
// "bounces+abc").
func IsRole(local string) bool {
	for _, r := range roles {
		if rest, ok := strings.CutPrefix(local, r); ok {
			if rest == "" || strings.ContainsRune("+-._", rune(rest[0])) {
				return true
			}
		}
	}
	return false
}
