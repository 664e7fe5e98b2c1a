/* config: environment and flags, table-driven. */
#include "check_main.h"
#include "core/config.h"
#include "core/log.h"

#include <string.h>

typedef struct env_table {
	const char *const *pairs; /* name, value, name, value, …, NULL */
} env_table;

static const char *lookup(const char *name, void *ctx)
{
	const env_table *t = ctx;
	for (const char *const *p = t->pairs; *p; p += 2)
		if (!strcmp(p[0], name))
			return p[1];
	return NULL;
}

START_TEST(defaults)
{
	config c;
	config_defaults(&c);
	ck_assert_str_eq(c.listen_host, "127.0.0.1");
	ck_assert_int_eq(c.listen_port, 8080);
	ck_assert_str_eq(c.data_dir, "./var");
	ck_assert_ptr_null(c.database_url);
	ck_assert_ptr_null(c.api_key);
	ck_assert_int_eq(c.run_worker, 1);
	ck_assert_str_eq(c.models_dir, PARLEY_SOURCE_DIR "/service/models");
	config_free(&c);
}
END_TEST

START_TEST(from_env)
{
	const char *pairs[] = {"DATABASE_URL",
	                       "postgres://fallback",
	                       "PARLEY_LISTEN",
	                       "0.0.0.0:9090",
	                       "PARLEY_API_KEY",
	                       "s3cret",
	                       "PARLEY_LOG_LEVEL",
	                       "debug",
	                       "PARLEY_THREADS",
	                       "16",
	                       "PARLEY_MODELS_DIR",
	                       "/opt/parley/models",
	                       NULL};
	env_table t = {pairs};
	config c;
	config_defaults(&c);
	char *err = NULL;
	ck_assert_int_eq(config_from_env(&c, lookup, &t, &err), 0);
	ck_assert_str_eq(c.database_url, "postgres://fallback");
	ck_assert_str_eq(c.listen_host, "0.0.0.0");
	ck_assert_int_eq(c.listen_port, 9090);
	ck_assert_str_eq(c.api_key, "s3cret");
	ck_assert_int_eq(c.log_level, LOG_DEBUG);
	ck_assert_int_eq(c.threads, 16);
	ck_assert_str_eq(c.models_dir, "/opt/parley/models");
	config_free(&c);
}
END_TEST

START_TEST(parley_url_wins)
{
	const char *pairs[] = {"DATABASE_URL", "postgres://fallback", "PARLEY_DATABASE_URL",
	                       "postgres://mine", NULL};
	env_table t = {pairs};
	config c;
	config_defaults(&c);
	char *err = NULL;
	ck_assert_int_eq(config_from_env(&c, lookup, &t, &err), 0);
	ck_assert_str_eq(c.database_url, "postgres://mine");
	config_free(&c);
}
END_TEST

START_TEST(embedded_pg_settings)
{
	const char *pairs[] = {"PARLEY_PG_BINDIR", "/opt/pg/bin", "PARLEY_PG_USER", "pgowner",
	                       NULL};
	env_table t = {pairs};
	config c;
	config_defaults(&c);
	ck_assert_ptr_null(c.pg_bindir); /* found at start: pg_config, /usr/lib/postgresql */
	ck_assert_ptr_null(c.pg_user);
	char *err = NULL;
	ck_assert_int_eq(config_from_env(&c, lookup, &t, &err), 0);
	ck_assert_str_eq(c.pg_bindir, "/opt/pg/bin");
	ck_assert_str_eq(c.pg_user, "pgowner");
	config_free(&c);
}
END_TEST

static const struct {
	const char *name, *value;
} bad_env[] = {
    {"PARLEY_LISTEN", "8080"},
    {"PARLEY_LISTEN", "host:99999"},
    {"PARLEY_LISTEN", "host:"},
    {"PARLEY_LOG_LEVEL", "loud"},
    {"PARLEY_THREADS", "0"},
    {"PARLEY_THREADS", "12abc"},
    {"PARLEY_POOL_SIZE", "1000"},
    {"PARLEY_MAX_BODY", "10"},
    {"PARLEY_WORKER", "maybe"},
    /* the worker's settings: refused like the others, not silently defaulted */
    {"PARLEY_LEASE_SECONDS", "0"},
    {"PARLEY_FETCH_TIMEOUT", "9999"},
    {"PARLEY_FETCH_MAX_BYTES", "12MB"},
    {"PARLEY_WORKER_POLL_MS", "1"},
    {"PARLEY_WORKER_THREADS", "65"},
    {"PARLEY_HOST_INTERVAL_MS", "-1"},
};

START_TEST(rejects_bad_env)
{
	const char *pairs[] = {bad_env[_i].name, bad_env[_i].value, NULL};
	env_table t = {pairs};
	config c;
	config_defaults(&c);
	char *err = NULL;
	ck_assert_int_eq(config_from_env(&c, lookup, &t, &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_ptr_nonnull(strstr(err, bad_env[_i].name));
	free(err);
	config_free(&c);
}
END_TEST

START_TEST(flags_override)
{
	config c;
	config_defaults(&c);
	char *err = NULL;
	char *a1[] = {"--listen", "[::1]:7000"};
	ck_assert_int_eq(config_apply_flag(&c, 2, a1, &err), 2);
	ck_assert_str_eq(c.listen_host, "::1");
	ck_assert_int_eq(c.listen_port, 7000);
	char *a2[] = {"--api-key=abc"};
	ck_assert_int_eq(config_apply_flag(&c, 1, a2, &err), 1);
	ck_assert_str_eq(c.api_key, "abc");
	char *a3[] = {"--skip-migrate"};
	ck_assert_int_eq(config_apply_flag(&c, 1, a3, &err), 1);
	ck_assert_int_eq(c.skip_migrate, 1);
	char *a4[] = {"--worker=0"};
	ck_assert_int_eq(config_apply_flag(&c, 1, a4, &err), 1);
	ck_assert_int_eq(c.run_worker, 0);
	char *a5[] = {"positional"};
	ck_assert_int_eq(config_apply_flag(&c, 1, a5, &err), 0);
	char *a6[] = {"--threads"};
	ck_assert_int_eq(config_apply_flag(&c, 1, a6, &err), -1);
	free(err);
	config_free(&c);
}
END_TEST

START_TEST(connection_limits)
{
	config c;
	config_defaults(&c);
	ck_assert_int_eq(c.max_conn_per_ip, 128);
	ck_assert_int_eq(c.header_timeout_ms, 10000);
	ck_assert_ptr_null(c.allowed_hosts);
	const char *pairs[] = {"PARLEY_MAX_CONN_PER_IP",
	                       "0",
	                       "PARLEY_MAX_CONNECTIONS",
	                       "500",
	                       "PARLEY_HEADER_TIMEOUT_MS",
	                       "750",
	                       "PARLEY_REQUEST_TIMEOUT_MS",
	                       "9000",
	                       "PARLEY_ALLOWED_HOSTS",
	                       "news.example",
	                       NULL};
	env_table t = {pairs};
	char *err = NULL;
	ck_assert_int_eq(config_from_env(&c, lookup, &t, &err), 0);
	ck_assert_int_eq(c.max_conn_per_ip, 0);
	ck_assert_int_eq(c.max_connections, 500);
	ck_assert_int_eq(c.header_timeout_ms, 750);
	ck_assert_int_eq(c.request_timeout_ms, 9000);
	ck_assert_str_eq(c.allowed_hosts, "news.example");
	/* A deadline under 100 ms would cut every real client. */
	const char *bad[] = {"PARLEY_HEADER_TIMEOUT_MS", "10", NULL};
	env_table tb = {bad};
	ck_assert_int_eq(config_from_env(&c, lookup, &tb, &err), -1);
	free(err);
	config_free(&c);
}
END_TEST

START_TEST(worker_settings)
{
	config c;
	config_defaults(&c);
	ck_assert_int_eq(c.fetch_timeout_s, 30);
	ck_assert_int_eq(c.worker_threads, 1);
	ck_assert_uint_eq(c.fetch_max_bytes, 10u << 20);
	const char *pairs[] = {"PARLEY_WORKER_THREADS",
	                       "4",
	                       "PARLEY_FETCH_MAX_BYTES",
	                       "2048",
	                       "PARLEY_DEMO_DIR",
	                       "/srv/demo",
	                       NULL};
	env_table t = {pairs};
	char *err = NULL;
	ck_assert_int_eq(config_from_env(&c, lookup, &t, &err), 0);
	ck_assert_int_eq(c.worker_threads, 4);
	ck_assert_uint_eq(c.fetch_max_bytes, 2048);
	ck_assert_str_eq(c.demo_dir, "/srv/demo");
	char *a[] = {"--fetch-timeout", "7"};
	ck_assert_int_eq(config_apply_flag(&c, 2, a, &err), 2);
	ck_assert_int_eq(c.fetch_timeout_s, 7);
	config_free(&c);
}
END_TEST

START_TEST(from_file)
{
	config c;
	config_defaults(&c);
	char *err = NULL;
	const char *text = "# parley.conf\n"
	                   "\n"
	                   "PARLEY_LISTEN = 0.0.0.0:9000\n"
	                   "  PARLEY_API_KEY=\"with spaces\"  \r\n"
	                   "DATABASE_URL=postgres://db/parley\n"
	                   "PARLEY_WORKER_THREADS=3";
	ck_assert_int_eq(config_from_text(&c, text, "parley.conf", &err), 0);
	ck_assert_str_eq(c.listen_host, "0.0.0.0");
	ck_assert_int_eq(c.listen_port, 9000);
	ck_assert_str_eq(c.api_key, "with spaces");
	ck_assert_str_eq(c.database_url, "postgres://db/parley");
	ck_assert_int_eq(c.worker_threads, 3);
	/* the environment comes after the file and wins */
	const char *pairs[] = {"PARLEY_WORKER_THREADS", "5", NULL};
	env_table t = {pairs};
	ck_assert_int_eq(config_from_env(&c, lookup, &t, &err), 0);
	ck_assert_int_eq(c.worker_threads, 5);
	config_free(&c);
}
END_TEST

static const struct {
	const char *text, *want;
} bad_file[] = {
    {"PARLEY_LISTNE=1.2.3.4:80\n", "x.conf:1: unknown setting PARLEY_LISTNE"},
    {"# ok\nPARLEY_THREADS=0\n", "x.conf:2: PARLEY_THREADS: invalid value '0'"},
    {"\n\nno equals sign\n", "x.conf:3: expected KEY=value"},
};

START_TEST(rejects_bad_file)
{
	config c;
	config_defaults(&c);
	char *err = NULL;
	ck_assert_int_eq(config_from_text(&c, bad_file[_i].text, "x.conf", &err), -1);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(!strncmp(err, bad_file[_i].want, strlen(bad_file[_i].want)), "%s", err);
	free(err);
	config_free(&c);
}
END_TEST

/* Every setting of the table is explained in the help text, under its
 * environment name and its flag. */
START_TEST(help_names_every_setting)
{
	for (size_t i = 0; config_setting(i, NULL, NULL); i++) {
		const char *env, *flag;
		config_setting(i, &env, &flag);
		ck_assert_msg(strstr(config_flags_help, env), "%s is not in the help", env);
		ck_assert_msg(strstr(config_flags_help, flag), "%s is not in the help", flag);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, from_env);
	tcase_add_test(tc, parley_url_wins);
	tcase_add_test(tc, connection_limits);
	tcase_add_test(tc, embedded_pg_settings);
	tcase_add_loop_test(tc, rejects_bad_env, 0, sizeof bad_env / sizeof *bad_env);
	tcase_add_test(tc, flags_override);
	tcase_add_test(tc, worker_settings);
	tcase_add_test(tc, from_file);
	tcase_add_loop_test(tc, rejects_bad_file, 0, sizeof bad_file / sizeof *bad_file);
	tcase_add_test(tc, help_names_every_setting);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
