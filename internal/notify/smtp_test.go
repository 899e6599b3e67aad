package notify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/tollbooth/tollbooth/internal/alert"
)

// smtpSession is what the fake server saw.
type smtpSession struct {
	tls        bool
	user, pass string
	authBefore bool // AUTH attempted before STARTTLS
	from       string
	to         []string
	data       string
}

// fakeSubmission is an SMTP submission server like Office 365's: STARTTLS first, and AUTH LOGIN
// offered only on the encrypted connection.
func fakeSubmission(t *testing.T) (addr string, pool *x509.CertPool, sessions chan smtpSession) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "smtp.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	tlsConf := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	sessions = make(chan smtpSession, 4)
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go serveSMTP(conn, tlsConf, sessions)
		}
	}()
	return l.Addr().String(), pool, sessions
}

func serveSMTP(conn net.Conn, tlsConf *tls.Config, sessions chan smtpSession) {
	defer conn.Close()
	var s smtpSession
	tp := textproto.NewConn(conn)
	tp.PrintfLine("220 smtp.test ESMTP")
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		cmd := strings.ToUpper(line)
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			if s.tls {
				tp.PrintfLine("250-smtp.test\r\n250-AUTH LOGIN XOAUTH2\r\n250 8BITMIME")
			} else {
				tp.PrintfLine("250-smtp.test\r\n250-STARTTLS\r\n250 8BITMIME")
			}
		case cmd == "STARTTLS":
			tp.PrintfLine("220 go ahead")
			tc := tls.Server(conn, tlsConf)
			if tc.Handshake() != nil {
				return
			}
			conn, tp, s.tls = tc, textproto.NewConn(tc), true
		case strings.HasPrefix(cmd, "AUTH LOGIN"):
			if !s.tls {
				s.authBefore = true
			}
			tp.PrintfLine("334 %s", base64.StdEncoding.EncodeToString([]byte("Username:")))
			u, _ := tp.ReadLine()
			tp.PrintfLine("334 %s", base64.StdEncoding.EncodeToString([]byte("Password:")))
			p, _ := tp.ReadLine()
			ub, _ := base64.StdEncoding.DecodeString(u)
			pb, _ := base64.StdEncoding.DecodeString(p)
			s.user, s.pass = string(ub), string(pb)
			tp.PrintfLine("235 2.7.0 Authentication successful")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			s.from = line[len("MAIL FROM:"):]
			tp.PrintfLine("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			s.to = append(s.to, line[len("RCPT TO:"):])
			tp.PrintfLine("250 ok")
		case cmd == "DATA":
			tp.PrintfLine("354 go ahead")
			b, _ := tp.ReadDotBytes()
			s.data = string(b)
			tp.PrintfLine("250 queued")
		case cmd == "QUIT":
			tp.PrintfLine("221 bye")
			sessions <- s
			return
		default:
			tp.PrintfLine("502 unknown")
		}
	}
}

func TestMailUsesSTARTTLSThenAuthLikeOffice365(t *testing.T) {
	addr, pool, sessions := fakeSubmission(t)
	m := Mail{Addr: addr, User: "alerts@operator.example", Password: "app-password", From: "alerts@operator.example",
		To: []string{"ops@operator.example"}, TLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}}
	a := alert.Alert{Kind: alert.KindExportFailed, Key: "batch-000001", Subject: "Export failed", Body: "FTP down"}
	if err := m.Send(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	s := <-sessions
	if !s.tls || s.authBefore {
		t.Fatalf("tls %v, auth before tls %v: want STARTTLS before AUTH", s.tls, s.authBefore)
	}
	if s.user != "alerts@operator.example" || s.pass != "app-password" {
		t.Fatalf("auth %q/%q", s.user, s.pass)
	}
	if !strings.HasPrefix(s.from, "<alerts@operator.example>") || len(s.to) != 1 || !strings.Contains(s.data, "Subject: [tollbooth] Export failed") {
		t.Fatalf("session %+v", s)
	}
}

func TestMailRefusesAnUntrustedServerCertificate(t *testing.T) {
	addr, _, _ := fakeSubmission(t)
	m := Mail{Addr: addr, User: "u", Password: "p", From: "a@b.c", To: []string{"d@e.f"}}
	err := m.Send(context.Background(), alert.Alert{Kind: alert.KindExportEmpty, Subject: "s"})
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("err %v, want a STARTTLS certificate error", err)
	}
}
