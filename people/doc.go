// Package people knows who is who: for now, the categories file in which an investigator sorts people into relationship categories (顧客, 監督官庁, 採用申込者, ...).
package people
