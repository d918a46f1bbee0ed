package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"jixiao"
	"jixiao/example"
	"jixiao/store"
	"jixiao/textdoc"
	"jixiao/web"
)

func init() {
	register(command{"serve", "运行网页应用", cmdServe})
}

func cmdServe(e *env, args []string) int {
	f := newFlags(e, "serve", "serve [--addr 127.0.0.1:8080] [--empty]")
	addr := f.String("addr", "127.0.0.1:8080", "监听地址")
	empty := f.Bool("empty", false, "数据库为空时不载入示例文档（生产环境）")
	if code, ok := f.parse(e, args); !ok {
		return code
	}
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
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := &http.Server{
		Addr:              *addr,
		Handler:           web.New(st, web.Options{Logger: log}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
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
