/*
 * client — a tiny libcurl client for the end-to-end suites: every request
 * goes over loopback to the parley the harness started (PARLEY_TEST_URL),
 * and answers come back parsed with jansson.
 */
#ifndef PARLEY_TEST_CLIENT_H
#define PARLEY_TEST_CLIENT_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reply {
	long status;
	char *body;
	size_t len;
	char headers[4096];
	json_t *json; /* NULL when the body is not JSON */
} reply;

static inline size_t client_collect(char *p, size_t sz, size_t n, void *ud)
{
	reply *r = ud;
	size_t add = sz * n;
	r->body = realloc(r->body, r->len + add + 1);
	memcpy(r->body + r->len, p, add);
	r->len += add;
	r->body[r->len] = '\0';
	return add;
}

static inline size_t client_header(char *p, size_t sz, size_t n, void *ud)
{
	reply *r = ud;
	size_t used = strlen(r->headers), add = sz * n;
	if (used + add < sizeof r->headers) {
		memcpy(r->headers + used, p, add);
		r->headers[used + add] = '\0';
	}
	return add;
}

static inline const char *client_base(void)
{
	const char *u = getenv("PARLEY_TEST_URL");
	return u ? u : "http://127.0.0.1:8080";
}

/* Sends one request; extra_headers is a NULL-terminated list or NULL. */
static inline reply client_send(const char *method, const char *path, const char *body,
                                size_t body_len, const char *const *extra_headers)
{
	reply r;
	memset(&r, 0, sizeof r);
	CURL *c = curl_easy_init();
	size_t url_len = strlen(client_base()) + strlen(path) + 1;
	char *url = malloc(url_len);
	snprintf(url, url_len, "%s%s", client_base(), path);
	struct curl_slist *h = NULL;
	for (const char *const *e = extra_headers; e && *e; e++)
		h = curl_slist_append(h, *e);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, client_collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, client_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(url);
	if (r.body)
		r.json = json_loadb(r.body, r.len, 0, NULL);
	return r;
}

static inline reply client_get(const char *path)
{
	return client_send("GET", path, NULL, 0, NULL);
}

static inline const char *client_key_header(void)
{
	static char h[512];
	const char *k = getenv("PARLEY_TEST_KEY");
	snprintf(h, sizeof h, "Authorization: Bearer %s", k ? k : "");
	return h;
}

/* POST JSON with the right key. */
static inline reply client_post_json(const char *path, const char *json)
{
	const char *hs[] = {"Content-Type: application/json", client_key_header(), NULL};
	return client_send("POST", path, json, strlen(json), hs);
}

static inline void reply_free(reply *r)
{
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

static inline const char *error_code(const reply *r)
{
	return json_string_value(json_object_get(json_object_get(r->json, "error"), "code"));
}

static inline int has_header(const reply *r, const char *needle)
{
	return strcasestr(r->headers, needle) != NULL;
}

#endif
