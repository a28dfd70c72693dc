package source_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/scanner"
	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/scanner/source/outlook"
	ot "github.com/mailsift/mailsift/scanner/source/outlook/outlooktest"
	"github.com/mailsift/mailsift/store"
)

// Synthetic content of one message (no real person's data).
const (
	pairSubject = "応募書類の送付"
	pairBody    = "採用ご担当者様\r\n\r\n山田花子と申します。履歴書をお送りします。\r\n携帯電話: 090-1234-5678\r\n生年月日: 1990年4月1日\r\nメール: hanako.yamada@example.jp\r\n住所: 東京都千代田区丸の内1-1-1\r\n"
	pairAttach  = "氏名,電話\r\n佐藤一郎,03-1234-5678\r\n"
	pairMsgID   = "<pair-1@example.jp>"
)

var pairDate = time.Date(2024, 5, 2, 1, 11, 12, 0, time.UTC)

// pairMbox is the message as a mail client sends it.
func pairMbox() []byte {
	b64 := func(s string) string {
		e := base64.StdEncoding.EncodeToString([]byte(s))
		var sb strings.Builder
		for len(e) > 76 {
			sb.WriteString(e[:76] + "\r\n")
			e = e[76:]
		}
		return sb.String() + e + "\r\n"
	}
	return []byte("From hanako.yamada@example.jp Thu May  2 01:11:12 2024\r\n" +
		"From: =?utf-8?B?5bGx55Sw6Iqx5a2Q?= <hanako.yamada@example.jp>\r\n" +
		"To: \"Recruiting\" <recruit@example.com>\r\n" +
		"Subject: =?utf-8?B?" + base64.StdEncoding.EncodeToString([]byte(pairSubject)) + "?=\r\n" +
		"Date: " + pairDate.Format(time.RFC1123Z) + "\r\n" +
		"Message-ID: " + pairMsgID + "\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(pairBody) +
		"--b1\r\nContent-Type: text/csv; name=\"list.csv\"\r\nContent-Disposition: attachment; filename=\"list.csv\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(pairAttach) +
		"--b1--\r\n")
}

// pairMSG is the same message as Outlook saves it; with transport
// headers when it was received, without when it is a sent item.
func pairMSG(received bool) []byte {
	m := &ot.Message{
		Props: []ot.Prop{
			ot.Unicode(outlook.PidTagMessageClass, "IPM.Note"),
			ot.Unicode(outlook.PidTagSubject, pairSubject),
			ot.Unicode(outlook.PidTagSenderName, "山田花子"),
			ot.Unicode(outlook.PidTagSenderEmail, "hanako.yamada@example.jp"),
			ot.Unicode(outlook.PidTagSenderAddrType, "SMTP"),
			ot.Unicode(outlook.PidTagBody, pairBody),
			ot.Unicode(outlook.PidTagInternetMessageID, pairMsgID),
			ot.Time(outlook.PidTagClientSubmitTime, pairDate),
		},
		Recipients: [][]ot.Prop{{
			ot.Unicode(outlook.PidTagDisplayName, "Recruiting"),
			ot.Unicode(outlook.PidTagEmailAddress, "recruit@example.com"),
			ot.Unicode(outlook.PidTagAddrType, "SMTP"),
			ot.Int32(outlook.PidTagRecipientType, 1),
		}},
		Attachments: []ot.Attachment{{Props: []ot.Prop{
			ot.Int32(outlook.PidTagAttachMethod, 1),
			ot.Unicode(outlook.PidTagAttachLongFilename, "list.csv"),
			ot.Unicode(outlook.PidTagAttachMimeTag, "text/csv"),
			ot.Binary(outlook.PidTagAttachDataBinary, []byte(pairAttach)),
		}}},
	}
	if received {
		mb := string(pairMbox())
		hdr := mb[strings.Index(mb, "\r\n")+2 : strings.Index(mb, "\r\n\r\n")+2]
		m.Props = append(m.Props, ot.Unicode(outlook.PidTagTransportMessageHeaders, hdr))
	}
	return ot.MSG(m)
}

type finding struct{ Type, Value, Location string }

func scanFindings(t *testing.T, path string) []finding {
	t.Helper()
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	det, err := scanner.NewDetector(registry.Default())
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.Open(path, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := scanner.Scan(context.Background(), c, det, []source.Source{src}, scanner.Options{Workers: 1})
	if err != nil || sum.Messages != 1 || sum.Errors != 0 {
		t.Fatalf("%s: %+v %v", path, sum, err)
	}
	var fs []finding
	store.EachFinding(c.Dir, func(f *store.Finding) error {
		fs = append(fs, finding{f.Type, f.Value, f.Location})
		return nil
	})
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		return a.Type+"\x00"+a.Value+"\x00"+a.Location < b.Type+"\x00"+b.Value+"\x00"+b.Location
	})
	return fs
}

// TestMSGAndMboxSameFindings: one message, as sent over SMTP (mbox) and
// as Outlook keeps it (.msg, received with its transport headers, or as
// a sent item without), gives the same findings.
func TestMSGAndMboxSameFindings(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	want := scanFindings(t, write("pair.mbox", pairMbox()))
	if len(want) < 4 {
		t.Fatalf("only %d findings in the mbox copy: %v", len(want), want)
	}
	for name, b := range map[string][]byte{"received.msg": pairMSG(true), "sent.msg": pairMSG(false)} {
		got := scanFindings(t, write(name, b))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: findings differ from the mbox copy (-mbox +msg)\n%s", name, diff)
		}
	}
}
