/*
 * statements — GET /v1/statements.
 */
#include "api/api.h"

void h_statements_list(void *a, const http_request *req, http_response *res)
{
	api_list(a, req, res, &db_statements, NULL, NULL);
}
