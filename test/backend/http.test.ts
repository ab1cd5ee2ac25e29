import { createServer as createNodeServer, type Server as NodeServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedBackend } from '../../src/backend/embedded/demo-school.js';
import { HttpSchoolBackend, type HttpSchoolBackendOptions } from '../../src/backend/http/client.js';
import { createSchoolApiServer, SCHOOL_API_ROUTES } from '../../src/backend/http/server.js';
import { BackendError, type BackendErrorCode } from '../../src/backend/types.js';
import { openDatabase } from '../../src/storage/database.js';
import type { Clock } from '../../src/time/stockholm.js';
import { describeSchoolBackendContract } from './contract.js';

const TOKEN = 'test-token';

/** Starts a server on a free port of 127.0.0.1 and returns its base URL. */
async function listen(server: restify.Server | NodeServer): Promise<string> {
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

async function close(server: restify.Server | NodeServer): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}

/** The embedded demo school behind the HTTP API, and an HTTP client pointed at it. */
async function startStack(clock: Clock = () => new Date()) {
  const db = openDatabase(':memory:');
  const embedded = openEmbeddedBackend(db, clock, { demo: true });
  const server = createSchoolApiServer(embedded, { token: TOKEN });
  const baseUrl = await listen(server);
  const backend = new HttpSchoolBackend({ baseUrl, token: TOKEN, retryDelayMs: 1 });
  return {
    baseUrl,
    backend,
    decideLeave: async (id: string, status: 'approved' | 'rejected') => {
      await backend.decideLeave(id, status);
    },
    close: async () => {
      await close(server);
      db.close();
    },
  };
}

describeSchoolBackendContract('http', (clock) => startStack(clock));

/** The rejection of `promise` as a `BackendError` (fails the test when it resolves or throws something else). */
async function backendError(promise: Promise<unknown>): Promise<BackendError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
}

async function expectCode(promise: Promise<unknown>, code: BackendErrorCode): Promise<BackendError> {
  const error = await backendError(promise);
  expect(error.code).toBe(code);
  return error;
}

interface Captured {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

/** A fetch that answers from a script, one step per call (the last step repeats), and records each request. */
function scriptedFetch(steps: (() => Response)[]): { fetch: typeof fetch; calls: Captured[] } {
  const calls: Captured[] = [];
  const fake: typeof fetch = (input, init) => {
    calls.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const step = steps[Math.min(calls.length, steps.length) - 1];
    try {
      return Promise.resolve(step ? step() : new Response(null, { status: 500 }));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return { fetch: fake, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const networkError = (code: string) => () => {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
};

function fakeClient(steps: (() => Response)[], options: Partial<HttpSchoolBackendOptions> = {}) {
  const { fetch, calls } = scriptedFetch(steps);
  const backend = new HttpSchoolBackend({ baseUrl: 'http://school.test/api/', fetch, retryDelayMs: 1, ...options });
  return { backend, calls };
}

const child = {
  id: 'c1',
  name: 'Elsa',
  className: '3B',
  school: { id: 's1', name: 'Ekbacken', timetableInInfoMentor: true },
  afterSchoolCare: true,
};
const absence = {
  id: 'a1',
  childId: 'c1',
  date: '2025-03-14',
  reason: 'ill',
  reportedBy: 'g1',
  createdAt: '2025-03-14T06:00:00.000Z',
};

describe('school API server', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('serves its OpenAPI document as YAML and as the same JSON', async () => {
    const yaml = await fetch(`${stack.baseUrl}/openapi.yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.headers.get('content-type')).toContain('application/yaml');
    const document: unknown = parseYaml(await yaml.text());
    expect(document).toMatchObject({ openapi: expect.stringMatching(/^3\./) as unknown });
    const asJson: unknown = await (await fetch(`${stack.baseUrl}/openapi.json`)).json();
    expect(asJson).toEqual(document);
  });

  it('routes every operation of the document, and only those', async () => {
    const document = parseYaml(await (await fetch(`${stack.baseUrl}/openapi.yaml`)).text()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'delete', 'patch'].includes(key))
        .map((method) => ({ method: method.toUpperCase(), path })),
    );
    const routed = SCHOOL_API_ROUTES.map(({ method, path }) => ({ method, path }));
    expect(operations.filter(({ path }) => path.startsWith('/v1/'))).toEqual(routed);

    for (const { method, path } of operations) {
      const url =
        path.replace('{kind}', 'webchat').replace(/\{\w+\}/g, 'x') +
        (path.endsWith('/lessons') ? '?date=2025-03-14' : '');
      const response = await fetch(stack.baseUrl + url, {
        method,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'idempotency-key': 'route-walk',
          'content-type': 'application/json',
        },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      const label = `${method} ${path} → ${response.status}`;
      expect(response.status, label).not.toBe(405);
      if (response.status === 404) {
        // Our own `not_found` (no such guardian or booking) is fine; restify's "no route" is not.
        expect(((await response.json()) as { code: string }).code, label).toBe('not_found');
      }
    }
  });

  it('answers 401 with an error body without the right bearer token', async () => {
    const response = await fetch(`${stack.baseUrl}/v1/guardians/x/children`, {
      headers: { authorization: 'Bearer wrong' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses a write without an Idempotency-Key, and a body that is not JSON, with invalid_request', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const url = `${stack.baseUrl}/v1/guardians/x/children/y/absences`;
    const noKey = await fetch(url, { method: 'POST', headers, body: '{}' });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ code: 'invalid_request' });
    const notJson = await fetch(url, { method: 'POST', headers: { ...headers, 'idempotency-key': 'k' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('maps a missing or wrong token to unauthorized in the client', async () => {
    await expectCode(new HttpSchoolBackend({ baseUrl: stack.baseUrl, token: 'wrong' }).children('x'), 'unauthorized');
    await expectCode(new HttpSchoolBackend({ baseUrl: stack.baseUrl }).children('x'), 'unauthorized');
  });

  it('keeps ids with slashes and other reserved characters inside their path segment', async () => {
    await expect(stack.backend.findGuardian('webchat', '../guardians/x/children')).resolves.toBeUndefined();
    await expectCode(stack.backend.lessons('a/b?c', '../../x', '2025-03-14'), 'not_your_child');
  });
});

describe('HttpSchoolBackend', () => {
  it('retries a GET after a 503 and returns the next answer', async () => {
    const { backend, calls } = fakeClient([() => json(503, {}), () => json(200, [child])]);
    await expect(backend.children('g1')).resolves.toEqual([child]);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.url).toBe('http://school.test/api/v1/guardians/g1/children');
  });

  it('gives up after the retries with unavailable, naming the status', async () => {
    const { backend, calls } = fakeClient([() => json(503, {})], { retries: 2 });
    const error = await expectCode(backend.children('g1'), 'unavailable');
    expect(error.message).toMatch(/status 503/);
    expect(calls).toHaveLength(3);
  });

  it('sends the same Idempotency-Key on every retry of a write', async () => {
    const { backend, calls } = fakeClient([networkError('ECONNRESET'), () => json(504, {}), () => json(201, absence)]);
    const request = { childId: 'c1', date: '2025-03-14', reason: 'ill' as const, idempotencyKey: 'key-1' };
    await expect(backend.reportAbsence('g1', request)).resolves.toEqual(absence);
    expect(calls.map((call) => call.method)).toEqual(['POST', 'POST', 'POST']);
    expect(calls.map((call) => call.headers.get('idempotency-key'))).toEqual(['key-1', 'key-1', 'key-1']);
    expect(calls.map((call) => call.body)).toEqual(Array(3).fill(calls[0]?.body));
  });

  it('does not retry a 422 and passes its code on', async () => {
    const { backend, calls } = fakeClient([
      () => json(422, { code: 'absence_date_not_allowed', message: 'Only today or tomorrow.' }),
      () => json(201, absence),
    ]);
    const request = { childId: 'c1', date: '2025-03-20', reason: 'ill' as const, idempotencyKey: 'key-2' };
    await expectCode(backend.reportAbsence('g1', request), 'absence_date_not_allowed');
    expect(calls).toHaveLength(1);
  });

  it('maps 4xx answers without a known code to invalid_request, or unauthorized for 401/403', async () => {
    await expectCode(fakeClient([() => json(400, { code: 'no_such_code' })]).backend.children('g'), 'invalid_request');
    await expectCode(
      fakeClient([() => new Response('nope', { status: 409 })]).backend.children('g'),
      'invalid_request',
    );
    await expectCode(fakeClient([() => new Response(null, { status: 401 })]).backend.children('g'), 'unauthorized');
    await expectCode(fakeClient([() => json(403, { error: 'forbidden' })]).backend.children('g'), 'unauthorized');
    await expectCode(fakeClient([() => json(403, { code: 'not_your_child' })]).backend.children('g'), 'not_your_child');
  });

  it('returns undefined for an unknown account only on its own not_found', async () => {
    const unknown = fakeClient([() => json(404, { code: 'not_found', message: 'No guardian.' })]);
    await expect(unknown.backend.findGuardian('phone', '+46701740101')).resolves.toBeUndefined();
    expect(unknown.calls[0]?.url).toBe('http://school.test/api/v1/accounts/phone/%2B46701740101/guardian');
    const noRoute = fakeClient([() => json(404, { code: 'ResourceNotFound' })]);
    await expectCode(noRoute.backend.findGuardian('phone', '+46701740101'), 'invalid_request');
  });

  it('turns a malformed or wrongly shaped answer into unavailable', async () => {
    await expectCode(
      fakeClient([() => new Response('{not json', { status: 200 })]).backend.children('g'),
      'unavailable',
    );
    await expectCode(fakeClient([() => json(200, [{ id: 1 }])]).backend.children('g'), 'unavailable');
    await expectCode(fakeClient([() => json(200, { id: 'b1' })]).backend.booking('g', 'c'), 'unavailable');
  });

  it('reads 204 as "no booking"', async () => {
    const { backend } = fakeClient([() => new Response(null, { status: 204 })]);
    await expect(backend.booking('g', 'c')).resolves.toBeUndefined();
  });

  it('sends the bearer token', async () => {
    const { backend, calls } = fakeClient([() => json(200, [])], { token: 'secret' });
    await backend.children('g');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer secret');
  });

  it('answers unavailable (timeout) when the server hangs', async () => {
    const hanging = createNodeServer(() => {
      // Never answers.
    });
    const baseUrl = await listen(hanging);
    try {
      const backend = new HttpSchoolBackend({ baseUrl, timeoutMs: 50, retries: 1, retryDelayMs: 1 });
      const error = await expectCode(backend.children('g'), 'unavailable');
      expect(error.message).toMatch(/timeout/);
    } finally {
      hanging.closeAllConnections();
      await close(hanging);
    }
  });

  it('answers unavailable (connection refused) when nothing listens', async () => {
    const server = createNodeServer();
    const baseUrl = await listen(server);
    await close(server);
    const backend = new HttpSchoolBackend({ baseUrl, retries: 1, retryDelayMs: 1 });
    const error = await expectCode(backend.children('g'), 'unavailable');
    expect(error.message).toMatch(/refused/);
  });
});
