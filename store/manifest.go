package store

// Kinds of manifest lines (Entry.Kind).
const (
	// KindMessage is a message acquired into the case, with its parts.
	KindMessage = "message"
	// KindSeen is a further place (folder, file, offset) where a message
	// already in the case was found.
	KindSeen = "seen"
	// KindUnlock records encrypted containers of a message opened after its
	// scan (PPAP); the line's findings are those of the opened containers.
	KindUnlock = "unlock"
)

// Entry is one line of the evidence manifest (manifest.jsonl): a message
// acquired into the case, or a further place an already known message was
// seen (Kind "seen"), so that every folder a message was in is on record.
type Entry struct {
	Kind          string `json:"kind"` // KindMessage, KindSeen or KindUnlock
	MessageSHA256 string `json:"message_sha256"`
	RawSHA256     string `json:"raw_sha256"` // bytes exactly as acquired
	SourceKind    string `json:"source_kind"`
	Source        string `json:"source"` // folder
	Path          string `json:"path"`
	Offset        int64  `json:"offset"`
	Index         int    `json:"index"`
	MessageID     string `json:"message_id,omitempty"`
	Date          string `json:"date,omitempty"`
	// Delivered is the server's delivery time (IMAP INTERNALDATE, an
	// Outlook item's delivery time), RFC 3339 UTC, when the source has it.
	Delivered string `json:"delivered,omitempty"`
	DateRaw   string `json:"date_raw,omitempty"`
	From      string `json:"from,omitempty"`
	// To and Cc are the addresses of those fields (at most MaxRecipients
	// each), for the review page's message view and search by recipient.
	To []string `json:"to,omitempty"`
	Cc []string `json:"cc,omitempty"`
	// Subject is the decoded Subject with every value the message holds
	// masked, as contexts are.
	Subject    string      `json:"subject,omitempty"`
	Size       int64       `json:"size"`
	Truncated  bool        `json:"truncated,omitempty"`
	Parts      []PartEntry `json:"parts,omitempty"`
	Errors     []string    `json:"errors,omitempty"`      // every problem
	ErrorParts int         `json:"error_parts,omitempty"` // parts (or the message) they concern: what `errors` counts
	Findings   int         `json:"findings"`
	ScannedAt  string      `json:"scanned_at"`

	// PPAP: encrypted attachments no password opened yet, the password
	// candidates the message carries, and its thread links (for pairing).
	// Set only when Locked or PasswordCandidates is not empty.
	Locked             []Locked `json:"locked,omitempty"`
	PasswordCandidates []string `json:"password_candidates,omitempty"`
	InReplyTo          string   `json:"in_reply_to,omitempty"`
	References         []string `json:"references,omitempty"`
	// ThreadKey is a hash of the folded subject (not the subject: the
	// manifest carries no content).
	ThreadKey string `json:"thread_key,omitempty"`
	// Unlocked lists, on a Kind "unlock" line, the containers opened later
	// and whose password it was; the findings of the line are theirs.
	Unlocked []Unlock `json:"unlocked,omitempty"`
}

// MaxRecipients bounds Entry.To and Entry.Cc: a list of 100,000 addresses
// is in the findings; the manifest keeps the first ones.
const MaxRecipients = 100

// Locked is an encrypted attachment (or member) inside MIME part Part.
type Locked struct {
	Part     string `json:"part"`
	Location string `json:"location"`
}

// Unlock is an encrypted container opened after the scan of its message.
type Unlock struct {
	Part         string `json:"part"`
	Location     string `json:"location"`
	PasswordFrom string `json:"password_from"` // message_sha256, or "investigator"
}

// PartEntry records how one MIME part was decoded.
type PartEntry struct {
	Path        string   `json:"path"`
	Location    string   `json:"location"`
	ContentType string   `json:"content_type"`
	Charset     string   `json:"charset,omitempty"`
	Decoded     string   `json:"decoded_as,omitempty"`
	Encoding    string   `json:"encoding,omitempty"`
	Filename    string   `json:"filename,omitempty"`
	Size        int64    `json:"size"`
	Status      string   `json:"status"`
	Errors      []string `json:"errors,omitempty"`
}
