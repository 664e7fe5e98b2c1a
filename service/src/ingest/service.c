/*
 * service — see service.h.  The demo runs in the first thread before its
 * loop starts, so the server answers at once and the corpus appears a
 * moment later, and no loop can claim the demo's items half-way.
 */
#include "ingest/service.h"

#include "core/buf.h"
#include "core/log.h"
#include "ingest/demo.h"
#include "ingest/settings.h"
#include "ingest/worker.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct loop {
	ingest_service *svc;
	pthread_t tid;
	worker *w;
	int run_demo;
	const char *demo_dir;
} loop;

struct ingest_service {
	atomic_int stop;
	db_pool *pool;
	px_dict *const *dict;
	pthread_rwlock_t *dict_lock;
	ingest_settings s;
	loop *loops;
	int n;
};

static void *loop_main(void *arg)
{
	loop *l = arg;
	ingest_service *svc = l->svc;
	if (l->run_demo)
		demo_bootstrap(svc->pool, svc->dict, svc->dict_lock, &svc->s, l->demo_dir);
	if (l->w)
		worker_run(l->w);
	return NULL;
}

ingest_service *ingest_service_start(db_pool *pool, px_dict *const *dict,
                                     pthread_rwlock_t *dict_lock, const ingest_service_opts *o)
{
	ingest_settings s;
	ingest_settings_from_config(&s, o->cfg);
	int workers = o->run_worker ? s.threads : 0;
	int threads = workers ? workers : (o->demo ? 1 : 0);
	if (!threads)
		return NULL;
	ingest_service *svc = xcalloc(1, sizeof *svc);
	svc->s = s;
	atomic_init(&svc->stop, 0);
	svc->pool = pool;
	svc->dict = dict;
	svc->dict_lock = dict_lock;
	svc->loops = xcalloc((size_t)threads, sizeof *svc->loops);
	for (int i = 0; i < threads; i++) {
		loop *l = &svc->loops[i];
		char tag[16];
		snprintf(tag, sizeof tag, "w%d", i);
		l->svc = svc;
		l->run_demo = i == 0 && o->demo;
		l->demo_dir = o->cfg->demo_dir; /* the config outlives the service */
		l->w = i < workers ? worker_new(pool, dict, dict_lock, &svc->s, &svc->stop, tag)
		                   : NULL;
		if (pthread_create(&l->tid, NULL, loop_main, l)) {
			log_error("cannot start an ingestion thread", NULL);
			worker_free(l->w);
			break;
		}
		svc->n++;
	}
	if (!svc->n) {
		free(svc->loops);
		free(svc);
		return NULL;
	}
	return svc;
}

void ingest_service_stop(ingest_service *svc)
{
	if (!svc)
		return;
	atomic_store(&svc->stop, 1);
	for (int i = 0; i < svc->n; i++) {
		pthread_join(svc->loops[i].tid, NULL);
		worker_free(svc->loops[i].w);
	}
	free(svc->loops);
	free(svc);
}
