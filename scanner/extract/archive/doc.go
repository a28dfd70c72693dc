// Package archive extracts the members of container attachments: ZIP
// (including password-protected "PPAP" archives), winmail.dat (TNEF),
// Outlook .msg and legacy OLE compound files (.doc/.xls/.ppt).
package archive
