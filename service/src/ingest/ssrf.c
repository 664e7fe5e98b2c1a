/*
 * ssrf — see ssrf.h.  IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are
 * classified as the IPv4 address they carry, since a dual-stack socket
 * reaches exactly that host.
 */
#include "ingest/ssrf.h"

#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

static ssrf_class classify_v4(uint32_t a)
{
	uint8_t b0 = (uint8_t)(a >> 24), b1 = (uint8_t)(a >> 16);
	if (b0 == 0)
		return SSRF_UNSPECIFIED;
	if (b0 == 127)
		return SSRF_LOOPBACK;
	if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168) ||
	    (b0 == 100 && (b1 & 0xc0) == 64))
		return SSRF_PRIVATE;
	if (b0 == 169 && b1 == 254)
		return SSRF_LINK_LOCAL;
	if (b0 >= 224) /* multicast, reserved 240/4, broadcast */
		return SSRF_OTHER;
	return SSRF_PUBLIC;
}

static ssrf_class classify_v6(const uint8_t *b)
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	static const uint8_t zero[16] = {0};
	if (!memcmp(b, mapped, 12))
		return classify_v4((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 |
		                   (uint32_t)b[14] << 8 | b[15]);
	if (!memcmp(b, zero, 16))
		return SSRF_UNSPECIFIED;
	if (!memcmp(b, zero, 15) && b[15] == 1)
		return SSRF_LOOPBACK;
	if ((b[0] & 0xfe) == 0xfc)
		return SSRF_PRIVATE;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return SSRF_LINK_LOCAL;
	if (b[0] == 0xff)
		return SSRF_OTHER;
	return SSRF_PUBLIC;
}

ssrf_class ssrf_classify(const struct sockaddr *sa)
{
	if (!sa)
		return SSRF_OTHER;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		return classify_v4(ntohl(in->sin_addr.s_addr));
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
	/* Multicast and unknown families are never a web server. */
	return allow_local && c != SSRF_OTHER;
}

const char *ssrf_class_name(ssrf_class c)
{
	static const char *const names[] = {"public",     "loopback",    "private",
	                                    "link-local", "unspecified", "reserved"};
	return (unsigned)c < sizeof names / sizeof *names ? names[c] : "reserved";
}
