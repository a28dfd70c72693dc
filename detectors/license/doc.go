// Package license detects Japanese driver's licence numbers (運転免許証番号): 12 digits with a valid 公安委員会 code and a licence keyword or column nearby.
package license
