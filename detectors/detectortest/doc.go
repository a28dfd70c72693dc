// Package detectortest is the conformance suite every detector passes
// (after osv-scalibr's velestest), and mail-like text for benchmarks.
package detectortest
