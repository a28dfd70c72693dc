// Package age detects a person's stated age: 35歳, 満35歳, 年齢: 42, Age: 35,
// 35 years old.
package age
