package review

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mailsift/mailsift/report"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames are the templates of templates/ that are pages; each is parsed
// with layout.tmpl and parts.tmpl.
var pageNames = []string{"search", "person", "message", "categories", "error"}

// pages holds one parsed template set per page.
type pages struct{ t map[string]*template.Template }

func parsePages() (*pages, error) {
	funcs := template.FuncMap{
		"comma":      comma,
		"date":       showDate,
		"period":     period,
		"messageURL": messageURL,
	}
	p := &pages{t: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS,
			"templates/layout.tmpl", "templates/parts.tmpl", "templates/"+name+".tmpl")
		if err != nil {
			return nil, fmt.Errorf("review: template %s: %w", name, err)
		}
		p.t[name] = t
	}
	return p, nil
}

// render writes page name with data. It renders into a buffer first, so a
// template error is a clean 500 and not half a page.
func (s *server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.t[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "500 internal error: rendering the page failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorView is the error page.
type errorView struct {
	frame
	Status  int
	Message string
}

// fail shows an error page. The message is one line: a Backend's error
// can be long (a query parser's), and the page is for reading.
func (s *server) fail(w http.ResponseWriter, status int, msg string) {
	title := fmt.Sprintf("%d %s", status, http.StatusText(status))
	switch status {
	case http.StatusNotFound:
		title = "見つかりません Not found"
	case http.StatusBadRequest:
		title = "検索できません Bad request"
	}
	s.render(w, status, "error", errorView{frame: frame{Page: "error", Title: title}, Status: status, Message: oneLine(msg)})
}

// failBackend shows a Backend's error: not found is a 404, anything else
// a 500 (logged without the request's query, which may hold a value).
func (s *server) failBackend(w http.ResponseWriter, r *http.Request, what string, err error) {
	if errors.Is(err, ErrNotFound) {
		s.fail(w, http.StatusNotFound, what+" が見つかりません (not found)")
		return
	}
	s.log.Error("backend", "path", r.URL.Path, "err", err)
	s.fail(w, http.StatusInternalServerError, err.Error())
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, http.StatusNotFound, "このページはありません (no such page)")
}

// oneLine is the first line of msg, bounded in length.
func oneLine(msg string) string {
	msg, _, _ = strings.Cut(strings.TrimSpace(msg), "\n")
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	return msg
}

// searchView is the search page.
type searchView struct {
	frame
	Req      SearchRequest
	Sorts    []sortOption
	Sizes    []int
	Error    string
	Searched bool // a result is shown (no error)
	Total    uint64
	First    int // 1-based range of the hits shown
	Last     int
	Took     string
	Hits     []hitRow
	Facets   []facetView
	Pages    []pageLink
}

type sortOption struct {
	Key, Label string
	Selected   bool
}

func (s *server) searchPage(w http.ResponseWriter, r *http.Request) {
	v := searchView{frame: s.frame("search", "検索 Search"), Sizes: []int{20, 50, 100, 200}}
	req, err := parseSearch(r.URL.Query())
	req.Facets = slices.Clone(facetFields)
	v.Req = req
	if !slices.Contains(v.Sizes, req.Size) {
		// A size typed into the URL stays when the form is sent again.
		v.Sizes = append(v.Sizes, req.Size)
		slices.Sort(v.Sizes)
	}
	for _, o := range sorts {
		v.Sorts = append(v.Sorts, sortOption{Key: o.Key, Label: o.Label, Selected: o.Key == req.Sort})
	}
	if err != nil {
		v.Error = err.Error()
		s.render(w, http.StatusBadRequest, "search", v)
		return
	}
	start := time.Now()
	res, err := s.b.Search(r.Context(), req)
	if err != nil {
		// The Backend's errors here are the query's (bleve's parser, an
		// unknown field): the reader fixes the query.
		v.Error = oneLine(err.Error())
		s.render(w, http.StatusBadRequest, "search", v)
		return
	}
	took := res.Took
	if took == 0 {
		took = time.Since(start)
	}
	v.Searched = true
	v.Total = res.Total
	v.Took = fmt.Sprintf("%.3f", took.Seconds())
	if len(res.Hits) > 0 {
		v.First, v.Last = req.From+1, req.From+len(res.Hits)
	}
	v.Hits = hitRows(res.Hits, categoryLabels(res.Facets), v.Reveal)
	v.Facets = facetViews(res.Facets, req)
	v.Pages = pager(res.Total, req)
	if req.Query != "" {
		v.Title = req.Query + " — 検索 Search"
	}
	s.render(w, http.StatusOK, "search", v)
}

func (s *server) frame(page, title string) frame {
	return frame{Page: page, Title: title, Reveal: s.audit != nil}
}

// personView is the person page.
type personView struct {
	frame
	P         *Person
	Items     []catItem
	Findings  findingTable
	SearchURL string
}

func (s *server) personPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	p, err := s.b.Person(r.Context(), id)
	if err != nil {
		s.failBackend(w, r, "人物 "+id, err)
		return
	}
	name := p.Name
	if name == "" {
		name = p.ID
	}
	v := personView{frame: s.frame("person", name+" — 人物 Person"), P: p,
		SearchURL: searchURL(clause("person", p.ID), SearchRequest{}, 0)}
	for _, typ := range p.Items {
		v.Items = append(v.Items, catItem{Type: typ, Label: typeLabel(typ), English: typeEnglish(typ)})
	}
	cats := map[string]string{p.Category: p.CategoryLabel}
	v.Findings = findingTable{Rows: hitRows(p.Findings, cats, v.Reveal), WithMessage: true}
	s.render(w, http.StatusOK, "person", v)
}

// messageView is the message page.
type messageView struct {
	frame
	M         *Message
	Parts     []partView
	SearchURL string
}

type partView struct {
	Part, Location, LocationLabel, ContentType string
	Findings                                   findingTable
}

func (s *server) messagePage(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha256")
	m, err := s.b.Message(r.Context(), sha)
	if err != nil {
		s.failBackend(w, r, "メール "+sha, err)
		return
	}
	title := m.Subject
	if title == "" {
		title = m.SHA256
	}
	v := messageView{frame: s.frame("message", title+" — メール Message"), M: m,
		SearchURL: searchURL(clause("message_sha256", m.SHA256), SearchRequest{}, 0)}
	for _, p := range m.Parts {
		v.Parts = append(v.Parts, partView{Part: p.Part, Location: p.Location, LocationLabel: locationLabel(p.Location),
			ContentType: p.ContentType, Findings: findingTable{Rows: hitRows(p.Findings, nil, v.Reveal)}})
	}
	s.render(w, http.StatusOK, "message", v)
}

// categoriesView is the category page.
type categoriesView struct {
	frame
	R     *report.Report
	Table catTable
}

func (s *server) categoriesPage(w http.ResponseWriter, r *http.Request) {
	rep, err := s.b.Categories(r.Context())
	if err != nil {
		s.failBackend(w, r, "分類表", err)
		return
	}
	s.render(w, http.StatusOK, "categories", categoriesView{
		frame: s.frame("categories", "分類別 Categories"), R: rep, Table: categoryTable(rep)})
}

// staticHandler serves the embedded assets under /static/, without
// directory listings.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed directive guarantees the directory
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}
