// There is no Docker engine on our machines, so this checks what can be
// checked without one: compose.yaml parses and wires the services as the
// README promises, and every path the Dockerfile copies exists.
import { readFileSync, existsSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url).pathname;
const problems = [];
const compose = parse(readFileSync(root + 'docker/compose.yaml', 'utf8'));
for (const name of ['db', 'api', 'worker']) {
  const s = compose.services?.[name];
  if (!s) { problems.push(`compose: no service ${name}`); continue; }
  if (!s.healthcheck?.test) problems.push(`compose: ${name} has no healthcheck`);
}
if (!String(compose.services?.db?.image).startsWith('postgres:15')) problems.push('compose: db is not postgres:15');
if (!compose.services?.api?.command?.includes('serve')) problems.push('compose: api does not run parley serve');
if (!compose.services?.worker?.command?.includes('worker')) problems.push('compose: worker does not run parley worker');

const dockerfile = readFileSync(root + 'docker/Dockerfile', 'utf8');
for (const m of dockerfile.matchAll(/^COPY (?!--from)(\S+)/gm)) {
  if (!existsSync(root + m[1])) problems.push(`Dockerfile copies missing ${m[1]}`);
}
if (!/^USER (?!root)/m.test(dockerfile)) problems.push('Dockerfile: no non-root USER');
if (!/^CMD \["parley", "serve"\]/m.test(dockerfile)) problems.push('Dockerfile: CMD is not exec-form parley serve');
if (!dockerfile.includes('scripts/deps.sh')) problems.push('Dockerfile: does not install with scripts/deps.sh');
if ((dockerfile.match(/^FROM debian:12-slim/gm) ?? []).length < 2) problems.push('Dockerfile: not multi-stage on debian:12-slim');

for (const p of problems) console.log('FAIL ' + p);
console.log(`docker files: ${problems.length ? 'problems found' : 'ok'}`);
process.exit(problems.length ? 1 : 0);
