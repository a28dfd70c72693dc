// Package store is the case directory: the evidence manifest, the findings
// file and the scan log, written so that an interrupted scan can be resumed.
package store
