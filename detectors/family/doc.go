// Package family detects a person's family members as forms and
// correspondence state them: a relationship (続柄: 配偶者, 妻, 長男, 扶養家族,
// spouse, dependents ...) with the member's name next to it, or a
// labelled 続柄 alone.
package family
