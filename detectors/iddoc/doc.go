// Package iddoc decides whether a picture is an identity document
// (id_document): a passport, driving licence, My Number card, residence
// card or health insurance card, scanned or photographed.
package iddoc
