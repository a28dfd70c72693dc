// Package index is the search index of a case's findings: bleve indexes
// built from the findings file and the people resolved from it, searched
// with bleve's query-string syntax rewritten for investigators.
//
// # Layout
//
// An index is built once, after the scan (Build), beside the old one and
// swapped in when complete; it is never updated in place. Person and
// category exist only after people are resolved, and an override changes
// them, so the index is rebuilt rather than kept in step with the scan
// (package caseindex tells when it is stale). In the index directory:
//
//	shard-N/   bleve: one document per finding, spread over N shards built
//	           in parallel, searched as one through a bleve IndexAlias
//	texts/     bleve: each distinct context once (one signature block gives
//	           ten findings and one text)
//	messages/  bleve: each message once (message_id, message_sha256,
//	           source, date, from, to, subject)
//	table.gob  the messages in date order, folders, months and people
//	ids        finding id → document, for id: queries
//
// A finding document holds only what is the finding's own: type, value,
// confidence, detector, location, part, and keys: person, ctx (its text)
// and msg (its message). Its ID is the offset of its line in the findings
// file (hits are read from there; nothing is stored twice), and msg keys
// are given in date order, so a date range is a range of keys. Measured on
// bench/scan.sh's mailbox (310k findings, 14k distinct contexts, 48k
// messages): this cut the build from 12,000 to about 40,000 findings/s and
// the index from ~2 KB to 260 bytes per finding, where a document carrying
// its context and message fields spent most of its time analysing the same
// texts again.
//
// # Queries
//
// Search parses bleve's query-string syntax, then rewrites it (rewrite.go):
//   - context (and bare words): a phrase of the text's bigrams searched in
//     texts/, then the finding's ctx keys: Japanese is found by any
//     substring of two or more characters (口座番号 does not match 口座の番号);
//   - subject, from, to, source, message_id, message_sha256: searched in
//     messages/, then the finding's msg keys (runs of keys as ranges);
//   - date: a range of msg keys through the table (date:2024-05 is a month);
//   - name, category: the table's people, then the person keys;
//   - id: the ids file;
//   - value, location, from, to, source, message_id: the exact value or a run
//     of its tokens (location:xlsx, value:田中); attachment:X on the
//     attachment locations;
//   - TYPE:X for a finding type (passport:TK12) is +type:TYPE +value:X;
//   - confidence: ranges over its dictionary.
//
// Facets on type, detector, location and person are bleve's; category,
// source and date (a histogram by month) add up the person and msg facets
// through the table. A Set searches the indexes of several cases and
// merges, counting a message that two mailboxes hold once.
package index
