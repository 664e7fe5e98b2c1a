/*
 * log — one JSON object per line on stderr (12-factor: the platform routes
 * it).  Fields after the message are key/value string pairs ending in NULL:
 *
 *   log_info("listening", "addr", "127.0.0.1:8080", NULL);
 */
#ifndef PARLEY_CORE_LOG_H
#define PARLEY_CORE_LOG_H

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

void log_set_level(log_level level);
/* "debug", "info", "warn", "error"; -1 when unknown. */
int log_level_parse(const char *s);
void log_emit(log_level level, const char *msg, ...) __attribute__((sentinel));

#define log_debug(...) log_emit(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_emit(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_emit(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_emit(LOG_ERROR, __VA_ARGS__)

#endif
