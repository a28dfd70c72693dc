package scope

// Access types: how an audit record says a message or folder was read.
const (
	Bind = "Bind" // one message opened (InternetMessageId)
	Sync = "Sync" // a whole folder downloaded by a mail client
	List = "list" // a line of a plain list the investigator wrote
)

// Access is one message or folder an audit record (or a list line) says
// the attacker's session read.
type Access struct {
	Record    string `json:"record"`               // audit record Id, or "line N"
	Time      string `json:"time,omitempty"`       // CreationTime (UTC)
	Type      string `json:"type"`                 // Bind, Sync or list
	User      string `json:"user,omitempty"`       // UserId of the session
	ClientIP  string `json:"client_ip,omitempty"`  // ClientIPAddress
	SessionID string `json:"session_id,omitempty"` // SessionId
	Folder    string `json:"folder,omitempty"`     // folder path as the log writes it (\Inbox)
	MessageID string `json:"message_id,omitempty"` // <id>, for Bind and list lines naming a message
}

// Export is what Parse read from an export.
type Export struct {
	Format   string         `json:"format"`            // csv, json, jsonl or list
	Records  int            `json:"records"`           // records read (lines of a list)
	Accesses []Access       `json:"-"`                 // in the order read
	Ignored  map[string]int `json:"ignored,omitempty"` // other operations, by name
	// Problems are the records that could not be read, as "where: why";
	// they are counted, and the rest is used.
	Problems []string `json:"problems,omitempty"`
}

// Status of a message of the case.
const (
	Accessed     = "accessed"      // named by a Bind record or a list line
	FolderSynced = "folder-synced" // in a folder a Sync record names
	NotAccessed  = "not-accessed"
)

// Message is what Mark needs of a message of the case.
type Message struct {
	SHA256    string // message_sha256
	MessageID string // Message-ID header, "" if none
	Folder    string // the finding's source: the folder it was read from
}

// Mark is the status of one message and the records that gave it.
type Mark struct {
	MessageSHA256 string   `json:"message_sha256"`
	Status        string   `json:"status"`
	Records       []string `json:"records"`         // audit record ids (at most maxRecords)
	First         string   `json:"first,omitempty"` // earliest access time of those records
}

// maxRecords bounds the records kept per message: a message synced daily
// for a year would otherwise carry hundreds.
const maxRecords = 20
