// Package scanner is the engine of `mailsift scan`: it reads sources,
// decodes each message, runs the detectors on every header, body and
// attachment text, and commits findings and the evidence manifest to the
// case in source order, so that a run is deterministic and resumable.
// After the sources, the PPAP pass opens encrypted attachments with the
// passwords found in the mail.
package scanner
