package extract

import (
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

func enc(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecodeText(t *testing.T) {
	const ja = "お世話になっております。田中様の口座番号をお送りします。"
	const cp932 = "①髙橋様 ～ ㈱テスト"
	tests := []struct {
		name     string
		label    string
		in       []byte
		want     string
		wantUsed string
		wantErr  bool
	}{
		{"iso-2022-jp", "ISO-2022-JP", enc(t, japanese.ISO2022JP, ja), ja, "iso-2022-jp", false},
		{"iso-2022-jp-2 label", "ISO-2022-JP-2", enc(t, japanese.ISO2022JP, ja), ja, "iso-2022-jp", false},
		{"shift_jis", "Shift_JIS", enc(t, japanese.ShiftJIS, ja), ja, "shift_jis", false},
		{"cp932 chars under CP932", "CP932", enc(t, japanese.ShiftJIS, cp932), cp932, "cp932", false},
		{"cp932 chars under Windows-31J", "Windows-31J", enc(t, japanese.ShiftJIS, cp932), cp932, "windows-31j", false},
		{"euc-jp", "EUC-JP", enc(t, japanese.EUCJP, ja), ja, "euc-jp", false},
		{"cp51932", "CP51932", enc(t, japanese.EUCJP, ja), ja, "cp51932", false},
		{"utf-8", "UTF-8", []byte(ja), ja, "utf-8", false},
		{"undeclared shift_jis sniffed", "", enc(t, japanese.ShiftJIS, ja), ja, "shift_jis", false},
		{"shift_jis labelled iso-8859-1", "ISO-8859-1", enc(t, japanese.ShiftJIS, ja), ja, "shift_jis", false},
		{"shift_jis labelled utf-8", "utf-8", enc(t, japanese.ShiftJIS, ja), ja, "shift_jis", false},
		{"euc-jp labelled utf-8", "utf-8", enc(t, japanese.EUCJP, ja), ja, "euc-jp", false},
		{"iso-2022-jp labelled us-ascii", "us-ascii", enc(t, japanese.ISO2022JP, ja), ja, "iso-2022-jp", false},
		{"utf-8 labelled shift_jis", "Shift_JIS", []byte(ja), ja, "utf-8", false},
		// Hard negatives: genuine Latin-1 must stay Latin-1.
		{"latin-1 stays latin-1", "ISO-8859-1", []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve"), "Café crème brûlée, naïve", "iso-8859-1", false},
		{"windows-1252 quotes", "windows-1252", []byte("\x93quoted\x94"), "\u201cquoted\u201d", "windows-1252", false},
		{"unknown label, utf-8 bytes", "x-unknown-charset", []byte(ja), ja, "utf-8", true},
		{"unknown label, sjis bytes", "x-unknown-charset", enc(t, japanese.ShiftJIS, ja), ja, "shift_jis", true},
		{"utf-7", "UTF-7", []byte("+MMYwuTDI-"), "テスト", "utf-7", false},
		{"ascii fast path", "Shift_JIS", []byte("hello"), "hello", "us-ascii", false},
		{"undeclared latin-1 kept", "", []byte("Caf\xe9 cr\xe8me"), "Café crème", "windows-1252", true},
		{"us-ascii with latin-1 kept", "us-ascii", []byte("na\xefve"), "naïve", "windows-1252", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, used, err := decodeText(tc.label, tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if got != tc.want || used != tc.wantUsed {
				t.Errorf("decodeText(%q) = %q (%s), want %q (%s)", tc.label, got, used, tc.want, tc.wantUsed)
			}
		})
	}
}

func TestInvalidUTF8IsCountedAndReplaced(t *testing.T) {
	got, _, err := decodeText("utf-8", []byte("ok \xff\xfe ok"))
	if err == nil {
		t.Fatal("want an error for invalid UTF-8")
	}
	if got != "ok \uFFFD ok" {
		t.Errorf("got %q", got)
	}
}
