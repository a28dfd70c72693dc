// Package birthdate detects dates of birth: dates (Western or Japanese era,
// via jdate) that a birth keyword, label or table column marks as such.
package birthdate
