/*
 * log — see log.h.  The level is the one process-wide setting the service
 * keeps in a global: logging is called from every layer and thread, and
 * threading a logger through every call would buy nothing.
 */
#include "core/log.h"

#include "core/buf.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOG_MAX_VALUE 4096

static atomic_int current_level = LOG_INFO;
static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(log_level level)
{
	atomic_store(&current_level, (int)level);
}

int log_level_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(s, level_names[i]))
			return i;
	if (!strcmp(s, "warning"))
		return LOG_WARN;
	return -1;
}

/* A value as a JSON string: well-formed UTF-8 whatever the bytes (values
 * often quote what a client or a remote server sent) and at most
 * LOG_MAX_VALUE bytes, cut between characters. */
static void put_value(buf *line, const char *val)
{
	size_t n = strlen(val);
	if (n <= LOG_MAX_VALUE) {
		buf_put_json_string(line, val, n);
		return;
	}
	char *cut = utf8_sanitize(val, n, LOG_MAX_VALUE);
	buf_put_json_string(line, cut, strlen(cut));
	free(cut);
}

void log_emit(log_level level, const char *msg, ...)
{
	if ((int)level < atomic_load(&current_level))
		return;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char when[40];
	size_t n = strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(when + n, sizeof when - n, ".%03ldZ", ts.tv_nsec / 1000000);

	buf line;
	buf_init(&line);
	buf_printf(&line, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":", when, level_names[level]);
	buf_put_json_string(&line, msg, strlen(msg));
	va_list ap;
	va_start(ap, msg);
	for (const char *key; (key = va_arg(ap, const char *));) {
		const char *val = va_arg(ap, const char *);
		buf_putc(&line, ',');
		buf_put_json_string(&line, key, strlen(key));
		buf_putc(&line, ':');
		if (val)
			put_value(&line, val);
		else
			buf_puts(&line, "null");
	}
	va_end(ap);
	buf_puts(&line, "}\n");
	fwrite(line.data, 1, line.len, stderr);
	buf_free(&line);
}
