/*
 * metrics — request counts and latency histograms by route and status,
 * kept in memory with atomics, rendered in the Prometheus text format at
 * /metrics together with gauges read from the database (queue depth,
 * fetch failures by source, extracted totals) and the pool's statistics.
 */
#ifndef PARLEY_API_METRICS_H
#define PARLEY_API_METRICS_H

#include "core/buf.h"

typedef struct metrics metrics;

metrics *metrics_new(void);
void metrics_free(metrics *m);
/* route is the matched pattern (or "unmatched"); seconds the latency.  The
 * method is recorded as metrics_method_label(method). */
void metrics_observe(metrics *m, const char *method, const char *route, int status, double seconds);
/* The label for a request method: a standard method's name, else "OTHER". */
const char *metrics_method_label(const char *method);
void metrics_render(metrics *m, buf *out);

#endif
