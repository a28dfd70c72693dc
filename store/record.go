package store

// Finding is one piece of personal data found in one place of one message.
// Its JSON form is the `mailsift findings` line of the interface
// (shared/spec/interface.md); fields are only ever added, never renamed.
type Finding struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Value string `json:"value,omitempty"`
	// Written is, for names and companies, the value as the text wrote it
	// (with its spaces and script); like Value, shown only with --reveal.
	Written       string  `json:"written,omitempty"`
	Masked        string  `json:"masked"`
	Confidence    float64 `json:"confidence"`
	Detector      string  `json:"detector"`
	MessageID     string  `json:"message_id"`
	MessageSHA256 string  `json:"message_sha256"`
	Source        string  `json:"source"`
	Date          string  `json:"date,omitempty"` // RFC 3339, from the Date header
	Location      string  `json:"location"`       // header:From, body, attachment:NAME
	Part          string  `json:"part"`           // MIME part path, e.g. "1.2"
	Start         int     `json:"start"`          // byte offsets in the part's decoded text
	End           int     `json:"end"`
	Context       string  `json:"context"` // snippet around the finding, PII masked
	Person        string  `json:"person,omitempty"`
	// PasswordFrom is, for a finding inside an encrypted attachment, the
	// message_sha256 of the mail whose password opened it, or
	// "investigator" for a password of --zip-passwords.
	PasswordFrom string `json:"password_from,omitempty"`
	// Scope is, for a phone or an address, "personal" or "business" when
	// the text says whose it is (携帯, 代表, a company's signature); else
	// omitted.
	Scope string `json:"scope,omitempty"`
}
