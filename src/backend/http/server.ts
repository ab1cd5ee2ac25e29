/**
 * The school API of `openapi/school-api.yaml` served over any `SchoolBackend`: the test server the HTTP client is
 * checked against, and a fake school system a developer can run in front of the embedded backend. Requests are
 * only checked for shape here (400 `invalid_request`); the school's rules stay in the backend, so the answers are
 * the backend's own.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import restify, { type Request, type Response } from 'restify';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MAX_BODY_BYTES } from '../../json-body.js';
import { isIdempotencyKey, isIsoDate } from '../rules.js';
import { type AccountKind, BackendError, type BackendErrorCode, type SchoolBackend } from '../types.js';

/** A decision on a leave application, taken by the school (not by a guardian). */
export type LeaveDecision = 'approved' | 'rejected';

/** What the server serves: any `SchoolBackend`; without `decideLeave` the decision route answers 501. */
export type ServableBackend = SchoolBackend & {
  decideLeave?(applicationId: string, status: LeaveDecision): unknown;
};

/** Options of `createSchoolApiServer`. */
export interface SchoolApiServerOptions {
  /** The bearer token every `/v1` request must carry; none means no check (a local fake only). */
  token?: string;
}

/** The HTTP status of each error code, as the OpenAPI document lists them (clients map them back). */
export const STATUS_BY_CODE: Readonly<Record<BackendErrorCode, number>> = {
  invalid_request: 400,
  unauthorized: 401,
  not_your_child: 403,
  not_found: 404,
  slot_not_available: 409,
  already_booked: 409,
  absence_date_not_allowed: 422,
  part_day_not_supported: 422,
  invalid_time_range: 422,
  booking_not_open: 422,
  leave_in_past: 422,
  leave_ends_before_start: 422,
  unavailable: 503,
};

/** One request as a route sees it: path parameters, query, parsed body and the write's idempotency key. */
interface Call {
  param(name: string): string;
  query(name: string): string;
  body: unknown;
  idempotencyKey: string;
}

interface Answer {
  status: number;
  body?: unknown;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One operation of the document: its method, its path as written there, and what it asks of the backend. */
export interface SchoolApiRoute {
  method: Method;
  path: string;
  handle(backend: ServableBackend, call: Call): Promise<Answer>;
}

const accountKind = z.enum(['webchat', 'teams', 'phone']) satisfies z.ZodType<AccountKind>;
const absenceInput = z.object({
  date: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.enum(['ill', 'other']),
});
const leaveInput = z.object({ from: z.string(), to: z.string(), reason: z.string() });
const slotChoice = z.object({ slotId: z.string().min(1) });
const leaveDecision = z.object({ status: z.enum(['approved', 'rejected']) });

/** `value` checked against `schema`, or a 400 naming the first problem's field (never the value). */
function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const field = result.error.issues[0]?.path.join('.');
  throw new BackendError('invalid_request', `Invalid ${what}${field ? ` (${field})` : ''}.`);
}

const ok = (body: unknown): Answer => ({ status: 200, body });
const created = (body: unknown): Answer => ({ status: 201, body });
const noContent: Answer = { status: 204 };

const CHILD = '/v1/guardians/{guardianId}/children/{childId}';
const BOOKING = '/v1/guardians/{guardianId}/bookings/{bookingId}';

/** Every operation of `openapi/school-api.yaml` except the document itself, in the document's order. */
export const SCHOOL_API_ROUTES: readonly SchoolApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/accounts/{kind}/{accountId}/guardian',
    async handle(backend, call) {
      const match = await backend.findGuardian(parse(accountKind, call.param('kind'), 'kind'), call.param('accountId'));
      if (match === undefined) throw new BackendError('not_found', 'No guardian has this account.');
      return ok(match);
    },
  },
  {
    method: 'GET',
    path: '/v1/guardians/{guardianId}/children',
    handle: async (backend, call) => ok(await backend.children(call.param('guardianId'))),
  },
  {
    method: 'GET',
    path: `${CHILD}/lessons`,
    async handle(backend, call) {
      const date = call.query('date');
      if (!isIsoDate(date)) throw new BackendError('invalid_request', 'The date must be YYYY-MM-DD.');
      return ok(await backend.lessons(call.param('guardianId'), call.param('childId'), date));
    },
  },
  {
    method: 'GET',
    path: `${CHILD}/absences`,
    handle: async (backend, call) => ok(await backend.absences(call.param('guardianId'), call.param('childId'))),
  },
  {
    method: 'POST',
    path: `${CHILD}/absences`,
    async handle(backend, call) {
      const input = parse(absenceInput, call.body, 'absence');
      const request = { ...input, childId: call.param('childId'), idempotencyKey: call.idempotencyKey };
      return created(await backend.reportAbsence(call.param('guardianId'), request));
    },
  },
  {
    method: 'GET',
    path: `${CHILD}/leave-applications`,
    handle: async (backend, call) =>
      ok(await backend.leaveApplications(call.param('guardianId'), call.param('childId'))),
  },
  {
    method: 'POST',
    path: `${CHILD}/leave-applications`,
    async handle(backend, call) {
      const input = parse(leaveInput, call.body, 'leave application');
      const request = { ...input, childId: call.param('childId'), idempotencyKey: call.idempotencyKey };
      return created(await backend.applyForLeave(call.param('guardianId'), request));
    },
  },
  {
    method: 'GET',
    path: `${CHILD}/meeting-slots`,
    handle: async (backend, call) => ok(await backend.meetingSlots(call.param('guardianId'), call.param('childId'))),
  },
  {
    method: 'GET',
    path: `${CHILD}/booking`,
    async handle(backend, call) {
      const booking = await backend.booking(call.param('guardianId'), call.param('childId'));
      return booking === undefined ? noContent : ok(booking);
    },
  },
  {
    method: 'POST',
    path: `${CHILD}/bookings`,
    async handle(backend, call) {
      const { slotId } = parse(slotChoice, call.body, 'booking');
      const [guardianId, childId] = [call.param('guardianId'), call.param('childId')];
      return created(await backend.book(guardianId, childId, slotId, call.idempotencyKey));
    },
  },
  {
    method: 'PUT',
    path: BOOKING,
    async handle(backend, call) {
      const { slotId } = parse(slotChoice, call.body, 'booking');
      const [guardianId, bookingId] = [call.param('guardianId'), call.param('bookingId')];
      return ok(await backend.changeBooking(guardianId, bookingId, slotId, call.idempotencyKey));
    },
  },
  {
    method: 'DELETE',
    path: BOOKING,
    async handle(backend, call) {
      await backend.cancelBooking(call.param('guardianId'), call.param('bookingId'), call.idempotencyKey);
      return noContent;
    },
  },
  {
    method: 'POST',
    path: '/v1/leave-applications/{applicationId}/decision',
    async handle(backend, call) {
      const { status } = parse(leaveDecision, call.body, 'decision');
      if (backend.decideLeave === undefined) {
        return { status: 501, body: { code: 'unavailable', message: 'This school system does not decide leave.' } };
      }
      await backend.decideLeave(call.param('applicationId'), status);
      return noContent;
    },
  },
];

/**
 * A restify server (not listening yet) answering every route of `SCHOOL_API_ROUTES` over `backend`, plus the
 * document itself at `GET /openapi.yaml` and `GET /openapi.json` (no token needed for those).
 */
export function createSchoolApiServer(backend: ServableBackend, options: SchoolApiServerOptions = {}): restify.Server {
  const server = restify.createServer({ name: 'school-api', handleUncaughtExceptions: false });
  const yamlText = readFileSync(documentPath(), 'utf8');
  const json: unknown = parseYaml(yamlText);

  server.get('/openapi.yaml', (_req, res, next) => {
    res.sendRaw(200, yamlText, { 'Content-Type': 'application/yaml; charset=utf-8' });
    next();
  });
  server.get('/openapi.json', (_req, res, next) => {
    res.send(200, json);
    next();
  });

  const verbs = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'del' } as const;
  for (const route of SCHOOL_API_ROUTES) {
    server[verbs[route.method]](route.path.replace(/\{(\w+)\}/g, ':$1'), handler(route, backend, options.token));
  }
  return server;
}

/** Where `openapi/school-api.yaml` is: the nearest `openapi` folder above this module (from `src` or `dist`). */
export function documentPath(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'openapi', 'school-api.yaml');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('openapi/school-api.yaml was not found above the server module.');
  }
}

/** The restify handler for one route: token, idempotency key and body checks, then the backend's answer. */
function handler(route: SchoolApiRoute, backend: ServableBackend, token: string | undefined) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      if (token !== undefined && !hasBearer(req, token)) {
        res.header('WWW-Authenticate', 'Bearer');
        throw new BackendError('unauthorized', 'A valid bearer token is required.');
      }
      const write = route.method !== 'GET';
      const header = req.headers['idempotency-key'];
      const idempotencyKey = typeof header === 'string' ? header : '';
      if (write && !isIdempotencyKey(idempotencyKey)) {
        throw new BackendError('invalid_request', 'Every write needs an Idempotency-Key header (1–200 characters).');
      }
      const body = write && route.method !== 'DELETE' ? await readJson(req) : undefined;
      const answer = await route.handle(backend, callOf(req, body, idempotencyKey));
      if (answer.body === undefined) res.send(answer.status);
      else res.send(answer.status, answer.body);
    } catch (error) {
      sendError(res, error);
    }
  };
}

function callOf(req: Request, body: unknown, idempotencyKey: string): Call {
  const rawParams: unknown = req.params;
  const params = z.record(z.string(), z.string()).catch({}).parse(rawParams);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  return {
    param(name) {
      const value = params[name];
      if (!value) throw new BackendError('invalid_request', `Missing path parameter ${name}.`);
      return value;
    },
    query(name) {
      const value = query.get(name);
      if (value === null) throw new BackendError('invalid_request', `Missing query parameter ${name}.`);
      return value;
    },
    body,
    idempotencyKey,
  };
}

/** A `BackendError` as its status and `{ code, message }`; anything else is a 500 that says nothing more. */
function sendError(res: Response, error: unknown): void {
  if (error instanceof BackendError) {
    res.send(STATUS_BY_CODE[error.code], { code: error.code, message: error.message });
  } else {
    res.send(500, { code: 'unavailable', message: 'The school system failed to answer.' });
  }
}

/** Compares hashes in constant time, so the token's length and prefix do not leak through timing. */
function hasBearer(req: Request, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * The JSON body, as 400 `invalid_request` when it is not JSON or too large. Read here rather than with
 * `jsonBody()` so that its failures carry this API's error body (`jsonBody` answers `{ error }`).
 */
async function readJson(req: Request): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream: AsyncIterable<unknown> = req;
  for await (const chunk of stream) {
    if (!Buffer.isBuffer(chunk)) continue;
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new BackendError('invalid_request', `The body is over ${MAX_BODY_BYTES} bytes.`);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    throw new BackendError('invalid_request', 'The body is not valid JSON.');
  }
}
