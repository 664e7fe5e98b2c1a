// What can be checked of the Docker files without an engine (the engine
// test is tests/container/run.sh): compose.yaml parses and wires the
// services as the README promises, every path the Dockerfile copies exists,
// and the points of issue 14 stay fixed.
import { readFileSync, existsSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const problems = [];
const composeText = readFileSync(root + 'docker/compose.yaml', 'utf8');
const compose = parse(composeText, { merge: true }); // compose honours << merge keys
for (const name of ['db', 'api', 'worker']) {
  const s = compose.services?.[name];
  if (!s) { problems.push(`compose: no service ${name}`); continue; }
  if (!s.healthcheck?.test) problems.push(`compose: ${name} has no healthcheck`);
  if (!s.restart) problems.push(`compose: ${name} has no restart policy`);
}
if (!/postgres:15\.\d+/.test(String(compose.services?.db?.image))) problems.push('compose: db is not an exact postgres:15.N tag');
if (!compose.services?.api?.command?.includes('serve')) problems.push('compose: api does not run parley serve');
if (!compose.services?.worker?.command?.includes('worker')) problems.push('compose: worker does not run parley worker');
if (!String(compose.services?.worker?.healthcheck?.test).includes('--worker')) problems.push('compose: the worker healthcheck is not parley health --worker');
if (!String(compose.services?.db?.healthcheck?.test).includes('-h')) problems.push('compose: pg_isready without -h');
if (/:\?/.test(composeText)) problems.push('compose: a ${VAR:?} makes even `down` fail');
if (/PASSWORD:\s*[A-Za-z0-9]+\s*$/m.test(composeText) || /\/\/parley:parley@/.test(composeText)) problems.push('compose: a hard-coded password');

const dockerfile = readFileSync(root + 'docker/Dockerfile', 'utf8');
for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)) {
  const args = m[1].trim().split(/\s+/);
  for (const src of args.slice(0, -1)) if (!existsSync(root + src)) problems.push(`Dockerfile copies missing ${src}`);
}
if (!/^USER \d+:\d+\s*$/m.test(dockerfile)) problems.push('Dockerfile: USER is not a numeric uid:gid');
if (/^USER (?!\d)/m.test(dockerfile)) problems.push('Dockerfile: a USER by name');
if (!/^VOLUME \/var\/lib\/parley/m.test(dockerfile)) problems.push('Dockerfile: no VOLUME for /var/lib/parley');
if (!/PARLEY_DEMO=0/.test(dockerfile)) problems.push('Dockerfile: the image would ingest the demo corpus');
if (!/^CMD \["parley", "serve"\]/m.test(dockerfile)) problems.push('Dockerfile: CMD is not exec-form parley serve');
if (!dockerfile.includes('scripts/deps.sh')) problems.push('Dockerfile: does not install with scripts/deps.sh');
if (!/^ARG BASE=debian:12\.\d+-slim/m.test(dockerfile)) problems.push('Dockerfile: the base is not an exact debian:12.N-slim');
for (const stage of ['build', 'runtime', 'full']) if (!new RegExp(`^FROM \\S+ AS ${stage}$`, 'm').test(dockerfile)) problems.push(`Dockerfile: no ${stage} stage`);
// A dashboard edit must not recompile: the sources are copied and compiled
// before the web files are copied.
const build = dockerfile.indexOf('cmake --build'), web = dockerfile.indexOf('COPY service/web');
if (build < 0 || web < build) problems.push('Dockerfile: service/web is copied before compiling');

const ignore = readFileSync(root + '.dockerignore', 'utf8').split('\n').map((l) => l.trim());
if (!ignore.includes('*') && !(ignore.includes('var') || ignore.includes('/var'))) problems.push('.dockerignore: var/ goes into the build context');
if (ignore.some((l) => l === '!var' || l === '!.git' || l === '!var/' || l === '!.git/')) problems.push('.dockerignore: var or .git included');

for (const p of problems) console.log('FAIL ' + p);
console.log(`docker files: ${problems.length ? 'problems found' : 'ok'}`);
process.exit(problems.length ? 1 : 0);
