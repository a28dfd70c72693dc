package imapsrc

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"

	"github.com/mailsift/mailsift/internal/mutf7"
)

// The evidence directory is a Maildir tree that scanner/source reads back
// with the IMAP folder names: INBOX is the root Maildir, every other
// folder a plain subdirectory per "/"-separated part of its name (Dovecot
// LAYOUT=fs), each part in modified UTF-7 as Dovecot and Courier write
// folder names on disk, which the reader decodes: "日本語/2024" is
// "&ZeVnLIqe-/2024". Parts the reader would take for something else (a
// leading dot is a Maildir++ folder, cur/new/tmp are Maildir directories)
// get a "_" in front, over-long parts are cut and suffixed with a hash,
// and a directory already used by another folder gets "~2", "~3"; the
// acquisition log keeps the true name and the directory of every folder.
const (
	// LogFile is the acquisition log in the evidence directory.
	LogFile = "acquisition.jsonl"
	// stagingDir holds messages being received; it is the root Maildir's
	// tmp/, the one tmp/ in the tree.
	stagingDir = "tmp"
	// maxPart bounds one path part; file systems allow 255 bytes.
	maxPart = 200
)

// folderDir maps a folder name to its directory below the evidence root,
// with "/" separators; "" for INBOX.
func folderDir(folder string) string {
	if folder == "INBOX" {
		return ""
	}
	parts := strings.Split(folder, "/")
	for i, p := range parts {
		parts[i] = dirPart(p)
	}
	return strings.Join(parts, "/")
}

func dirPart(p string) string {
	e := mutf7.Encode(p)
	switch {
	case e == "", strings.HasPrefix(e, "."), e == "cur", e == "new", e == "tmp":
		// A real "_cur" folder then collides with "cur"; the evidence
		// store gives the second one another directory.
		e = "_" + e
	}
	if len(e) > maxPart {
		sum := sha256.Sum256([]byte(p))
		e = e[:maxPart-13] + "~" + hex.EncodeToString(sum[:6])
	}
	return e
}

// maildirFlags maps IMAP system flags to the Maildir info letters, in
// ASCII order as the Maildir convention requires. Keywords have no letter;
// the acquisition log keeps every flag.
func maildirFlags(flags []imap.Flag) string {
	var l []byte
	for _, f := range flags {
		switch {
		case strings.EqualFold(string(f), string(imap.FlagDraft)):
			l = append(l, 'D')
		case strings.EqualFold(string(f), string(imap.FlagFlagged)):
			l = append(l, 'F')
		case strings.EqualFold(string(f), string(imap.FlagForwarded)):
			l = append(l, 'P')
		case strings.EqualFold(string(f), string(imap.FlagAnswered)):
			l = append(l, 'R')
		case strings.EqualFold(string(f), string(imap.FlagSeen)):
			l = append(l, 'S')
		case strings.EqualFold(string(f), string(imap.FlagDeleted)):
			l = append(l, 'T')
		}
	}
	slices.Sort(l)
	return string(slices.Compact(l))
}

// messageBase is the deterministic Maildir name of a message without its
// flags: a re-fetch after a crash lands on the same name.
func messageBase(uidValidity, uid uint32) string {
	return fmt.Sprintf("%d.%d.imap", uidValidity, uid)
}

// messageFile is the path of a message below the evidence root.
func messageFile(dir string, uidValidity, uid uint32, flags []imap.Flag) string {
	return path.Join(dir, "cur", messageBase(uidValidity, uid)+":2,"+maildirFlags(flags))
}

// isOurName reports a file name Pull writes, so that only those are ever
// removed from the tree.
func isOurName(name string) bool {
	var v, u uint32
	var rest string
	n, _ := fmt.Sscanf(name, "%d.%d.%s", &v, &u, &rest)
	return n == 3 && strings.HasPrefix(name, messageBase(v, u)+":2,")
}
