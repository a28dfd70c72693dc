// Package textscan holds what detector implementations share for reading
// normalized text: ASCII case folding that keeps byte offsets, spans on a
// line (a value after its label), and sets of context words. It is the
// detector authors' toolkit; the contract between detectors and the
// scanner is package detectors.
package textscan
