package webtest

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Response is what a test reads of an answer.
type Response struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

// Do sends a request, with the form (if any) as its body.
func Do(t testing.TB, c *http.Client, method, target string, form url.Values, header map[string]string) Response {
	t.Helper()
	if form == nil {
		return Send(t, c, method, target, nil, "", header)
	}
	return Send(t, c, method, target, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", header)
}

// DoJSON sends a request with a JSON body.
func DoJSON(t testing.TB, c *http.Client, method, target, body string, header map[string]string) Response {
	t.Helper()
	return Send(t, c, method, target, strings.NewReader(body), "application/json", header)
}

// Send sends a request and reads the whole answer.
func Send(t testing.TB, c *http.Client, method, target string, body io.Reader, contentType string, header map[string]string) Response {
	t.Helper()
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return Response{Status: res.StatusCode, Body: string(b), Location: res.Header.Get("Location"), Header: res.Header}
}
