/*
 * backoff — see backoff.h.  Computed by repeated doubling with an early
 * stop so large attempt counts cannot overflow.
 */
#include "ingest/backoff.h"

int backoff_delay(int attempts, int base_s, int cap_s)
{
	if (base_s < 1)
		base_s = 1;
	if (cap_s < base_s)
		cap_s = base_s;
	long d = base_s;
	for (int i = 1; i < attempts && d < cap_s; i++)
		d *= 2;
	return d > cap_s ? cap_s : (int)d;
}

int backoff_exhausted(int attempts, int max_attempts)
{
	return attempts >= (max_attempts > 0 ? max_attempts : 1);
}
