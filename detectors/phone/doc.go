// Package phone detects telephone numbers in normalized text and reports
// them in E.164 form.
package phone
