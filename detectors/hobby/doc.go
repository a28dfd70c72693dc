// Package hobby detects a person's hobbies as a form, résumé or profile
// states them: the value after a label (趣味：, 趣味・特技, Hobbies:,
// Interests:) or in a hobby column.
package hobby
