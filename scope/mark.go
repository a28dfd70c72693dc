package scope

import (
	"slices"
	"strings"
)

// Mark gives each message its status: Accessed when a Bind record or a
// list line names its Message-ID, else FolderSynced when a Sync record
// (or a list line) names one of its folders, else NotAccessed. Entries
// with one SHA256 are copies of one message (the manifest's "seen" lines,
// which carry a folder but no Message-ID): they get one mark, from all of
// their folders. Mark also returns the accesses that name a message or
// folder the case does not hold (perhaps deleted before the export): one
// per Message-ID or folder.
func (e *Export) Mark(msgs []Message) (marks []Mark, missing []Access) {
	byID := map[string][]int{}     // message key → accesses
	byFolder := map[string][]int{} // folder key → accesses
	for i, a := range e.Accesses {
		switch {
		case a.MessageID != "":
			k := idKey(a.MessageID)
			byID[k] = append(byID[k], i)
		case a.Folder != "":
			k := folderKey(a.Folder)
			byFolder[k] = append(byFolder[k], i)
		}
	}
	type copies struct {
		id      string
		folders []string
	}
	var order []string
	bySHA := map[string]*copies{}
	for _, m := range msgs {
		c := bySHA[m.SHA256]
		if c == nil {
			c = &copies{}
			bySHA[m.SHA256] = c
			order = append(order, m.SHA256)
		}
		if c.id == "" {
			c.id = m.MessageID
		}
		c.folders = append(c.folders, m.Folder)
	}
	used := make([]bool, len(e.Accesses))
	for _, sha := range order {
		c := bySHA[sha]
		mk := Mark{MessageSHA256: sha, Status: NotAccessed}
		var hits []int
		if c.id != "" {
			hits = byID[idKey(c.id)]
		}
		if len(hits) > 0 {
			mk.Status = Accessed
		} else {
			for _, f := range c.folders {
				hits = append(hits, byFolder[folderKey(f)]...)
			}
			if len(hits) > 0 {
				mk.Status = FolderSynced
			}
		}
		for _, i := range hits {
			used[i] = true
			a := e.Accesses[i]
			if len(mk.Records) < maxRecords && !slices.Contains(mk.Records, a.Record) {
				mk.Records = append(mk.Records, a.Record)
			}
			if a.Time != "" && (mk.First == "" || a.Time < mk.First) {
				mk.First = a.Time
			}
		}
		marks = append(marks, mk)
	}
	// An access is missing only when no access with the same key was
	// used: a Sync of \Inbox recorded twice, once matched, is not.
	done := map[string]bool{}
	for i, a := range e.Accesses {
		if used[i] {
			done[accessKey(a)] = true
		}
	}
	for _, a := range e.Accesses {
		if k := accessKey(a); !done[k] {
			done[k] = true
			missing = append(missing, a)
		}
	}
	return marks, missing
}

// accessKey is what an access names: a message or a folder.
func accessKey(a Access) string {
	if a.MessageID != "" {
		return "m" + idKey(a.MessageID)
	}
	return "f" + folderKey(a.Folder)
}

// idKey compares Message-IDs: without brackets and case (audit logs and
// mail clients differ in both).
func idKey(id string) string {
	id, _ = NormalizeMessageID(id)
	return strings.ToLower(id)
}

// folderKey is the name a folder matches under: its path with '/'
// separators, lower-cased, without the root's separator or an mbox
// file's extension, and the well-known folders under one name whatever
// the client's language (\Inbox, INBOX, 受信トレイ).
func folderKey(f string) string {
	f = strings.TrimSpace(f)
	if f == "" {
		return ""
	}
	f = strings.ReplaceAll(f, `\`, "/")
	f = strings.Trim(strings.ToLower(f), "/")
	for _, ext := range []string{".mbox", ".mbx", ".pst", ".ost"} {
		f = strings.TrimSuffix(f, ext)
	}
	parts := strings.Split(f, "/")
	for i, p := range parts {
		// Maildir++ writes subfolders as ".Sent" and ".INBOX.Sub".
		p = strings.TrimPrefix(p, ".")
		if w, ok := wellKnown[p]; ok {
			p = w
		}
		parts[i] = p
	}
	return strings.Join(parts, "/")
}

// wellKnown maps the names of the default folders of Exchange, Gmail,
// Dovecot and Thunderbird, English and Japanese, to one name each.
var wellKnown = map[string]string{
	"inbox": "inbox", "受信トレイ": "inbox", "受信箱": "inbox",
	"sent items": "sent", "sent": "sent", "sent mail": "sent", "sent messages": "sent", "送信済みアイテム": "sent", "送信済みメール": "sent", "送信済み": "sent", "[gmail]/sent mail": "sent",
	"deleted items": "trash", "trash": "trash", "deleted messages": "trash", "削除済みアイテム": "trash", "ゴミ箱": "trash", "ごみ箱": "trash",
	"drafts": "drafts", "下書き": "drafts",
	"junk email": "junk", "junk e-mail": "junk", "junk": "junk", "spam": "junk", "迷惑メール": "junk",
	"archive": "archive", "アーカイブ": "archive",
	"outbox": "outbox", "送信トレイ": "outbox",
}
