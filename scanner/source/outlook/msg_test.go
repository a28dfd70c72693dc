package outlook_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/extract"
	"github.com/mailsift/mailsift/scanner/source/outlook"
	ot "github.com/mailsift/mailsift/scanner/source/outlook/outlooktest"
)

// sample is a synthetic item: a received message with a Japanese subject,
// a recipient, an attachment with a Japanese name and an attached message.
func sample() *ot.Message {
	when := time.Date(2024, 5, 2, 1, 11, 12, 0, time.UTC)
	return &ot.Message{
		Props: []ot.Prop{
			ot.Unicode(outlook.PidTagMessageClass, "IPM.Note"),
			ot.Unicode(outlook.PidTagSubject, "ご注文の確認"),
			ot.Unicode(outlook.PidTagSenderName, "山田 花子"),
			ot.Unicode(outlook.PidTagSenderEmail, "hanako@example.jp"),
			ot.Unicode(outlook.PidTagSenderAddrType, "SMTP"),
			ot.Unicode(outlook.PidTagBody, "お世話になっております。\r\n電話 090-1234-5678\r\n"),
			ot.Unicode(outlook.PidTagInternetMessageID, "<a1@example.jp>"),
			ot.Time(outlook.PidTagClientSubmitTime, when),
		},
		Recipients: [][]ot.Prop{{
			ot.Unicode(outlook.PidTagDisplayName, "Taro Sato"),
			ot.Unicode(outlook.PidTagEmailAddress, "taro@example.com"),
			ot.Unicode(outlook.PidTagAddrType, "SMTP"),
			ot.Int32(outlook.PidTagRecipientType, 1),
		}},
		Attachments: []ot.Attachment{
			{Props: []ot.Prop{
				ot.Int32(outlook.PidTagAttachMethod, 1),
				ot.Unicode(outlook.PidTagAttachLongFilename, "顧客一覧.txt"),
				ot.Unicode(outlook.PidTagAttachMimeTag, "text/plain"),
				ot.Binary(outlook.PidTagAttachDataBinary, bytes.Repeat([]byte("name,phone\n"), 500)),
			}},
			{Props: []ot.Prop{
				ot.Int32(outlook.PidTagAttachMethod, 5),
				ot.Unicode(outlook.PidTagDisplayName, "Fwd: 見積"),
			}, Embedded: &ot.Message{Props: []ot.Prop{
				ot.Unicode(outlook.PidTagSubject, "見積"),
				ot.Unicode(outlook.PidTagBody, "inner body"),
			}}},
		},
	}
}

func TestReadMSG(t *testing.T) {
	data := ot.MSG(sample())
	it, err := outlook.ReadMSG(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Problems) > 0 {
		t.Errorf("problems: %v", it.Problems)
	}
	mime := outlook.Build(it)
	if !bytes.Equal(mime, outlook.Build(it)) {
		t.Error("Build is not deterministic")
	}
	m := extract.Parse(mime, extract.Options{})
	if m.Subject != "ご注文の確認" || len(m.From) != 1 || m.From[0].Addr != "hanako@example.jp" || len(m.To) != 1 || m.To[0].Addr != "taro@example.com" {
		t.Errorf("headers: subject %q from %v to %v", m.Subject, m.From, m.To)
	}
	if m.MessageID != "<a1@example.jp>" || m.Date.IsZero() {
		t.Errorf("message-id %q date %v", m.MessageID, m.Date)
	}
	var locs []string
	for _, p := range m.Parts {
		locs = append(locs, p.Location)
	}
	want := "body attachment:顧客一覧.txt body"
	if got := strings.Join(locs, " "); !strings.Contains(got, "attachment:顧客一覧.txt") || !strings.Contains(got, "Fwd: 見積.eml/") {
		t.Errorf("parts %q, want like %q plus the attached message", got, want)
	}
	for _, p := range m.Parts {
		if p.Location == "body" && !strings.Contains(p.Text, "090-1234-5678") {
			t.Errorf("body %q", p.Text)
		}
	}
}

func TestReadMSGNotOutlook(t *testing.T) {
	data := ot.CFB([]*ot.Entry{{Name: "WordDocument", Data: []byte("x")}})
	if _, err := outlook.ReadMSG(bytes.NewReader(data), int64(len(data))); err == nil {
		t.Error("a compound file without properties read as a .msg")
	}
	for _, in := range [][]byte{nil, []byte("junk"), data[:600]} {
		if _, err := outlook.ReadMSG(bytes.NewReader(in), int64(len(in))); err == nil {
			t.Errorf("%d bytes: no error", len(in))
		}
	}
}

// TestContactCard: a contact's fields become a text part the detectors
// read: names, phones, address, e-mail (a named property), birthday.
func TestContactCard(t *testing.T) {
	ps := outlook.NewProps(nil)
	set := func(id uint16, s string) {
		ps.Set(id, outlook.Value{Type: outlook.TypeUnicode, Data: utf16le(s)})
	}
	set(outlook.PidTagMessageClass, "IPM.Contact")
	set(outlook.PidTagDisplayName, "佐藤 一郎")
	set(0x3A1C, "090-0000-1111")
	set(0x3A5D, "東京都千代田区1-1")
	bd := make([]byte, 8)
	// 1980-05-02 00:00 JST is 1980-05-01 15:00 UTC.
	ft := uint64(time.Date(1980, 5, 1, 15, 0, 0, 0, time.UTC).UnixNano()/100 + 116444736000000000)
	for i := range bd {
		bd[i] = byte(ft >> (8 * i))
	}
	ps.Set(outlook.PidTagBirthday, outlook.Value{Type: outlook.TypeTime, Data: bd})
	card := outlook.Card(ps)
	for _, want := range []string{"Name: 佐藤 一郎", "Mobile phone: 090-0000-1111", "Home street: 東京都千代田区1-1", "Birthday: 1980-05-02"} {
		if !strings.Contains(card, want) {
			t.Errorf("card lacks %q:\n%s", want, card)
		}
	}
	set(outlook.PidTagMessageClass, "IPM.Note")
	if c := outlook.Card(ps); c != "" {
		t.Errorf("a mail message got a card: %q", c)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestRTF(t *testing.T) {
	text := outlook.RTFText([]byte(`{\rtf1\ansi\ansicpg932{\fonttbl{\f0 MS Gothic;}}\pard \'93\'64\'98\'62 090\par {\*\generator x;}\u12354?end}`))
	if text != "電話 090\nあend" {
		t.Errorf("RTFText = %q", text)
	}
	html, ok := outlook.RTFHTML([]byte(`{\rtf1\ansi\fromhtml1 {\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 a&amp;b{\*\htmltag72 </p>}}`))
	if !ok || html != "<p>a&amp;b</p>" {
		t.Errorf("RTFHTML = %q %v", html, ok)
	}
	// The example of MS-OXRTFCP 3.1.1.
	lz := []byte("\x2d\x00\x00\x00\x2b\x00\x00\x00LZFu\xf1\xc5\xc7\xa7\x03\x00\x0a\x00rcpg125B2\x0a\xf3 hel\x09\x00 bw\x05\xb0ld}\x0a\x80\x0f\xa0")
	if got, err := outlook.DecompressRTF(lz); err != nil || string(got) != "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n" {
		t.Errorf("LZFu: %q %v", got, err)
	}
	// MELA: stored without compression.
	raw := []byte("{\\rtf1 plain}")
	mela := append([]byte{byte(len(raw) + 12), 0, 0, 0, byte(len(raw)), 0, 0, 0, 'M', 'E', 'L', 'A', 0, 0, 0, 0}, raw...)
	if got, err := outlook.DecompressRTF(mela); err != nil || string(got) != string(raw) {
		t.Errorf("MELA: %q %v", got, err)
	}
}

// TestCorpusMSG: every .msg of the shared ruby-msg corpus reads without
// problems, has a subject, and its compressed RTF (when present) expands
// to RTF.
func TestCorpusMSG(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "..", "shared", "corpora", "ruby-msg", "*.msg"))
	if len(files) == 0 {
		t.Skip("ruby-msg corpus not available")
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		it, err := outlook.ReadMSG(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if len(it.Problems) > 0 {
			t.Errorf("%s: problems %v", p, it.Problems)
		}
		if outlook.Subject(it.Props) == "" {
			t.Errorf("%s: no subject", p)
		}
		if rtf := it.Props.Binary(outlook.PidTagRtfCompressed); len(rtf) > 0 {
			if raw, err := outlook.DecompressRTF(rtf); err != nil || !bytes.HasPrefix(raw, []byte("{\\rtf")) {
				t.Errorf("%s: RTF %q %v", p, raw[:min(len(raw), 20)], err)
			}
		}
	}
}

// FuzzMSG: any bytes: no panic, and what reads builds.
func FuzzMSG(f *testing.F) {
	f.Add(ot.MSG(sample()))
	f.Add(ot.MSG(&ot.Message{Props: []ot.Prop{ot.Unicode(outlook.PidTagSubject, "x")}}))
	f.Fuzz(func(t *testing.T, in []byte) {
		it, err := outlook.ReadMSG(bytes.NewReader(in), int64(len(in)))
		if err == nil {
			outlook.Build(it)
		}
	})
}

// FuzzRTF: DecompressRTF and the RTF readers never panic.
func FuzzRTF(f *testing.F) {
	f.Add([]byte("\x2d\x00\x00\x00\x2b\x00\x00\x00LZFu\xf1\xc5\xc7\xa7\x03\x00\x0a\x00rcpg125B2\x0a\xf3 hel\x09\x00 bw\x05\xb0ld}\x0a\x80\x0f\xa0"))
	f.Add([]byte(`{\rtf1\fromhtml1{\*\htmltag <b>}\u-3913?\'8`))
	f.Fuzz(func(t *testing.T, in []byte) {
		raw, _ := outlook.DecompressRTF(in)
		outlook.RTFText(raw)
		outlook.RTFText(in)
		outlook.RTFHTML(in)
	})
}
