// Package detectortest is the conformance suite every detector passes
// (after osv-scalibr's velestest), the table-test runner of the
// detectors' own tests (Table), and mail-like text for benchmarks.
package detectortest
