/**
 * verify's certificate check against local TLS servers whose certificates are made in the test (a CA and
 * leaves that cover the host or not, expired, not yet valid, expiring soon), through the runner as the
 * command runs it, and once as the `verify` command itself with the CA trusted via NODE_EXTRA_CA_CERTS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type LookupFunction, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateCheck, EXPIRY_WARN_DAYS } from '../../src/verify/checks/certificate.ts';
import { fetchClient } from '../../src/verify/http-client.ts';
import { runChecks } from '../../src/verify/run-checks.ts';
import { tlsInspector } from '../../src/verify/tls-certificate.ts';
import { parseTarget } from '../../src/verify/verify-target.ts';
import { REPO_ROOT } from '../support/fixtures.ts';
import { makeCa, makeLeaf, type TestCa } from '../support/test-certificates.ts';

/** Every name resolves to 127.0.0.1: the certificate names real hosts, the server is local. */
const toLoopback: LookupFunction = (_host, options, callback) => {
  if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

const servers: Server[] = [];
const sockets = new Set<{ destroy(): void }>();
async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

let ca: TestCa;
const ports: Record<string, number> = {};
const CASES = {
  covering: { names: ['t.example.com', 'e.example.com'], fromDays: -1, toDays: 90 },
  wildcard: { names: ['*.example.com'], fromDays: -1, toDays: 90 },
  'other-name': { names: ['other.example.org'], fromDays: -1, toDays: 90 },
  expired: { names: ['t.example.com'], fromDays: -100, toDays: -2 },
  'not-yet-valid': { names: ['t.example.com'], fromDays: 5, toDays: 100 },
  'expiring-soon': { names: ['t.example.com'], fromDays: -80, toDays: 10 },
} as const;

let tmp: string;
beforeAll(async () => {
  ca = await makeCa();
  for (const [name, c] of Object.entries(CASES)) {
    const leaf = await makeLeaf(ca, [...c.names], c);
    ports[name] = await listen(createTlsServer({ cert: leaf.certPem, key: leaf.keyPem }, (s) => s.end()));
  }
  // Accepts TCP and never starts TLS: a black-holed host.
  ports.silent = await listen(createTcpServer(() => {}));
  tmp = mkdtempSync(join(tmpdir(), 'verify-certificate-'));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(tmp, { recursive: true, force: true });
});

async function checkOf(url: string, options: { trustCa?: boolean; timeoutMs?: number } = {}) {
  const inspector = tlsInspector({ ...(options.trustCa === false ? {} : { ca: [ca.pem] }), lookup: toLoopback });
  const report = await runChecks(parseTarget({ url, token: 'phc_test' }), fetchClient, { checks: [certificateCheck(inspector)], timeoutMs: options.timeoutMs ?? 5000 });
  return report.checks[0];
}

describe('verify: the certificate check', () => {
  it.each([
    ['covering: names, issuer and days to expiry', 'covering', 't.example.com', 'pass', /^t\.example\.com: certificate for t\.example\.com, e\.example\.com; issuer Test Proxy CA \(posthog-cloudfront-proxy tests\); expires \d{4}-\d\d-\d\d \(in (89|90) days\)$/],
    ['the second name is covered too', 'covering', 'e.example.com', 'pass', /certificate for t\.example\.com, e\.example\.com/],
    ['a wildcard covers one label', 'wildcard', 't.example.com', 'pass', /certificate for \*\.example\.com/],
    ['a wildcard does not cover two labels', 'wildcard', 'a.t.example.com', 'fail', /does not cover a\.t\.example\.com$/],
    ['a certificate for another name', 'other-name', 't.example.com', 'fail', /certificate for other\.example\.org; .*: does not cover t\.example\.com$/],
    ['expired', 'expired', 't.example.com', 'fail', /\(expired [23] days ago\)$/],
    ['not yet valid', 'not-yet-valid', 't.example.com', 'fail', /valid only from \d{4}-/],
    [`fewer than ${EXPIRY_WARN_DAYS} days left`, 'expiring-soon', 't.example.com', 'warn', /\(in (9|10) days\)$/],
  ])('%s', async (_, server, host, status, seen) => {
    // Act
    const result = await checkOf(`https://${host}:${ports[server]}/k7x2`);
    // Assess
    expect(result).toMatchObject({ id: 'certificate', status });
    expect(result.seen).toMatch(seen);
    if (status !== 'pass') expect([result.cause, result.fix]).toEqual([expect.any(String), expect.any(String)]);
  });

  it('not covering names the fix: domain.names and the certificate', async () => {
    const result = await checkOf(`https://t.example.com:${ports['other-name']}`);
    expect(result.cause).toContain('browsers refuse the connection');
    expect(result.fix).toContain('`domain.names`');
  });

  it('a certificate whose issuer is not trusted fails and says why', async () => {
    // Act
    const result = await checkOf(`https://t.example.com:${ports.covering}`, { trustCa: false });
    // Assess
    expect(result.status).toBe('fail');
    expect(result.seen).toMatch(/not trusted \((UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\)$/);
  });

  it('an http:// URL (the local edge) is skipped', async () => {
    const result = await checkOf('http://127.0.0.1:9');
    expect(result).toMatchObject({ status: 'skip', seen: expect.stringContaining('no certificate') });
  });

  it('a host that never completes the handshake fails within the check\'s timeout', async () => {
    // Act
    const started = Date.now();
    const result = await checkOf(`https://t.example.com:${ports.silent}`, { timeoutMs: 300 });
    // Assess
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ status: 'fail', cause: 'the proxy did not answer' });
    expect(result.seen).toContain(`TLS t.example.com:${ports.silent}: no answer before the timeout`);
  });

  it('a refused connection fails as "did not answer", not as a stack trace', async () => {
    const closed = await listen(createTcpServer());
    await new Promise((r) => servers.pop()!.close(r));
    const result = await checkOf(`https://t.example.com:${closed}`);
    expect(result).toMatchObject({ status: 'fail', cause: 'the proxy did not answer', seen: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('posthog-cloudfront verify on an https:// URL (the command, CA trusted through NODE_EXTRA_CA_CERTS)', () => {
  it('reports the certificate among the checks', async () => {
    // Prepare: an HTTPS server answering 404 to everything, with a certificate for localhost.
    const leaf = await makeLeaf(ca, ['localhost'], { fromDays: -1, toDays: 60 });
    const port = await listen(createHttpsServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => res.writeHead(404).end('not found')));
    const caFile = join(tmp, 'ca.pem');
    writeFileSync(caFile, ca.pem);
    // Act
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/posthog-cloudfront.mjs'), 'verify', `https://localhost:${port}`, '--token', 'phc_test', '--json', '--timeout-ms', '5000'], {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout: out }));
    });
    // Assess
    expect(code).toBe(1); // the other checks fail: this server is not a proxy
    const check = JSON.parse(stdout).checks.find((c: { id: string }) => c.id === 'certificate');
    expect(check).toMatchObject({ status: 'pass', cause: null, fix: null });
    expect(check.seen).toMatch(/^localhost: certificate for localhost; issuer Test Proxy CA .*\(in (59|60) days\)$/);
  }, 30_000);
});
