// Package mailgen generates deterministic, seeded test mailboxes of mostly
// Japanese mail together with the exact decoding and the PII labels that
// mailsift is expected to produce for every message.
//
// A Corpus holds three kinds of message: a fixed matrix of charsets,
// transfer encodings, header encodings and MIME structures; ordinary
// business mail with planted e-mail addresses, phone numbers and hard
// negatives; and, on request, hostile messages (truncated, unterminated,
// deeply nested, malformed). The same Options always give the same bytes.
//
// The corpus can be written as an mboxrd file, a Maildir++ tree and a tree of
// .eml files; all three hold the same messages, so their canonical hashes
// agree. testdata/sample is one such corpus (seed 1), kept in step with this
// package by TestSample.
package mailgen
