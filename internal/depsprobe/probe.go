package depsprobe

import (
	_ "github.com/emersion/go-imap/v2"
	_ "github.com/emersion/go-imap/v2/imapclient"
	_ "github.com/emersion/go-imap/v2/imapserver"
	_ "github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	_ "github.com/emersion/go-sasl"
	_ "github.com/esimov/pigo/core"
	_ "github.com/ikawaha/kagome-dict/ipa"
	_ "github.com/ikawaha/kagome/v2/tokenizer"
	_ "github.com/klippa-app/go-pdfium"
	_ "github.com/klippa-app/go-pdfium/requests"
	_ "github.com/klippa-app/go-pdfium/webassembly"
	_ "github.com/richardlehane/mscfb"
	_ "github.com/teamwork/tnef"
	_ "github.com/tetratelabs/wazero"
	_ "github.com/xuri/excelize/v2"
	_ "github.com/yeka/zip"
)
