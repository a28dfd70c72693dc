// Package bank detects bank accounts: Japanese accounts (bank, branch, type and number from a 振込先 block, ゆうちょ 記号・番号) and IBANs.
package bank
