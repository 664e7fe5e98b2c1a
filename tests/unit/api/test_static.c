/* static: the dashboard directory serves its regular files only — a
 * symbolic link planted in it (to a file outside, or even inside) or a
 * special file answers nothing, so the dispatcher says 404. */
#include "api/api.h"
#include "check_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[256];
static config cfg;
static app the_app;

static void write_file(const char *rel, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	snprintf(root, sizeof root, "/tmp/parley-static-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	char p[512], q[512];
	write_file("index.html", "<p>home</p>");
	snprintf(p, sizeof p, "%s/sub", root);
	mkdir(p, 0700);
	write_file("sub/app.js", "ok()");
	/* a secret one level up from the root */
	snprintf(q, sizeof q, "%s.secret.txt", root);
	FILE *f = fopen(q, "w");
	fputs("secret", f);
	fclose(f);
	snprintf(p, sizeof p, "%s/leak.txt", root);
	ck_assert_int_eq(symlink(q, p), 0);
	snprintf(p, sizeof p, "%s/alias.html", root);
	ck_assert_int_eq(symlink("index.html", p), 0);
	snprintf(p, sizeof p, "%s/linkdir", root);
	ck_assert_int_eq(symlink("/etc", p), 0);
	snprintf(p, sizeof p, "%s/fifo.txt", root);
	ck_assert_int_eq(mkfifo(p, 0600), 0);
	snprintf(p, sizeof p, "%s/dir.css", root);
	mkdir(p, 0700);
	config_defaults(&cfg);
	free(cfg.web_dir);
	cfg.web_dir = strdup(root);
	the_app.cfg = &cfg;
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s.secret.txt'", root, root);
	ck_assert_int_eq(system(cmd), 0);
	config_free(&cfg);
}

static int serve(const char *path, http_response *res)
{
	http_request req;
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.path = path;
	http_response_init(res);
	return api_serve_static(&the_app, &req, res);
}

START_TEST(regular_files_are_served)
{
	http_response res;
	ck_assert_int_eq(serve("/", &res), 1);
	ck_assert_str_eq(res.body.data, "<p>home</p>");
	http_response_free(&res);
	ck_assert_int_eq(serve("/sub/app.js", &res), 1);
	ck_assert_str_eq(res.body.data, "ok()");
	http_response_free(&res);
}
END_TEST

START_TEST(links_and_special_files_are_not)
{
	const char *refused[] = {"/leak.txt", "/alias.html", "/linkdir/hostname.txt",
	                         "/fifo.txt", "/dir.css",    "/missing.js"};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		http_response res;
		ck_assert_msg(serve(refused[i], &res) == 0, "%s was served", refused[i]);
		ck_assert_ptr_null(strstr(res.body.data, "secret"));
		http_response_free(&res);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("static");
	TCase *tc = tcase_create("static");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, regular_files_are_served);
	tcase_add_test(tc, links_and_special_files_are_not);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
