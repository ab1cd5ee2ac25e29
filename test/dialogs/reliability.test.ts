import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedSchoolBackend } from '../../src/backend/embedded/backend.js';
import { DEMO } from '../../src/backend/embedded/demo-school.js';
import { BackendError } from '../../src/backend/types.js';
import { removeTempDirs, tempDir } from '../support/fixtures.js';
import { TestClock, chatAs, worldsAt, play, said, text } from './harness.js';

/** Wednesday 25 November 2026, 09:00 in Stockholm. */
const NOW = '2026-11-25T08:00:00Z';
const omar = DEMO.guardians.omar.id;
const { yusuf } = DEMO.children;

const open = worldsAt(NOW);
afterEach(() => {
  removeTempDirs();
});

/** A school system that can be switched off (every call fails as unreachable) and counts absence writes. */
function switchable(backend: EmbeddedSchoolBackend) {
  const state = { down: false, writes: 0 };
  const proxy = new Proxy(backend, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (state.down) return Promise.reject(new BackendError('unavailable', 'timeout'));
        if (property === 'reportAbsence') state.writes++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { proxy, state };
}

describe('nothing lost', () => {
  it('a restart in the middle of a dialog continues at the same step', async () => {
    const dbPath = join(tempDir(), 'hub.db');
    const clock = new TestClock(NOW);
    const first = open({ dbPath, clock });
    const before = chatAs(first, 'demo-omar', 'sv', 'restart-conversation');
    await play(before, [{ say: 'Yusuf är sjuk i dag', expect: [/Hela dagen eller en del av dagen/] }]);
    first.close();

    const second = open({ dbPath, clock });
    const after = chatAs(second, 'demo-omar', 'sv', 'restart-conversation');
    // A new adapter numbers activities from 0 again; a channel's ids are unique, so give these their own.
    const summary = said(await after.send({ type: 'message', text: 'hela dagen', id: 'after-restart-1' }));
    expect(summary).toContain(text(second, 'sv', 'absence.summary'));
    expect(summary).toContain('Yusuf');
    const receipt = said(await after.send({ type: 'message', text: 'ja', id: 'after-restart-2' }));
    expect(receipt).toContain('Frånvaron för Yusuf är registrerad');
    expect(await second.backend.absences(omar, yusuf.id)).toHaveLength(1);
  });

  it('when the school system is down, the guardian is told it was not registered and can try again', async () => {
    let control: ReturnType<typeof switchable> | undefined;
    const w = open({
      wrap: (backend) => {
        control = switchable(backend);
        return control.proxy;
      },
    });
    const chat = chatAs(w, 'demo-omar', 'en');
    await play(chat, [
      { say: 'Yusuf is ill today', expect: [/whole day or part of it/] },
      { say: 'whole day', expect: [text(w, 'en', 'absence.summary')] },
    ]);
    if (!control) throw new Error('no backend');
    control.state.down = true;
    await play(chat, [
      {
        say: 'yes',
        expect: [
          text(w, 'en', 'backend.unavailable'),
          text(w, 'en', 'absence.notRegistered'),
          text(w, 'en', 'task.tryAgain'),
        ],
        not: [text(w, 'en', 'absence.receiptTitle')],
      },
    ]);
    control.state.down = false;
    await play(chat, [{ say: 'yes', expect: [text(w, 'en', 'absence.receiptTitle')] }]);
    expect(await w.backend.absences(omar, yusuf.id)).toHaveLength(1);
  });

  it('when the school system is down at the start, the guardian is told so and no dialog is left open', async () => {
    let control: ReturnType<typeof switchable> | undefined;
    const w = open({
      wrap: (backend) => {
        control = switchable(backend);
        return control.proxy;
      },
    });
    if (!control) throw new Error('no backend');
    const chat = chatAs(w, 'demo-omar', 'sv');
    control.state.down = true;
    const reply = said(await chat.send('Yusuf är sjuk i dag'));
    expect(reply).toContain(text(w, 'sv', 'backend.unavailable'));
    control.state.down = false;
    // The next message is understood afresh, not as an answer to a half-started dialog.
    expect(said(await chat.send('Jag har glömt mitt lösenord'))).toContain(
      w.assistant.knowledge.answer('login.forgot_password', 'sv'),
    );
  });
});

describe('nothing twice', () => {
  it('confirming twice registers once and shows the receipt again', async () => {
    let control: ReturnType<typeof switchable> | undefined;
    const w = open({
      wrap: (backend) => {
        control = switchable(backend);
        return control.proxy;
      },
    });
    const chat = chatAs(w, 'demo-omar', 'sv');
    await play(chat, [
      { say: 'Yusuf är sjuk i dag', expect: [/Hela dagen/] },
      { say: 'hela dagen', expect: [text(w, 'sv', 'absence.summary')] },
      { say: 'Ja', expect: [text(w, 'sv', 'absence.receiptTitle')] },
      { say: 'Ja', expect: [text(w, 'sv', 'task.alreadyDone'), 'Frånvaron för Yusuf är registrerad'] },
    ]);
    expect(control?.state.writes).toBe(1);
    expect(await w.backend.absences(omar, yusuf.id)).toHaveLength(1);
  });

  it('a re-sent activity (same id) gets the same answer and changes nothing', async () => {
    const w = open();
    const chat = chatAs(w, 'demo-omar', 'sv');
    await play(chat, [
      { say: 'Yusuf är sjuk i dag', expect: [/Hela dagen/] },
      { say: 'hela dagen', expect: [text(w, 'sv', 'absence.summary')] },
    ]);
    const confirm = { type: 'message' as const, text: 'ja', id: 'activity-confirm-1' };
    const first = said(await chat.send(confirm));
    const again = said(await chat.send(confirm));
    expect(first).toContain(text(w, 'sv', 'absence.receiptTitle'));
    expect(again).toBe(first);
    expect(await w.backend.absences(omar, yusuf.id)).toHaveLength(1);
  });

  it('two conversations confirming at the same moment with one key register once (idempotency at the backend)', async () => {
    const w = open();
    const request = { childId: yusuf.id, date: '2026-11-25', reason: 'ill' as const, idempotencyKey: 'same-key' };
    const [a, b] = await Promise.all([w.backend.reportAbsence(omar, request), w.backend.reportAbsence(omar, request)]);
    expect(a.id).toBe(b.id);
    expect(await w.backend.absences(omar, yusuf.id)).toHaveLength(1);
  });
});
