/**
 * The behaviour every `SchoolBackend` must show, written once and run against each implementation (the
 * embedded one here, the HTTP client against its test server elsewhere). It relies only on the interface, the
 * `DEMO` data and a way for the school to decide leave applications, so it holds for any implementation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, type DemoChildKey, type DemoGuardianKey } from '../../src/backend/embedded/demo-school.js';
import {
  BackendError,
  type AbsenceRequest,
  type BackendErrorCode,
  type LeaveRequest,
  type MeetingSlot,
  type SchoolBackend,
} from '../../src/backend/types.js';
import { addDays, stockholmInstant, type Clock } from '../../src/time/stockholm.js';

/** What a contract run needs from an implementation: the backend, the school's side of leave, and cleanup. */
export interface ContractSubject {
  backend: SchoolBackend;
  decideLeave(id: string, status: 'approved' | 'rejected'): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds a fresh backend with the demo school seeded at `clock()`'s instant. The backend must read `clock` on
 * every call (not once at setup): tests move it forward to make slots pass.
 */
export type ContractSetup = (clock: Clock) => Promise<ContractSubject>;

/** Wednesday 25 November 2026; tomorrow is Thursday. */
const WEDNESDAY = '2026-11-25';
/** Friday 27 November 2026; tomorrow is Saturday. */
const FRIDAY = '2026-11-27';

const guardian = (key: DemoGuardianKey): string => DEMO.guardians[key].id;
const child = (key: DemoChildKey): string => DEMO.children[key].id;

/** The code a call was refused with, or undefined when it succeeded (any other failure fails the test). */
async function refusal(call: Promise<unknown>): Promise<BackendErrorCode | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    if (error instanceof BackendError) return error.code;
    throw error;
  }
}

let keyCounter = 0;
/** A fresh idempotency key. */
const key = (): string => `contract-${String(++keyCounter)}`;

const absence = (childKey: DemoChildKey, date: string, extra: Partial<AbsenceRequest> = {}): AbsenceRequest => ({
  childId: child(childKey),
  date,
  reason: 'ill',
  idempotencyKey: key(),
  ...extra,
});

const leave = (childKey: DemoChildKey, from: string, to: string, extra: Partial<LeaveRequest> = {}): LeaveRequest => ({
  childId: child(childKey),
  from,
  to,
  reason: 'Familjeresa',
  idempotencyKey: key(),
  ...extra,
});

/** The first `n` slots, failing the test when there are fewer. */
function firstSlots(slots: MeetingSlot[], n: number): MeetingSlot[] {
  expect(slots.length).toBeGreaterThanOrEqual(n);
  return slots.slice(0, n);
}

/** Runs the `SchoolBackend` contract against the implementation that `setup` builds. */
export function describeSchoolBackendContract(name: string, setup: ContractSetup): void {
  describe(`SchoolBackend contract: ${name}`, () => {
    let now = new Date(0);
    const clock: Clock = () => new Date(now);
    let subject: ContractSubject | undefined;

    /** A fresh backend seeded at Stockholm `date` and `time` (a Wednesday morning unless told). */
    async function start(date = WEDNESDAY, time = '10:00'): Promise<SchoolBackend> {
      return startAt(stockholmInstant(date, time));
    }

    /** A fresh backend seeded at `instant`. */
    async function startAt(instant: Date): Promise<SchoolBackend> {
      now = instant;
      subject = await setup(clock);
      return subject.backend;
    }

    afterEach(async () => {
      await subject?.close();
      subject = undefined;
    });

    describe('accounts and children', () => {
      it('finds every demo account with its verification, and nothing for unknown accounts', async () => {
        const backend = await start();
        for (const account of DEMO.accounts) {
          expect(await backend.findGuardian(account.kind, account.accountId)).toEqual({
            guardian: { id: guardian(account.guardian), name: DEMO.guardians[account.guardian].name },
            verification: account.verification,
          });
        }
        expect(await backend.findGuardian('webchat', 'nobody-at-all')).toBeUndefined();
        expect(await backend.findGuardian('phone', '+46701740199')).toBeUndefined();
        // An id is only valid for its own kind of account.
        expect(await backend.findGuardian('teams', 'demo-anna')).toBeUndefined();
      });

      it("lists each demo guardian's own children with their school and care", async () => {
        const backend = await start();
        for (const [key, demoGuardian] of Object.entries(DEMO.guardians)) {
          const children = await backend.children(demoGuardian.id);
          const expected = demoGuardian.children.map((childKey) => {
            const demoChild = DEMO.children[childKey];
            const demoClass = DEMO.classes[demoChild.class];
            return {
              id: demoChild.id,
              name: demoChild.name,
              className: demoClass.className,
              school: DEMO.schools[demoClass.school],
              afterSchoolCare: demoChild.afterSchoolCare,
            };
          });
          expect(children, key).toHaveLength(expected.length);
          expect(children, key).toEqual(expect.arrayContaining(expected));
        }
      });

      it('gives Anna two children at two schools, one of them without a timetable in InfoMentor', async () => {
        const backend = await start();
        const children = await backend.children(guardian('anna'));
        const schools = new Set(children.map((c) => c.school.id));
        expect(schools.size).toBe(2);
        expect(children.find((c) => c.id === child('nils'))?.school.timetableInInfoMentor).toBe(false);
        expect(children.find((c) => c.id === child('elsa'))?.school.timetableInInfoMentor).toBe(true);
      });
    });

    describe('lessons', () => {
      it('lists the day’s lessons in order where the timetable is in InfoMentor', async () => {
        const backend = await start();
        const lessons = await backend.lessons(guardian('anna'), child('elsa'), WEDNESDAY);
        expect(lessons.length).toBeGreaterThan(0);
        for (const lesson of lessons) {
          expect(lesson.start).toMatch(/^\d{2}:\d{2}$/);
          expect(lesson.end).toMatch(/^\d{2}:\d{2}$/);
          expect(lesson.start < lesson.end).toBe(true);
          expect(lesson.subject).not.toBe('');
        }
        for (let i = 1; i < lessons.length; i++) {
          expect((lessons[i - 1]?.end ?? '') <= (lessons[i]?.start ?? '')).toBe(true);
        }
      });

      it('is empty on a Saturday and at a school without its timetable in InfoMentor', async () => {
        const backend = await start();
        expect(await backend.lessons(guardian('anna'), child('elsa'), '2026-11-28')).toEqual([]);
        expect(await backend.lessons(guardian('anna'), child('nils'), WEDNESDAY)).toEqual([]);
      });
    });

    describe('absence', () => {
      it('registers a whole day today and tomorrow, and lists it', async () => {
        const backend = await start();
        const today = await backend.reportAbsence(guardian('anna'), absence('elsa', WEDNESDAY));
        expect(today).toMatchObject({ childId: child('elsa'), date: WEDNESDAY, reason: 'ill' });
        expect(today.reportedBy).toBe(guardian('anna'));
        expect(today.from).toBeUndefined();
        expect(today.to).toBeUndefined();
        expect(Number.isNaN(Date.parse(today.createdAt))).toBe(false);
        const tomorrow = await backend.reportAbsence(
          guardian('anna'),
          absence('nils', '2026-11-26', { reason: 'other' }),
        );
        expect(tomorrow).toMatchObject({ childId: child('nils'), date: '2026-11-26', reason: 'other' });
        expect((await backend.absences(guardian('anna'), child('elsa'))).map((a) => a.id)).toEqual([today.id]);
        expect((await backend.absences(guardian('anna'), child('nils'))).map((a) => a.id)).toEqual([tomorrow.id]);
      });

      it('refuses yesterday and the day after tomorrow, and registers nothing', async () => {
        const backend = await start();
        for (const date of ['2026-11-24', '2026-11-27', '2026-12-25']) {
          expect(await refusal(backend.reportAbsence(guardian('anna'), absence('elsa', date))), date).toBe(
            'absence_date_not_allowed',
          );
        }
        expect(await backend.absences(guardian('anna'), child('elsa'))).toEqual([]);
      });

      it('keeps "today or tomorrow" literal: on a Friday, Saturday is allowed and Monday is not', async () => {
        const backend = await start(FRIDAY, '07:30');
        expect(await refusal(backend.reportAbsence(guardian('anna'), absence('elsa', FRIDAY)))).toBeUndefined();
        expect(await refusal(backend.reportAbsence(guardian('anna'), absence('elsa', '2026-11-28')))).toBeUndefined();
        expect(await refusal(backend.reportAbsence(guardian('anna'), absence('elsa', '2026-11-30')))).toBe(
          'absence_date_not_allowed',
        );
      });

      it('uses the Stockholm day: at 23:30 UTC in winter it is already tomorrow in Stockholm', async () => {
        const backend = await startAt(new Date('2026-11-25T23:30:00Z'));
        const report = (date: string) => refusal(backend.reportAbsence(guardian('anna'), absence('elsa', date)));
        expect(await report('2026-11-25')).toBe('absence_date_not_allowed');
        expect(await report('2026-11-26')).toBeUndefined();
        expect(await report('2026-11-27')).toBeUndefined();
        expect(await report('2026-11-28')).toBe('absence_date_not_allowed');
        const apply = (from: string) => refusal(backend.applyForLeave(guardian('anna'), leave('elsa', from, from)));
        expect(await apply('2026-11-25')).toBe('leave_in_past');
        expect(await apply('2026-11-26')).toBeUndefined();
      });

      it('registers part of a day where the timetable is in InfoMentor', async () => {
        const backend = await start();
        const part = await backend.reportAbsence(
          guardian('anna'),
          absence('elsa', WEDNESDAY, { from: '08:10', to: '11:30' }),
        );
        expect(part).toMatchObject({ date: WEDNESDAY, from: '08:10', to: '11:30' });
      });

      it('refuses part of a day without a timetable, and times that are not a range', async () => {
        const backend = await start();
        const report = (childKey: DemoChildKey, extra: Partial<AbsenceRequest>) =>
          refusal(backend.reportAbsence(guardian('anna'), absence(childKey, WEDNESDAY, extra)));
        expect(await report('nils', { from: '08:10', to: '11:30' })).toBe('part_day_not_supported');
        expect(await report('elsa', { from: '10:00', to: '10:00' })).toBe('invalid_time_range');
        expect(await report('elsa', { from: '13:00', to: '09:00' })).toBe('invalid_time_range');
        expect(await report('elsa', { from: '10:00' })).toBe('invalid_request');
        expect(await backend.absences(guardian('anna'), child('elsa'))).toEqual([]);
        expect(await backend.absences(guardian('anna'), child('nils'))).toEqual([]);
      });

      it('registers once per idempotency key and guardian', async () => {
        const backend = await start();
        const request = absence('elsa', WEDNESDAY);
        const first = await backend.reportAbsence(guardian('anna'), request);
        const again = await backend.reportAbsence(guardian('anna'), request);
        expect(again.id).toBe(first.id);
        expect(await backend.absences(guardian('anna'), child('elsa'))).toHaveLength(1);

        // The same key from another guardian is another request.
        const other = await backend.reportAbsence(guardian('omar'), {
          ...absence('yusuf', WEDNESDAY),
          idempotencyKey: request.idempotencyKey,
        });
        expect(other.id).not.toBe(first.id);
        expect(await backend.absences(guardian('omar'), child('yusuf'))).toHaveLength(1);
      });
    });

    describe('leave', () => {
      it('starts pending and shows the school’s decision', async () => {
        const backend = await start();
        const first = await backend.applyForLeave(guardian('anna'), leave('elsa', '2026-12-14', '2026-12-18'));
        expect(first).toMatchObject({
          childId: child('elsa'),
          from: '2026-12-14',
          to: '2026-12-18',
          reason: 'Familjeresa',
          status: 'pending',
          appliedBy: guardian('anna'),
        });
        const second = await backend.applyForLeave(guardian('anna'), leave('elsa', WEDNESDAY, WEDNESDAY));
        expect(second.status).toBe('pending');

        await subject?.decideLeave(first.id, 'approved');
        await subject?.decideLeave(second.id, 'rejected');
        const statuses = new Map(
          (await backend.leaveApplications(guardian('anna'), child('elsa'))).map((l) => [l.id, l.status]),
        );
        expect(statuses).toEqual(
          new Map([
            [first.id, 'approved'],
            [second.id, 'rejected'],
          ]),
        );
      });

      it('refuses leave starting in the past or ending before it starts', async () => {
        const backend = await start();
        const apply = (from: string, to: string) =>
          refusal(backend.applyForLeave(guardian('anna'), leave('elsa', from, to)));
        expect(await apply('2026-11-24', '2026-11-26')).toBe('leave_in_past');
        expect(await apply('2026-12-10', '2026-12-09')).toBe('leave_ends_before_start');
        expect(await backend.leaveApplications(guardian('anna'), child('elsa'))).toEqual([]);
      });

      it('applies once per idempotency key', async () => {
        const backend = await start();
        const request = leave('nils', '2026-12-01', '2026-12-02');
        const first = await backend.applyForLeave(guardian('anna'), request);
        const again = await backend.applyForLeave(guardian('anna'), request);
        expect(again.id).toBe(first.id);
        expect(await backend.leaveApplications(guardian('anna'), child('nils'))).toHaveLength(1);
      });
    });

    describe('ownership', () => {
      it("refuses every read and write about another guardian's child or an unknown child", async () => {
        const backend = await start();
        const slot = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1)[0];
        for (const childId of [child('elsa'), 'child-that-does-not-exist']) {
          const omar = guardian('omar');
          const calls: [string, Promise<unknown>][] = [
            ['lessons', backend.lessons(omar, childId, WEDNESDAY)],
            ['absences', backend.absences(omar, childId)],
            ['leaveApplications', backend.leaveApplications(omar, childId)],
            ['meetingSlots', backend.meetingSlots(omar, childId)],
            ['booking', backend.booking(omar, childId)],
            ['reportAbsence', backend.reportAbsence(omar, { ...absence('elsa', WEDNESDAY), childId })],
            ['applyForLeave', backend.applyForLeave(omar, { ...leave('elsa', '2026-12-01', '2026-12-01'), childId })],
            ['book', backend.book(omar, childId, slot?.id ?? '', key())],
          ];
          for (const [method, call] of calls)
            expect(await refusal(call), `${method} ${childId}`).toBe('not_your_child');
        }
        expect(await backend.absences(guardian('anna'), child('elsa'))).toEqual([]);
        expect(await backend.booking(guardian('anna'), child('elsa'))).toBeUndefined();
      });

      it("refuses to change or cancel another guardian's booking, and reports unknown bookings as not found", async () => {
        const backend = await start();
        const lenas = await backend.booking(guardian('lena'), child('maja'));
        expect(lenas).toBeDefined();
        const free = firstSlots(await backend.meetingSlots(guardian('lena'), child('maja')), 1)[0];
        expect(await refusal(backend.cancelBooking(guardian('omar'), lenas?.id ?? '', key()))).toBe('not_your_child');
        expect(await refusal(backend.changeBooking(guardian('omar'), lenas?.id ?? '', free?.id ?? '', key()))).toBe(
          'not_your_child',
        );
        expect(await refusal(backend.cancelBooking(guardian('omar'), 'booking-that-does-not-exist', key()))).toBe(
          'not_found',
        );
        expect(
          await refusal(backend.changeBooking(guardian('omar'), 'booking-that-does-not-exist', free?.id ?? '', key())),
        ).toBe('not_found');
        expect((await backend.booking(guardian('lena'), child('maja')))?.slot.id).toBe(lenas?.slot.id);
      });
    });

    describe('meeting slots', () => {
      it('lists free future slots earliest first, in a room or online', async () => {
        const backend = await start();
        const slots = await backend.meetingSlots(guardian('anna'), child('elsa'));
        expect(slots.length).toBeGreaterThan(1);
        const starts = slots.map((s) => Date.parse(s.start));
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        for (const slot of slots) {
          expect(Date.parse(slot.start)).toBeGreaterThan(now.getTime());
          expect(slot.childId).toBe(child('elsa'));
          expect(slot.minutes).toBeGreaterThan(0);
          expect(slot.teacher).not.toBe('');
          expect(slot.online ? slot.place === undefined : typeof slot.place === 'string').toBe(true);
        }
        expect(slots.some((s) => s.online)).toBe(true);
        expect(slots.some((s) => !s.online)).toBe(true);
      });

      it('drops slots once they have passed, and refuses to book a passed slot', async () => {
        const backend = await start();
        const [first] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1);
        now = new Date(Date.parse(first?.start ?? '') + 60_000);
        const later = await backend.meetingSlots(guardian('anna'), child('elsa'));
        expect(later.length).toBeGreaterThan(0);
        expect(later.map((s) => s.id)).not.toContain(first?.id);
        for (const slot of later) expect(Date.parse(slot.start)).toBeGreaterThan(now.getTime());
        expect(await refusal(backend.book(guardian('anna'), child('elsa'), first?.id ?? '', key()))).toBe(
          'slot_not_available',
        );
      });

      it('says booking is not open when the child has no slots', async () => {
        const backend = await start();
        expect(await backend.meetingSlots(guardian('karim'), child('leo'))).toEqual([]);
        const elsas = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1)[0];
        expect(await refusal(backend.book(guardian('karim'), child('leo'), elsas?.id ?? '', key()))).toBe(
          'booking_not_open',
        );
        expect(await backend.booking(guardian('karim'), child('leo'))).toBeUndefined();
      });

      it("refuses another child's slot and an unknown slot", async () => {
        const backend = await start();
        const elsas = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1)[0];
        expect(await refusal(backend.book(guardian('anna'), child('nils'), elsas?.id ?? '', key()))).toBe(
          'slot_not_available',
        );
        expect(await refusal(backend.book(guardian('anna'), child('elsa'), 'slot-that-does-not-exist', key()))).toBe(
          'slot_not_available',
        );
      });
    });

    describe('booking', () => {
      it('books a slot: the booking is visible and the slot is no longer free', async () => {
        const backend = await start();
        const [slot] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1);
        const booking = await backend.book(guardian('anna'), child('elsa'), slot?.id ?? '', key());
        expect(booking).toMatchObject({ childId: child('elsa'), bookedBy: guardian('anna') });
        expect(booking.slot).toMatchObject({ id: slot?.id, start: slot?.start, childId: child('elsa') });
        expect(await backend.booking(guardian('anna'), child('elsa'))).toMatchObject({
          id: booking.id,
          slot: { id: slot?.id },
        });
        expect((await backend.meetingSlots(guardian('anna'), child('elsa'))).map((s) => s.id)).not.toContain(slot?.id);
      });

      it('shows the existing demo booking', async () => {
        const backend = await start();
        const booking = await backend.booking(guardian('lena'), child('maja'));
        expect(booking).toMatchObject({ childId: child('maja'), bookedBy: guardian('lena') });
        expect(Date.parse(booking?.slot.start ?? '')).toBeGreaterThan(now.getTime());
      });

      it('gives a slot to the first guardian only: the second gets slot_not_available', async () => {
        const backend = await start();
        const [slot] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1);
        // Yusuf is in Elsa's class, so the same slot is offered to both.
        expect((await backend.meetingSlots(guardian('omar'), child('yusuf'))).map((s) => s.id)).toContain(slot?.id);
        await backend.book(guardian('anna'), child('elsa'), slot?.id ?? '', key());
        expect(await refusal(backend.book(guardian('omar'), child('yusuf'), slot?.id ?? '', key()))).toBe(
          'slot_not_available',
        );
        expect(await backend.booking(guardian('omar'), child('yusuf'))).toBeUndefined();
      });

      it('allows one upcoming booking per child, whichever guardian booked it', async () => {
        const backend = await start();
        const slots = firstSlots(await backend.meetingSlots(guardian('lena'), child('maja')), 1);
        expect(await refusal(backend.book(guardian('lena'), child('maja'), slots[0]?.id ?? '', key()))).toBe(
          'already_booked',
        );

        const [first, second] = firstSlots(await backend.meetingSlots(guardian('omar'), child('yusuf')), 2);
        const omars = await backend.book(guardian('omar'), child('yusuf'), first?.id ?? '', key());
        expect((await backend.booking(guardian('leila'), child('yusuf')))?.id).toBe(omars.id);
        expect(await refusal(backend.book(guardian('leila'), child('yusuf'), second?.id ?? '', key()))).toBe(
          'already_booked',
        );
      });

      it('books once per idempotency key', async () => {
        const backend = await start();
        const [slot] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1);
        const bookingKey = key();
        const first = await backend.book(guardian('anna'), child('elsa'), slot?.id ?? '', bookingKey);
        const again = await backend.book(guardian('anna'), child('elsa'), slot?.id ?? '', bookingKey);
        expect(again.id).toBe(first.id);
        expect((await backend.booking(guardian('anna'), child('elsa')))?.id).toBe(first.id);
      });

      it('changes a booking: the new slot is taken and the old one is free again', async () => {
        const backend = await start();
        const [oldSlot, newSlot] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 2);
        const booking = await backend.book(guardian('anna'), child('elsa'), oldSlot?.id ?? '', key());
        const changed = await backend.changeBooking(guardian('anna'), booking.id, newSlot?.id ?? '', key());
        expect(changed.slot.id).toBe(newSlot?.id);
        expect((await backend.booking(guardian('anna'), child('elsa')))?.slot.id).toBe(newSlot?.id);
        const free = (await backend.meetingSlots(guardian('anna'), child('elsa'))).map((s) => s.id);
        expect(free).toContain(oldSlot?.id);
        expect(free).not.toContain(newSlot?.id);
        // Another child's guardian can take the freed slot.
        await backend.book(guardian('omar'), child('yusuf'), oldSlot?.id ?? '', key());
      });

      it('refuses to change to a taken slot and keeps the booking as it was', async () => {
        const backend = await start();
        const [mine, theirs] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 2);
        const booking = await backend.book(guardian('anna'), child('elsa'), mine?.id ?? '', key());
        await backend.book(guardian('omar'), child('yusuf'), theirs?.id ?? '', key());
        expect(await refusal(backend.changeBooking(guardian('anna'), booking.id, theirs?.id ?? '', key()))).toBe(
          'slot_not_available',
        );
        expect((await backend.booking(guardian('anna'), child('elsa')))?.slot.id).toBe(mine?.id);
      });

      it('changes once per idempotency key', async () => {
        const backend = await start();
        const [a, b, c] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 3);
        const booking = await backend.book(guardian('anna'), child('elsa'), a?.id ?? '', key());
        const changeKey = key();
        const first = await backend.changeBooking(guardian('anna'), booking.id, b?.id ?? '', changeKey);
        await backend.changeBooking(guardian('anna'), booking.id, c?.id ?? '', key());
        // A late retry of the first change neither fails nor moves the booking back.
        const retried = await backend.changeBooking(guardian('anna'), booking.id, b?.id ?? '', changeKey);
        expect(retried.id).toBe(first.id);
        expect((await backend.booking(guardian('anna'), child('elsa')))?.slot.id).toBe(c?.id);
      });

      it('cancels a booking: the slot is free again and a second cancel finds nothing', async () => {
        const backend = await start();
        const [slot] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 1);
        const booking = await backend.book(guardian('anna'), child('elsa'), slot?.id ?? '', key());
        await backend.cancelBooking(guardian('anna'), booking.id, key());
        expect(await backend.booking(guardian('anna'), child('elsa'))).toBeUndefined();
        expect((await backend.meetingSlots(guardian('anna'), child('elsa'))).map((s) => s.id)).toContain(slot?.id);
        expect(await refusal(backend.cancelBooking(guardian('anna'), booking.id, key()))).toBe('not_found');
      });

      it('cancels once per idempotency key: a retry succeeds without touching a new booking', async () => {
        const backend = await start();
        const [first, second] = firstSlots(await backend.meetingSlots(guardian('anna'), child('elsa')), 2);
        const booking = await backend.book(guardian('anna'), child('elsa'), first?.id ?? '', key());
        const cancelKey = key();
        await backend.cancelBooking(guardian('anna'), booking.id, cancelKey);
        const rebooked = await backend.book(guardian('anna'), child('elsa'), second?.id ?? '', key());
        await backend.cancelBooking(guardian('anna'), booking.id, cancelKey);
        expect((await backend.booking(guardian('anna'), child('elsa')))?.id).toBe(rebooked.id);
      });

      it('lets the other guardian of a shared child see, change and cancel the booking', async () => {
        const backend = await start();
        const [a, b] = firstSlots(await backend.meetingSlots(guardian('omar'), child('yusuf')), 2);
        const booking = await backend.book(guardian('omar'), child('yusuf'), a?.id ?? '', key());
        const changed = await backend.changeBooking(guardian('leila'), booking.id, b?.id ?? '', key());
        expect(changed.slot.id).toBe(b?.id);
        await backend.cancelBooking(guardian('leila'), booking.id, key());
        expect(await backend.booking(guardian('omar'), child('yusuf'))).toBeUndefined();
      });
    });

    it('rolls absence dates with the clock between calls', async () => {
      const backend = await start();
      now = stockholmInstant(addDays(WEDNESDAY, 1), '08:00');
      expect(await refusal(backend.reportAbsence(guardian('anna'), absence('elsa', WEDNESDAY)))).toBe(
        'absence_date_not_allowed',
      );
      expect(await refusal(backend.reportAbsence(guardian('anna'), absence('elsa', FRIDAY)))).toBeUndefined();
    });
  });
}
