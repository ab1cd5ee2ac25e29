import BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../../storage/database.js';
import { systemClock, weekday, type Clock } from '../../time/stockholm.js';
import { absenceRefusal, enforce, isIdempotencyKey, isIsoDate, leaveRefusal, slotIsBookable } from '../rules.js';
import {
  BackendError,
  type Absence,
  type AbsenceRequest,
  type AccountKind,
  type Booking,
  type Child,
  type GuardianMatch,
  type IsoDate,
  type LeaveApplication,
  type LeaveRequest,
  type LeaveStatus,
  type Lesson,
  type MeetingSlot,
  type SchoolBackend,
  type Verification,
} from '../types.js';
import { IdempotencyStore, type IdempotentOperation } from './idempotency.js';
import { newId } from './ids.js';
import {
  toAbsence,
  toBooking,
  toChild,
  toLeave,
  toSlot,
  type BookingRow,
  type ChildRow,
  type SlotRow,
} from './rows.js';
import { applySchoolMigrations } from './schema.js';
import { prepareStatements, type Statements } from './statements.js';

const ACCOUNT_KINDS: readonly string[] = ['webchat', 'teams', 'phone'] satisfies AccountKind[];
const DECISIONS: readonly string[] = ['approved', 'rejected'] satisfies LeaveStatus[];

/**
 * A complete school system in the assistant's own SQLite database: the demo, the tests' reference
 * implementation, and a stand-in wherever no InfoMentor integration is configured. It enforces the same rules
 * and ownership checks as a real school system would, so the dialogs cannot rely on being lenient.
 *
 * Each call runs synchronously in one SQLite transaction (writes take the write lock up front), so a booking
 * can never be half changed and two processes sharing the file cannot book the same slot.
 */
export class EmbeddedSchoolBackend implements SchoolBackend {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #sql: Statements;
  readonly #keys: IdempotencyStore;

  constructor(db: Database, clock: Clock = systemClock) {
    applySchoolMigrations(db);
    this.#db = db;
    this.#clock = clock;
    this.#sql = prepareStatements(db);
    this.#keys = new IdempotencyStore(db);
  }

  findGuardian(kind: AccountKind, accountId: string): Promise<GuardianMatch | undefined> {
    return this.#run(() => {
      if (!ACCOUNT_KINDS.includes(kind) || typeof accountId !== 'string') return undefined;
      const row = this.#sql.guardianByAccount.get(kind, accountId);
      if (row === undefined) return undefined;
      return { guardian: { id: row.id, name: row.name }, verification: row.verification as Verification };
    });
  }

  children(guardianId: string): Promise<Child[]> {
    return this.#run(() => this.#sql.childrenOf.all(guardianId).map(toChild));
  }

  lessons(guardianId: string, childId: string, date: IsoDate): Promise<Lesson[]> {
    return this.#run(() => {
      const child = this.#ownChild(guardianId, childId);
      if (!isIsoDate(date)) throw new BackendError('invalid_request', 'date must be YYYY-MM-DD');
      if (child.timetable_in_infomentor !== 1) return [];
      return this.#sql.lessons
        .all(child.school_id, child.class_name, weekday(date))
        .map((row) => ({ start: row.start_time, end: row.end_time, subject: row.subject }));
    });
  }

  reportAbsence(guardianId: string, request: AbsenceRequest): Promise<Absence> {
    return this.#write('absence', guardianId, request.idempotencyKey, (now) => {
      const child = this.#ownChild(guardianId, request.childId);
      enforce(absenceRefusal(request, child.timetable_in_infomentor === 1, now));
      const row = {
        id: newId('abs'),
        child_id: child.id,
        date: request.date,
        from_time: request.from ?? null,
        to_time: request.to ?? null,
        reason: request.reason,
        reported_by: guardianId,
        created_at: now.toISOString(),
      };
      this.#sql.insertAbsence.run(row);
      return toAbsence(row);
    });
  }

  absences(guardianId: string, childId: string): Promise<Absence[]> {
    return this.#run(() => this.#sql.absences.all(this.#ownChild(guardianId, childId).id).map(toAbsence));
  }

  applyForLeave(guardianId: string, request: LeaveRequest): Promise<LeaveApplication> {
    return this.#write('leave', guardianId, request.idempotencyKey, (now) => {
      const child = this.#ownChild(guardianId, request.childId);
      enforce(leaveRefusal(request, now));
      const row = {
        id: newId('leave'),
        child_id: child.id,
        from_date: request.from,
        to_date: request.to,
        reason: request.reason,
        status: 'pending',
        applied_by: guardianId,
        created_at: now.toISOString(),
      };
      this.#sql.insertLeave.run(row);
      return toLeave(row);
    });
  }

  leaveApplications(guardianId: string, childId: string): Promise<LeaveApplication[]> {
    return this.#run(() => this.#sql.leaveApplications.all(this.#ownChild(guardianId, childId).id).map(toLeave));
  }

  /**
   * The school's side of a leave application (not part of `SchoolBackend`: guardians cannot decide), used by the
   * demo and the tests to move an application from pending to approved or rejected.
   */
  decideLeave(applicationId: string, status: 'approved' | 'rejected'): Promise<LeaveApplication> {
    return this.#run(() => {
      if (!DECISIONS.includes(status)) throw new BackendError('invalid_request');
      const decide = this.#db.transaction(() => {
        if (this.#sql.leaveById.get(applicationId) === undefined) throw new BackendError('not_found');
        this.#sql.decideLeave.run(status, this.#clock().toISOString(), applicationId);
        const row = this.#sql.leaveById.get(applicationId);
        if (row === undefined) throw new BackendError('not_found');
        return toLeave(row);
      });
      return decide.immediate();
    });
  }

  meetingSlots(guardianId: string, childId: string): Promise<MeetingSlot[]> {
    return this.#run(() => {
      const child = this.#ownChild(guardianId, childId);
      const now = this.#clock().toISOString();
      return this.#sql.freeSlots.all(child.school_id, child.class_name, now).map((row) => toSlot(row, child.id));
    });
  }

  booking(guardianId: string, childId: string): Promise<Booking | undefined> {
    return this.#run(() => {
      const child = this.#ownChild(guardianId, childId);
      const row = this.#sql.upcomingBooking.get(child.id, this.#clock().toISOString());
      return row === undefined ? undefined : toBooking(row, this.#slot(row.slot_id));
    });
  }

  book(guardianId: string, childId: string, slotId: string, idempotencyKey: string): Promise<Booking> {
    return this.#write('book', guardianId, idempotencyKey, (now) => {
      const child = this.#ownChild(guardianId, childId);
      if (this.#sql.upcomingBooking.get(child.id, now.toISOString()) !== undefined) {
        throw new BackendError('already_booked');
      }
      const slot = this.#takeableSlot(child, slotId, now, true);
      const row: BookingRow = {
        id: newId('book'),
        child_id: child.id,
        slot_id: slot.id,
        booked_by: guardianId,
        created_at: now.toISOString(),
        cancelled_at: null,
      };
      this.#sql.insertBooking.run(row);
      return toBooking(row, slot);
    });
  }

  changeBooking(guardianId: string, bookingId: string, slotId: string, idempotencyKey: string): Promise<Booking> {
    return this.#write('change', guardianId, idempotencyKey, (now) => {
      const { row, child, slot: current } = this.#upcomingOwnBooking(guardianId, bookingId, now);
      if (slotId === current.id) return toBooking(row, current);
      const slot = this.#takeableSlot(child, slotId, now, false);
      this.#sql.moveBooking.run(slot.id, row.id);
      return toBooking({ ...row, slot_id: slot.id }, slot);
    });
  }

  async cancelBooking(guardianId: string, bookingId: string, idempotencyKey: string): Promise<void> {
    await this.#write('cancel', guardianId, idempotencyKey, (now) => {
      const { row } = this.#upcomingOwnBooking(guardianId, bookingId, now);
      this.#sql.cancelBooking.run(now.toISOString(), row.id);
      return null;
    });
  }

  /** The child when it is this guardian's; anything else (another's child, an unknown id) is `not_your_child`. */
  #ownChild(guardianId: string, childId: string): ChildRow {
    const row = typeof childId === 'string' ? this.#sql.ownChild.get(childId, guardianId) : undefined;
    if (row === undefined) throw new BackendError('not_your_child');
    return row;
  }

  #slot(slotId: string): SlotRow {
    const slot = this.#sql.slotById.get(slotId);
    if (slot === undefined) throw new BackendError('not_found', 'booking refers to a missing slot');
    return slot;
  }

  /** An active, upcoming booking of one of the guardian's children (another guardian's is `not_your_child`). */
  #upcomingOwnBooking(guardianId: string, bookingId: string, now: Date) {
    const row = typeof bookingId === 'string' ? this.#sql.bookingById.get(bookingId) : undefined;
    if (row === undefined) throw new BackendError('not_found');
    const child = this.#ownChild(guardianId, row.child_id);
    const slot = this.#slot(row.slot_id);
    if (row.cancelled_at !== null || !slotIsBookable(slot.start, now)) throw new BackendError('not_found');
    return { row, child, slot };
  }

  /**
   * The slot when the child may take it now: the child's class's, in the future and free. Otherwise
   * `booking_not_open` when the child has no free slot at all (only when `whenClosed`), else `slot_not_available`.
   */
  #takeableSlot(child: ChildRow, slotId: string, now: Date, whenClosed: boolean): SlotRow {
    const slot = typeof slotId === 'string' ? this.#sql.slotById.get(slotId) : undefined;
    if (
      slot !== undefined &&
      slot.school_id === child.school_id &&
      slot.class_name === child.class_name &&
      slotIsBookable(slot.start, now) &&
      this.#sql.slotTaken.get(slot.id) === undefined
    ) {
      return slot;
    }
    const open = this.#sql.countFreeSlots.get(child.school_id, child.class_name, now.toISOString());
    if (whenClosed && (open?.n ?? 0) === 0) throw new BackendError('booking_not_open');
    throw new BackendError('slot_not_available');
  }

  /**
   * Runs a keyed write in one IMMEDIATE transaction: a key this guardian already used for this operation
   * returns the stored first result; otherwise the write runs and its result is stored with the key.
   */
  #write<T>(operation: IdempotentOperation, guardianId: string, key: string, action: (now: Date) => T): Promise<T> {
    return this.#run(() => {
      if (!isIdempotencyKey(key)) throw new BackendError('invalid_request', 'missing idempotency key');
      const write = this.#db.transaction(() => {
        const earlier = this.#keys.find(guardianId, operation, key);
        // The stored result was produced by this same operation, so it has the operation's result type.
        if (earlier !== undefined) return earlier.result as T;
        const now = this.#clock();
        const result = action(now);
        this.#keys.remember(guardianId, operation, key, result, now);
        return result;
      });
      return write.immediate();
    });
  }

  /** Turns synchronous work into a promise (throws become rejections); a database failure becomes `unavailable`. */
  #run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      resolve(work());
    }).catch((error: unknown) => {
      if (error instanceof BetterSqlite3.SqliteError) throw new BackendError('unavailable', error.code);
      throw error;
    });
  }
}
