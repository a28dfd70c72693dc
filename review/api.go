package review

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/mailsift/mailsift/store"
)

// The JSON of GET /api/search. Its own types, with stable snake_case
// names, so scripts do not depend on the Go field names of the view.
type (
	apiResult struct {
		Total  uint64     `json:"total"`
		From   int        `json:"from"`
		Size   int        `json:"size"`
		TookMS float64    `json:"took_ms"`
		Hits   []apiHit   `json:"hits"`
		Facets []apiFacet `json:"facets"`
	}
	apiHit struct {
		Finding    store.Finding `json:"finding"`
		Score      float64       `json:"score"`
		PersonName string        `json:"person_name,omitempty"`
		Category   string        `json:"category,omitempty"`
		Subject    string        `json:"subject,omitempty"`
		Marks      [][2]int      `json:"marks,omitempty"`
	}
	apiFacet struct {
		Field   string    `json:"field"`
		Missing int       `json:"missing"`
		Other   int       `json:"other"`
		Terms   []apiTerm `json:"terms"`
	}
	apiTerm struct {
		Term   string `json:"term"`
		Label  string `json:"label,omitempty"`
		Count  int    `json:"count"`
		Filter string `json:"filter"`
	}
)

// apiSearch answers GET /api/search?q=&from=&size=&sort=&facet= with a
// page of masked hits and the facets.
func (s *server) apiSearch(w http.ResponseWriter, r *http.Request) {
	req, err := parseSearch(r.URL.Query())
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, err.Error())
		return
	}
	start := time.Now()
	res, err := s.b.Search(r.Context(), req)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, oneLine(err.Error()))
		return
	}
	took := res.Took
	if took == 0 {
		took = time.Since(start)
	}
	out := apiResult{
		Total:  res.Total,
		From:   req.From,
		Size:   req.Size,
		TookMS: float64(took.Microseconds()) / 1000,
		Hits:   make([]apiHit, 0, len(res.Hits)),
		Facets: make([]apiFacet, 0, len(res.Facets)),
	}
	for _, h := range res.Hits {
		f := h.Finding
		// The Backend masks; this makes sure no raw value reaches the
		// JSON even if one did not.
		f.Value, f.Written = "", ""
		out.Hits = append(out.Hits, apiHit{Finding: f, Score: h.Score, PersonName: h.PersonName,
			Category: h.Category, Subject: h.Subject, Marks: h.Marks})
	}
	for _, f := range res.Facets {
		af := apiFacet{Field: f.Field, Missing: f.Missing, Other: f.Other, Terms: make([]apiTerm, 0, len(f.Terms))}
		for _, t := range f.Terms {
			af.Terms = append(af.Terms, apiTerm{Term: t.Term, Label: t.Label, Count: t.Count, Filter: t.Filter})
		}
		out.Facets = append(out.Facets, af)
	}
	writeJSON(w, http.StatusOK, out)
}

// revealRequest is the body of POST /api/reveal.
type revealRequest struct {
	ID string `json:"id"`
}

// revealResponse is its answer.
type revealResponse struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// revealHeader must be on a reveal request. A page of another site cannot
// send a custom header without a CORS preflight, which this server never
// grants, so a cross-site form or fetch cannot reveal anything.
const revealHeader, revealHeaderValue = "X-Mailsift", "reveal"

// apiReveal answers POST /api/reveal {"id": FINDING} with the raw value,
// after appending the audit line; if the line cannot be written, the value
// is not returned.
func (s *server) apiReveal(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeJSONError(w, http.StatusMethodNotAllowed, "reveal needs POST")
		return
	}
	if r.Header.Get(revealHeader) != revealHeaderValue {
		writeJSONError(w, http.StatusForbidden, "reveal needs the header "+revealHeader+": "+revealHeaderValue)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
		writeJSONError(w, http.StatusForbidden, "reveal from another origin")
		return
	}
	if s.audit == nil {
		writeJSONError(w, http.StatusForbidden, "reveal is disabled: the server has no audit log")
		return
	}
	var req revealRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	if err := dec.Decode(&req); err != nil || req.ID == "" {
		writeJSONError(w, http.StatusBadRequest, `want a JSON body {"id": "FINDING-ID"}`)
		return
	}
	rv, err := s.b.Reveal(r.Context(), req.ID)
	if errors.Is(err, ErrNotFound) {
		writeJSONError(w, http.StatusNotFound, "no finding "+req.ID)
		return
	}
	if err != nil {
		s.log.Error("reveal", "finding", req.ID, "err", err)
		writeJSONError(w, http.StatusInternalServerError, "reveal failed")
		return
	}
	e := AuditEntry{
		Time:    auditTime(s.o.Now()),
		Remote:  r.RemoteAddr,
		User:    s.o.User,
		Action:  "reveal",
		Finding: req.ID,
		Type:    rv.Type,
	}
	if err := s.audit.write(e); err != nil {
		s.log.Error("reveal: audit log", "finding", req.ID, "err", err)
		writeJSONError(w, http.StatusInternalServerError, "the audit log could not be written, so the value is not shown")
		return
	}
	writeJSON(w, http.StatusOK, revealResponse{ID: req.ID, Type: rv.Type, Value: rv.Value})
}

// sameOrigin reports whether the Origin header names this server's host.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host == host
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encoding the answer failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
