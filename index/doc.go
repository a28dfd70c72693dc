// Package index is the bleve full-text index of a case's findings: one document per finding, searchable by field and by Japanese substrings.
//
// # Fields
//
// Every field of the findings JSON (shared/spec/interface.md) is indexed
// under its JSON name, plus two analysed twins:
//
//	keyword (exact):  id type value masked detector message_id message_sha256
//	                  source location part person
//	number:           confidence
//	datetime:         date (RFC 3339; findings without a date lack the field)
//	text (analysed):  context, location_text (= location), value_text (= value)
//	stored only:      finding (the whole finding as JSON, returned by Search)
//
// start and end are kept in the stored finding but not indexed: a numeric
// field costs bleve 16 terms per document, and the two made indexing take
// about 65% more CPU time and the index 65% more disk, for queries nobody
// asked for. Search rejects queries on them (and on any unknown field)
// instead of silently finding nothing.
//
// Storing the finding as one JSON field costs about 475 bytes a finding on
// disk (an index of 1.2 KB a finding instead of 0.74 KB) and little CPU
// time; in exchange Search returns whole findings without reading the
// findings file.
//
// Text fields use the analyzer "mailsift_text": words are runs of letters
// and digits (punctuation splits, so "attachment:a.zip/b.xlsx" yields
// attachment, a, zip, b, xlsx); runs of Japanese script (kanji, kana,
// 々, ー) are cut into overlapping bigrams, so any substring of two or more
// characters can be found; everything is width-folded and lower-cased.
//
// # Queries
//
// Search takes bleve's query-string syntax, rewritten before it runs so that
// it means what an investigator expects:
//   - a term on a text field becomes a phrase of its bigrams, so
//     context:口座番号 matches 口座番号 and not every 電話番号 (a bare bigram
//     OR would);
//   - unqualified terms search context;
//   - location:X and value:X match the exact keyword or the text twin, so
//     location:xlsx and value:田中 find partial values;
//   - TYPE:X for a finding type (person_name:田中, email:example.jp) means
//     +type:TYPE +value:X.
//
// # Throughput
//
// Indexing costs about 200 µs of CPU time per finding (BenchmarkIndex), most
// of it in scorch building and merging segments: at best some 10,000
// findings a second on 2 cores with nothing else running. That is below
// what a scan produces, so a scan should not wait on the index: let it
// write the findings file and have a Writer follow that file, recording how
// far it got with Writer.Commit and resuming from Index.Mark.
package index
