package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// MaxBody bounds every request body: one upload of up to 20 MB of files
// plus the multipart overhead. Larger requests are refused with 413.
const MaxBody = 21 << 20

// multipartMemory is how much of an upload is held in memory; the rest
// goes to temporary files that are removed when the request ends.
const multipartMemory = 8 << 20

const (
	csrfCookie = "jixiao_csrf"
	// csrfField is the hidden form field carrying the same token.
	csrfField = "csrf"
)

// securityHeaders are sent with every response. The pages use no inline
// scripts or styles, so the policy can forbid them.
var securityHeaders = map[string]string{
	"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "same-origin",
}

type ctxKey int

const tokenKey ctxKey = 0

// protect is the one place where cross-cutting protection happens: security
// headers, panic recovery, the body size limit, and double-submit CSRF
// checking of every state-changing request.
func (s *server) protect(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range securityHeaders {
			w.Header().Set(k, v)
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.serverError(w, r, fmt.Errorf("panic: %v", v))
			}
		}()

		if isAPI(r.URL.Path) {
			// The API takes no cookies, only bearer tokens: a browser
			// cannot be made to send one, so it needs no CSRF token.
			r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
			u, err := s.resolveUser(r)
			if err != nil {
				s.log.Error("读取接口令牌失败", "err", err)
				apiError(w, http.StatusInternalServerError, "系统出现内部错误，已记录。请稍后重试。")
				return
			}
			next.ServeHTTP(w, r.WithContext(withUser(r.Context(), u)))
			return
		}
		token := ""
		if c, err := r.Cookie(csrfCookie); err == nil && validToken(c.Value) {
			token = c.Value
		}
		if !safeMethod(r.Method) {
			if !s.checkPost(w, r, token) {
				return
			}
			if r.MultipartForm != nil {
				defer r.MultipartForm.RemoveAll()
			}
		}
		if token == "" {
			token = newToken()
			http.SetCookie(w, &http.Cookie{
				Name:     csrfCookie,
				Value:    token,
				Path:     "/",
				HttpOnly: true,
				Secure:   s.secure(r),
				SameSite: http.SameSiteLaxMode,
			})
		}
		ctx := context.WithValue(r.Context(), tokenKey, token)
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			u, rctx, err := s.resolvePage(r.WithContext(ctx))
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			ctx = withUser(rctx, u)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// checkPost refuses a state-changing request that comes from another site
// or lacks the CSRF token; it parses the form (within MaxBody) to read it.
// It writes the refusal itself and returns false.
func (s *server) checkPost(w http.ResponseWriter, r *http.Request, cookieToken string) bool {
	if !sameOrigin(r) {
		s.log.Warn("跨站请求被拒绝", "path", r.URL.Path, "origin", r.Header.Get("Origin"), "referer", r.Header.Get("Referer"))
		s.errorPage(w, r, http.StatusForbidden, "请求被拒绝", "请求来自其他网站，已拒绝。请从本系统的页面提交。")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(multipartMemory)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.errorPage(w, r, http.StatusRequestEntityTooLarge, "文件太大",
				fmt.Sprintf("上传的内容超过 %d MB 上限（每个文件最大 20 MB），没有保存任何数据。请减少文件数量或拆分后分批导入。", MaxBody>>20))
			return false
		}
		s.errorPage(w, r, http.StatusBadRequest, "请求无法读取", "提交的表单无法读取，没有保存任何数据。请重新打开页面后再试。")
		return false
	}
	formToken := r.PostFormValue(csrfField)
	if cookieToken == "" || subtle.ConstantTimeCompare([]byte(cookieToken), []byte(formToken)) != 1 {
		s.log.Warn("CSRF 令牌无效", "path", r.URL.Path)
		s.errorPage(w, r, http.StatusForbidden, "请求被拒绝", "页面已过期或请求不是从本系统的页面提交的，没有保存任何数据。请刷新页面后重新提交。")
		return false
	}
	return true
}

// sameOrigin checks Origin, or else Referer, against the request's Host.
// Requests carrying neither are left to the token check.
func sameOrigin(r *http.Request) bool {
	src := r.Header.Get("Origin")
	if src == "" {
		src = r.Header.Get("Referer")
		if src == "" {
			return true
		}
	}
	u, err := url.Parse(src)
	if err != nil || u.Host == "" {
		return false // includes Origin: null
	}
	return strings.EqualFold(u.Host, r.Host)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// newToken returns 32 random bytes, base64url encoded.
func newToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b)
}

func validToken(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == 32
}

// csrfToken is the token to put in the forms of the page being rendered.
func csrfToken(r *http.Request) string {
	t, _ := r.Context().Value(tokenKey).(string)
	return t
}
