// Command wardload drives a running ward with concurrent signed-in page
// requests and prints throughput and latency percentiles: the figures
// BENCHMARKS.md gives for the lists at a million tickets. wrk would do, but
// signing in takes a password and a second factor, which this does itself.
//
//	wardload -url http://127.0.0.1:8080 -email agent@abc-shared.example \
//	  -password PASS -totp SECRET -c 20 -d 30s -paths '/tickets,/tickets?sort=priority'
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "ward's address")
	email := flag.String("email", "agent@abc-shared.example", "who signs in")
	password := flag.String("password", "", "their password")
	secret := flag.String("totp", "", "their TOTP secret, if they sign in with a second factor")
	conns := flag.Int("c", 20, "concurrent connections")
	dur := flag.Duration("d", 30*time.Second, "how long to run")
	paths := flag.String("paths", "/tickets", "comma-separated pages, requested in turn")
	cookie := flag.Bool("cookie", false, "only sign in and print the session cookie as a request header (for wrk -H)")
	flag.Parse()
	if *cookie {
		if err := printCookie(*base, *email, *password, *secret); err != nil {
			fmt.Fprintln(os.Stderr, "wardload:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*base, *email, *password, *secret, *conns, *dur, strings.Split(*paths, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "wardload:", err)
		os.Exit(1)
	}
}

func run(base, email, password, secret string, conns int, dur time.Duration, paths []string) error {
	jar, _ := cookiejar.New(nil)
	tr := &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}
	c := &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if err := signIn(c, base, email, password, secret); err != nil {
		return err
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failed    atomic.Int64
		next      atomic.Int64
		wg        sync.WaitGroup
	)
	end := time.Now().Add(dur)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(end) {
				p := paths[int(next.Add(1))%len(paths)]
				start := time.Now()
				res, err := c.Get(base + p)
				if err == nil {
					_, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: %s", p, res.Status)
					}
				}
				if err != nil {
					failed.Add(1)
					continue
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(latencies) == 0 {
		return fmt.Errorf("no request succeeded (%d failed)", failed.Load())
	}
	slices.Sort(latencies)
	at := func(q float64) time.Duration { return latencies[min(len(latencies)-1, int(q*float64(len(latencies))))] }
	fmt.Printf("%d connections, %s, %s\n", conns, dur, strings.Join(paths, " "))
	fmt.Printf("requests %d (%.1f/s), failed %d\n", len(latencies), float64(len(latencies))/dur.Seconds(), failed.Load())
	fmt.Printf("p50 %s  p90 %s  p99 %s  max %s\n", at(0.50).Round(time.Millisecond/10), at(0.90).Round(time.Millisecond/10),
		at(0.99).Round(time.Millisecond/10), latencies[len(latencies)-1].Round(time.Millisecond/10))
	return nil
}

// printCookie signs in and prints the session as a Cookie header, so
// another load tool (wrk -H "$(wardload -cookie …)") can drive the pages.
func printCookie(base, email, password, secret string) error {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if err := signIn(c, base, email, password, secret); err != nil {
		return err
	}
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	var parts []string
	for _, ck := range jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	fmt.Println("Cookie: " + strings.Join(parts, "; "))
	return nil
}

// signIn signs in through the pages, as a browser would, answering the
// second-factor step with a code from the secret.
func signIn(c *http.Client, base, email, password, secret string) error {
	res, err := c.PostForm(base+"/signin", url.Values{"email": {email}, "password": {password}, "next": {"/"}})
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("sign-in refused: %s", res.Status)
	}
	if !strings.HasPrefix(res.Header.Get("Location"), "/signin/2fa") {
		return nil
	}
	// A code is taken once: a run started within 30 s of the last one
	// waits for the next code.
	for try := 0; ; try++ {
		code, err := auth.TOTPCode(secret, time.Now())
		if err != nil {
			return fmt.Errorf("second factor: %w", err)
		}
		res, err := c.PostForm(base+"/signin/2fa", url.Values{"code": {code}, "next": {"/"}})
		if err != nil {
			return err
		}
		res.Body.Close()
		if res.StatusCode == http.StatusSeeOther {
			return nil
		}
		if try == 1 {
			return fmt.Errorf("second factor refused: %s", res.Status)
		}
		time.Sleep(time.Duration(30-time.Now().Unix()%30)*time.Second + time.Second)
	}
}
