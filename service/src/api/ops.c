/*
 * ops — GET /metrics in the Prometheus text format: what the dispatcher
 * measured, the pool's statistics, and gauges read from the database.
 */
#include "api/api.h"
#include "api/metrics.h"
#include "db/stats.h"

void h_metrics(void *ctx, const http_request *req, http_response *res)
{
	app *a = ctx;
	if (api_check_params(req, NULL, res))
		return;
	buf *b = &res->body;
	buf_reset(b);
	metrics_render(a->metrics, b);
	db_pool_stats ps;
	db_pool_get_stats(a->pool, &ps);
	buf_printf(
	    b,
	    "# TYPE parley_db_pool_size gauge\nparley_db_pool_size %d\n"
	    "# TYPE parley_db_pool_in_use gauge\nparley_db_pool_in_use %d\n"
	    "# TYPE parley_db_pool_acquires_total counter\nparley_db_pool_acquires_total %llu\n"
	    "# TYPE parley_db_pool_wait_seconds_total counter\n"
	    "parley_db_pool_wait_seconds_total %.6f\n"
	    "# TYPE parley_db_pool_timeouts_total counter\nparley_db_pool_timeouts_total %llu\n"
	    "# TYPE parley_db_reconnects_total counter\nparley_db_reconnects_total %llu\n",
	    ps.size, ps.in_use, (unsigned long long)ps.acquires, (double)ps.wait_ns_total / 1e9,
	    (unsigned long long)ps.timeouts, (unsigned long long)ps.reconnects);
	buf_printf(b, "# TYPE parley_up gauge\nparley_up 1\n");
	db_conn *c = db_acquire(a->pool, 1000);
	int db_up = 0;
	if (c) {
		db_up = db_metrics_gauges(c, b) == DB_OK;
		db_release(a->pool, c);
	}
	buf_printf(b, "# TYPE parley_database_up gauge\nparley_database_up %d\n", db_up);
	res->status = 200;
	http_set_header(res, "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
}
