package detectors_test

import (
	"context"
	"fmt"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/registry"
	"github.com/mailsift/mailsift/pii"
)

func ExampleRunner_Run() {
	r, err := detectors.NewRunner(registry.Default(), detectors.Options{})
	if err != nil {
		panic(err)
	}
	text := "田中です。携帯：０９０－１２３４－５６７８、メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"
	results, err := r.Run(context.Background(), text, "body")
	if err != nil {
		panic(err)
	}
	for _, res := range results {
		fmt.Printf("%s %s %s %.2f %q\n", res.Detector, res.Value, detectors.Mask(res.Type, res.Value),
			res.Confidence, text[res.OrigStart:res.OrigEnd])
	}
	// Output:
	// phone +819012345678 +81********78 0.90 "０９０－１２３４－５６７８"
	// email taro@example.jp t***@e******.jp 0.95 "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"
}

func ExampleNormalize() {
	t := detectors.Normalize("㈱サンプル ＴＥＬ：03ー1234ー5678 ①")
	fmt.Println(t.Norm)
	start, end := t.Orig(len("(株)サンプル TEL:"), len(t.Norm)-len(" ①"))
	fmt.Println(t.Original()[start:end])
	// Output:
	// (株)サンプル TEL:03-1234-5678 ①
	// 03ー1234ー5678
}

func ExampleMask() {
	fmt.Println(detectors.Mask(pii.Passport, "TK1234567"))
	fmt.Println(detectors.Mask(pii.Email, "taro@example.jp"))
	fmt.Println(detectors.Mask(pii.Phone, "+819012345678"))
	// Output:
	// TK*****67
	// t***@e******.jp
	// +81********78
}
