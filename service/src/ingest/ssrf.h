/*
 * ssrf — which addresses the fetcher may connect to.  Feeds and pages come
 * from URLs that users (or feeds) name, so without a policy a URL could make
 * the service read its own loopback, the private network or the cloud
 * metadata endpoint.  The check runs on the address actually connected (see
 * fetch.c), after DNS, so a hostname resolving to 127.0.0.1 is refused too.
 * Every non-globally-reachable entry of IANA's IPv4 and IPv6 special-purpose
 * address registries is refused (ssrf.c holds them as a table).
 */
#ifndef PARLEY_INGEST_SSRF_H
#define PARLEY_INGEST_SSRF_H

#include <sys/socket.h>

typedef enum {
	SSRF_PUBLIC = 0,
	SSRF_LOOPBACK,    /* 127/8, ::1 */
	SSRF_PRIVATE,     /* 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7, 64:ff9b:1::/48 */
	SSRF_LINK_LOCAL,  /* 169.254/16, fe80::/10 */
	SSRF_UNSPECIFIED, /* 0.0.0.0/8, :: */
	SSRF_OTHER,       /* documentation, benchmarking, protocol assignments,
	                     multicast, broadcast, reserved, unknown families */
} ssrf_class;

ssrf_class ssrf_classify(const struct sockaddr *sa);
/* 1 when a connection to sa is allowed under the policy. */
int ssrf_allowed(const struct sockaddr *sa, int allow_local);
const char *ssrf_class_name(ssrf_class c);

#endif
