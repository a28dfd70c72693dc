package scanner

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/mailsift/mailsift/scanner/source"
	"github.com/mailsift/mailsift/store"
)

// deliveredSource yields messages with a server delivery time, as IMAP
// (INTERNALDATE) and PST (delivery time) sources do.
type deliveredSource struct {
	msgs      []string
	delivered []time.Time
}

func (deliveredSource) Name() string { return "delivered" }
func (deliveredSource) Size() int64  { return 0 }
func (d deliveredSource) Messages(ctx context.Context, yield func(*source.Message, error) error) error {
	for i, raw := range d.msgs {
		m := &source.Message{Kind: "pst", Path: "/fake.pst", Folder: "Inbox", Index: i + 1, Data: []byte(raw), Size: int64(len(raw)),
			RawSize: int64(len(raw)), CanonicalSHA256: source.CanonicalHash([]byte(raw)), RawSHA256: sha256.Sum256([]byte(raw)), Delivered: d.delivered[i]}
		if err := yield(m, nil); err != nil {
			return err
		}
	}
	return nil
}

// TestSinceBeforeUseDeliveryTime: --since/--before test the server's
// delivery time when the source has one, else the Date header; a message
// with neither is kept.
func TestSinceBeforeUseDeliveryTime(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	raw := func(i int, date string) string {
		h := fmt.Sprintf("Subject: %d\r\n", i)
		if date != "" {
			h += "Date: " + date + "\r\n"
		}
		return h + "\r\nsecret\r\n"
	}
	src := deliveredSource{
		msgs: []string{
			raw(0, "Thu, 2 May 2024 10:00:00 +0900"), // Date in range, delivered before: out
			raw(1, "Mon, 2 Jan 2023 10:00:00 +0900"), // Date before, delivered in range: in
			raw(2, ""),                               // no Date, delivered in range: in
			raw(3, ""),                               // no Date, delivered after: out
			raw(4, "Fri, 3 May 2024 10:00:00 +0900"), // no delivery time, Date in range: in
			raw(5, ""),                               // neither: kept
		},
		delivered: []time.Time{day("2023-06-01"), day("2024-05-01"), day("2024-05-02"), day("2024-07-01"), {}, {}},
	}
	c, _, err := store.Create(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sum, err := Scan(context.Background(), c, wordDetector{"secret"}, []source.Source{src}, Options{Workers: 2, Since: day("2024-04-28"), Before: day("2024-05-14")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Messages != 6 || sum.OutOfRange != 2 || sum.Findings != 4 {
		t.Errorf("messages %d, out of range %d, findings %d: want 6, 2, 4", sum.Messages, sum.OutOfRange, sum.Findings)
	}
}
