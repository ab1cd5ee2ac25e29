/**
 * The school backend: what the assistant may read and change in a school's system on a guardian's behalf.
 * Free of botbuilder types, so the dialogs, the identity lookup and any future front end share it.
 *
 * Dates are calendar days in Europe/Stockholm (`YYYY-MM-DD`); times of day are Stockholm wall-clock times
 * (`HH:MM`); instants (meeting starts, creation times) are ISO 8601 strings in UTC (`…Z`).
 */

/** A calendar day in Europe/Stockholm, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A wall-clock time in Europe/Stockholm, `HH:MM` (24 h). */
export type ClockTime = string;

export interface School {
  id: string;
  name: string;
  /** Whether the school keeps its timetable in InfoMentor (part-day absence needs it). */
  timetableInInfoMentor: boolean;
}

export interface Child {
  id: string;
  /** First name, as a guardian says it. */
  name: string;
  /** Class or group, e.g. "3B". */
  className: string;
  school: School;
  /** Whether the child attends after-school care (fritidshem). */
  afterSchoolCare: boolean;
}

export interface Guardian {
  id: string;
  name: string;
}

/** Where a channel account comes from: a web chat user id, a Teams user (AAD object id), or a phone number. */
export type AccountKind = 'webchat' | 'teams' | 'phone';

/** How strongly the account was tied to the guardian: e-legitimation (BankID), a checked phone/Teams login, or not. */
export type Verification = 'strong' | 'medium' | 'none';

export interface GuardianMatch {
  guardian: Guardian;
  verification: Verification;
}

export interface Lesson {
  start: ClockTime;
  end: ClockTime;
  subject: string;
}

export type AbsenceReason = 'ill' | 'other';

export interface AbsenceRequest {
  childId: string;
  date: IsoDate;
  /** Part of the day (both or neither): only where the school keeps its timetable in InfoMentor. */
  from?: ClockTime;
  to?: ClockTime;
  reason: AbsenceReason;
  /** Same key, same guardian: the first result is returned and nothing is registered twice. */
  idempotencyKey: string;
}

export interface Absence {
  id: string;
  childId: string;
  date: IsoDate;
  from?: ClockTime;
  to?: ClockTime;
  reason: AbsenceReason;
  /** The guardian id who reported it. */
  reportedBy: string;
  createdAt: string;
}

export type LeaveStatus = 'pending' | 'approved' | 'rejected';

export interface LeaveRequest {
  childId: string;
  from: IsoDate;
  to: IsoDate;
  reason: string;
  idempotencyKey: string;
}

export interface LeaveApplication {
  id: string;
  childId: string;
  from: IsoDate;
  to: IsoDate;
  reason: string;
  status: LeaveStatus;
  appliedBy: string;
  createdAt: string;
}

export interface MeetingSlot {
  id: string;
  childId: string;
  teacher: string;
  /** ISO instant (UTC). */
  start: string;
  minutes: number;
  /** A room, or undefined when the meeting is online. */
  place?: string;
  online: boolean;
}

export interface Booking {
  id: string;
  childId: string;
  slot: MeetingSlot;
  bookedBy: string;
  createdAt: string;
}

/**
 * Why the backend refused or failed. Rule refusals are the school's rules (the same in every implementation);
 * `unavailable` means the school system could not be reached or did not answer in time, so nothing was registered.
 */
export type BackendErrorCode =
  | 'not_your_child'
  | 'absence_date_not_allowed'
  | 'part_day_not_supported'
  | 'invalid_time_range'
  | 'booking_not_open'
  | 'slot_not_available'
  | 'already_booked'
  | 'leave_in_past'
  | 'leave_ends_before_start'
  | 'not_found'
  | 'invalid_request'
  | 'unauthorized'
  | 'unavailable';

export class BackendError extends Error {
  constructor(
    readonly code: BackendErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

/**
 * Everything the assistant does against a school's system. Every method that takes a guardian id acts only for
 * that guardian's own children (`not_your_child` otherwise); every write enforces the school's rules itself.
 */
export interface SchoolBackend {
  /** The guardian a channel account belongs to, or undefined for an unknown account. */
  findGuardian(kind: AccountKind, accountId: string): Promise<GuardianMatch | undefined>;
  children(guardianId: string): Promise<Child[]>;
  /** The child's lessons that day, in order; empty where the school keeps no timetable in InfoMentor. */
  lessons(guardianId: string, childId: string, date: IsoDate): Promise<Lesson[]>;

  /** Rules: only today or tomorrow (Stockholm); part of a day only with a timetable, `from` before `to`. */
  reportAbsence(guardianId: string, request: AbsenceRequest): Promise<Absence>;
  absences(guardianId: string, childId: string): Promise<Absence[]>;

  /** Rules: `from` not in the past, `to` not before `from`. The application starts as `pending`. */
  applyForLeave(guardianId: string, request: LeaveRequest): Promise<LeaveApplication>;
  leaveApplications(guardianId: string, childId: string): Promise<LeaveApplication[]>;

  /** Slots still free and in the future, earliest first; empty when booking is not open. */
  meetingSlots(guardianId: string, childId: string): Promise<MeetingSlot[]>;
  /** The child's upcoming booking, if any. */
  booking(guardianId: string, childId: string): Promise<Booking | undefined>;
  /** Rules: the slot must be free, in the future and the child's; one booking per child (`already_booked`). */
  book(guardianId: string, childId: string, slotId: string, idempotencyKey: string): Promise<Booking>;
  changeBooking(guardianId: string, bookingId: string, slotId: string, idempotencyKey: string): Promise<Booking>;
  cancelBooking(guardianId: string, bookingId: string, idempotencyKey: string): Promise<void>;
}
