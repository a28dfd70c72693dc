// Package index is the bleve full-text index of a case's findings: one document per finding, searchable by field and by Japanese substrings.
//
// # Fields
//
// The fields of the findings JSON (shared/spec/interface.md) are indexed
// under their JSON names:
//
//	keyword (exact):  type value confidence detector message_id
//	                  message_sha256 source date location part person
//	text (analysed):  context
//	stored only:      finding (the whole finding as JSON, returned by Search)
//
// id is not indexed as a field of its own: bleve keeps document IDs in its
// _id field, so id:X is rewritten to a document-ID query and id:f-0000* to
// a wildcard on _id. masked, start and end are not indexed at all (nobody
// searches masked values; a numeric field costs bleve 16 terms per
// document): they are only in the stored finding, and Search rejects
// queries on them (and on any unknown field) instead of silently finding
// nothing.
//
// There are no analysed twins of location and value, nor numeric forms of
// confidence and date; queries reach the same findings through the dictionaries of the
// keyword fields (query.go), which costs a search far less than indexing
// those forms cost per finding:
//   - location:X and value:X match the values equal to X or holding the
//     analysis of X as a run of tokens, found by analysing each distinct
//     value of the field when the search starts;
//   - confidence is indexed as its shortest decimal ("0.95"); a range
//     (confidence:>=0.9) parses the distinct terms and keeps those inside;
//   - date is indexed in UTC with a fixed width (2006-01-02T15:04:05.000000000Z),
//     so a date range is a term range. Any RFC 3339 date is indexed (bleve's
//     datetime fields stopped at 1677–2262).
//
// Nothing is sortable by confidence or date (no doc values): Search sorts by
// score and ID only. Facets work on type, detector, source, location, part
// and person.
//
// The finding is stored as one JSON field: about half of the index on disk,
// little CPU time, and Search returns whole findings without reading the
// findings file.
//
// The context field uses the analyzer "mailsift_text": words are runs of
// letters and digits (punctuation splits, so "attachment:a.zip/b.xlsx"
// yields attachment, a, zip, b, xlsx); runs of Japanese script (kanji,
// kana, 々, ー) are cut into overlapping bigrams, so any substring of two or
// more characters can be found; everything is width-folded and lower-cased.
// Its tokenizer is hand-written (tokenizer.go) to cut exactly as the
// regexp wordPattern does, at a fraction of the cost.
//
// # Queries
//
// Search takes bleve's query-string syntax, rewritten before it runs so that
// it means what an investigator expects:
//   - a term on a text field becomes a phrase of its bigrams, so
//     context:口座番号 matches 口座番号 and not every 電話番号 (a bare bigram
//     OR would);
//   - unqualified terms search context;
//   - location:X and value:X match the exact value or a run of its tokens,
//     so location:xlsx, location:"attachment:顧客一覧.xlsx" and value:田中
//     all work; a fuzzy term (value:taro~1) is fuzzy on the whole value;
//   - id:X looks the finding up by its document ID;
//   - TYPE:X for a finding type (person_name:田中, email:example.jp) means
//     +type:TYPE +value:X.
//
// # Throughput
//
// Indexing is the dearest step per finding (BenchmarkIndex measures it),
// most of it in scorch building and merging segments and in analysing
// contexts, and slower than a scan produces findings. So a scan does not
// wait on the index: it writes the findings file, and a Follower follows
// that file, recording how far it got with Writer.Commit and resuming from
// Index.Mark.
package index
