// The API client.  It remembers each GET's ETag and body, revalidates with
// If-None-Match, and tells the caller whether anything changed, so a poll
// that only gets 304s re-renders nothing.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const cache = new Map(); // path -> { etag, data }
let capabilities = null; // Promise<Set<string>|null> of the spec's paths

export async function get(path, { signal } = {}) {
  const hit = cache.get(path);
  const headers = { Accept: 'application/json' };
  if (hit?.etag) headers['If-None-Match'] = hit.etag;
  // no-store: this module is the cache.  Left to the HTTP cache, a 304 to
  // our own If-None-Match is reported by Chromium as an aborted request.
  const res = await fetch(path, { headers, signal, cache: 'no-store' });
  if (res.status === 304 && hit) {
    await res.text(); // drain the empty body, or the request counts as aborted
    return { data: hit.data, changed: false };
  }
  if (!res.ok) throw await toError(res);
  const data = await res.json();
  const etag = res.headers.get('ETag');
  cache.set(path, { etag, data });
  return { data, changed: true };
}

async function toError(res) {
  let code = 'http_error';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    if (body?.error) ({ code, message } = body.error);
  } catch { /* not JSON: keep the status line */ }
  return new ApiError(res.status, code, message);
}

// Which endpoints does this server have?  Read once from its OpenAPI
// document, so views whose endpoint is not there yet are shown as such
// without provoking a 404.  Without the document, every endpoint is tried.
export function supports(template) {
  capabilities ??= fetch('/openapi.yaml')
    .then((r) => (r.ok ? r.text() : null))
    .then((text) => text && new Set([...text.matchAll(/^ {2}(\/\S+):\s*$/gm)].map((m) => m[1])))
    .catch(() => null);
  return capabilities.then((paths) => !paths || paths.has(template));
}

export function withQuery(path, params) {
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
