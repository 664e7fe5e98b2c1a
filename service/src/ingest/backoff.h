/*
 * backoff — when to try a failed job again.  Doubling delays spread retries
 * of a site that is down over hours instead of hammering it; the cap keeps
 * a long outage from pushing the next try beyond a day.
 */
#ifndef PARLEY_INGEST_BACKOFF_H
#define PARLEY_INGEST_BACKOFF_H

/* Seconds to wait after the attempts-th failed attempt (1-based):
 * base, 2·base, 4·base … capped at cap.  attempts < 1 counts as 1. */
int backoff_delay(int attempts, int base_s, int cap_s);

/* 1 when an article that failed its attempts-th try is given up. */
int backoff_exhausted(int attempts, int max_attempts);

#endif
