package email

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"taro@example.jp",
			"連絡先はtaro@example.jpまで",
			"ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
			"Yamada.Hanako+news@Mail.Example.co.jp",
			"From: 山田 <hanako_yamada@example.com>",
			"mailto:info@xn--eckwd4c7c.xn--zckzah",
			"noreply@example.com",
			"詳しくは…taro@example.jp",
			"Reply-To: <info@example.jp>",
			"> From: Hanako <hanako@example.co.jp>",
			"Message-ID: <20240501.1234@mail.example.jp>\nFrom: <taro@example.jp>",
			"Tiarnan O Corrain <tiarnan.o'corrain@example.com>",
			"Mingming Cao <mcao-r/Jw6+rmf7HQT0dZR+AlfA@public.gmane.org>",
			" >     From:        Chris <cwg-dated-1030804078.e8b0d5@DeepEddy.Co\nm>",
		},
		Negatives: []string{
			"foo@bar",
			"user@localhost",
			"@example.com",
			"a@b.c",
			"Content-ID: <image001.png@01D9A1B2.C3D4E5F0>",
			"npm install pkg@1.2.3",
			"user@@example.com",
			"thanks @mention",
			"taro.@example.jp",
			"taro..yamada@example.jp",
			"taro@-example.jp",
			"taro@example-.jp",
			"taro@example..jp",
			"田中＠営業部",
			// Message identifiers quoted in a bounce, a forward or a reply.
			"Message-ID: <13258.1030015585@munnari.example.au>",
			"> Message-Id: <5.1.1.6.0.20020823001344@dogma.example.net>",
			"References: <a1@mail.example.jp>\n <CAF+b2x@mail.gmail.com>\n\t<c3@example.org>",
			"In-Reply-To: <20020822181416.GA1234@example.com>",
			"content-id: <part1.ABC@example.jp>",
			" >     Message-ID:  <1030372078.11075.TMDA@deepeddy.example.com>",
			"> References: <a1@mail.example.jp>\n>  <b2@mail.example.jp>",
		},
	}
}
