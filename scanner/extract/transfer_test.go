package extract

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeBase64(t *testing.T) {
	full := base64.StdEncoding.EncodeToString([]byte("個人情報の送付について"))
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr bool
	}{
		{"clean", full, "個人情報の送付について", false},
		{"line-wrapped CRLF", full[:20] + "\r\n" + full[20:], "個人情報の送付について", false},
		{"garbage inside is skipped", full[:8] + "!!" + full[8:], "個人情報の送付について", true},
		// Cut mid-quad: the complete quads before the cut still decode.
		{"truncated mid-quad", full[:13], "個人情報"[:9], true},
		{"unpadded is not an error", strings.TrimRight(base64.StdEncoding.EncodeToString([]byte("個人a")), "="), "個人a", false},
		{"url-safe alphabet", base64.URLEncoding.EncodeToString([]byte{0xfb, 0xff}), "\xfb\xff", false},
		{"concatenated blocks", base64.StdEncoding.EncodeToString([]byte("ab")) + base64.StdEncoding.EncodeToString([]byte("cd")), "abcd", false},
		{"empty", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeBase64([]byte(tc.in))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestDecodeQP(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr bool
	}{
		{"escapes", "caf=C3=A9", "café", false},
		{"soft break inside a multibyte char", "=E5=80=\r\n=8B=E4=BA=BA", "個人", false},
		{"soft break LF", "abc=\ndef", "abcdef", false},
		{"soft break with trailing space", "abc= \r\ndef", "abcdef", false},
		{"lower-case hex", "=e3=81=82", "あ", false},
		{"trailing white space dropped", "abc  \r\nd", "abc\r\nd", false},
		{"malformed escape kept", "a=ZZb", "a=ZZb", true},
		{"equals at end", "abc=", "abc", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeQP([]byte(tc.in))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if diff := cmp.Diff(tc.want, string(got)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestDecodeUU(t *testing.T) {
	in := "begin 644 a.txt\r\n#86)C\r\n`\r\nend\r\n"
	got, err := decodeUU([]byte(in))
	if err != nil || string(got) != "abc" {
		t.Fatalf("decodeUU = %q, %v; want abc", got, err)
	}
}

func TestUnknownTransferEncodingKeepsBytes(t *testing.T) {
	got, err := decodeTransfer("x-weird", []byte("raw"))
	if err == nil || string(got) != "raw" {
		t.Fatalf("got %q, %v", got, err)
	}
}
