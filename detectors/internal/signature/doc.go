// Package signature parses the signature blocks of mail (name, company,
// department, title, phones, e-mail, address) as units, and recognizes the
// company names and job titles that the company and title detectors report.
package signature
