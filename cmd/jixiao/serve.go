package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"jixiao"
	"jixiao/auth"
	"jixiao/bench"
	"jixiao/example"
	"jixiao/store"
	"jixiao/textdoc"
	"jixiao/web"
)

func init() {
	register(command{"serve", "运行网页应用", cmdServe})
}

func cmdServe(e *env, args []string) int {
	f := newFlags(e, "serve", "serve [--addr 127.0.0.1:8080] [--empty] [--secure-cookies] [--trusted-proxy CIDR[,CIDR…]]")
	addr := f.String("addr", "127.0.0.1:8080", "监听地址")
	secure := f.Bool("secure-cookies", false, "Cookie 只经 HTTPS 发送（在 HTTPS 反向代理之后运行时使用）")
	empty := f.Bool("empty", false, "数据库为空时不载入示例文档（生产环境）")
	proxies := f.String("trusted-proxy", "", "受信任的反向代理网段，逗号分隔（如 127.0.0.1/32）；来自这些地址的请求按 X-Forwarded-For 识别客户端地址")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
	trusted, err := parseTrustedProxies(*proxies)
	if err != nil {
		return fail(e, err)
	}
	// The memory limit the bench measures the server under.
	bench.SetMemoryLimit()
	st, err := f.open(e)
	if err != nil {
		return fail(e, err)
	}
	defer st.Close()
	if !*empty {
		if err := loadExample(e.ctx, st); err != nil {
			return fail(e, err)
		}
	}
	pw, created, err := st.EnsureAdmin(e.ctx)
	if err != nil {
		return fail(e, err)
	}
	if created {
		fmt.Fprintf(e.stdout, "已创建系统管理员账户 admin，一次性密码：%s\n（只显示这一次；首次登录后须修改密码）\n", pw)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := &http.Server{
		Addr:              *addr,
		Handler:           web.New(st, web.Options{Logger: log, SecureCookies: *secure, TrustedProxies: trusted}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go purgeSessions(ctx, st, log)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	fmt.Fprintf(e.stdout, "jixiao 已启动：http://%s/ （数据库：%s）\n", *addr, st.Dialect())
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(e, err)
	}
	return exitOK
}

// parseTrustedProxies reads --trusted-proxy: networks in CIDR notation
// separated by commas; a bare address stands for itself alone.
func parseTrustedProxies(s string) ([]netip.Prefix, error) {
	var ps []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			ps = append(ps, p.Masked())
			continue
		}
		if a, err := netip.ParseAddr(part); err == nil && a.Zone() == "" {
			ps = append(ps, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		return nil, fmt.Errorf("--trusted-proxy 中的“%s”不是有效的网段，应写作 CIDR，如 127.0.0.1/32 或 10.0.0.0/8，多个以逗号分隔", part)
	}
	return ps, nil
}

// loadExample stores the embedded example document when the database has
// no documents at all, so a new installation shows real data at once.
func loadExample(ctx context.Context, st *store.Store) error {
	isEmpty, err := st.Empty(ctx)
	if err != nil || !isEmpty {
		return err
	}
	doc, err := textdoc.Read(example.Name, example.Laoting, textdoc.Options{})
	if err != nil {
		return fmt.Errorf("示例文档：%w", err)
	}
	_, err = st.SaveDocuments(ctx, []*jixiao.Document{doc}, "示例数据")
	return err
}

// purgeSessions deletes ended sessions every 10 minutes until ctx ends.
func purgeSessions(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if n, err := st.PurgeSessions(ctx, auth.DefaultSettings); err != nil {
			log.Error("清理过期会话失败", "err", err)
		} else if n > 0 {
			log.Info("已清理过期会话", "n", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
