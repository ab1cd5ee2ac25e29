import type { Database } from '../../storage/database.js';
import { CHILD_SELECT, type AbsenceRow, type BookingRow, type ChildRow, type LeaveRow, type SlotRow } from './rows.js';

/** Free, future slots of a class; shared by the slot list and the "is booking open" count. */
const FREE_SLOTS = `FROM school_meeting_slots s
  WHERE s.school_id = ? AND s.class_name = ? AND s.start > ?
    AND NOT EXISTS (SELECT 1 FROM school_bookings b WHERE b.slot_id = s.id AND b.cancelled_at IS NULL)`;

/**
 * Every query of the embedded backend, prepared once per database. Kept out of the backend class so the class
 * reads as the school's rules; the parameter tuples document each statement's placeholders.
 */
export function prepareStatements(db: Database) {
  return {
    guardianByAccount: db.prepare<[string, string], { id: string; name: string; verification: string }>(
      `SELECT g.id, g.name, a.verification FROM school_accounts a JOIN school_guardians g ON g.id = a.guardian_id
        WHERE a.kind = ? AND a.account_id = ?`,
    ),
    childrenOf: db.prepare<[string], ChildRow>(
      `${CHILD_SELECT} WHERE c.id IN (SELECT child_id FROM school_guardian_children WHERE guardian_id = ?)
        ORDER BY c.name, c.id`,
    ),
    ownChild: db.prepare<[string, string], ChildRow>(
      `${CHILD_SELECT} WHERE c.id = ?
        AND EXISTS (SELECT 1 FROM school_guardian_children gc WHERE gc.child_id = c.id AND gc.guardian_id = ?)`,
    ),
    lessons: db.prepare<[string, string, number], { start_time: string; end_time: string; subject: string }>(
      `SELECT start_time, end_time, subject FROM school_lessons
        WHERE school_id = ? AND class_name = ? AND weekday = ? ORDER BY start_time`,
    ),
    insertAbsence: db.prepare<[AbsenceRow]>(
      `INSERT INTO school_absences (id, child_id, date, from_time, to_time, reason, reported_by, created_at)
        VALUES (@id, @child_id, @date, @from_time, @to_time, @reason, @reported_by, @created_at)`,
    ),
    absences: db.prepare<[string], AbsenceRow>(
      'SELECT * FROM school_absences WHERE child_id = ? ORDER BY date, from_time, created_at, id',
    ),
    insertLeave: db.prepare<[LeaveRow]>(
      `INSERT INTO school_leave_applications (id, child_id, from_date, to_date, reason, status, applied_by, created_at)
        VALUES (@id, @child_id, @from_date, @to_date, @reason, @status, @applied_by, @created_at)`,
    ),
    leaveApplications: db.prepare<[string], LeaveRow>(
      'SELECT * FROM school_leave_applications WHERE child_id = ? ORDER BY from_date, created_at, id',
    ),
    leaveById: db.prepare<[string], LeaveRow>('SELECT * FROM school_leave_applications WHERE id = ?'),
    decideLeave: db.prepare<[string, string, string]>(
      'UPDATE school_leave_applications SET status = ?, decided_at = ? WHERE id = ?',
    ),
    freeSlots: db.prepare<[string, string, string], SlotRow>(`SELECT s.* ${FREE_SLOTS} ORDER BY s.start, s.id`),
    countFreeSlots: db.prepare<[string, string, string], { n: number }>(`SELECT count(*) AS n ${FREE_SLOTS}`),
    slotById: db.prepare<[string], SlotRow>('SELECT * FROM school_meeting_slots WHERE id = ?'),
    slotTaken: db.prepare<[string], { id: string }>(
      'SELECT id FROM school_bookings WHERE slot_id = ? AND cancelled_at IS NULL',
    ),
    upcomingBooking: db.prepare<[string, string], BookingRow>(
      `SELECT b.* FROM school_bookings b JOIN school_meeting_slots s ON s.id = b.slot_id
        WHERE b.child_id = ? AND b.cancelled_at IS NULL AND s.start > ? ORDER BY s.start LIMIT 1`,
    ),
    bookingById: db.prepare<[string], BookingRow>('SELECT * FROM school_bookings WHERE id = ?'),
    insertBooking: db.prepare<[BookingRow]>(
      `INSERT INTO school_bookings (id, child_id, slot_id, booked_by, created_at, cancelled_at)
        VALUES (@id, @child_id, @slot_id, @booked_by, @created_at, @cancelled_at)`,
    ),
    moveBooking: db.prepare<[string, string]>('UPDATE school_bookings SET slot_id = ? WHERE id = ?'),
    cancelBooking: db.prepare<[string, string]>('UPDATE school_bookings SET cancelled_at = ? WHERE id = ?'),
  };
}

/** The prepared statements of one database. */
export type Statements = ReturnType<typeof prepareStatements>;
