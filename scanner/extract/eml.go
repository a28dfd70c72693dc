package extract

import (
	"context"
	"path"
	"strings"
)

// EML returns the extractor of mail messages found as files: a forwarded
// .eml inside a ZIP, an .eml attached as application/octet-stream.
// (message/rfc822 parts are walked by Parse itself.)
func EML() Extractor { return emlExtractor{} }

type emlExtractor struct{}

func (emlExtractor) Name() string { return "eml" }

func (emlExtractor) Match(f *File) bool {
	return f.ContentType == "message/rfc822" || strings.EqualFold(path.Ext(f.Name), ".eml")
}

func (emlExtractor) Extract(ctx context.Context, f *File, env *Env, out Sink) error {
	m := Parse(f.Data, Options{MaxMIMEDepth: max(1, env.Limits.MaxContainerDepth-f.Depth), MaxPartBytes: env.Limits.MaxFileBytes})
	inner := func(loc string) string {
		return f.Location + "/" + strings.TrimPrefix(loc, "attachment:")
	}
	for _, fd := range m.Fields {
		if err := out.Text(Segment{Location: inner(fd.Location), Text: fd.Text}); err != nil {
			return err
		}
	}
	for _, e := range m.Errors {
		out.Problem(inner(e.Location), e)
	}
	for _, p := range m.Parts {
		if err := ctx.Err(); err != nil {
			return err
		}
		switch {
		case p.Status == StatusText:
			if err := out.Text(Segment{Location: inner(p.Location), Text: p.Text}); err != nil {
				return err
			}
		case p.Status == StatusBinary && len(p.Data) > 0:
			name := strings.TrimPrefix(p.Location, "attachment:")
			if err := out.File(File{Name: name, ContentType: p.ContentType, Data: p.Data}); err != nil {
				return err
			}
		}
	}
	return nil
}
