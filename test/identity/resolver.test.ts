import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, openEmbeddedBackend } from '../../src/backend/embedded/demo-school.js';
import { BackendError, type SchoolBackend } from '../../src/backend/types.js';
import { accountFor, IdentityResolver } from '../../src/identity/resolver.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { stockholmInstant } from '../../src/time/stockholm.js';

const opened: Database[] = [];

function demoResolver(): IdentityResolver {
  const db = openDatabase(':memory:');
  opened.push(db);
  return new IdentityResolver(openEmbeddedBackend(db, () => stockholmInstant('2026-11-25', '10:00'), { demo: true }));
}

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

const anna = { kind: 'guardian', guardian: { id: DEMO.guardians.anna.id, name: DEMO.guardians.anna.name } } as const;

describe('accountFor', () => {
  it.each([
    [
      { channelId: 'msteams', userId: '29:1abc', aadObjectId: 'ABC-1' },
      { kind: 'teams', accountId: 'abc-1' },
    ],
    [
      { channelId: 'msteams', userId: '29:1abc' },
      { kind: 'teams', accountId: '29:1abc' },
    ],
    [
      { channelId: 'sms', userId: '070-174 01 01' },
      { kind: 'phone', accountId: '+46701740101' },
    ],
    [
      { channelId: 'twilio', userId: '+46701740101' },
      { kind: 'phone', accountId: '+46701740101' },
    ],
    [
      { channelId: '46elks', userId: '0046701740101' },
      { kind: 'phone', accountId: '+46701740101' },
    ],
    [{ channelId: 'sms', userId: 'not a number' }, undefined],
    [
      { channelId: 'webchat', userId: 'demo-anna' },
      { kind: 'webchat', accountId: 'demo-anna' },
    ],
    [
      { channelId: 'directline', userId: 'demo-anna' },
      { kind: 'webchat', accountId: 'demo-anna' },
    ],
    [
      { channelId: 'emulator', userId: 'demo-anna' },
      { kind: 'webchat', accountId: 'demo-anna' },
    ],
    [
      { channelId: 'terminal', userId: 'x' },
      { kind: 'webchat', accountId: 'x' },
    ],
    [{ channelId: 'webchat', userId: '' }, undefined],
  ])('%j → %j', (account, expected) => {
    expect(accountFor(account)).toEqual(expected);
  });
});

describe('IdentityResolver', () => {
  it('resolves a web chat demo user with strong verification', async () => {
    expect(await demoResolver().resolve({ channelId: 'webchat', userId: 'demo-anna' })).toEqual({
      ...anna,
      verification: 'strong',
    });
  });

  it('resolves a Teams user by AAD object id, whatever its case', async () => {
    const resolver = demoResolver();
    const aadObjectId = '00000000-0000-4000-8000-00000000A001';
    expect(await resolver.resolve({ channelId: 'msteams', userId: '29:teams-user', aadObjectId })).toEqual({
      ...anna,
      verification: 'medium',
    });
  });

  it('resolves an SMS sender however the number is written', async () => {
    const resolver = demoResolver();
    for (const userId of ['+46701740101', '070-174 01 01', '46701740101']) {
      expect(await resolver.resolve({ channelId: 'sms', userId })).toEqual({ ...anna, verification: 'medium' });
    }
  });

  it('passes on an account with no verification as such', async () => {
    expect(await demoResolver().resolve({ channelId: 'directline', userId: 'demo-unverified' })).toMatchObject({
      kind: 'guardian',
      guardian: { id: DEMO.guardians.karim.id },
      verification: 'none',
    });
  });

  it('answers unknown for accounts the school does not know', async () => {
    const resolver = demoResolver();
    expect(await resolver.resolve({ channelId: 'webchat', userId: 'someone-else' })).toEqual({ kind: 'unknown' });
    expect(await resolver.resolve({ channelId: 'sms', userId: '+46701740199' })).toEqual({ kind: 'unknown' });
    expect(await resolver.resolve({ channelId: 'sms', userId: 'garbage' })).toEqual({ kind: 'unknown' });
    // A web chat user id that happens to equal a phone number is not a phone account.
    expect(await resolver.resolve({ channelId: 'webchat', userId: '+46701740101' })).toEqual({ kind: 'unknown' });
    expect(await resolver.resolve({ channelId: 'msteams', userId: 'demo-anna', aadObjectId: 'f00' })).toEqual({
      kind: 'unknown',
    });
  });

  it('throws when the backend is unavailable, leaving the decision to the caller', async () => {
    const failing = {
      findGuardian: () => Promise.reject(new BackendError('unavailable')),
    } as unknown as SchoolBackend;
    await expect(
      new IdentityResolver(failing).resolve({ channelId: 'webchat', userId: 'demo-anna' }),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });
});
