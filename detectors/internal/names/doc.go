// Package names tells person names from other words: Japanese surnames and
// given names from the IPA dictionary of kagome, Latin-script names from
// small committed lists, and the role words that display names of teams
// and machines are made of.
package names
