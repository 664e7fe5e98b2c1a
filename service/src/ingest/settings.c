/*
 * settings — see settings.h.  Only the derived values are decided here.
 */
#include "ingest/settings.h"

#include <stdio.h>

void ingest_settings_from_config(ingest_settings *s, const config *c)
{
	s->timeout_s = c->fetch_timeout_s;
	/* A lease must outlive a whole fetch, or a slow job would be taken
	 * over while it is still running. */
	s->lease_s =
	    c->lease_s ? c->lease_s : (c->fetch_timeout_s + 5 > 120 ? c->fetch_timeout_s + 5 : 120);
	s->connect_timeout_s = c->connect_timeout_s;
	s->max_bytes = c->fetch_max_bytes;
	s->host_interval_ms = c->host_interval_ms;
	s->max_attempts = c->max_attempts;
	s->retry_base_s = c->retry_base_s;
	s->retry_cap_s = 6 * 3600;
	s->poll_ms = c->worker_poll_ms;
	s->threads = c->worker_threads;
	s->allow_local = c->allow_local_fetch;
	s->robots = c->robots;
	/* "Parley/0.2.0 (+https://example.org/about-our-crawler)" */
	snprintf(s->user_agent, sizeof s->user_agent, "%s%s%s%s",
	         c->user_agent ? c->user_agent : "Parley/" PARLEY_VERSION,
	         c->contact_url ? " (+" : "", c->contact_url ? c->contact_url : "",
	         c->contact_url ? ")" : "");
	for (char *p = s->user_agent; *p; p++) /* a header value: no line breaks */
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
}
