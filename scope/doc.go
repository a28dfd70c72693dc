// Package scope reads what an attacker accessed from a Microsoft 365
// unified-audit-log export (MailItemsAccessed records: Bind names the
// messages by InternetMessageId, Sync names folders) or from a plain list
// of Message-IDs and folders, and marks the messages of a case accessed,
// folder-synced or not accessed, each with the audit records behind it.
//
// The export is untrusted input: records it cannot read, other
// operations and unknown columns are counted, never fatal; only a file
// with no recognisable record at all is an error.
package scope
