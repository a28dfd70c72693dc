// Package passport detects passport numbers next to a passport keyword: Japanese ones (two letters and seven digits) and, right after a passport label, foreign ones.
package passport
