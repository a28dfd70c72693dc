// Package detectors is the contract between detectors and the scanner:
// the Detector and ImageDetector interfaces and what they exchange (Text,
// Match, Image, ImageMatch), text normalization, the Runner that applies
// detectors to text, and value masking.
//
// Each directory below is one detector, except registry, the list of them
// that the scanner runs, and internal, what detector implementations
// share: rule (detectors as data), textscan (ASCII folding, spans,
// context words), jdate, names, signature, and detectortest (the
// conformance suite and the table tests' runner).
package detectors
