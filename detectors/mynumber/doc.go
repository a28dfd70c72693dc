// Package mynumber detects Japanese Individual Numbers (マイナンバー, 個人番号): 12 digits with a valid check digit and a My Number keyword or column nearby.
package mynumber
