// Package formfield reads the fields of forms, résumés and profiles in
// normalized text: a label that heads its line ("趣味：", "【職歴】",
// "■ Hobbies") and where its value starts, on the same line or the next.
// The career, family and hobby detectors share it.
package formfield
