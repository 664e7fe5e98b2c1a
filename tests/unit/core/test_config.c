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

static const struct {
	const char *name, *value;
} bad_env[] = {
    {"PARLEY_LISTEN", "8080"},    {"PARLEY_LISTEN", "host:99999"}, {"PARLEY_LISTEN", "host:"},
    {"PARLEY_LOG_LEVEL", "loud"}, {"PARLEY_THREADS", "0"},         {"PARLEY_THREADS", "12abc"},
    {"PARLEY_POOL_SIZE", "1000"}, {"PARLEY_MAX_BODY", "10"},       {"PARLEY_WORKER", "maybe"},
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

static Suite *suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, from_env);
	tcase_add_test(tc, parley_url_wins);
	tcase_add_loop_test(tc, rejects_bad_env, 0, sizeof bad_env / sizeof *bad_env);
	tcase_add_test(tc, flags_override);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
