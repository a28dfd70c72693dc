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
		},
	}
}
