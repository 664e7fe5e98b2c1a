/*
 * ssrf — see ssrf.h.  The policy is data: the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and its updates), each
 * entry with the class it falls in, plus the multicast blocks and, for
 * IPv6, the rule that only 2000::/3 is global unicast.  The longest
 * matching prefix decides, so the registry's globally reachable
 * sub-entries (192.0.0.9/32, 2001:3::/32, …) override their parent block.
 *
 * Entries that carry an IPv4 address (::ffff:0:0/96 IPv4-mapped,
 * 64:ff9b::/96 NAT64 well-known prefix, 2002::/16 6to4) are judged as the
 * IPv4 address they reach.  The local-use NAT64 prefix 64:ff9b:1::/48 is
 * not globally reachable and is refused outright.
 */
#include "ingest/ssrf.h"

#include <arpa/inet.h>
#include <assert.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EMBEDS_V4 (-1) /* class: judge the IPv4 address inside */

typedef struct range {
	const char *cidr;
	int cls;       /* ssrf_class, or EMBEDS_V4 */
	int v4_offset; /* EMBEDS_V4: byte offset of the IPv4 address */
} range;

/* IANA IPv4 Special-Purpose Address Registry (+ multicast). */
static const range v4_ranges[] = {
    {"0.0.0.0/8", SSRF_UNSPECIFIED, 0},     /* "this network" */
    {"10.0.0.0/8", SSRF_PRIVATE, 0},        /* RFC 1918 */
    {"100.64.0.0/10", SSRF_PRIVATE, 0},     /* shared address space (CGN) */
    {"127.0.0.0/8", SSRF_LOOPBACK, 0},      /* loopback */
    {"169.254.0.0/16", SSRF_LINK_LOCAL, 0}, /* link local, cloud metadata */
    {"172.16.0.0/12", SSRF_PRIVATE, 0},     /* RFC 1918 */
    {"192.0.0.0/24", SSRF_OTHER, 0},        /* IETF protocol assignments */
    {"192.0.0.9/32", SSRF_PUBLIC, 0},       /*   PCP anycast: globally reachable */
    {"192.0.0.10/32", SSRF_PUBLIC, 0},      /*   TURN anycast: globally reachable */
    {"192.0.2.0/24", SSRF_OTHER, 0},        /* TEST-NET-1 (documentation) */
    {"192.88.99.0/24", SSRF_OTHER, 0},      /* deprecated 6to4 relay anycast */
    {"192.168.0.0/16", SSRF_PRIVATE, 0},    /* RFC 1918 */
    {"198.18.0.0/15", SSRF_OTHER, 0},       /* benchmarking */
    {"198.51.100.0/24", SSRF_OTHER, 0},     /* TEST-NET-2 (documentation) */
    {"203.0.113.0/24", SSRF_OTHER, 0},      /* TEST-NET-3 (documentation) */
    {"224.0.0.0/4", SSRF_OTHER, 0},         /* multicast */
    {"240.0.0.0/4", SSRF_OTHER, 0},         /* reserved */
    {"255.255.255.255/32", SSRF_OTHER, 0},  /* limited broadcast */
};

/* IANA IPv6 Special-Purpose Address Registry (+ address space). */
static const range v6_ranges[] = {
    {"::/0", SSRF_OTHER, 0},             /* not allocated unless below */
    {"2000::/3", SSRF_PUBLIC, 0},        /* global unicast */
    {"::/128", SSRF_UNSPECIFIED, 0},     /* unspecified */
    {"::1/128", SSRF_LOOPBACK, 0},       /* loopback */
    {"::ffff:0:0/96", EMBEDS_V4, 12},    /* IPv4-mapped */
    {"64:ff9b::/96", EMBEDS_V4, 12},     /* NAT64 well-known prefix */
    {"64:ff9b:1::/48", SSRF_PRIVATE, 0}, /* local-use IPv4/IPv6 translation */
    {"100::/64", SSRF_OTHER, 0},         /* discard-only */
    {"100:0:0:1::/64", SSRF_OTHER, 0},   /* dummy prefix */
    {"2001::/23", SSRF_OTHER, 0},        /* IETF protocol assignments */
    {"2001:1::1/128", SSRF_PUBLIC, 0},   /*   PCP anycast */
    {"2001:1::2/128", SSRF_PUBLIC, 0},   /*   TURN anycast */
    {"2001:1::3/128", SSRF_PUBLIC, 0},   /*   DNS-SD SRP anycast */
    {"2001:3::/32", SSRF_PUBLIC, 0},     /*   AMT */
    {"2001:4:112::/48", SSRF_PUBLIC, 0}, /*   AS112-v6 */
    {"2001:20::/28", SSRF_PUBLIC, 0},    /*   ORCHIDv2 */
    {"2001:30::/28", SSRF_PUBLIC, 0},    /*   drone remote ID */
    {"2001:db8::/32", SSRF_OTHER, 0},    /* documentation */
    {"2002::/16", EMBEDS_V4, 2},         /* 6to4 */
    {"3fff::/20", SSRF_OTHER, 0},        /* documentation */
    {"5f00::/16", SSRF_OTHER, 0},        /* segment routing SIDs */
    {"fc00::/7", SSRF_PRIVATE, 0},       /* unique local */
    {"fe80::/10", SSRF_LINK_LOCAL, 0},   /* link local */
    {"ff00::/8", SSRF_OTHER, 0},         /* multicast */
};

#define N_V4 (sizeof v4_ranges / sizeof *v4_ranges)
#define N_V6 (sizeof v6_ranges / sizeof *v6_ranges)

typedef struct parsed {
	uint8_t addr[16];
	int bits;
} parsed;

static parsed v4_parsed[N_V4], v6_parsed[N_V6];
static pthread_once_t parse_once = PTHREAD_ONCE_INIT;

static void parse_table(const range *t, size_t n, int family, parsed *out)
{
	for (size_t i = 0; i < n; i++) {
		char addr[64];
		const char *slash = strchr(t[i].cidr, '/');
		assert(slash && (size_t)(slash - t[i].cidr) < sizeof addr);
		snprintf(addr, sizeof addr, "%.*s", (int)(slash - t[i].cidr), t[i].cidr);
		int ok = inet_pton(family, addr, out[i].addr);
		out[i].bits = atoi(slash + 1);
		assert(ok == 1 && out[i].bits >= 0 &&
		       out[i].bits <= (family == AF_INET ? 32 : 128));
		(void)ok;
	}
}

static void parse_tables(void)
{
	parse_table(v4_ranges, N_V4, AF_INET, v4_parsed);
	parse_table(v6_ranges, N_V6, AF_INET6, v6_parsed);
}

static int prefix_match(const uint8_t *a, const uint8_t *p, int bits)
{
	int whole = bits / 8, rest = bits % 8;
	if (memcmp(a, p, (size_t)whole))
		return 0;
	if (!rest)
		return 1;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (a[whole] & mask) == (p[whole] & mask);
}

/* The longest matching entry, or -1. */
static int longest(const parsed *t, size_t n, const uint8_t *a)
{
	int best = -1;
	for (size_t i = 0; i < n; i++)
		if (prefix_match(a, t[i].addr, t[i].bits) && (best < 0 || t[i].bits > t[best].bits))
			best = (int)i;
	return best;
}

static ssrf_class classify_v4(const uint8_t *a)
{
	int i = longest(v4_parsed, N_V4, a);
	return i < 0 ? SSRF_PUBLIC : (ssrf_class)v4_ranges[i].cls;
}

static ssrf_class classify_v6(const uint8_t *a)
{
	int i = longest(v6_parsed, N_V6, a);
	assert(i >= 0); /* ::/0 matches everything */
	if (v6_ranges[i].cls == EMBEDS_V4)
		return classify_v4(a + v6_ranges[i].v4_offset);
	return (ssrf_class)v6_ranges[i].cls;
}

ssrf_class ssrf_classify(const struct sockaddr *sa)
{
	if (!sa)
		return SSRF_OTHER;
	pthread_once(&parse_once, parse_tables);
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		return classify_v4((const uint8_t *)&in->sin_addr.s_addr);
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		return classify_v6(in6->sin6_addr.s6_addr);
	}
	return SSRF_OTHER;
}

int ssrf_allowed(const struct sockaddr *sa, int allow_local)
{
	ssrf_class c = ssrf_classify(sa);
	if (c == SSRF_PUBLIC)
		return 1;
	/* Multicast, documentation, reserved and unknown families are never
	 * a web server, even when local fetching is allowed. */
	return allow_local && c != SSRF_OTHER;
}

const char *ssrf_class_name(ssrf_class c)
{
	static const char *const names[] = {"public",     "loopback",    "private",
	                                    "link-local", "unspecified", "reserved"};
	return (unsigned)c < sizeof names / sizeof *names ? names[c] : "reserved";
}
