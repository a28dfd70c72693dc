// Package company detects the company or organisation a person belongs to
// (法人名), in signatures, after labels and in table columns.
package company
