// Contract check: every documented GET answers with a body that matches its
// documented schema, every documented query parameter is accepted with a
// valid value, and error answers match the Error schema.  Talks to the
// running server at PARLEY_TEST_URL.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const base = process.env.PARLEY_TEST_URL ?? 'http://127.0.0.1:8080';
const key = process.env.PARLEY_TEST_KEY ?? '';
const spec = parse(readFileSync(new URL('../../api-spec/openapi.yaml', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'spec', components: spec.components });

let passed = 0;
let failed = 0;
const fail = (msg) => { failed++; console.log('FAIL ' + msg); };
const ok = () => { passed++; };

function schemaFor(op, status) {
  let res = op.responses[String(status)];
  if (!res) return null;
  if (res.$ref) res = spec.components.responses[res.$ref.split('/').pop()];
  const content = res.content?.['application/json'] ?? Object.values(res.content ?? {})[0];
  if (!content) return null;
  const rewrite = (node) => JSON.parse(JSON.stringify(node).replaceAll('"#/components/', '"spec#/components/'));
  return rewrite(content.schema);
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; headers.Authorization = 'Bearer ' + key; }
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text };
}

function check(label, op, r) {
  const schema = schemaFor(op, r.status);
  if (!schema) return fail(`${label}: status ${r.status} is not documented`);
  if (schema.type === 'string') return ok();
  const validate = ajv.compile(schema);
  if (!validate(r.json)) return fail(`${label}: ${r.status} body does not match: ${ajv.errorsText(validate.errors).slice(0, 400)}`);
  ok();
}

function sample(p) {
  const s = p.schema?.$ref ? spec.components.schemas[p.schema.$ref.split('/').pop()] : p.schema ?? {};
  if (s.enum) return s.enum[0];
  if (s.format === 'date') return '2025-01-01';
  if (s.type === 'integer') return '1';
  return 'a';
}

// Real ids to fill {id} with.
const ids = {};
for (const [col, name] of [['events', 'events'], ['actors', 'actors'], ['articles', 'articles']]) {
  const r = await call('GET', `/v1/${col}?limit=1`);
  ids[name] = r.json?.data?.[0]?.id ?? 1;
}
const idFor = (path) => path.includes('/events/') ? ids.events : path.includes('/actors/') ? ids.actors : ids.articles;

for (const [path, item] of Object.entries(spec.paths)) {
  const op = item.get;
  if (!op) continue;
  const params = (op.parameters ?? []).map((p) => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop()] : p));
  // Required query parameters go with every call (each with a sample value).
  const required = params.filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(sample(p))}`);
  const real = path.replace('{id}', idFor(path)) + (required.length ? `?${required.join('&')}` : '');
  const join = real.includes('?') ? '&' : '?';
  check(`GET ${real}`, op, await call('GET', real));
  for (const param of params) {
    if (param.in !== 'query' || param.name === 'cursor' || param.required) continue;
    const r = await call('GET', `${real}${join}${param.name}=${encodeURIComponent(sample(param))}`);
    if (r.status !== 200) fail(`GET ${real}?${param.name}=…: documented parameter answered ${r.status} ${r.text.slice(0, 200)}`);
    else check(`GET ${real}?${param.name}`, op, r);
  }
  if (path.startsWith('/v1/')) {
    check(`GET ${real}?undocumented`, op, await call('GET', `${real}${join}undocumented=1`));
  }
}
const missing = spec.paths['/v1/events/{id}'].get;
check('GET /v1/events/{missing}', missing, await call('GET', '/v1/events/999999999'));

const post = spec.paths['/v1/articles'].post;
const stamp = Date.now();
const created = await call('POST', '/v1/articles', { url: `https://contract.example/${stamp}`, text: 'Foreign ministers met in Vienna on Monday to discuss a ceasefire.', published_at: '2025-06-02' });
if (created.status !== 201) fail(`POST new article answered ${created.status}`);
check('POST /v1/articles (new)', post, created);
check('POST /v1/articles (again)', post, await call('POST', '/v1/articles', { url: `https://contract.example/${stamp}`, text: 'Foreign ministers met in Vienna on Monday to discuss a ceasefire.' }));
check('POST /v1/articles (bad)', post, await call('POST', '/v1/articles', { text: 'no url' }));

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
