/* ssrf: every entry of the IANA special-purpose registries (IPv4 and IPv6)
 * is classified, with an address inside and, where it matters, one just
 * outside; globally reachable sub-entries stay public; addresses carrying
 * an IPv4 address are judged by it. */
#include "check_main.h"
#include "ingest/ssrf.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

static const struct {
	const char *ip;
	ssrf_class want;
} cases[] = {
    /* IPv4 */
    {"8.8.8.8", SSRF_PUBLIC},
    {"0.0.0.0", SSRF_UNSPECIFIED}, /* 0/8 */
    {"0.255.1.2", SSRF_UNSPECIFIED},
    {"1.0.0.1", SSRF_PUBLIC},
    {"10.0.0.1", SSRF_PRIVATE}, /* 10/8 */
    {"10.255.255.255", SSRF_PRIVATE},
    {"11.0.0.1", SSRF_PUBLIC},
    {"100.64.0.1", SSRF_PRIVATE}, /* 100.64/10 */
    {"100.127.255.254", SSRF_PRIVATE},
    {"100.63.255.255", SSRF_PUBLIC},
    {"100.128.0.0", SSRF_PUBLIC},
    {"127.0.0.1", SSRF_LOOPBACK}, /* 127/8 */
    {"127.255.255.254", SSRF_LOOPBACK},
    {"169.254.169.254", SSRF_LINK_LOCAL}, /* 169.254/16 */
    {"169.255.0.1", SSRF_PUBLIC},
    {"172.16.0.1", SSRF_PRIVATE}, /* 172.16/12 */
    {"172.31.255.255", SSRF_PRIVATE},
    {"172.32.0.1", SSRF_PUBLIC},
    {"192.0.0.1", SSRF_OTHER}, /* 192.0.0/24 */
    {"192.0.0.8", SSRF_OTHER},
    {"192.0.0.170", SSRF_OTHER},
    {"192.0.0.9", SSRF_PUBLIC},  /*   PCP anycast */
    {"192.0.0.10", SSRF_PUBLIC}, /*   TURN anycast */
    {"192.0.1.1", SSRF_PUBLIC},
    {"192.0.2.1", SSRF_OTHER},     /* 192.0.2/24 */
    {"192.88.99.1", SSRF_OTHER},   /* 192.88.99/24 */
    {"192.168.1.1", SSRF_PRIVATE}, /* 192.168/16 */
    {"192.169.0.1", SSRF_PUBLIC},
    {"198.18.0.1", SSRF_OTHER}, /* 198.18/15 */
    {"198.19.255.255", SSRF_OTHER},
    {"198.20.0.1", SSRF_PUBLIC},
    {"198.51.100.7", SSRF_OTHER}, /* 198.51.100/24 */
    {"203.0.113.9", SSRF_OTHER},  /* 203.0.113/24 */
    {"203.0.114.1", SSRF_PUBLIC},
    {"224.0.0.1", SSRF_OTHER}, /* multicast */
    {"239.255.255.255", SSRF_OTHER},
    {"240.0.0.1", SSRF_OTHER}, /* 240/4 */
    {"255.255.255.254", SSRF_OTHER},
    {"255.255.255.255", SSRF_OTHER}, /* broadcast */
    {"223.255.255.255", SSRF_PUBLIC},
    /* IPv6 */
    {"2606:4700::1111", SSRF_PUBLIC},
    {"::", SSRF_UNSPECIFIED},
    {"::1", SSRF_LOOPBACK},
    {"::2", SSRF_OTHER},                 /* IPv4-compatible, deprecated */
    {"::ffff:127.0.0.1", SSRF_LOOPBACK}, /* IPv4-mapped: the IPv4 decides */
    {"::ffff:10.0.0.1", SSRF_PRIVATE},
    {"::ffff:192.0.2.1", SSRF_OTHER},
    {"::ffff:8.8.8.8", SSRF_PUBLIC},
    {"64:ff9b::8.8.8.8", SSRF_PUBLIC}, /* NAT64: the IPv4 decides */
    {"64:ff9b::127.0.0.1", SSRF_LOOPBACK},
    {"64:ff9b::169.254.169.254", SSRF_LINK_LOCAL},
    {"64:ff9b::203.0.113.1", SSRF_OTHER},
    {"64:ff9b:1::1", SSRF_PRIVATE}, /* local-use NAT64 */
    {"64:ff9b:1:ffff::8.8.8.8", SSRF_PRIVATE},
    {"100::1", SSRF_OTHER},       /* discard-only */
    {"100:0:0:1::1", SSRF_OTHER}, /* dummy prefix */
    {"2001::1", SSRF_OTHER},      /* 2001::/23: Teredo */
    {"2001:2::1", SSRF_OTHER},    /*   benchmarking */
    {"2001:10::1", SSRF_OTHER},   /*   deprecated ORCHID */
    {"2001:1ff::1", SSRF_OTHER},
    {"2001:1::1", SSRF_PUBLIC}, /*   PCP anycast */
    {"2001:1::2", SSRF_PUBLIC}, /*   TURN anycast */
    {"2001:1::3", SSRF_PUBLIC}, /*   DNS-SD SRP anycast */
    {"2001:1::4", SSRF_OTHER},
    {"2001:3::1", SSRF_PUBLIC},     /*   AMT */
    {"2001:4:112::1", SSRF_PUBLIC}, /*   AS112-v6 */
    {"2001:20::1", SSRF_PUBLIC},    /*   ORCHIDv2 */
    {"2001:30::1", SSRF_PUBLIC},    /*   drone remote ID */
    {"2001:200::1", SSRF_PUBLIC},   /* just past 2001::/23 */
    {"2001:db8::1", SSRF_OTHER},    /* documentation */
    {"2001:db9::1", SSRF_PUBLIC},
    {"2002:7f00:1::1", SSRF_LOOPBACK}, /* 6to4 of 127.0.0.1 */
    {"2002:a00:1::1", SSRF_PRIVATE},   /* 6to4 of 10.0.0.1 */
    {"2002:808:808::1", SSRF_PUBLIC},  /* 6to4 of 8.8.8.8 */
    {"3fff::1", SSRF_OTHER},           /* documentation */
    {"3fff:1000::1", SSRF_PUBLIC},
    {"5f00::1", SSRF_OTHER},   /* segment routing */
    {"fc00::1", SSRF_PRIVATE}, /* unique local */
    {"fdff:ffff::1", SSRF_PRIVATE},
    {"fe80::1", SSRF_LINK_LOCAL}, /* link local */
    {"febf::1", SSRF_LINK_LOCAL},
    {"fec0::1", SSRF_OTHER}, /* deprecated site local */
    {"ff02::1", SSRF_OTHER}, /* multicast */
    {"4000::1", SSRF_OTHER}, /* outside 2000::/3 */
};

START_TEST(registry)
{
	const char *ip = cases[_i].ip;
	ssrf_class got;
	if (strchr(ip, ':')) {
		struct sockaddr_in6 a = {.sin6_family = AF_INET6};
		ck_assert_int_eq(inet_pton(AF_INET6, ip, &a.sin6_addr), 1);
		got = ssrf_classify((struct sockaddr *)&a);
		ck_assert_int_eq(ssrf_allowed((struct sockaddr *)&a, 0),
		                 cases[_i].want == SSRF_PUBLIC);
	} else {
		struct sockaddr_in a = {.sin_family = AF_INET};
		ck_assert_int_eq(inet_pton(AF_INET, ip, &a.sin_addr), 1);
		got = ssrf_classify((struct sockaddr *)&a);
		ck_assert_int_eq(ssrf_allowed((struct sockaddr *)&a, 0),
		                 cases[_i].want == SSRF_PUBLIC);
	}
	ck_assert_msg(got == cases[_i].want, "%s: got %s, want %s", ip, ssrf_class_name(got),
	              ssrf_class_name(cases[_i].want));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ssrf");
	TCase *tc = tcase_create("ssrf");
	tcase_add_loop_test(tc, registry, 0, sizeof cases / sizeof *cases);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(suite)
