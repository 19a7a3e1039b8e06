// Command ferretdb runs an embedded FerretDB: a MongoDB wire-protocol server that stores its data
// in PostgreSQL (default) or SQLite. It stands in for MongoDB on machines that have no mongod.
//
// Every flag can also be set through the environment variable named in its help text.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/jackc/pgx/v5"
)

type options struct {
	listen          string
	backend         string
	postgresqlURL   string
	sqliteDir       string
	logLevel        string
	createDatabase  bool
	serializeWrites bool
	poolMaxConns    int
}

func main() {
	opts := parseOptions()

	logger, err := newLogger(opts.logLevel)
	if err != nil {
		fail(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	config, err := backendConfig(ctx, opts, logger)
	if err != nil {
		fail(err)
	}
	config.Logger = logger

	if !opts.serializeWrites {
		config.Listener = ferretdb.ListenerConfig{TCP: opts.listen}
		server, err := ferretdb.New(config)
		if err != nil {
			fail(err)
		}
		logger.Info("ferretdb ready", "uri", server.MongoDBURI(), "backend", opts.backend)
		// Run returns once ctx is cancelled by a signal and every connection is closed.
		_ = server.Run(ctx)
		logger.Info("ferretdb stopped")
		return
	}

	// FerretDB itself listens on a free loopback port; clients reach it through the proxy (proxy.go).
	config.Listener = ferretdb.ListenerConfig{TCP: "127.0.0.1:0"}
	server, err := ferretdb.New(config)
	if err != nil {
		fail(err)
	}
	ln, err := net.Listen("tcp", opts.listen)
	if err != nil {
		fail(err)
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = server.Run(ctx)
	}()
	backend := strings.TrimSuffix(strings.TrimPrefix(server.MongoDBURI(), "mongodb://"), "/")

	logger.Info("ferretdb ready", "listen", ln.Addr().String(), "ferretdb", backend, "backend", opts.backend)
	newProxy(backend, logger).serve(ctx, ln)
	wg.Wait()
	logger.Info("ferretdb stopped")
}

func parseOptions() options {
	var opts options

	flag.StringVar(&opts.listen, "listen", envOr("FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"),
		"TCP address to listen on (FERRETDB_LISTEN_ADDR)")
	flag.StringVar(&opts.backend, "backend", envOr("FERRETDB_BACKEND", "postgresql"),
		"storage backend: postgresql or sqlite (FERRETDB_BACKEND)")
	flag.StringVar(&opts.postgresqlURL, "postgresql-url",
		envOr("FERRETDB_POSTGRESQL_URL", "postgres://postgres@127.0.0.1:5432/ferretdb"),
		"PostgreSQL database that holds all MongoDB databases (FERRETDB_POSTGRESQL_URL)")
	flag.StringVar(&opts.sqliteDir, "sqlite-dir", envOr("FERRETDB_SQLITE_DIR", ".data/ferretdb/sqlite"),
		"directory of the SQLite backend, one file per database (FERRETDB_SQLITE_DIR)")
	flag.StringVar(&opts.logLevel, "log-level", envOr("FERRETDB_LOG_LEVEL", "error"),
		"debug, info, warn or error (FERRETDB_LOG_LEVEL)")
	flag.BoolVar(&opts.createDatabase, "create-database", envOr("FERRETDB_CREATE_DATABASE", "true") == "true",
		"create the PostgreSQL database if it does not exist (FERRETDB_CREATE_DATABASE)")
	flag.IntVar(&opts.poolMaxConns, "pool-max-conns", envInt("FERRETDB_POOL_MAX_CONNS", 16),
		"most PostgreSQL connections FerretDB keeps open, unless the URL sets pool_max_conns (FERRETDB_POOL_MAX_CONNS)")
	flag.BoolVar(&opts.serializeWrites, "serialize-writes", envOr("FERRETDB_SERIALIZE_WRITES", "true") == "true",
		"serve clients through the proxy that makes update/findAndModify/delete atomic (FERRETDB_SERIALIZE_WRITES)")
	flag.Parse()

	return opts
}

func backendConfig(ctx context.Context, opts options, logger *slog.Logger) (*ferretdb.Config, error) {
	switch opts.backend {
	case "postgresql", "pg":
		// Checking (and creating) the database first means a listening port implies a usable backend,
		// and a wrong URL fails here with a clear message instead of on the first client command.
		if err := preparePostgreSQL(ctx, opts.postgresqlURL, opts.createDatabase, logger); err != nil {
			return nil, err
		}
		return &ferretdb.Config{Handler: "postgresql", PostgreSQLURL: boundedPool(opts.postgresqlURL, opts.poolMaxConns)}, nil

	case "sqlite":
		dir, err := filepath.Abs(opts.sqliteDir)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		// FerretDB wants a file: URI naming a directory, with a trailing slash.
		return &ferretdb.Config{Handler: "sqlite", SQLiteURL: "file:" + dir + "/"}, nil

	default:
		return nil, fmt.Errorf("unknown backend %q (want postgresql or sqlite)", opts.backend)
	}
}

// boundedPool adds pool bounds to a PostgreSQL URL that sets none. FerretDB's own default is 50
// connections, kept for pgx's idle time of 30 minutes: half of a default server's max_connections,
// held after a burst, left the test suites' pools too few ("sorry, too many clients already"). Any
// pool_max_conn_idle_time makes FerretDB close a connection idle for a minute. (pgx reads the pool_
// parameters only when it builds a pool: preparePostgreSQL connects with the URL as given.)
func boundedPool(rawURL string, maxConns int) string {
	u, err := url.Parse(rawURL)
	if err != nil || maxConns <= 0 {
		return rawURL
	}
	q := u.Query()
	if !q.Has("pool_max_conns") {
		q.Set("pool_max_conns", fmt.Sprint(maxConns))
	}
	if !q.Has("pool_max_conn_idle_time") {
		q.Set("pool_max_conn_idle_time", "1m")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// preparePostgreSQL makes sure the database named in rawURL exists and accepts connections.
func preparePostgreSQL(ctx context.Context, rawURL string, create bool, logger *slog.Logger) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()

	conn, err := pgx.Connect(ctx, rawURL)
	if err == nil {
		return conn.Close(ctx)
	}

	u, parseErr := url.Parse(rawURL)
	dbName := ""
	if parseErr == nil {
		dbName = strings.TrimPrefix(u.Path, "/")
	}
	if !create || dbName == "" || dbName == "postgres" {
		return fmt.Errorf("cannot connect to PostgreSQL at %s: %w", redact(rawURL), err)
	}

	// Connect to the maintenance database on the same server to create ours.
	maintenance := *u
	maintenance.Path = "/postgres"
	admin, adminErr := pgx.Connect(ctx, maintenance.String())
	if adminErr != nil {
		return fmt.Errorf("cannot connect to PostgreSQL at %s: %w", redact(maintenance.String()), adminErr)
	}
	defer admin.Close(ctx)

	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", dbName).
		Scan(&exists); err != nil {
		return fmt.Errorf("checking for database %q: %w", dbName, err)
	}
	if exists {
		// It exists, so the first error was about something else (permissions, limits...).
		return fmt.Errorf("cannot connect to PostgreSQL at %s: %w", redact(rawURL), err)
	}

	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{dbName}.Sanitize()); err != nil {
		return fmt.Errorf("creating database %q: %w", dbName, err)
	}
	logger.Info("created PostgreSQL database", "database", dbName)

	return nil
}

func newLogger(level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("invalid log level %q: %w", level, err)
	}
	h := slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l})
	return slog.New(quietDuplicateKeys{h}), nil
}

// quietDuplicateKeys drops the backend's ERROR line for each unique-index violation:
// clients get code 11000 for those, and tests that race on unique keys would otherwise write
// megabytes of them.
type quietDuplicateKeys struct{ slog.Handler }

func (q quietDuplicateKeys) Handle(ctx context.Context, r slog.Record) error {
	duplicate := false
	r.Attrs(func(a slog.Attr) bool {
		if v := a.Value.String(); a.Key == "err" &&
			(strings.Contains(v, "SQLSTATE 23505") || strings.Contains(v, "UNIQUE constraint failed")) {
			duplicate = true
			return false
		}
		return true
	})
	if duplicate {
		return nil
	}
	return q.Handler.Handle(ctx, r)
}

func (q quietDuplicateKeys) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietDuplicateKeys{q.Handler.WithAttrs(attrs)}
}

func (q quietDuplicateKeys) WithGroup(name string) slog.Handler {
	return quietDuplicateKeys{q.Handler.WithGroup(name)}
}

func envOr(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return fallback
}

func envInt(name string, fallback int) int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(name), &n); err == nil {
		return n
	}
	return fallback
}

// redact hides the password of a connection URL before it is logged.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ferretdb:", err)
	os.Exit(1)
}
