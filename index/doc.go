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
// A finding document holds its own fields (type, value, confidence,
// detector where it differs from the type, location, part), keys (person;
// ctx, its context in texts/; subj, its message's subject in texts/; msg,
// its message) and, because queries and facets ask for them most, its
// message's folders and month. A context no other finding has is indexed
// in place instead (a word found in many such contexts would otherwise be a
// term per finding). The document's ID is the offset of its line in the
// findings file (hits are read from there; nothing is stored twice), and
// msg keys are given in date order, so the edges of a date range are key
// ranges and its whole months month terms. Each bleve index is merged into
// one segment at the end of the build: a query resolved to thousands of
// keys looks each up once, not once per segment. The table also keeps the
// facets of every finding, which answer "*" (the review page's first view).
//
// Measured on bench/scan.sh's mailbox (310k findings, 14k distinct
// contexts, 48k messages), against the first design (a document per
// finding with its context and message fields and its JSON): build 12,000
// → about 33,000 findings/s, index ~2 KB → 240 bytes per finding.
//
// # Queries
//
// Search parses bleve's query-string syntax, then rewrites it (rewrite.go):
//   - context (and bare words): a phrase of the text's bigrams searched in
//     texts/ (then the finding's ctx keys) and in the contexts indexed in
//     place: Japanese is found by any substring of two or more characters
//     (口座番号 does not match 口座の番号);
//   - subject: the same in texts/, then the subj keys;
//   - from, to, message_id, message_sha256: searched in messages/, then the
//     finding's msg keys (runs of keys as ranges);
//   - source: the finding's folders; date: months and msg key ranges
//     (date:2024-05 is a month, date:2024 a year);
//   - name, category: the table's people, then the person keys;
//   - id: the ids file;
//   - value, location, from, to, source, message_id: the exact value or a run
//     of its tokens (location:xlsx, value:田中); attachment:X on the
//     attachment locations;
//   - TYPE:X for a finding type (passport:TK12) is +type:TYPE +value:X;
//   - confidence: ranges over its dictionary.
//
// Facets on type, location, person, source and date (a histogram by
// month) are bleve's, asked for every term (bleve adds up each shard's top
// N otherwise, which undercounts) and cut to N here; category adds up the
// person facet through the table. A Set searches the indexes of several cases and
// merges, counting a message that two mailboxes hold once.
package index
