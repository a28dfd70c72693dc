// Package detectortest is the conformance suite every detector passes
// (after osv-scalibr's velestest), the table-test runner of the
// detectors' own tests (Table), the body of their fuzz targets
// (FuzzDetect, CheckMatches), and mail-like text for benchmarks.
package detectortest
