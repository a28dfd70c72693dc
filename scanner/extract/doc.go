// Package extract decodes a raw message into text the detectors can read:
// headers, every MIME part, nested messages, in every charset seen in
// Japanese and English mail. It salvages what decodes and reports the rest:
// a part is never dropped silently.
package extract
