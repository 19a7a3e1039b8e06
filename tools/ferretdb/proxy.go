// A MongoDB wire-protocol proxy in front of FerretDB that fixes two gaps found with Mongoose:
//
//  1. FerretDB 1.24 runs update, findAndModify and delete as "read matching documents, then write
//     them" without a lock, so concurrent conditional updates all win (200 racing
//     findOneAndUpdate({_id, status: 'free'}) had several winners; 200 racing $inc gave 7).
//     The proxy runs those commands one at a time per collection, which makes each of them atomic
//     towards the others, as in MongoDB.
//  2. A unique-index violation raised by update/findAndModify comes back as code 1 InternalError
//     carrying the backend's message; the proxy turns it into code 11000 DuplicateKey, as insert
//     already answers.
//
// Everything else passes through byte for byte.
package main

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/x/bsonx/bsoncore"
)

const (
	headerLen      = 16
	maxMessageLen  = 48 << 20 // MongoDB's maxMessageSizeBytes
	opMsg          = 2013
	flagChecksum   = 1 << 0
	flagMoreToCome = 1 << 1
)

// serializedCommands are read-modify-write commands in FerretDB (lower-cased names).
var serializedCommands = map[string]bool{"update": true, "findandmodify": true, "delete": true}

type proxy struct {
	backend string // address of FerretDB's own listener
	logger  *slog.Logger
	locks   *namespaceLocks

	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

func newProxy(backend string, logger *slog.Logger) *proxy {
	return &proxy{backend: backend, logger: logger, locks: newNamespaceLocks(), conns: map[net.Conn]struct{}{}}
}

// serve accepts clients until ctx is cancelled, then closes every connection and returns.
func (p *proxy) serve(ctx context.Context, ln net.Listener) {
	var wg sync.WaitGroup
	go func() {
		<-ctx.Done()
		ln.Close()
		p.mu.Lock()
		for c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
	}()

	for {
		client, err := ln.Accept()
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
				p.logger.Error("accept failed", "error", err)
				continue
			}
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.handle(ctx, client)
		}()
	}
	wg.Wait()
}

// pendingWrite is a serialized command waiting for FerretDB's answer.
type pendingWrite struct {
	requestID int32
	namespace string
	release   func()
}

func (p *proxy) handle(ctx context.Context, client net.Conn) {
	server, err := net.Dial("tcp", p.backend)
	if err != nil {
		p.logger.Error("cannot reach FerretDB listener", "error", err)
		client.Close()
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	p.track(client, server)
	defer func() {
		cancel()
		p.untrack(client, server)
	}()

	var (
		mu      sync.Mutex
		pending *pendingWrite
		idle    = make(chan struct{}, 1) // holds a token while no serialized command is in flight
	)
	idle <- struct{}{}

	finish := func() {
		mu.Lock()
		if pending != nil {
			pending.release()
			pending = nil
		}
		mu.Unlock()
	}
	defer finish()

	done := make(chan struct{})
	go func() {
		defer close(done)
		defer cancel()
		// FerretDB drops a connection on some unsupported input (e.g. Decimal128 panics in 1.24);
		// closing the client side too makes the driver see an error instead of waiting forever.
		defer client.Close()
		for {
			msg, err := readMessage(server)
			if err != nil {
				return
			}
			mu.Lock()
			var answered *pendingWrite
			if pending != nil && pending.requestID == responseTo(msg) {
				answered, pending = pending, nil
			}
			mu.Unlock()
			if answered != nil {
				msg = rewriteDuplicateKeyError(msg, answered.namespace)
				answered.release()
				idle <- struct{}{}
			}
			if _, err := client.Write(msg); err != nil {
				return
			}
		}
	}()

	for ctx.Err() == nil {
		msg, err := readMessage(client)
		if err != nil {
			break
		}
		if namespace, ok := serializedNamespace(msg); ok {
			select {
			case <-idle:
			case <-ctx.Done():
				continue
			}
			release, err := p.locks.acquire(ctx, namespace)
			if err != nil {
				continue
			}
			if flags(msg)&flagMoreToCome != 0 {
				// Unacknowledged write: no answer will tell when it is done.
				_, err = server.Write(msg)
				release()
				idle <- struct{}{}
				if err != nil {
					break
				}
				continue
			}
			mu.Lock()
			pending = &pendingWrite{requestID: requestID(msg), namespace: namespace, release: release}
			mu.Unlock()
		}
		if _, err := server.Write(msg); err != nil {
			break
		}
	}
	cancel()
	client.Close()
	server.Close()
	<-done
}

func (p *proxy) track(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		p.conns[c] = struct{}{}
	}
}

func (p *proxy) untrack(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		c.Close()
		delete(p.conns, c)
	}
}

func readMessage(r io.Reader) ([]byte, error) {
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	n := int(int32(binary.LittleEndian.Uint32(header[0:4])))
	if n < headerLen || n > maxMessageLen {
		return nil, fmt.Errorf("invalid message length %d", n)
	}
	msg := make([]byte, n)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[headerLen:]); err != nil {
		return nil, err
	}
	return msg, nil
}

func requestID(msg []byte) int32  { return int32(binary.LittleEndian.Uint32(msg[4:8])) }
func responseTo(msg []byte) int32 { return int32(binary.LittleEndian.Uint32(msg[8:12])) }
func opCode(msg []byte) int32     { return int32(binary.LittleEndian.Uint32(msg[12:16])) }

func flags(msg []byte) uint32 {
	if opCode(msg) != opMsg || len(msg) < headerLen+4 {
		return 0
	}
	return binary.LittleEndian.Uint32(msg[16:20])
}

// commandBody returns the kind-0 section of an OP_MSG: the command or reply document.
func commandBody(msg []byte) (bsoncore.Document, bool) {
	if opCode(msg) != opMsg || len(msg) < headerLen+5 {
		return nil, false
	}
	end := len(msg)
	if flags(msg)&flagChecksum != 0 {
		end -= 4
	}
	for pos := headerLen + 4; pos < end; {
		kind := msg[pos]
		pos++
		if pos+4 > end {
			return nil, false
		}
		size := int(int32(binary.LittleEndian.Uint32(msg[pos : pos+4])))
		if size < 5 || pos+size > end {
			return nil, false
		}
		if kind == 0 {
			return bsoncore.Document(msg[pos : pos+size]), true
		}
		pos += size // kind 1: a document sequence, whose size includes its own length field
	}
	return nil, false
}

// serializedNamespace reports "db.collection" when msg is a command that must not run concurrently
// with another such command on the same collection.
func serializedNamespace(msg []byte) (string, bool) {
	body, ok := commandBody(msg)
	if !ok {
		return "", false
	}
	first, err := body.IndexErr(0)
	if err != nil || !serializedCommands[strings.ToLower(first.Key())] {
		return "", false
	}
	collection, ok := first.Value().StringValueOK()
	if !ok {
		return "", false
	}
	db, _ := body.Lookup("$db").StringValueOK()
	return db + "." + collection, true
}

// rewriteDuplicateKeyError turns FerretDB's InternalError for a unique-index violation during an
// update into the DuplicateKey error (code 11000) that MongoDB drivers and Mongoose expect.
func rewriteDuplicateKeyError(msg []byte, namespace string) []byte {
	body, ok := commandBody(msg)
	if !ok {
		return msg
	}
	code, _ := body.Lookup("code").AsInt64OK()
	errmsg, _ := body.Lookup("errmsg").StringValueOK()
	if code != 1 || !(strings.Contains(errmsg, "SQLSTATE 23505") || strings.Contains(errmsg, "UNIQUE constraint failed")) {
		return msg
	}

	doc := bsoncore.NewDocumentBuilder().
		AppendDouble("ok", 0).
		AppendString("errmsg", "E11000 duplicate key error collection: "+namespace).
		AppendInt32("code", 11000).
		AppendString("codeName", "DuplicateKey").
		Build()

	out := make([]byte, headerLen+4+1+len(doc))
	copy(out, msg[:headerLen])
	binary.LittleEndian.PutUint32(out[0:4], uint32(len(out)))
	binary.LittleEndian.PutUint32(out[16:20], flags(msg)&^flagChecksum)
	out[20] = 0
	copy(out[21:], doc)
	return out
}

// namespaceLocks hands out one lock per namespace, dropping it when nobody holds or waits for it,
// since tests create many short-lived databases.
type namespaceLocks struct {
	mu    sync.Mutex
	locks map[string]*namespaceLock
}

type namespaceLock struct {
	token chan struct{}
	users int
}

func newNamespaceLocks() *namespaceLocks {
	return &namespaceLocks{locks: map[string]*namespaceLock{}}
}

func (l *namespaceLocks) acquire(ctx context.Context, namespace string) (func(), error) {
	l.mu.Lock()
	lock := l.locks[namespace]
	if lock == nil {
		lock = &namespaceLock{token: make(chan struct{}, 1)}
		l.locks[namespace] = lock
	}
	lock.users++
	l.mu.Unlock()

	select {
	case lock.token <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-lock.token; l.leave(namespace, lock) }) }, nil
	case <-ctx.Done():
		l.leave(namespace, lock)
		return nil, ctx.Err()
	}
}

func (l *namespaceLocks) leave(namespace string, lock *namespaceLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lock.users--
	if lock.users == 0 {
		delete(l.locks, namespace)
	}
}
