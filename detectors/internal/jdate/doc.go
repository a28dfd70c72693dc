// Package jdate finds and parses Japanese and Western calendar dates in text
// (era dates such as 昭和60年3月12日 or H2.5.3, 1985年3月12日, 1985/03/12,
// 12 March 1985) and normalizes them to YYYY-MM-DD.
package jdate
