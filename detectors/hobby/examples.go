package hobby

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"趣味：読書、映画鑑賞",
			"趣味・特技: テニス（学生時代は関東大会出場）",
			"【趣味】\n登山、写真",
			"■趣味　ピアノ",
			"氏名：山田太郎\n趣味：釣り\n特技：書道",
			"趣味：料理 特技：水泳",
			"Hobbies: hiking, photography",
			"Interests: jazz piano and marathon running",
			"HOBBIES & INTERESTS:\nSailing, chess",
			"| 趣味 | ゴルフ |",
		},
		Negatives: []string{
			"趣味の悪いネクタイですね",
			"悪趣味な冗談",
			"趣味で始めた写真が仕事になりました",
			"趣味：特になし",
			"趣味：",
			"ご趣味は何ですか？",
			"Hobbies: N/A",
			"Interests: 5% per annum",
			"in the interests of all parties",
			"Conflict of interests: none declared",
			"hobby shop opens on Monday",
			"趣味・特技を活かせる仕事",
			"Hobbies reading the news",
			"【趣味】の時間です",
		},
	}
}
