/**
 * A `SchoolBackend` that talks to a school system over the REST API in `openapi/school-api.yaml`. Every failure
 * becomes a `BackendError`, so the dialogs never see a fetch error, a half-parsed body or an HTTP status.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import {
  type Absence,
  type AbsenceRequest,
  type AccountKind,
  BackendError,
  type BackendErrorCode,
  type Booking,
  type Child,
  type GuardianMatch,
  type IsoDate,
  type LeaveApplication,
  type LeaveRequest,
  type Lesson,
  type MeetingSlot,
  type SchoolBackend,
} from '../types.js';
import { isClockTime, isIsoDate } from '../rules.js';

/** Every error code, so a body's `code` can be checked against the union (a new code fails to compile here). */
const ERROR_CODES: Record<BackendErrorCode, true> = {
  not_your_child: true,
  absence_date_not_allowed: true,
  part_day_not_supported: true,
  invalid_time_range: true,
  booking_not_open: true,
  slot_not_available: true,
  already_booked: true,
  leave_in_past: true,
  leave_ends_before_start: true,
  not_found: true,
  invalid_request: true,
  unauthorized: true,
  unavailable: true,
};

/** True for a string that is one of the `BackendErrorCode`s. */
function isBackendErrorCode(value: unknown): value is BackendErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

const isoDateSchema = z.string().refine(isIsoDate);
const clockTimeSchema = z.string().refine(isClockTime);

/** The error body every non-2xx answer of the school API carries. */
const errorBodySchema = z.object({
  code: z.custom<BackendErrorCode>(isBackendErrorCode),
  message: z.string().optional(),
});

const guardianMatchSchema = z.object({
  guardian: z.object({ id: z.string(), name: z.string() }),
  verification: z.enum(['strong', 'medium', 'none']),
}) satisfies z.ZodType<GuardianMatch>;

const childSchema = z.object({
  id: z.string(),
  name: z.string(),
  className: z.string(),
  school: z.object({ id: z.string(), name: z.string(), timetableInInfoMentor: z.boolean() }),
  afterSchoolCare: z.boolean(),
}) satisfies z.ZodType<Child>;

const lessonSchema = z.object({
  start: clockTimeSchema,
  end: clockTimeSchema,
  subject: z.string(),
}) satisfies z.ZodType<Lesson>;

const absenceSchema = z.object({
  id: z.string(),
  childId: z.string(),
  date: isoDateSchema,
  from: clockTimeSchema.optional(),
  to: clockTimeSchema.optional(),
  reason: z.enum(['ill', 'other']),
  reportedBy: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<Absence>;

const leaveApplicationSchema = z.object({
  id: z.string(),
  childId: z.string(),
  from: isoDateSchema,
  to: isoDateSchema,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  appliedBy: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<LeaveApplication>;

const meetingSlotSchema = z.object({
  id: z.string(),
  childId: z.string(),
  teacher: z.string(),
  start: z.string(),
  minutes: z.number(),
  place: z.string().optional(),
  online: z.boolean(),
}) satisfies z.ZodType<MeetingSlot>;

const bookingSchema = z.object({
  id: z.string(),
  childId: z.string(),
  slot: meetingSlotSchema,
  bookedBy: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<Booking>;

/** Constructor options of `HttpSchoolBackend`. */
export interface HttpSchoolBackendOptions {
  /** Where the API lives, e.g. `https://school.example/api` (paths start with `/v1`). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`. */
  token?: string;
  /** Per attempt, including reading the body. Default 5000. */
  timeoutMs?: number;
  /** Extra attempts after a timeout, a network error or a 502/503/504. Default 2. */
  retries?: number;
  /** For tests. Default the global fetch. */
  fetch?: typeof fetch;
  /** The first backoff; it doubles for each further retry. Default 100. */
  retryDelayMs?: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface RequestSpec {
  /** The `SchoolBackend` method, used in error messages instead of the URL (which holds ids). */
  operation: string;
  method: Method;
  path: string;
  body?: unknown;
  idempotencyKey?: string;
}

/** A status and body, or why no answer came. */
type Outcome = { kind: 'answer'; status: number; text: string } | { kind: 'failure'; reason: string };

/** Statuses that mean "try again": a proxy or the system itself is briefly unable to answer. */
const RETRY_STATUSES = new Set([502, 503, 504]);

/** Builds a path, URL-encoding every interpolated value so ids cannot change the path's shape. */
function path(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((built, part, index) => {
    const value = values[index - 1];
    return built + (value === undefined ? '' : encodeURIComponent(value)) + part;
  });
}

/**
 * The school system over HTTP. Retries only what is safe to repeat: GETs, and writes because each carries an
 * `Idempotency-Key` (the same key on every attempt); only after timeouts, network errors and 502/503/504, never
 * after a 4xx. Errors name the operation, never the ids or personal data in the request.
 */
export class HttpSchoolBackend implements SchoolBackend {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly fetch: typeof fetch;
  private readonly retryDelayMs: number;

  constructor(options: HttpSchoolBackendOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.retries = Math.max(0, options.retries ?? 2);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.retryDelayMs = options.retryDelayMs ?? 100;
  }

  async findGuardian(kind: AccountKind, accountId: string): Promise<GuardianMatch | undefined> {
    try {
      return await this.json(guardianMatchSchema, {
        operation: 'findGuardian',
        method: 'GET',
        path: path`/v1/accounts/${kind}/${accountId}/guardian`,
      });
    } catch (error) {
      // Only our own `not_found` means "unknown account"; a 404 from a wrong base URL stays an error.
      if (error instanceof BackendError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  children(guardianId: string): Promise<Child[]> {
    return this.json(z.array(childSchema), {
      operation: 'children',
      method: 'GET',
      path: path`/v1/guardians/${guardianId}/children`,
    });
  }

  lessons(guardianId: string, childId: string, date: IsoDate): Promise<Lesson[]> {
    return this.json(z.array(lessonSchema), {
      operation: 'lessons',
      method: 'GET',
      path: `${path`/v1/guardians/${guardianId}/children/${childId}/lessons`}?${new URLSearchParams({ date }).toString()}`,
    });
  }

  reportAbsence(guardianId: string, request: AbsenceRequest): Promise<Absence> {
    const { childId, idempotencyKey, date, from, to, reason } = request;
    return this.json(absenceSchema, {
      operation: 'reportAbsence',
      method: 'POST',
      path: path`/v1/guardians/${guardianId}/children/${childId}/absences`,
      body: { date, from, to, reason },
      idempotencyKey,
    });
  }

  absences(guardianId: string, childId: string): Promise<Absence[]> {
    return this.json(z.array(absenceSchema), {
      operation: 'absences',
      method: 'GET',
      path: path`/v1/guardians/${guardianId}/children/${childId}/absences`,
    });
  }

  applyForLeave(guardianId: string, request: LeaveRequest): Promise<LeaveApplication> {
    const { childId, idempotencyKey, from, to, reason } = request;
    return this.json(leaveApplicationSchema, {
      operation: 'applyForLeave',
      method: 'POST',
      path: path`/v1/guardians/${guardianId}/children/${childId}/leave-applications`,
      body: { from, to, reason },
      idempotencyKey,
    });
  }

  leaveApplications(guardianId: string, childId: string): Promise<LeaveApplication[]> {
    return this.json(z.array(leaveApplicationSchema), {
      operation: 'leaveApplications',
      method: 'GET',
      path: path`/v1/guardians/${guardianId}/children/${childId}/leave-applications`,
    });
  }

  meetingSlots(guardianId: string, childId: string): Promise<MeetingSlot[]> {
    return this.json(z.array(meetingSlotSchema), {
      operation: 'meetingSlots',
      method: 'GET',
      path: path`/v1/guardians/${guardianId}/children/${childId}/meeting-slots`,
    });
  }

  async booking(guardianId: string, childId: string): Promise<Booking | undefined> {
    const spec: RequestSpec = {
      operation: 'booking',
      method: 'GET',
      path: path`/v1/guardians/${guardianId}/children/${childId}/booking`,
    };
    const { status, text } = await this.send(spec);
    return status === 204 ? undefined : parseBody(bookingSchema, text, spec.operation);
  }

  book(guardianId: string, childId: string, slotId: string, idempotencyKey: string): Promise<Booking> {
    return this.json(bookingSchema, {
      operation: 'book',
      method: 'POST',
      path: path`/v1/guardians/${guardianId}/children/${childId}/bookings`,
      body: { slotId },
      idempotencyKey,
    });
  }

  changeBooking(guardianId: string, bookingId: string, slotId: string, idempotencyKey: string): Promise<Booking> {
    return this.json(bookingSchema, {
      operation: 'changeBooking',
      method: 'PUT',
      path: path`/v1/guardians/${guardianId}/bookings/${bookingId}`,
      body: { slotId },
      idempotencyKey,
    });
  }

  async cancelBooking(guardianId: string, bookingId: string, idempotencyKey: string): Promise<void> {
    await this.send({
      operation: 'cancelBooking',
      method: 'DELETE',
      path: path`/v1/guardians/${guardianId}/bookings/${bookingId}`,
      idempotencyKey,
    });
  }

  /** School side (not part of `SchoolBackend`): approves or rejects a leave application, for tests and demos. */
  async decideLeave(applicationId: string, status: 'approved' | 'rejected'): Promise<void> {
    await this.send({
      operation: 'decideLeave',
      method: 'POST',
      path: path`/v1/leave-applications/${applicationId}/decision`,
      body: { status },
      idempotencyKey: randomUUID(),
    });
  }

  /** Sends the request and validates the 2xx body against `schema`. */
  private async json<T>(schema: z.ZodType<T>, spec: RequestSpec): Promise<T> {
    const { text } = await this.send(spec);
    return parseBody(schema, text, spec.operation);
  }

  /** Sends with retries; a 2xx answer is returned, anything else thrown as a `BackendError`. */
  private async send(spec: RequestSpec): Promise<{ status: number; text: string }> {
    const retriable = spec.method === 'GET' || spec.idempotencyKey !== undefined;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(spec);
      const transient = outcome.kind === 'failure' || RETRY_STATUSES.has(outcome.status);
      if (transient && retriable && attempt < this.retries) {
        await sleep(this.retryDelayMs * 2 ** attempt);
        continue;
      }
      if (outcome.kind === 'failure') {
        throw new BackendError('unavailable', `${spec.operation}: the school system ${outcome.reason}.`);
      }
      if (outcome.status >= 200 && outcome.status < 300) return outcome;
      throw errorFor(spec.operation, outcome.status, outcome.text);
    }
  }

  /** One attempt: the status and full body within the timeout, or why there was none. */
  private async attempt(spec: RequestSpec): Promise<Outcome> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    if (spec.idempotencyKey !== undefined) headers['idempotency-key'] = spec.idempotencyKey;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await this.fetch(this.baseUrl + spec.path, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { kind: 'answer', status: response.status, text: await response.text() };
    } catch (error) {
      return { kind: 'failure', reason: this.describeFailure(error) };
    }
  }

  /** Says what went wrong with the connection, in words for a log line (no URL, no ids). */
  private describeFailure(error: unknown): string {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return `did not answer within ${this.timeoutMs} ms (timeout)`;
    }
    const code = networkCode(error);
    if (code === 'ECONNREFUSED') return 'refused the connection (connection refused)';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `could not be found (${code})`;
    return code === undefined ? 'could not be reached (network error)' : `could not be reached (${code})`;
  }
}

/** The `code` of a network error, which Node's fetch puts on the error's `cause`. */
function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** A non-2xx answer as a `BackendError`: our own error body's code where there is one. */
function errorFor(operation: string, status: number, text: string): BackendError {
  if (status >= 500 || status < 400) {
    return new BackendError('unavailable', `${operation}: the school system answered with status ${status}.`);
  }
  const body = errorBodySchema.safeParse(tryJson(text));
  if (body.success) return new BackendError(body.data.code, body.data.message ?? body.data.code);
  if (status === 401 || status === 403) {
    return new BackendError('unauthorized', `${operation}: the school system refused our credentials (${status}).`);
  }
  return new BackendError('invalid_request', `${operation}: the school system answered with status ${status}.`);
}

/** A 2xx body validated against `schema`; anything else means the system is not answering as agreed. */
function parseBody<T>(schema: z.ZodType<T>, text: string, operation: string): T {
  const parsed = schema.safeParse(tryJson(text));
  if (parsed.success) return parsed.data;
  throw new BackendError('unavailable', `${operation}: the school system's answer was malformed.`);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
