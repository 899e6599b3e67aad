package gateway

import (
	"crypto/rand"
	"crypto/subtle"
	"net/http"
	"sync"
	"time"
)

// Cookie names and the session lifetime.
const (
	sessionCookie = "tollbooth_session"
	signinCookie  = "tollbooth_signin" // the sign-in form's CSRF token, before there is a session
	sessionTTL    = 12 * time.Hour
)

// session is one signed-in reviewer. Sessions live in the gateway's memory: a restart signs
// reviewers out, and several gateway replicas need sticky sessions.
type session struct {
	reviewer string
	csrf     string
	expires  time.Time
}

type sessions struct {
	mu   sync.Mutex
	byID map[string]session
	now  func() time.Time
}

func newSessions() *sessions {
	return &sessions{byID: map[string]session{}, now: time.Now}
}

func (s *sessions) create(reviewer string) (id string, sess session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, v := range s.byID { // drop expired sessions as new ones come
		if now.After(v.expires) {
			delete(s.byID, k)
		}
	}
	id = rand.Text()
	sess = session{reviewer: reviewer, csrf: rand.Text(), expires: now.Add(sessionTTL)}
	s.byID[id] = sess
	return id, sess
}

func (s *sessions) get(r *http.Request) (session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.byID[c.Value]
	if !ok || s.now().After(sess.expires) {
		return session{}, false
	}
	return sess, true
}

func (s *sessions) delete(r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.mu.Lock()
		delete(s.byID, c.Value)
		s.mu.Unlock()
	}
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func (g *Gateway) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: g.SecureCookies, SameSite: http.SameSiteStrictMode}
}
