/*
 * health — asks a running parley's /readyz (for container healthchecks,
 * where no curl is installed).  Exit 0 when ready.
 */
#include "cli/commands.h"
#include "cli/runtime.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

const char usage_health[] =
    "usage: parley health [FLAGS]\n\n"
    "Asks the parley listening on PARLEY_LISTEN whether it is ready (database\n"
    "reachable).  Exit status 0 when ready, 1 otherwise.\n";

static size_t discard(char *p, size_t sz, size_t n, void *ud)
{
	return sz * n;
}

int cmd_health(int argc, char **argv)
{
	runtime rt;
	int rc = runtime_configure(&rt, argc, argv, usage_health, NULL, NULL);
	if (rc)
		return rc;
	const char *host = rt.cfg.listen_host;
	/* A wildcard listen address is reached on loopback. */
	if (!strcmp(host, "0.0.0.0") || !*host)
		host = "127.0.0.1";
	else if (!strcmp(host, "::"))
		host = "::1";
	char url[512];
	snprintf(url, sizeof url,
	         strchr(host, ':') ? "http://[%s]:%d/readyz" : "http://%s:%d/readyz", host,
	         rt.cfg.listen_port);
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 3L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	long status = 0;
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	runtime_close(&rt);
	printf("%s %ld\n", url, status);
	return status == 200 ? 0 : 1;
}
