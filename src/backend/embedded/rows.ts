/**
 * Row shapes of the embedded school tables and their mapping to the domain types, kept apart from the
 * queries so the backend reads as rules and SQL only.
 */
import type { Absence, AbsenceReason, Booking, Child, LeaveApplication, LeaveStatus, MeetingSlot } from '../types.js';

/** A child joined with its school. */
export interface ChildRow {
  id: string;
  name: string;
  class_name: string;
  after_school_care: number;
  school_id: string;
  school_name: string;
  timetable_in_infomentor: number;
}

/** Selects every `ChildRow` column; append `WHERE …`. */
export const CHILD_SELECT = `SELECT c.id, c.name, c.class_name, c.after_school_care,
    s.id AS school_id, s.name AS school_name, s.timetable_in_infomentor
  FROM school_children c JOIN school_schools s ON s.id = c.school_id`;

/** Maps a child row to the domain `Child`. */
export function toChild(row: ChildRow): Child {
  return {
    id: row.id,
    name: row.name,
    className: row.class_name,
    school: { id: row.school_id, name: row.school_name, timetableInInfoMentor: row.timetable_in_infomentor === 1 },
    afterSchoolCare: row.after_school_care === 1,
  };
}

export interface AbsenceRow {
  id: string;
  child_id: string;
  date: string;
  from_time: string | null;
  to_time: string | null;
  reason: string;
  reported_by: string;
  created_at: string;
}

/** Maps an absence row; `from`/`to` are left out (not `undefined`) for a whole day, as the interface reads. */
export function toAbsence(row: AbsenceRow): Absence {
  return {
    id: row.id,
    childId: row.child_id,
    date: row.date,
    ...(row.from_time !== null && row.to_time !== null ? { from: row.from_time, to: row.to_time } : {}),
    reason: row.reason as AbsenceReason,
    reportedBy: row.reported_by,
    createdAt: row.created_at,
  };
}

export interface LeaveRow {
  id: string;
  child_id: string;
  from_date: string;
  to_date: string;
  reason: string;
  status: string;
  applied_by: string;
  created_at: string;
}

/** Maps a leave application row. */
export function toLeave(row: LeaveRow): LeaveApplication {
  return {
    id: row.id,
    childId: row.child_id,
    from: row.from_date,
    to: row.to_date,
    reason: row.reason,
    status: row.status as LeaveStatus,
    appliedBy: row.applied_by,
    createdAt: row.created_at,
  };
}

export interface SlotRow {
  id: string;
  school_id: string;
  class_name: string;
  teacher: string;
  start: string;
  minutes: number;
  place: string | null;
  online: number;
}

/** Maps a slot row as seen for one child (slots belong to a class; the interface lists them per child). */
export function toSlot(row: SlotRow, childId: string): MeetingSlot {
  return {
    id: row.id,
    childId,
    teacher: row.teacher,
    start: row.start,
    minutes: row.minutes,
    ...(row.place !== null ? { place: row.place } : {}),
    online: row.online === 1,
  };
}

export interface BookingRow {
  id: string;
  child_id: string;
  slot_id: string;
  booked_by: string;
  created_at: string;
  cancelled_at: string | null;
}

/** Maps a booking row together with its slot. */
export function toBooking(row: BookingRow, slot: SlotRow): Booking {
  return {
    id: row.id,
    childId: row.child_id,
    slot: toSlot(slot, row.child_id),
    bookedBy: row.booked_by,
    createdAt: row.created_at,
  };
}
