/*
 * server — libmicrohttpd glue: collects the request into the plain-data
 * model of http.h (headers, query, body up to a limit), hands it to the
 * dispatcher, and turns the response back into an MHD response (buffered
 * or streamed).  Nothing here knows about routes, JSON or the database.
 *
 * Threading: a few MHD threads (epoll) read requests and write answers;
 * `threads` handler threads run the handlers, which may block on the
 * database, taking requests from one first-in first-out queue.  A request
 * whose headers and body are in is suspended (MHD_suspend_connection) and
 * handed to a waiting handler thread, or queued when none waits (see
 * struct handler); the handler thread that takes it builds the answer and resumes
 * the connection, and MHD calls on_request once more to queue it.  So a
 * slow request delays no connection but its own, and under load every
 * request waits its turn in one line — with MHD's own pool, each thread
 * served its share of the connections in turn, and a connection behind a
 * slow one waited for it (README "Threading model": the tail at 256
 * connections).  With a thread per connection there is no queue.  While
 * the server stops, requests are answered in the MHD thread, and the queue
 * is emptied before MHD stops (it must not stop with a connection
 * suspended).
 *
 * Before the body: once the headers are in, MHD calls us with no upload
 * data; admit() (the API's routing, Host and auth checks) answers there
 * when it can, so an unauthenticated or misrouted upload is refused
 * without reading a byte of it (MHD then closes the connection), and a
 * declared body over the route's limit gets its 413 at once.
 *
 * Connections (README "Limits"): MHD caps connections per client address
 * and in total (the total is lowered to fit the open-file limit, which we
 * raise to its hard maximum first, so accept() never fails for everyone).
 * MHD's own timeout is an idle timeout that every byte resets, so a client
 * trickling one byte a second would hold a connection forever: each
 * connection has a slot here with the time its current request began, and
 * a reaper thread shuts down the socket of any connection still short of
 * its headers after header_timeout_ms, or of its body after
 * request_timeout_ms.  MHD notices the shut socket and closes it as if the
 * client had gone.  Slots are unlinked (under the lock) in MHD's
 * "closed" notification, which MHD sends before it closes the socket, so
 * the reaper never touches a descriptor that may have been reused.
 */
#include "http/http.h"

#include "core/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

/* Descriptors kept back from the connection limit for the database pool,
 * logs, static files and the worker's fetches. */
#define FD_RESERVE 128
/* MHD's per-connection memory: request line and headers must fit in it.
 * Our own URI and header limits (api) are well below, so they answer
 * first with the JSON envelope; only beyond this does MHD answer itself. */
#define CONN_MEMORY (64u * 1024)
#define REAPER_TICK_MS 100
/* MHD threads reading and writing connections when the handlers have
 * their own threads: enough to keep the sockets moving, and to stream an
 * export (whose pages are read in an MHD thread) without stalling all. */
#define IO_THREADS 2

typedef enum { STAGE_HEADERS, STAGE_BODY, STAGE_ANSWER } conn_stage;

/* prev, next and shut are guarded by the server's lock; since_ms and stage
 * are written by the connection's MHD thread without it (three times a
 * request: a global lock there had the two MHD threads queue on it) and
 * read by the reaper: since_ms is stored before stage (release), and the
 * reaper loads stage (acquire) before since_ms, so a stage it sees comes
 * with a start time at least as new as that stage's. */
typedef struct conn_slot {
	struct conn_slot *prev, *next;
	int fd;
	_Atomic int64_t since_ms; /* start of the current request */
	_Atomic int stage;        /* a conn_stage */
	int shut;
} conn_slot;

struct http_server {
	struct MHD_Daemon *daemon;
	http_admit_fn admit;
	http_dispatch_fn dispatch;
	void *app;
	int port;
	int header_timeout_ms, request_timeout_ms;
	pthread_mutex_t lock; /* guards the slots' list, stopping, closes */
	pthread_cond_t wake;
	conn_slot *slots;
	int stopping;
	unsigned long deadline_closes;
	pthread_t reaper;
	int reaper_started;
	/* the handler threads and their queue (guarded by queue_lock) */
	pthread_mutex_t queue_lock;
	pthread_cond_t idle;
	struct request_ctx *head, *tail;
	struct handler *handlers;
	struct handler *waiting; /* handlers with nothing to do, a stack */
	int n_handlers, busy, draining, quit;
};

/* A handler thread.  One with nothing to do waits on its own semaphore;
 * enqueue() hands a request straight to such a one (work, under the queue
 * lock) and posts it, so a request costs one wake-up of one thread, and
 * the woken thread does not go back for the queue lock to find its work.
 * All waited on one condition variable before: the woken thread then
 * queued on the lock the enqueuing MHD thread still held, and under load
 * the queue lock was the server's most contended futex. */
typedef struct handler {
	http_server *srv;
	pthread_t thread;
	sem_t go;
	struct request_ctx *work; /* handed over by enqueue; NULL: stop */
	struct handler *next_waiting;
} handler;

typedef struct request_ctx {
	http_request req; /* built at the first call, kept for the dispatch */
	int admitted;
	size_t uri_len;
	int query_dropped;
	size_t body_limit;
	buf body;
	int too_large;
	size_t drained; /* bytes dropped past the limit */
	/* queued for a handler thread: the connection to resume, the answer */
	struct request_ctx *next;
	struct MHD_Connection *conn;
	const char *method;
	http_response res;
	int answered;
} request_ctx;

typedef struct stream_ctx {
	http_stream stream;
	buf pending;
	size_t offset;
	int done;
} stream_ctx;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- connection slots and the reaper ---------------------------------- */

static conn_slot *slot_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void slot_stage(struct MHD_Connection *conn, conn_stage stage, int restart)
{
	conn_slot *s = slot_of(conn);
	if (!s)
		return;
	if (restart)
		atomic_store_explicit(&s->since_ms, now_ms(), memory_order_relaxed);
	atomic_store_explicit(&s->stage, (int)stage, memory_order_release);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	http_server *srv = cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		conn_slot *s = xcalloc(1, sizeof *s);
		s->fd = ci ? ci->connect_fd : -1;
		atomic_init(&s->since_ms, now_ms());
		atomic_init(&s->stage, (int)STAGE_HEADERS);
		pthread_mutex_lock(&srv->lock);
		s->next = srv->slots;
		if (srv->slots)
			srv->slots->prev = s;
		srv->slots = s;
		pthread_mutex_unlock(&srv->lock);
		*socket_context = s;
		return;
	}
	conn_slot *s = *socket_context;
	if (!s)
		return;
	pthread_mutex_lock(&srv->lock);
	if (s->prev)
		s->prev->next = s->next;
	else
		srv->slots = s->next;
	if (s->next)
		s->next->prev = s->prev;
	pthread_mutex_unlock(&srv->lock);
	free(s);
	*socket_context = NULL;
}

static void *reaper_main(void *arg)
{
	http_server *srv = arg;
	pthread_mutex_lock(&srv->lock);
	while (!srv->stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += REAPER_TICK_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&srv->wake, &srv->lock, &until);
		int64_t now = now_ms();
		for (conn_slot *s = srv->slots; s; s = s->next) {
			int stage = atomic_load_explicit(&s->stage, memory_order_acquire);
			int64_t since = atomic_load_explicit(&s->since_ms, memory_order_relaxed);
			int64_t limit = stage == STAGE_HEADERS ? srv->header_timeout_ms
			                : stage == STAGE_BODY  ? srv->request_timeout_ms
			                                       : -1;
			if (s->shut || limit < 0 || now - since <= limit || s->fd < 0)
				continue;
			shutdown(s->fd, SHUT_RDWR);
			s->shut = 1;
			srv->deadline_closes++;
		}
	}
	pthread_mutex_unlock(&srv->lock);
	return NULL;
}

/* ---- requests ---------------------------------------------------------- */

static enum MHD_Result collect_pair(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
	http_request *req = cls;
	if (kind == MHD_GET_ARGUMENT_KIND) {
		http_pairs_add(&req->query, &req->n_query, key, value);
	} else {
		http_pairs_add(&req->headers, &req->n_headers, key, value ? value : "");
		req->header_bytes += strlen(key) + (value ? strlen(value) : 0);
	}
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

/* The declared Content-Length, -1 when absent.  libmicrohttpd answers a
 * malformed or overflowing one itself (400/413, HTML) before calling us —
 * README "Limits" lists what it answers on its own. */
static long long declared_length(struct MHD_Connection *conn)
{
	if (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
		return -1; /* MHD ignores Content-Length then */
	const char *cl =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	size_t n = cl ? strlen(cl) : 0;
	if (!n || n > 18 || strspn(cl, "0123456789") != n)
		return -1;
	return strtoll(cl, NULL, 10);
}

static void build_request(struct MHD_Connection *conn, const char *url, const char *method,
                          request_ctx *ctx)
{
	http_request *req = &ctx->req;
	memset(req, 0, sizeof *req);
	req->method = method;
	req->path = url;
	req->uri_len = ctx->uri_len;
	req->query_dropped = ctx->query_dropped;
	req->from_loopback = is_loopback(conn);
	req->content_length = declared_length(conn);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_pair, req);
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_pair, req);
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

static enum MHD_Result answer(struct MHD_Connection *conn, const char *method, http_response *res)
{
	struct MHD_Response *r = to_mhd(res, !strcmp(method, "HEAD"));
	enum MHD_Result rc = MHD_queue_response(conn, (unsigned)res->status, r);
	MHD_destroy_response(r);
	http_response_free(res);
	return rc;
}

/* An over-limit body of unknown length (chunked) is read and dropped up to
 * this much, so the client gets its 413 rather than a reset; past it the
 * connection is closed. */
static size_t drain_limit(size_t limit)
{
	size_t cap = 16u << 20;
	return limit < cap / 4 ? (limit + 1) * 4 : cap;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	request_ctx *ctx = xcalloc(1, sizeof *ctx);
	buf_init(&ctx->body);
	ctx->uri_len = strlen(uri);
	/* Called before libmicrohttpd parses the query (http.h): a target
	 * over the limits gets its query cut at the '?', in libmicrohttpd's
	 * own line buffer (writable; this callback's const notwithstanding),
	 * so it parses none and the API answers 414. */
	char *q = strchr(uri, '?');
	if (q) {
		size_t params = 1;
		for (const char *p = q + 1; *p; p++)
			params += *p == '&';
		if (ctx->uri_len > HTTP_MAX_TARGET || params > HTTP_MAX_QUERY_PARAMS) {
			q[1] = '\0';
			ctx->query_dropped = 1;
		}
	}
	return ctx;
}

/* ---- handler threads --------------------------------------------------- */

static void run_request(http_server *srv, request_ctx *ctx)
{
	http_response_init(&ctx->res);
	srv->dispatch(srv->app, &ctx->req, &ctx->res);
	ctx->answered = 1;
	MHD_resume_connection(ctx->conn);
}

static void *handler_main(void *arg)
{
	handler *h = arg;
	http_server *srv = h->srv;
	pthread_mutex_lock(&srv->queue_lock);
	for (;;) {
		request_ctx *ctx = srv->head;
		if (ctx) {
			srv->head = ctx->next;
			if (!srv->head)
				srv->tail = NULL;
			srv->busy++;
			pthread_mutex_unlock(&srv->queue_lock);
		} else if (srv->quit) {
			break;
		} else {
			h->work = NULL;
			h->next_waiting = srv->waiting;
			srv->waiting = h;
			pthread_mutex_unlock(&srv->queue_lock);
			while (sem_wait(&h->go) && errno == EINTR)
				;
			/* counted in busy by enqueue(); NULL when stopping */
			ctx = h->work;
			if (!ctx) {
				pthread_mutex_lock(&srv->queue_lock);
				continue;
			}
		}
		run_request(srv, ctx);
		pthread_mutex_lock(&srv->queue_lock);
		if (--srv->busy == 0 && !srv->head)
			pthread_cond_broadcast(&srv->idle);
	}
	pthread_mutex_unlock(&srv->queue_lock);
	return NULL;
}

/* Suspends the connection and queues its request; 0 when the server is
 * stopping (the caller answers in this thread). */
static int enqueue(http_server *srv, struct MHD_Connection *conn, const char *method,
                   request_ctx *ctx)
{
	pthread_mutex_lock(&srv->queue_lock);
	if (srv->draining) {
		pthread_mutex_unlock(&srv->queue_lock);
		return 0;
	}
	/* Suspended before a handler can see it: it may resume at once. */
	MHD_suspend_connection(conn);
	ctx->conn = conn;
	ctx->method = method;
	ctx->next = NULL;
	/* The queue is not empty only while no handler waits. */
	handler *h = srv->waiting;
	if (h) {
		srv->waiting = h->next_waiting;
		h->work = ctx;
		srv->busy++;
	} else if (srv->tail) {
		srv->tail->next = ctx;
		srv->tail = ctx;
	} else {
		srv->head = srv->tail = ctx;
	}
	pthread_mutex_unlock(&srv->queue_lock);
	if (h)
		sem_post(&h->go);
	return 1;
}

/* Lets the queue empty (every suspended connection resumed), then ends
 * the handler threads. */
static void handlers_stop(http_server *srv)
{
	pthread_mutex_lock(&srv->queue_lock);
	srv->draining = 1;
	while (srv->head || srv->busy)
		pthread_cond_wait(&srv->idle, &srv->queue_lock);
	srv->quit = 1;
	handler *h = srv->waiting;
	srv->waiting = NULL;
	pthread_mutex_unlock(&srv->queue_lock);
	/* The waiting ones wake with no work and see quit; the others see it
	 * when they next take the lock. */
	while (h) {
		handler *next = h->next_waiting;
		h->work = NULL;
		sem_post(&h->go);
		h = next;
	}
	for (int i = 0; i < srv->n_handlers; i++) {
		pthread_join(srv->handlers[i].thread, NULL);
		sem_destroy(&srv->handlers[i].go);
	}
	free(srv->handlers);
	srv->handlers = NULL;
	srv->n_handlers = 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	http_server *srv = cls;
	(void)version;
	request_ctx *ctx = *con_cls;
	if (!ctx) /* on_uri makes it; this is only a safety net */
		*con_cls = ctx = on_uri(NULL, url, conn);
	if (ctx->answered) { /* resumed: a handler thread built the answer */
		ctx->answered = 0;
		return answer(conn, method, &ctx->res);
	}
	if (!ctx->admitted) {
		ctx->admitted = 1;
		slot_stage(conn, STAGE_BODY, 0);
		build_request(conn, url, method, ctx);
		http_response res;
		http_response_init(&res);
		ctx->body_limit = 0;
		if (srv->admit(srv->app, &ctx->req, &res, &ctx->body_limit)) {
			slot_stage(conn, STAGE_ANSWER, 0);
			return answer(conn, method, &res);
		}
		http_response_free(&res);
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		if (!ctx->too_large && ctx->body.len + n <= ctx->body_limit) {
			buf_append(&ctx->body, upload, n);
			return MHD_YES;
		}
		ctx->too_large = 1;
		buf_free(&ctx->body);
		buf_init(&ctx->body);
		ctx->drained += n;
		return ctx->drained <= drain_limit(ctx->body_limit) ? MHD_YES : MHD_NO;
	}
	slot_stage(conn, STAGE_ANSWER, 0);
	http_response res;
	http_response_init(&res);
	ctx->req.body = ctx->body.data;
	ctx->req.body_len = ctx->body.len;
	ctx->req.body_too_large = ctx->too_large;
	if (srv->n_handlers && enqueue(srv, conn, method, ctx)) {
		http_response_free(&res);
		return MHD_YES;
	}
	srv->dispatch(srv->app, &ctx->req, &res);
	return answer(conn, method, &res);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)toe;
	/* The next request on this connection starts its deadlines now. */
	slot_stage(conn, STAGE_HEADERS, 1);
	request_ctx *ctx = *con_cls;
	if (!ctx)
		return;
	http_pairs_free(ctx->req.query, ctx->req.n_query);
	http_pairs_free(ctx->req.headers, ctx->req.n_headers);
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

/* Raises the open-file limit to its hard maximum and returns how many
 * connections fit in it. */
static unsigned connection_budget(int wanted)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl))
		return (unsigned)wanted;
	if (rl.rlim_cur < rl.rlim_max) {
		struct rlimit up = {rl.rlim_max, rl.rlim_max};
		if (!setrlimit(RLIMIT_NOFILE, &up))
			rl = up;
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= (rlim_t)wanted + FD_RESERVE)
		return (unsigned)wanted;
	unsigned fit = rl.rlim_cur > 2 * FD_RESERVE ? (unsigned)(rl.rlim_cur - FD_RESERVE) : 16u;
	char have[24], want[24];
	snprintf(have, sizeof have, "%u", fit);
	snprintf(want, sizeof want, "%d", wanted);
	log_warn("the open-file limit caps connections", "max_connections", have, "wanted", want,
	         NULL);
	return fit;
}

static char *fail(const char *fmt, const char *host, int port)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, fmt, host, port);
	return buf_detach(&b);
}

http_server *http_server_start(const http_server_opts *o, http_admit_fn admit, http_dispatch_fn fn,
                               void *app, char **err)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC,
	                         .ai_socktype = SOCK_STREAM,
	                         .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
	struct addrinfo *ai = NULL;
	char portstr[16];
	snprintf(portstr, sizeof portstr, "%d", o->port);
	if (getaddrinfo(o->host, portstr, &hints, &ai) || !ai) {
		*err = fail("cannot resolve listen address %s (port %d)", o->host, o->port);
		return NULL;
	}
	http_server *srv = xcalloc(1, sizeof *srv);
	srv->admit = admit;
	srv->dispatch = fn;
	srv->app = app;
	srv->header_timeout_ms = o->header_timeout_ms;
	srv->request_timeout_ms = o->request_timeout_ms;
	pthread_mutex_init(&srv->lock, NULL);
	pthread_cond_init(&srv->wake, NULL);
	pthread_mutex_init(&srv->queue_lock, NULL);
	pthread_cond_init(&srv->idle, NULL);
	unsigned total = connection_budget(o->max_connections);
	unsigned threads = (unsigned)(o->threads > 0 ? o->threads : 1);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
	flags |= o->threads > 0 ? MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME
	                        : MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;
	if (o->threads > 0) {
		srv->handlers = xcalloc(threads, sizeof *srv->handlers);
		for (; srv->n_handlers < (int)threads; srv->n_handlers++) {
			handler *h = &srv->handlers[srv->n_handlers];
			h->srv = srv;
			sem_init(&h->go, 0, 0);
			if (pthread_create(&h->thread, NULL, handler_main, h)) {
				sem_destroy(&h->go);
				break;
			}
		}
		if (srv->n_handlers < (int)threads) {
			*err = fail("cannot start the handler threads for %s:%d", o->host, o->port);
			freeaddrinfo(ai);
			http_server_stop(srv);
			return NULL;
		}
		threads = threads < IO_THREADS ? threads : IO_THREADS;
	}
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* MHD_OPTION_THREAD_POOL_SIZE only applies to the pool mode; a pool
	 * size of 1 is the single polling thread.  The pool splits the total
	 * connection limit across its threads; the per-address count is one
	 * table shared by all of them. */
	srv->daemon = MHD_start_daemon(
	    flags, (uint16_t)o->port, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR,
	    ai->ai_addr, MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, total,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)o->max_conn_per_ip,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->idle_timeout_s,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY, MHD_OPTION_LISTEN_BACKLOG_SIZE,
	    1024u, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, srv, MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_END);
	freeaddrinfo(ai);
	if (!srv->daemon) {
		*err = fail("cannot listen on %s:%d (in use, or not permitted)", o->host, o->port);
		http_server_stop(srv);
		return NULL;
	}
	if (pthread_create(&srv->reaper, NULL, reaper_main, srv)) {
		*err = fail("cannot start the deadline thread for %s:%d", o->host, o->port);
		http_server_stop(srv);
		return NULL;
	}
	srv->reaper_started = 1;
	const union MHD_DaemonInfo *di =
	    MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : o->port;
	return srv;
}

int http_server_port(const http_server *s)
{
	return s->port;
}

unsigned long http_server_deadline_closes(const http_server *s)
{
	http_server *m = (http_server *)s;
	pthread_mutex_lock(&m->lock);
	unsigned long n = m->deadline_closes;
	pthread_mutex_unlock(&m->lock);
	return n;
}

void http_server_stop(http_server *s)
{
	if (!s)
		return;
	if (s->reaper_started) {
		pthread_mutex_lock(&s->lock);
		s->stopping = 1;
		pthread_cond_signal(&s->wake);
		pthread_mutex_unlock(&s->lock);
		pthread_join(s->reaper, NULL);
	}
	handlers_stop(s);
	if (s->daemon)
		MHD_stop_daemon(s->daemon);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->queue_lock);
	pthread_cond_destroy(&s->idle);
	free(s);
}
