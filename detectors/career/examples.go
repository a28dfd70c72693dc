package career

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"【職歴】\n2010年4月 株式会社サンプル 入社\n2015年3月 同社 退社",
			"学歴\n平成20年3月　東京都立青山高校 卒業\n平成24年3月　早稲田大学政治経済学部 卒業",
			"略歴：1990年東京大学法学部卒業。同年株式会社サンプル入社。2010年より代表取締役社長。",
			"■職務経歴\n2018/04～現在　サンプル銀行 法人営業部",
			"経歴：H22.4 サンプル証券(株)入社",
			"EDUCATION\n2005 - 2009  University of Tokyo, B.A. in Economics",
			"Work Experience:\nApr 2015 - Present  Analyst, Sample Bank Ltd.",
			"Biography\nJohn Smith joined Sample Capital in 2005 after graduating from Keio University.",
		},
		Negatives: []string{
			"沿革\n1990年 株式会社サンプル設立\n2000年 東証一部上場",
			"【会社沿革】\n2005年4月 大阪支店開設",
			"職務内容：法人営業（2024年4月より新規事業部に配属）",
			"応募資格：学歴不問",
			"学歴：不問",
			"学歴：2025年3月に大学卒業見込みの方",
			"・職歴：営業経験3年以上",
			"職歴の長い社員が担当します。2010年に入社しました。",
			"経歴：特になし",
			"Education: we offer training programs in 2024",
			"Career opportunities at Sample Inc. since 2010",
			"Careers: join Sample Inc. in 2024",
			"職歴\n営業、企画",
		},
	}
}
