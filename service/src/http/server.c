/*
 * server — libmicrohttpd glue: collects the request into the plain-data
 * model of http.h (headers, query, body up to a limit), hands it to the
 * dispatcher, and turns the response back into an MHD response (buffered
 * or streamed).  Nothing here knows about routes, JSON or the database.
 *
 * Threading: MHD's internal thread pool (epoll), one handler call per
 * thread at a time; handlers may block on the database pool.  README
 * ("Threading model") has the measurements behind this choice.
 */
#include "http/http.h"

#include "core/log.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct http_server {
	struct MHD_Daemon *daemon;
	http_dispatch_fn dispatch;
	void *app;
	size_t max_body;
	int port;
};

typedef struct request_ctx {
	buf body;
	int too_large;
} request_ctx;

typedef struct stream_ctx {
	http_stream stream;
	buf pending;
	size_t offset;
	int done;
} stream_ctx;

static enum MHD_Result collect_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
	http_request *req = cls;
	if (kind == MHD_GET_ARGUMENT_KIND)
		http_pairs_add(&req->query, &req->n_query, key, value);
	else
		http_pairs_add(&req->headers, &req->n_headers, key, value ? value : "");
	return MHD_YES;
}

static int is_loopback(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return 0;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		if (IN6_IS_ADDR_LOOPBACK(a))
			return 1;
		return IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127;
	}
	return sa->sa_family == AF_UNIX;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	stream_ctx *s = cls;
	while (s->offset == s->pending.len) {
		if (s->done)
			return MHD_CONTENT_READER_END_OF_STREAM;
		buf_reset(&s->pending);
		s->offset = 0;
		int rc = s->stream.next(s->stream.state, &s->pending);
		if (rc < 0)
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (rc == 0)
			s->done = 1;
	}
	size_t n = s->pending.len - s->offset;
	if (n > max)
		n = max;
	memcpy(out, s->pending.data + s->offset, n);
	s->offset += n;
	return (ssize_t)n;
}

static void stream_free(void *cls)
{
	stream_ctx *s = cls;
	if (s->stream.free)
		s->stream.free(s->stream.state);
	buf_free(&s->pending);
	free(s);
}

static struct MHD_Response *to_mhd(http_response *res, int head)
{
	struct MHD_Response *r;
	if (res->stream.next && !head) {
		stream_ctx *s = xcalloc(1, sizeof *s);
		s->stream = res->stream;
		buf_init(&s->pending);
		memset(&res->stream, 0, sizeof res->stream);
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read, s,
		                                      stream_free);
	} else {
		size_t len = res->body.len;
		char *data = buf_detach(&res->body);
		r = MHD_create_response_from_buffer_with_free_callback(len, data, free);
	}
	for (size_t i = 0; i < res->n_headers; i++)
		MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
	return r;
}

static void dispatch(http_server *srv, struct MHD_Connection *conn, const char *url,
                     const char *method, request_ctx *ctx, http_response *res)
{
	http_request req;
	memset(&req, 0, sizeof req);
	req.method = method;
	req.path = url;
	req.body = ctx->body.data;
	req.body_len = ctx->body.len;
	req.body_too_large = ctx->too_large;
	req.from_loopback = is_loopback(conn);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_pair, &req);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_pair, &req);
	srv->dispatch(srv->app, &req, res);
	http_pairs_free(req.query, req.n_query);
	http_pairs_free(req.headers, req.n_headers);
}

static unsigned long long drain_limit(const http_server *srv)
{
	unsigned long long four = 4ull * srv->max_body;
	return four < (64ull << 20) ? four : (64ull << 20);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	http_server *srv = cls;
	request_ctx *ctx = *con_cls;
	if (!ctx) {
		ctx = xcalloc(1, sizeof *ctx);
		buf_init(&ctx->body);
		*con_cls = ctx;
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
		unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
		ctx->too_large = declared > srv->max_body;
		/* A moderately oversized body is read and dropped, so the client
		 * gets a clean 413 instead of a reset; a huge one is refused at
		 * once. */
		if (declared <= drain_limit(srv))
			return MHD_YES;
	}
	if (*upload_size) {
		if (!ctx->too_large && ctx->body.len + *upload_size <= srv->max_body)
			buf_append(&ctx->body, upload, *upload_size);
		else
			ctx->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	http_response res;
	http_response_init(&res);
	dispatch(srv, conn, url, method, ctx, &res);
	struct MHD_Response *r = to_mhd(&res, !strcmp(method, "HEAD"));
	enum MHD_Result rc = MHD_queue_response(conn, (unsigned)res.status, r);
	MHD_destroy_response(r);
	http_response_free(&res);
	return rc;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	request_ctx *ctx = *con_cls;
	if (!ctx)
		return;
	buf_free(&ctx->body);
	free(ctx);
	*con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	buf b;
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	while (b.len && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	log_debug("http", "detail", b.data, NULL);
	buf_free(&b);
}

http_server *http_server_start(const char *host, int port, int threads, size_t max_body,
                               http_dispatch_fn fn, void *app, char **err)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC,
	                         .ai_socktype = SOCK_STREAM,
	                         .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
	struct addrinfo *ai = NULL;
	char portstr[16];
	snprintf(portstr, sizeof portstr, "%d", port);
	if (getaddrinfo(host, portstr, &hints, &ai) || !ai) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "cannot resolve listen address %s", host);
		*err = buf_detach(&b);
		return NULL;
	}
	http_server *srv = xcalloc(1, sizeof *srv);
	srv->dispatch = fn;
	srv->app = app;
	srv->max_body = max_body;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
	flags |= threads > 0 ? MHD_USE_EPOLL : MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* MHD_OPTION_THREAD_POOL_SIZE only applies to the pool mode; a pool
	 * size of 1 is the single polling thread. */
	srv->daemon = MHD_start_daemon(
	    flags, (uint16_t)port, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, ai->ai_addr,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(threads > 0 ? threads : 1),
	    MHD_OPTION_CONNECTION_LIMIT, 4096u, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!srv->daemon) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "cannot listen on %s:%d (in use, or not permitted)", host, port);
		*err = buf_detach(&b);
		free(srv);
		return NULL;
	}
	const union MHD_DaemonInfo *di =
	    MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : port;
	return srv;
}

int http_server_port(const http_server *s)
{
	return s->port;
}

void http_server_stop(http_server *s)
{
	if (!s)
		return;
	MHD_stop_daemon(s->daemon);
	free(s);
}
