/*
 * metrics — see metrics.h.  Series are created on first use under a mutex
 * and never removed (routes × statuses is a small, bounded set); updates
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
#define MAX_SERIES 256

typedef struct series {
	char method[8];
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

void metrics_observe(metrics *m, const char *method, const char *route, int status, double seconds)
{
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

void metrics_render(metrics *m, buf *out)
{
	int n = atomic_load(&m->n);
	buf_puts(out, "# HELP parley_http_requests_total HTTP requests by route and status.\n"
	              "# TYPE parley_http_requests_total counter\n");
	for (int i = 0; i < n; i++) {
		series *s = &m->all[i];
		buf_printf(out,
		           "parley_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} "
		           "%llu\n",
		           s->method, s->route, s->status, atomic_load(&s->count));
	}
	buf_puts(out, "# HELP parley_http_request_duration_seconds Request latency.\n"
	              "# TYPE parley_http_request_duration_seconds histogram\n");
	for (int i = 0; i < n; i++) {
		series *s = &m->all[i];
		const char *fmt = "parley_http_request_duration_seconds_bucket{method=\"%s\","
		                  "route=\"%s\",status=\"%d\",le=\"%g\"} %llu\n";
		for (size_t b = 0; b < N_BOUNDS; b++)
			buf_printf(out, fmt, s->method, s->route, s->status, bounds[b],
			           atomic_load(&s->buckets[b]));
		buf_printf(out,
		           "parley_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\","
		           "status=\"%d\",le=\"+Inf\"} %llu\n",
		           s->method, s->route, s->status, atomic_load(&s->count));
		buf_printf(out,
		           "parley_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\","
		           "status=\"%d\"} %.6f\n",
		           s->method, s->route, s->status, (double)atomic_load(&s->sum_us) / 1e6);
		buf_printf(out,
		           "parley_http_request_duration_seconds_count{method=\"%s\",route=\"%s\","
		           "status=\"%d\"} %llu\n",
		           s->method, s->route, s->status, atomic_load(&s->count));
	}
}
