// Package office extracts text, table context and embedded images from spreadsheet and Office attachments: XLSX, DOCX, PPTX, ODT/ODP, ODS and CSV/TSV.
package office
