// Package gender detects a person's stated gender after a label (性別: 男,
// Sex: M, Gender: Female) or in a gender column.
package gender
