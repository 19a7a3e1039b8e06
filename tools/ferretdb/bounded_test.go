package main

import (
	"net/url"
	"testing"
)

func TestBoundedPool(t *testing.T) {
	for _, tc := range []struct{ in, maxConns, idle string }{
		{"postgres://postgres@127.0.0.1:5432/ferretdb", "16", "1m"},
		{"postgres://u:p@db:5432/ferretdb?sslmode=disable", "16", "1m"},
		{"postgres://postgres@127.0.0.1:5432/ferretdb?pool_max_conns=4", "4", "1m"},
	} {
		u, err := url.Parse(boundedPool(tc.in, 16))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if q.Get("pool_max_conns") != tc.maxConns || q.Get("pool_max_conn_idle_time") != tc.idle {
			t.Errorf("boundedPool(%q) = %q", tc.in, u)
		}
		if in, _ := url.Parse(tc.in); in.Query().Get("sslmode") != q.Get("sslmode") || in.Host != u.Host || in.Path != u.Path {
			t.Errorf("boundedPool(%q) changed the rest: %q", tc.in, u)
		}
	}
	if got := boundedPool("postgres://x/y", 0); got != "postgres://x/y" {
		t.Errorf("a bound of 0 should leave the URL as it is, got %q", got)
	}
}
