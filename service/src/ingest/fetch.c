/*
 * fetch — see fetch.h.
 *
 * The SSRF check sits in CURLOPT_OPENSOCKETFUNCTION: libcurl calls it with
 * the resolved address of every connection it opens (redirect targets
 * included), so neither DNS tricks nor a redirect to 127.0.0.1 get past it.
 * Proxies are disabled outright: through a proxy the connected address is
 * the proxy's and the policy would check the wrong host.
 */
#include "ingest/fetch.h"

#include "core/buf.h"
#include "ingest/robots.h"
#include "ingest/ssrf.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define MAX_REDIRECTS 5L
#define HEADER_VALUE_MAX 512

#define ROBOTS_TTL_S (24 * 3600)     /* RFC 9309: a cached copy for up to a day */
#define ROBOTS_RETRY_TTL_S (10 * 60) /* an unreachable robots.txt: ask again soon */

struct fetcher {
	CURL *curl;
	ingest_settings s;
	ratelimit *rl;
	const atomic_int *stop;
};

/* Per-transfer state handed to the callbacks. */
typedef struct transfer {
	fetcher *f;
	int allow_local;
	buf body;
	int too_large;
	char refused[160]; /* the SSRF refusal, for the error message */
	char etag[HEADER_VALUE_MAX];
	char last_modified[HEADER_VALUE_MAX];
} transfer;

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

fetcher *fetcher_new(const ingest_settings *s, ratelimit *rl, const atomic_int *stop)
{
	pthread_once(&curl_once, curl_init_once);
	fetcher *f = xcalloc(1, sizeof *f);
	f->curl = curl_easy_init();
	f->s = *s;
	f->rl = rl;
	f->stop = stop;
	return f;
}

void fetcher_free(fetcher *f)
{
	if (!f)
		return;
	curl_easy_cleanup(f->curl);
	free(f);
}

void fetch_result_free(fetch_result *r)
{
	free(r->body);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r->final_url);
	free(r->error);
	memset(r, 0, sizeof *r);
}

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	transfer *t = ud;
	size_t len = size * n;
	if (t->body.len + len > t->f->s.max_bytes) {
		t->too_large = 1;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	buf_append(&t->body, data, len);
	return len;
}

/* Copies a header's value when line is "name: value". */
static void header_value(const char *line, size_t len, const char *name, char *out)
{
	size_t nl = strlen(name);
	if (len <= nl + 1 || strncasecmp(line, name, nl) || line[nl] != ':')
		return;
	const char *v = line + nl + 1, *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	size_t n = (size_t)(end - v);
	if (n >= HEADER_VALUE_MAX)
		return; /* an absurd validator is not worth storing */
	memcpy(out, v, n);
	out[n] = '\0';
}

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
	transfer *t = ud;
	size_t len = size * n;
	/* Each response of a redirect chain starts with a status line: only
	 * the last response's validators count. */
	if (len > 5 && !strncmp(data, "HTTP/", 5)) {
		t->etag[0] = '\0';
		t->last_modified[0] = '\0';
	}
	header_value(data, len, "ETag", t->etag);
	header_value(data, len, "Last-Modified", t->last_modified);
	return len;
}

static curl_socket_t on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
	transfer *t = ud;
	if (!ssrf_allowed(&a->addr, t->allow_local)) {
		char ip[INET6_ADDRSTRLEN] = "?";
		if (a->family == AF_INET)
			inet_ntop(AF_INET, &((struct sockaddr_in *)&a->addr)->sin_addr, ip,
			          sizeof ip);
		else if (a->family == AF_INET6)
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&a->addr)->sin6_addr, ip,
			          sizeof ip);
		snprintf(t->refused, sizeof t->refused, "refused to connect to %s (%s address)", ip,
		         ssrf_class_name(ssrf_classify(&a->addr)));
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	transfer *t = ud;
	return t->f->stop && atomic_load(t->f->stop);
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for the host's slot in short steps, so shutdown is not delayed;
 * delay_ms is the site's Crawl-delay (0: none). */
static int wait_for_host(fetcher *f, const char *url, int delay_ms)
{
	CURLU *u = curl_url();
	char *host = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	int64_t wait = host ? ratelimit_reserve_every(f->rl, host, now_ms(), delay_ms) : 0;
	curl_free(host);
	curl_url_cleanup(u);
	int64_t until = now_ms() + wait;
	while (now_ms() < until) {
		if (f->stop && atomic_load(f->stop))
			return -1;
		int64_t left = until - now_ms();
		struct timespec ts = {0, (left > 100 ? 100 : left) * 1000000L};
		nanosleep(&ts, NULL);
	}
	return 0;
}

static void fail(fetch_result *out, int transient, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(fetch_result *out, int transient, const char *fmt, ...)
{
	buf b;
	buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(out->error);
	out->error = buf_detach(&b);
	out->transient = transient;
}

static void configure(fetcher *f, const fetch_request *rq, transfer *t, struct curl_slist *hdr)
{
	CURL *c = f->curl;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, rq->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
	                 rq->allow_local ? "http,https,file" : "http,https");
	/* Never follow a redirect into file://, even when local reads are on. */
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, MAX_REDIRECTS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)f->s.connect_timeout_s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)f->s.timeout_s);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->s.max_bytes);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, f->s.user_agent);
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, t);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, t);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
}

static int transient_status(long s)
{
	return s >= 500 || s == 408 || s == 429;
}

static int get(fetcher *f, const fetch_request *rq, fetch_result *out, int check_robots);

/* The URL's site ("scheme://host:port") and path with query, for http(s)
 * URLs; 0 for others (file://), which have no robots.txt. */
static int site_of(const char *url, char *site, size_t site_size, char **path)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	int ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	         curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	         (!strcasecmp(scheme, "http") || !strcasecmp(scheme, "https")) &&
	         curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	         curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK;
	if (ok) {
		snprintf(site, site_size, "%s://%s:%s", scheme, host, port);
		char *p = NULL, *q = NULL;
		curl_url_get(u, CURLUPART_PATH, &p, 0);
		curl_url_get(u, CURLUPART_QUERY, &q, 0);
		buf b;
		buf_init(&b);
		buf_printf(&b, "%s%s%s", p ? p : "/", q ? "?" : "", q ? q : "");
		*path = buf_detach(&b);
		curl_free(p);
		curl_free(q);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return ok;
}

/* May rq->url be fetched by the site's robots.txt (fetched and cached on
 * first use)?  0 yes, with *delay_ms its Crawl-delay; -1 no, out->error
 * set (transient when robots.txt could not be read). */
static int robots_permit(fetcher *f, const fetch_request *rq, int *delay_ms, fetch_result *out)
{
	*delay_ms = 0;
	char site[512], *path = NULL;
	if (!f->s.robots || !site_of(rq->url, site, sizeof site, &path))
		return 0;
	int allowed = 1;
	int64_t now = now_ms() / 1000;
	if (!robots_cache_get(site, path, now, &allowed, delay_ms)) {
		char url[600];
		snprintf(url, sizeof url, "%s/robots.txt", site);
		fetch_request rr = {url, NULL, NULL, rq->allow_local};
		fetch_result res;
		get(f, &rr, &res, 0);
		char token[64];
		robots_token(f->s.user_agent, token, sizeof token);
		robots *r;
		if (res.aborted) {
			*out = res;
			free(path);
			return -1;
		}
		/* 4xx: there is none; a refusal of ours (the SSRF policy, a bad
		 * URL) is the page's own error too, reported by its fetch */
		int absent = (res.status >= 400 && res.status <= 499) ||
		             (!res.status && res.error && !res.transient);
		int unreachable = !absent && !(res.status >= 200 && res.status <= 299);
		if (absent)
			r = robots_all(1);
		else if (unreachable)
			r = robots_unreachable(); /* RFC 9309: then nothing is allowed */
		else
			r = robots_parse(res.body ? res.body : "", res.len, token);
		allowed = unreachable ? -1 : robots_allowed(r, path);
		*delay_ms = robots_delay_ms(r);
		robots_cache_put(site, r, now,
		                 unreachable || !res.status ? ROBOTS_RETRY_TTL_S : ROBOTS_TTL_S);
		fetch_result_free(&res);
	}
	free(path);
	if (allowed > 0)
		return 0;
	if (allowed < 0)
		fail(out, 1, "robots.txt of %s could not be read; not fetching until it can", site);
	else
		fail(out, 0, "disallowed by robots.txt (%s)", site);
	return -1;
}

int fetch_get(fetcher *f, const fetch_request *rq, fetch_result *out)
{
	return get(f, rq, out, 1);
}

static int get(fetcher *f, const fetch_request *rq, fetch_result *out, int check_robots)
{
	memset(out, 0, sizeof *out);
	int delay_ms = 0;
	if (check_robots && robots_permit(f, rq, &delay_ms, out))
		return -1;
	transfer t = {.f = f, .allow_local = rq->allow_local};
	buf_init(&t.body);
	if (wait_for_host(f, rq->url, delay_ms)) {
		out->aborted = 1;
		fail(out, 1, "shutting down");
		buf_free(&t.body);
		return -1;
	}
	struct curl_slist *hdr =
	    curl_slist_append(NULL, "Accept: application/rss+xml, "
	                            "application/atom+xml, application/xml;q=0.9, "
	                            "text/html;q=0.9, text/plain;q=0.5, */*;q=0.1");
	char line[HEADER_VALUE_MAX + 32];
	if (rq->etag && *rq->etag && strlen(rq->etag) < HEADER_VALUE_MAX) {
		snprintf(line, sizeof line, "If-None-Match: %s", rq->etag);
		hdr = curl_slist_append(hdr, line);
	}
	if (rq->last_modified && *rq->last_modified &&
	    strlen(rq->last_modified) < HEADER_VALUE_MAX) {
		snprintf(line, sizeof line, "If-Modified-Since: %s", rq->last_modified);
		hdr = curl_slist_append(hdr, line);
	}
	configure(f, rq, &t, hdr);
	CURLcode rc = curl_easy_perform(f->curl);
	curl_slist_free_all(hdr);

	long status = 0;
	char *ctype = NULL, *final = NULL, *scheme = NULL;
	curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(f->curl, CURLINFO_CONTENT_TYPE, &ctype);
	curl_easy_getinfo(f->curl, CURLINFO_EFFECTIVE_URL, &final);
	curl_easy_getinfo(f->curl, CURLINFO_SCHEME, &scheme);
	int is_file = scheme && !strcasecmp(scheme, "file");
	out->status = is_file && rc == CURLE_OK ? 200 : status;
	out->content_type = ctype ? xstrdup(ctype) : NULL;
	out->final_url = xstrdup(final ? final : rq->url);
	out->etag = t.etag[0] ? xstrdup(t.etag) : NULL;
	out->last_modified = t.last_modified[0] ? xstrdup(t.last_modified) : NULL;

	if (rc != CURLE_OK) {
		if (t.too_large || rc == CURLE_FILESIZE_EXCEEDED)
			fail(out, 0, "body larger than %zu bytes", f->s.max_bytes);
		else if (t.refused[0])
			fail(out, 0, "%s", t.refused);
		else if (rc == CURLE_ABORTED_BY_CALLBACK)
			out->aborted = 1, fail(out, 1, "shutting down");
		else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
			fail(out, 0, "unsupported URL scheme (only http and https are fetched)");
		else if (rc == CURLE_TOO_MANY_REDIRECTS)
			fail(out, 0, "too many redirects (more than %ld)", MAX_REDIRECTS);
		else if (rc == CURLE_OPERATION_TIMEDOUT)
			fail(out, 1, "timed out after %d s", f->s.timeout_s);
		else
			fail(out, rc != CURLE_URL_MALFORMAT && rc != CURLE_FILE_COULDNT_READ_FILE,
			     "%s", curl_easy_strerror(rc));
		buf_free(&t.body);
		return -1;
	}
	if (status == 304 && (rq->etag || rq->last_modified)) {
		out->not_modified = 1;
		buf_free(&t.body);
		return 0;
	}
	if (!is_file && (status < 200 || status > 299)) {
		fail(out, transient_status(status), "HTTP %ld", status);
		buf_free(&t.body);
		return -1;
	}
	out->len = t.body.len;
	buf_putc(&t.body, '\0');
	out->body = buf_detach(&t.body);
	return 0;
}
