/*
 * metrics — see metrics.h.  Series are created on first use under a mutex
 * and never removed (known methods × routes × statuses is a small, bounded
 * set: nothing a client sends picks a label value freely); updates
 * are lock-free atomics so the hot path takes no lock.
 */
#include "api/metrics.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double bounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
#define N_BOUNDS (sizeof bounds / sizeof *bounds)
#define MAX_SERIES 512

typedef struct series {
	char method[8]; /* one of metrics_method_label's */
	char route[64];
	int status;
	atomic_ullong count;
	atomic_ullong buckets[N_BOUNDS];
	atomic_ullong sum_us;
} series;

struct metrics {
	pthread_mutex_t lock;
	series all[MAX_SERIES];
	atomic_int n;
};

metrics *metrics_new(void)
{
	metrics *m = xcalloc(1, sizeof *m);
	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void metrics_free(metrics *m)
{
	if (!m)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m);
}

static series *find(metrics *m, const char *method, const char *route, int status)
{
	int n = atomic_load(&m->n);
	for (int i = 0; i < n; i++) {
		series *s = &m->all[i];
		if (s->status == status && !strcmp(s->route, route) && !strcmp(s->method, method))
			return s;
	}
	return NULL;
}

const char *metrics_method_label(const char *method)
{
	static const char *const known[] = {"GET",   "HEAD",   "POST",   "PUT",
	                                    "PATCH", "DELETE", "OPTIONS"};
	for (size_t i = 0; method && i < sizeof known / sizeof *known; i++)
		if (!strcmp(method, known[i]))
			return known[i];
	return "OTHER";
}

void metrics_observe(metrics *m, const char *method, const char *route, int status, double seconds)
{
	/* Clients choose the method: only a fixed set becomes a label. */
	method = metrics_method_label(method);
	series *s = find(m, method, route, status);
	if (!s) {
		pthread_mutex_lock(&m->lock);
		s = find(m, method, route, status);
		int n = atomic_load(&m->n);
		if (!s && n < MAX_SERIES) {
			s = &m->all[n];
			snprintf(s->method, sizeof s->method, "%s", method);
			snprintf(s->route, sizeof s->route, "%s", route);
			s->status = status;
			atomic_store(&m->n, n + 1);
		}
		pthread_mutex_unlock(&m->lock);
		if (!s)
			return;
	}
	atomic_fetch_add(&s->count, 1);
	atomic_fetch_add(&s->sum_us, (unsigned long long)(seconds * 1e6));
	for (size_t i = 0; i < N_BOUNDS; i++)
		if (seconds <= bounds[i])
			atomic_fetch_add(&s->buckets[i], 1);
}

/* A label value per the exposition format: \\, \" and \n escaped. */
static void label(buf *out, const char *name, const char *value)
{
	buf_printf(out, "%s=\"", name);
	for (const char *c = value; *c; c++) {
		if (*c == '\\' || *c == '"')
			buf_putc(out, '\\');
		if (*c == '\n')
			buf_puts(out, "\\n");
		else
			buf_putc(out, *c);
	}
	buf_putc(out, '"');
}

/* "{method=…,route=…,status=…" without the closing brace. */
static void labels(buf *out, const series *s)
{
	buf_putc(out, '{');
	label(out, "method", s->method);
	buf_putc(out, ',');
	label(out, "route", s->route);
	buf_printf(out, ",status=\"%d\"", s->status);
}

void metrics_render(metrics *m, buf *out)
{
	int n = atomic_load(&m->n);
	buf_puts(out, "# HELP parley_http_requests_total HTTP requests by route and status.\n"
	              "# TYPE parley_http_requests_total counter\n");
	for (int i = 0; i < n; i++) {
		series *s = &m->all[i];
		buf_puts(out, "parley_http_requests_total");
		labels(out, s);
		buf_printf(out, "} %llu\n", atomic_load(&s->count));
	}
	buf_puts(out, "# HELP parley_http_request_duration_seconds Request latency.\n"
	              "# TYPE parley_http_request_duration_seconds histogram\n");
	for (int i = 0; i < n; i++) {
		series *s = &m->all[i];
		for (size_t b = 0; b <= N_BOUNDS; b++) {
			buf_puts(out, "parley_http_request_duration_seconds_bucket");
			labels(out, s);
			if (b < N_BOUNDS)
				buf_printf(out, ",le=\"%g\"} %llu\n", bounds[b],
				           atomic_load(&s->buckets[b]));
			else
				buf_printf(out, ",le=\"+Inf\"} %llu\n", atomic_load(&s->count));
		}
		buf_puts(out, "parley_http_request_duration_seconds_sum");
		labels(out, s);
		buf_printf(out, "} %.6f\n", (double)atomic_load(&s->sum_us) / 1e6);
		buf_puts(out, "parley_http_request_duration_seconds_count");
		labels(out, s);
		buf_printf(out, "} %llu\n", atomic_load(&s->count));
	}
}
