package index

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/mailsift/mailsift/store"
)

// genFindings makes n findings shaped like a scan's output: about ten per
// message (sharing message id, hash, source and date), values drawn from a
// pool of people so that they repeat across messages, and Japanese contexts.
// Every 7th finding's context mentions 口座番号 and every 5th (not 7th)
// 電話番号, so tests can check bigram false positives (番号 is in both).
// It is deterministic for a seed.
func genFindings(n int, seed uint64) []store.Finding {
	out := make([]store.Finding, 0, n)
	_ = eachGenFinding(n, seed, func(f *store.Finding) error {
		out = append(out, *f)
		return nil
	})
	return out
}

// eachGenFinding calls fn with the findings genFindings(n, seed) returns, in
// order, without holding them all (a million findings take about a
// gigabyte as a slice). TestSearchLatencySmall keeps the two equal.
func eachGenFinding(n int, seed uint64, fn func(*store.Finding) error) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	types := []string{"email", "phone", "passport", "bank_account", "person_name", "birth_date", "address", "my_number"}
	sources := []string{"INBOX", "Sent", "Archive/2023"}
	locs := []string{"body", "body", "body", "header:From", "header:To", "attachment:顧客一覧.xlsx", "attachment:a.zip/社員名簿.csv", "attachment:report.pdf"}
	phrases := []string{
		"いつもお世話になっております。", "ご確認のほどよろしくお願いいたします。",
		"添付の資料をご査収ください。", "下記の通りご連絡いたします。",
		"Please find the attached invoice.", "Thank you for your cooperation.",
		"本人確認書類の写しを送付します。", "来週の会議の件で連絡しました。",
	}
	base := time.Date(2023, 1, 1, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))
	var msgID, sha, source, date string
	for i := range n {
		if i%10 == 0 { // a new message
			m := i / 10
			msgID = fmt.Sprintf("<%d.%x@mail.example.jp>", m, r.Uint32())
			sha = fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), m)
			source = sources[r.IntN(len(sources))]
			date = ""
			if m%11 != 3 { // some messages lack a Date header
				date = base.Add(time.Duration(m)*457*time.Minute + time.Duration(r.IntN(60))*time.Second).Format(time.RFC3339)
			}
		}
		typ := types[r.IntN(len(types))]
		person := r.IntN(5000)
		value := fmt.Sprintf("%s-%05d", typ, person)
		masked := value[:3] + "*****" + value[len(value)-2:]
		ctx := phrases[r.IntN(len(phrases))]
		switch {
		case i%7 == 0:
			ctx += "振込先の口座番号は " + masked + " です。"
		case i%5 == 0:
			ctx += "担当者の電話番号は " + masked + " です。"
		default:
			ctx += " " + masked + " "
		}
		ctx += phrases[r.IntN(len(phrases))]
		start := r.IntN(5000)
		f := store.Finding{
			ID:            fmt.Sprintf("f-%08d", i),
			Type:          typ,
			Value:         value,
			Masked:        masked,
			Confidence:    float64(50+r.IntN(50)) / 100,
			Detector:      typ + "_jp",
			MessageID:     msgID,
			MessageSHA256: sha,
			Source:        source,
			Date:          date,
			Location:      locs[r.IntN(len(locs))],
			Part:          fmt.Sprintf("1.%d", r.IntN(4)),
			Start:         start,
			End:           start + len(value),
			Context:       ctx,
			Person:        fmt.Sprintf("p-%06d", person),
		}
		if err := fn(&f); err != nil {
			return err
		}
	}
	return nil
}
