/*
 * test_ingest — the worker's pure parts: backoff schedule, SSRF address
 * classification, rate-limiter arithmetic, file-kind and content-type
 * classification, source validation.
 */
#include "check_main.h"
#include "ingest/backoff.h"
#include "ingest/filekind.h"
#include "ingest/ratelimit.h"
#include "ingest/source_spec.h"
#include "ingest/ssrf.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

START_TEST(backoff_doubles_and_caps)
{
	ck_assert_int_eq(backoff_delay(1, 60, 3600), 60);
	ck_assert_int_eq(backoff_delay(2, 60, 3600), 120);
	ck_assert_int_eq(backoff_delay(3, 60, 3600), 240);
	ck_assert_int_eq(backoff_delay(6, 60, 3600), 1920);
	ck_assert_int_eq(backoff_delay(7, 60, 3600), 3600);
	ck_assert_int_eq(backoff_delay(1000, 60, 3600), 3600); /* no overflow */
	ck_assert_int_eq(backoff_delay(0, 60, 3600), 60);
	ck_assert_int_eq(backoff_delay(-5, 60, 3600), 60);
	ck_assert_int_eq(backoff_delay(3, 0, 0), 1); /* bounds repaired */
	ck_assert(!backoff_exhausted(4, 5));
	ck_assert(backoff_exhausted(5, 5));
	ck_assert(backoff_exhausted(1, 0));
}
END_TEST

static ssrf_class v4(const char *ip)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	ck_assert_int_eq(inet_pton(AF_INET, ip, &a.sin_addr), 1);
	return ssrf_classify((struct sockaddr *)&a);
}

static ssrf_class v6(const char *ip)
{
	struct sockaddr_in6 a = {.sin6_family = AF_INET6};
	ck_assert_int_eq(inet_pton(AF_INET6, ip, &a.sin6_addr), 1);
	return ssrf_classify((struct sockaddr *)&a);
}

START_TEST(ssrf_classifies_v4)
{
	ck_assert_int_eq(v4("93.184.216.34"), SSRF_PUBLIC);
	ck_assert_int_eq(v4("8.8.8.8"), SSRF_PUBLIC);
	ck_assert_int_eq(v4("127.0.0.1"), SSRF_LOOPBACK);
	ck_assert_int_eq(v4("127.255.1.2"), SSRF_LOOPBACK);
	ck_assert_int_eq(v4("10.1.2.3"), SSRF_PRIVATE);
	ck_assert_int_eq(v4("172.16.0.1"), SSRF_PRIVATE);
	ck_assert_int_eq(v4("172.31.255.255"), SSRF_PRIVATE);
	ck_assert_int_eq(v4("172.32.0.1"), SSRF_PUBLIC);
	ck_assert_int_eq(v4("172.15.0.1"), SSRF_PUBLIC);
	ck_assert_int_eq(v4("192.168.1.1"), SSRF_PRIVATE);
	ck_assert_int_eq(v4("100.64.0.1"), SSRF_PRIVATE);
	ck_assert_int_eq(v4("100.127.255.255"), SSRF_PRIVATE);
	ck_assert_int_eq(v4("100.128.0.1"), SSRF_PUBLIC);
	ck_assert_int_eq(v4("169.254.169.254"), SSRF_LINK_LOCAL);
	ck_assert_int_eq(v4("0.0.0.0"), SSRF_UNSPECIFIED);
	ck_assert_int_eq(v4("224.0.0.1"), SSRF_OTHER);
	ck_assert_int_eq(v4("255.255.255.255"), SSRF_OTHER);
}
END_TEST

START_TEST(ssrf_classifies_v6)
{
	ck_assert_int_eq(v6("2606:4700::1111"), SSRF_PUBLIC);
	ck_assert_int_eq(v6("::1"), SSRF_LOOPBACK);
	ck_assert_int_eq(v6("::"), SSRF_UNSPECIFIED);
	ck_assert_int_eq(v6("fc00::1"), SSRF_PRIVATE);
	ck_assert_int_eq(v6("fd12:3456::1"), SSRF_PRIVATE);
	ck_assert_int_eq(v6("fe80::1"), SSRF_LINK_LOCAL);
	ck_assert_int_eq(v6("febf::1"), SSRF_LINK_LOCAL);
	ck_assert_int_eq(v6("ff02::1"), SSRF_OTHER);
	/* IPv4-mapped addresses are judged as the IPv4 address they carry. */
	ck_assert_int_eq(v6("::ffff:127.0.0.1"), SSRF_LOOPBACK);
	ck_assert_int_eq(v6("::ffff:10.0.0.1"), SSRF_PRIVATE);
	ck_assert_int_eq(v6("::ffff:8.8.8.8"), SSRF_PUBLIC);
}
END_TEST

START_TEST(ssrf_policy)
{
	struct sockaddr_in lo = {.sin_family = AF_INET}, pub = {.sin_family = AF_INET},
	                   mc = {.sin_family = AF_INET};
	inet_pton(AF_INET, "127.0.0.1", &lo.sin_addr);
	inet_pton(AF_INET, "1.1.1.1", &pub.sin_addr);
	inet_pton(AF_INET, "239.1.1.1", &mc.sin_addr);
	ck_assert(!ssrf_allowed((struct sockaddr *)&lo, 0));
	ck_assert(ssrf_allowed((struct sockaddr *)&lo, 1));
	ck_assert(ssrf_allowed((struct sockaddr *)&pub, 0));
	ck_assert(!ssrf_allowed((struct sockaddr *)&mc, 1));
	struct sockaddr un = {.sa_family = AF_UNIX};
	ck_assert(!ssrf_allowed(&un, 1));
	ck_assert(!ssrf_allowed(NULL, 1));
}
END_TEST

START_TEST(ratelimit_arithmetic)
{
	ck_assert_int_eq(ratelimit_next_slot(INT64_MIN, 5000, 1000), 5000);
	ck_assert_int_eq(ratelimit_next_slot(5000, 5200, 1000), 6000);
	ck_assert_int_eq(ratelimit_next_slot(5000, 7000, 1000), 7000);
	ck_assert_int_eq(ratelimit_next_slot(5000, 5200, 0), 5200);
}
END_TEST

START_TEST(ratelimit_spaces_one_host)
{
	ratelimit *r = ratelimit_new(1000, 2);
	ck_assert_int_eq(ratelimit_reserve(r, "a.example", 10000), 0);
	ck_assert_int_eq(ratelimit_reserve(r, "a.example", 10000), 1000);
	ck_assert_int_eq(ratelimit_reserve(r, "A.EXAMPLE", 10100), 1900); /* hosts fold case */
	ck_assert_int_eq(ratelimit_reserve(r, "b.example", 10100), 0);    /* other hosts go on */
	ck_assert_int_eq(ratelimit_reserve(r, "a.example", 20000), 0);    /* long idle: at once */
	/* A third host evicts the least recently used (b), which starts afresh. */
	ck_assert_int_eq(ratelimit_reserve(r, "c.example", 20000), 0);
	ck_assert_int_eq(ratelimit_reserve(r, "b.example", 20000), 0);
	ratelimit_free(r);
	ratelimit *off = ratelimit_new(0, 4);
	ck_assert_int_eq(ratelimit_reserve(off, "a.example", 1), 0);
	ck_assert_int_eq(ratelimit_reserve(off, "a.example", 1), 0);
	ratelimit_free(off);
}
END_TEST

START_TEST(file_kinds)
{
	ck_assert_int_eq(filekind_of("a/story.html"), FILE_HTML);
	ck_assert_int_eq(filekind_of("STORY.HTM"), FILE_HTML);
	ck_assert_int_eq(filekind_of("feed.xml"), FILE_FEED);
	ck_assert_int_eq(filekind_of("x.rss"), FILE_FEED);
	ck_assert_int_eq(filekind_of("x.atom"), FILE_FEED);
	ck_assert_int_eq(filekind_of("notes.txt"), FILE_TEXT);
	ck_assert_int_eq(filekind_of("README"), FILE_TEXT);
	ck_assert_int_eq(filekind_of("dir.html/readme"), FILE_TEXT); /* the folder's dot */
	ck_assert(filekind_is_url("https://x.example/"));
	ck_assert(filekind_is_url("file:///tmp/a.html"));
	ck_assert(!filekind_is_url("./http.html"));
}
END_TEST

START_TEST(content_types)
{
	ck_assert_int_eq(content_type_class(NULL), CT_NONE);
	ck_assert_int_eq(content_type_class("text/html; charset=utf-8"), CT_HTML);
	ck_assert_int_eq(content_type_class("Application/XHTML+XML"), CT_HTML);
	ck_assert_int_eq(content_type_class("text/plain"), CT_TEXT);
	ck_assert_int_eq(content_type_class("application/rss+xml"), CT_XML);
	ck_assert_int_eq(content_type_class("text/xml;charset=iso-8859-1"), CT_XML);
	ck_assert_int_eq(content_type_class("application/pdf"), CT_OTHER);
	ck_assert_int_eq(content_type_class("text/htmlx"), CT_OTHER);
}
END_TEST

START_TEST(source_specs)
{
	source_spec s;
	const char *field, *why;
	ck_assert_int_eq(
	    source_spec_check("https://News.example/feed#x", NULL, -1, 0, &s, &field, &why), 0);
	ck_assert_int_eq(s.interval_s, 900);
	ck_assert_ptr_null(s.kind);
	source_spec_free(&s);
	ck_assert_int_eq(source_spec_check("https://a.example/", "page", 60, 0, &s, &field, &why),
	                 0);
	ck_assert_str_eq(s.kind, "page");
	source_spec_free(&s);
	ck_assert_int_eq(source_spec_check("https://a.example/", "blog", 60, 0, &s, &field, &why),
	                 -1);
	ck_assert_str_eq(field, "kind");
	ck_assert_int_eq(source_spec_check("https://a.example/", NULL, 59, 0, &s, &field, &why),
	                 -1);
	ck_assert_str_eq(field, "interval");
	ck_assert_int_eq(source_spec_check("https://a.example/", NULL, 604801, 0, &s, &field, &why),
	                 -1);
	ck_assert_int_eq(source_spec_check("ftp://a.example/", NULL, -1, 0, &s, &field, &why), -1);
	ck_assert_str_eq(field, "url");
	ck_assert_int_eq(source_spec_check("file:///tmp/f.xml", NULL, -1, 0, &s, &field, &why), -1);
	ck_assert_int_eq(source_spec_check("file:///tmp/f.xml", NULL, -1, 1, &s, &field, &why), 0);
	source_spec_free(&s);
	ck_assert_int_eq(source_spec_check(NULL, NULL, -1, 0, &s, &field, &why), -1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ingest");
	TCase *t = tcase_create("pure");
	tcase_add_test(t, backoff_doubles_and_caps);
	tcase_add_test(t, ssrf_classifies_v4);
	tcase_add_test(t, ssrf_classifies_v6);
	tcase_add_test(t, ssrf_policy);
	tcase_add_test(t, ratelimit_arithmetic);
	tcase_add_test(t, ratelimit_spaces_one_host);
	tcase_add_test(t, file_kinds);
	tcase_add_test(t, content_types);
	tcase_add_test(t, source_specs);
	suite_add_tcase(s, t);
	return s;
}

CHECK_MAIN(suite)
