// Package realmail measures the detectors on real mail: the public corpora
// beside the repository (shared/corpora) are scanned with the scan
// pipeline, and the findings are matched to hand-made labels in
// testdata/accuracy/real. The labels point into the corpora (path, message
// hash, part, type, a hash of the value) and never carry the values: the
// corpora hold real third-party personal data.
//
// cmd/sample draws the labelled messages (fixed seed, stratified by type);
// cmd/judge prints the findings that have no label yet, with their context,
// for a person to judge, and appends the verdicts. The test reports
// precision per type and fails when a type falls below its floor or too
// many findings are unjudged.
package realmail
