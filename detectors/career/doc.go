// Package career detects a person's career or education history as a
// résumé, CV, 職務経歴書 or biography states it: a label (職歴, 学歴, 略歴,
// 経歴, Career, Education, Work Experience, Biography) heading its line
// and followed by dated entries, or a cell of a column with such a header.
package career
