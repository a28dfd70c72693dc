package email

import (
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// found is a match as the tests compare it: the normalized span's text,
// the value and the confidence.
type found struct {
	Text       string
	Value      string
	Confidence float64
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, in, field string
		want            []found
	}{
		{"plain", "taro@example.jp", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"header", "Taro <Taro@Example.JP>", "header:From", []found{{"Taro@Example.JP", "taro@example.jp", HeaderConfidence}}},
		{"japanese around", "連絡先はtaro@example.jpまで", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"full-width", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"sentence end", "Write to taro@example.jp.", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"ellipsis before", "詳しくは…taro@example.jp", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"subdomains and tags", "hanako.yamada+news@mail.example.co.jp", "body", []found{{"hanako.yamada+news@mail.example.co.jp", "hanako.yamada+news@mail.example.co.jp", TextConfidence}}},
		{"idn tld", "info@xn--eckwd4c7c.xn--zckzah", "body", []found{{"info@xn--eckwd4c7c.xn--zckzah", "info@xn--eckwd4c7c.xn--zckzah", TextConfidence}}},
		{"two", "a1@example.com,b2@example.org", "header:To", []found{
			{"a1@example.com", "a1@example.com", HeaderConfidence},
			{"b2@example.org", "b2@example.org", HeaderConfidence},
		}},
		{"role noreply", "noreply@example.com", "header:From", []found{{"noreply@example.com", "noreply@example.com", RoleConfidence}}},
		{"role tagged", "bounces+abc123@example.com", "body", []found{{"bounces+abc123@example.com", "bounces+abc123@example.com", RoleConfidence}}},
		{"role prefix only", "noreplyist@example.com", "body", []found{{"noreplyist@example.com", "noreplyist@example.com", TextConfidence}}},
		{"mailer-daemon", "MAILER-DAEMON@mx.example.jp", "body", []found{{"MAILER-DAEMON@mx.example.jp", "mailer-daemon@mx.example.jp", RoleConfidence}}},
		// An scp-style git remote holds an address-shaped user@host; it
		// is reported, as a role address.
		{"git remote", "git@github.com:org/repo", "body", []found{{"git@github.com", "git@github.com", RoleConfidence}}},
		{"url userinfo", "mailto:taro@example.jp?subject=x", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},

		// Cut addresses on real mail (issue 15): apostrophes and slashes
		// inside the local part, a domain wrapped onto the next line.
		{"apostrophe", "Tiarnan O Corrain <tiarnan.o'corrain@example.com>", "header:From", []found{{"tiarnan.o'corrain@example.com", "tiarnan.o'corrain@example.com", HeaderConfidence}}},
		{"gmane slash", "Mingming Cao <mcao-r/Jw6+rmf7HQT0dZR+AlfA@public.gmane.org>, x-w/Ol4Ecud@public.gmane.org", "header:Cc", []found{
			{"mcao-r/Jw6+rmf7HQT0dZR+AlfA@public.gmane.org", "mcao-r/jw6+rmf7hqt0dzr+alfa@public.gmane.org", HeaderConfidence},
			{"x-w/Ol4Ecud@public.gmane.org", "x-w/ol4ecud@public.gmane.org", HeaderConfidence},
		}},
		{"folded quoted header", " >     From:        Chris <cwg-dated-1030804078.e8b0d5@DeepEddy.Co\nm>\n", "body", []found{{"cwg-dated-1030804078.e8b0d5@DeepEddy.Co\nm", "cwg-dated-1030804078.e8b0d5@deepeddy.com", TextConfidence}}},
		{"url path", "See https://lists.example.org/archives/taro@example.org for it", "body", []found{{"taro@example.org", "taro@example.org", TextConfidence}}},
		{"quoted in apostrophes", "write to 'taro@example.jp'", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"and/or", "and/or taro@example.jp", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"aws arn", `"sourceArn":"arn:aws:ses:us-west-2:123456789012:identity/taro@example.jp"`, "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"japanese before slash", "担当sales/taro@example.jp", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		// A field line indented under a quoted Message-id is no
		// continuation of it (bounces quote headers so).
		{"indented from after message-id", "  Message-id: <0020@oxy.example.edu>\n  Date: Sun, 23 Sep 2001\n  From: \"Ian\" <ian@oxy.example.edu>", "body", []found{{"ian@oxy.example.edu", "ian@oxy.example.edu", TextConfidence}}},
		{"not folded", "<taro@example.jp>\nm>", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},

		{"no dot", "foo@bar", "body", nil},
		{"localhost", "user@localhost", "body", nil},
		{"no local", "@example.com", "body", nil},
		{"one-letter tld", "a@b.c", "body", nil},
		{"content-id", "<image001.png@01D9A1B2.C3D4E5F0>", "header:Content-ID", nil},
		{"version", "pkg@1.2.3", "body", nil},
		{"double at", "user@@example.com", "body", nil},
		{"mention", "@mention", "body", nil},
		{"trailing dot local", "taro.@example.jp", "body", nil},
		{"double dot local", "taro..yamada@example.jp", "body", nil},
		{"label starts with dash", "taro@-example.jp", "body", nil},
		{"label ends with dash", "taro@example-.jp", "body", nil},
		{"empty label", "taro@example..jp", "body", nil},
		{"chained", "a@b.com@c.jp", "body", nil},
		{"local too long", strings.Repeat("a", 65) + "@example.jp", "body", nil},
		{"domain too long", "a@" + strings.Repeat("b", 250) + ".jp", "body", nil},
		{"label too long", "a@" + strings.Repeat("b", 64) + ".jp", "body", nil},
		{"numeric tld", "a@example.123", "body", nil},

		// Message identifiers in a body (a bounce, a forward, a quoted
		// reply) are not mailboxes; addresses beside them still are.
		{"bounce message-id", "Message-ID: <13258.1030015585@munnari.example.au>", "body", nil},
		{"quoted message-id", "> > Message-Id: <5.1.1.6.0.20020823@dogma.example.net>", "body", nil},
		{"folded references", "References: <a1@mail.example.jp>\n <CAF+b2x@mail.gmail.com>\n\t<c3@example.org>", "body", nil},
		{"in-reply-to", "In-Reply-To: <20020822181416.GA1234@example.com>", "attachment:bounce.eml", nil},
		{"indented quoted message-id", " >     Date:        Mon, 26 Aug 2002 09:27:56 -0500\n >     Message-ID:  <1030372078.11075.TMDA@deepeddy.example.com>\n", "body", nil},
		{"quoted folded references", "> References: <a1@mail.example.jp>\n>  <b2@mail.example.jp>", "body", nil},
		{"forwarded headers", "From: Taro <taro@example.jp>\nMessage-ID: <x1@example.jp>\nTo: <hanako@example.co.jp>", "body", []found{
			{"taro@example.jp", "taro@example.jp", TextConfidence},
			{"hanako@example.co.jp", "hanako@example.co.jp", TextConfidence},
		}},
		{"id word elsewhere on the line", "Sent the references to <taro@example.jp>", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
		{"no brackets", "Message-ID: taro@example.jp", "body", []found{{"taro@example.jp", "taro@example.jp", TextConfidence}}},
	}
	detectortest.Table(t, New(), tests)
}

func TestValid(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"taro@example.jp", true},
		{"t@ex.co", true},
		{"a.b-c_d%e+f@sub-1.example.com", true},
		{strings.Repeat("a", 64) + "@example.jp", true},
		{strings.Repeat("a", 65) + "@example.jp", false},
		{"a@" + strings.Repeat("b", 63) + ".jp", true},
		{"a@" + strings.Repeat("b", 64) + ".jp", false},
		{"a@" + strings.Repeat("b.", 125) + "jp", true}, // 254 characters
		{"ab@" + strings.Repeat("b.", 125) + "jp", false},
		{"a@b", false},
		{"a@b.c", false},
		{"a@b.xn--p1ai", true},
		{"a@b.c0m", false},
		{"@b.com", false},
		{"a@", false},
		{"a@b@c.com", false},
		{".a@b.com", false},
		{"a.@b.com", false},
		{"a..b@b.com", false},
		{"a b@b.com", false},
		{"a@b_c.com", false},
		{"o'brien@example.com", true},
		{"mcao-r/Jw6@public.gmane.org", true},
		{"'a@b.com", false},
		{"a'@b.com", false},
		{"/a@b.com", false},
		{"a/@b.com", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.addr); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestIsRole(t *testing.T) {
	for local, want := range map[string]bool{
		"noreply": true, "no-reply": true, "noreply-jp": true, "postmaster": true,
		"mailer-daemon": true, "bounces+x": true, "git": true,
		"taro": false, "noreplyist": false, "gitlab": false, "info": false,
	} {
		if got := IsRole(local); got != want {
			t.Errorf("IsRole(%q) = %v, want %v", local, got, want)
		}
	}
}
