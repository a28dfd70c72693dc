// Package detectors holds the Detector interface, text normalization, the
// Runner that applies detectors to text, and value masking.
package detectors
