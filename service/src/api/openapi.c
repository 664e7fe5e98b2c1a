/*
 * openapi — serves api-spec/openapi.yaml, read once at first request; the
 * YAML file is the single source of truth for the API's contract.
 */
#include "api/api.h"

#include "core/file.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char *spec;
static size_t spec_len;
static const char *spec_dir;

static void load_spec(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/openapi.yaml", spec_dir);
	spec = file_read(path, FILE_NO_LIMIT, &spec_len, NULL);
}

void h_openapi(void *ctx, const http_request *req, http_response *res)
{
	const app *a = ctx;
	spec_dir = a->cfg->api_spec_dir;
	pthread_once(&once, load_spec);
	if (!spec) {
		api_error(res, 404, "not_found", "the API description is not installed", NULL);
		return;
	}
	res->status = 200;
	buf_append(&res->body, spec, spec_len);
	http_set_header(res, "Content-Type", "application/yaml; charset=utf-8");
}
