package ppap

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPasswords(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"先ほどのファイルのパスワードをお送りします。\nパスワード：Xk7#pQ2m\nよろしくお願いいたします。", []string{"Xk7#pQ2m"}},
		{"パスワードは「aB3$dE5f」です。", []string{"aB3$dE5f"}},
		{"解凍パスワード: 20240501abc", []string{"20240501abc"}},
		{"ﾊﾟｽﾜｰﾄﾞ：ｈｕｇａ１２３４", []string{"huga1234"}},
		{"【パスワード】\n\n  Tk9-2mQz\n", []string{"Tk9-2mQz"}},
		{"下記パスワードで解凍してください。\nパスワード\nqwertyui\n", []string{"qwertyui"}},
		{"Password: s3cr3t!X", []string{"s3cr3t!X"}},
		{"The password for the attachment is q1w2e3r4.", []string{"q1w2e3r4.", "q1w2e3r4"}},
		{"PW：abcd1234 (半角英数)", []string{"abcd1234"}},
		{"パスワード（解凍用）＝ Zz99xx11", []string{"Zz99xx11"}},
		// Hard negatives.
		{"パスワードは別途お送りします。", nil},
		{"パスポート番号 TK1234567", nil},
		{"my passport is ready; compass bearing 270", nil},
		{"パスワードを忘れた場合は https://example.jp/reset から", nil},
		{"PW: ab", nil},
		{"password reset: user@example.com", nil},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, Passwords(c.text)); diff != "" {
			t.Errorf("Passwords(%q) (-want +got):\n%s", c.text, diff)
		}
	}
}

func TestThreadKey(t *testing.T) {
	a := ThreadKey("Re: 【社外秘】顧客一覧の送付について")
	for _, s := range []string{"【パスワード】顧客一覧の送付について", "FW: 顧客一覧の送付について", "顧客一覧 の送付について パスワードのご連絡"} {
		if got := ThreadKey(s); got != a {
			t.Errorf("ThreadKey(%q) = %q, want %q", s, got, a)
		}
	}
	if ThreadKey("請求書の送付について") == a {
		t.Error("different subjects fold to one key")
	}
}

func TestCandidates(t *testing.T) {
	day := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	locked := Message{ID: "zip", MessageID: "<z@x>", From: "sato@example.jp", Thread: ThreadKey("顧客一覧"), Date: day}
	msgs := []Message{
		{ID: "other-sender-same-thread", InReplyTo: "<z@x>", From: "x@example.com", Date: day.Add(time.Hour), Passwords: []string{"thread1"}},
		{ID: "same-sender-late", From: "sato@example.jp", Date: day.Add(6 * 24 * time.Hour), Passwords: []string{"late1"}},
		{ID: "same-sender-soon", From: "sato@example.jp", Date: day.Add(2 * time.Minute), Passwords: []string{"soon1", "thread1"}},
		{ID: "same-sender-too-late", From: "sato@example.jp", Date: day.Add(8 * 24 * time.Hour), Passwords: []string{"tooLate"}},
		{ID: "stranger", From: "evil@example.net", Date: day, Passwords: []string{"nope"}},
		{ID: "undated-same-sender", From: "sato@example.jp", Passwords: []string{"undated"}},
		{ID: "subject", From: "y@example.com", Thread: ThreadKey("【パスワード】顧客一覧"), Date: day.Add(-time.Hour), Passwords: []string{"subj"}},
	}
	got := Candidates(locked, msgs)
	want := []Candidate{
		{"thread1", "other-sender-same-thread"},
		{"subj", "subject"},
		{"soon1", "same-sender-soon"},
		{"late1", "same-sender-late"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Candidates (-want +got):\n%s", diff)
	}
}

func FuzzPasswords(f *testing.F) {
	for _, s := range []string{"パスワード：abc123", "Password is 「x」", "pw\n\nabcd", "パスワード\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps := Passwords(s)
		if len(ps) > MaxCandidates {
			t.Fatalf("%d candidates", len(ps))
		}
		for _, p := range ps {
			if !plausible(p) {
				t.Fatalf("implausible candidate %q", p)
			}
		}
		_ = ThreadKey(s)
	})
}
