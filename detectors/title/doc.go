// Package title detects a person's department and job title (所属部署・役職)
// in signatures, after labels and in table columns.
package title
