import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../src/config.js';
import { BotConversation } from './support/bot-driver.js';
import { required, testAssistant } from './support/fixtures.js';

/** The error `loadSettings` throws for an environment (fails the test when it does not throw one). */
function settingsError(env: Record<string, string | undefined>): SettingsError {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error(`loadSettings(${JSON.stringify(env)}) did not throw`);
}

describe('loadSettings', () => {
  it('has a default for every setting', () => {
    expect(loadSettings({})).toEqual({
      PORT: 3978,
      HOST: '0.0.0.0',
      MICROSOFT_APP_TYPE: 'MultiTenant',
      HUB_FAQ_DIR: 'faq',
      HUB_DB_PATH: 'data/hub-assistant.db',
      HUB_DEFAULT_LOCALE: 'sv',
      HUB_NLU_THRESHOLD: 0.1,
      HUB_NLU_MIN_CONFIDENCE: 0.5,
      HUB_NLU_MARGIN: 0.04,
      HUB_BACKEND: 'embedded',
      HUB_BACKEND_TIMEOUT_MS: 5000,
      HUB_DEMO_SCHOOL: true,
      HUB_WEBCHAT_TITLE: 'Skolans assistent',
      HUB_WEBCHAT_COLOR: '#1f5f8b',
      HUB_DIRECTLINE_DOMAIN: 'https://directline.botframework.com/v3/directline',
      HUB_SMS_DELIVERY: 'webhook',
      HUB_SMS_RATE_LIMIT: 30,
      HUB_STATE_RETENTION_DAYS: 30,
      HUB_UNANSWERED_RETENTION_DAYS: 90,
      LOG_LEVEL: 'info',
    });
  });

  it('reads and converts the given values; empty values count as unset', () => {
    const settings = loadSettings({
      PORT: '8080',
      HUB_DEFAULT_LOCALE: 'en',
      HUB_NLU_THRESHOLD: '0.45',
      HUB_MUNICIPALITY: 'vaggeryd',
      MICROSOFT_APP_ID: 'app-id',
      MICROSOFT_APP_PASSWORD: 'secret',
      HOST: '',
      UNRELATED: 'ignored',
    });
    expect(settings).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      HUB_DEFAULT_LOCALE: 'en',
      HUB_NLU_THRESHOLD: 0.45,
      HUB_MUNICIPALITY: 'vaggeryd',
      MICROSOFT_APP_ID: 'app-id',
      MICROSOFT_APP_PASSWORD: 'secret',
    });
    expect(settings).not.toHaveProperty('UNRELATED');
  });

  it.each([
    { env: { PORT: 'abc' }, variable: 'PORT' },
    { env: { PORT: '70000' }, variable: 'PORT' },
    { env: { PORT: '-1' }, variable: 'PORT' },
    { env: { HUB_DEFAULT_LOCALE: 'de' }, variable: 'HUB_DEFAULT_LOCALE' },
    { env: { HUB_NLU_THRESHOLD: '2' }, variable: 'HUB_NLU_THRESHOLD' },
    { env: { HUB_NLU_MARGIN: 'wide' }, variable: 'HUB_NLU_MARGIN' },
    { env: { HUB_MUNICIPALITY: 'vaggeryds kommun' }, variable: 'HUB_MUNICIPALITY' },
    { env: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
    { env: { HUB_STATE_RETENTION_DAYS: '0' }, variable: 'HUB_STATE_RETENTION_DAYS' },
    { env: { HUB_UNANSWERED_RETENTION_DAYS: 'forever' }, variable: 'HUB_UNANSWERED_RETENTION_DAYS' },
    { env: { MICROSOFT_APP_ID: 'app-id' }, variable: 'MICROSOFT_APP_PASSWORD' },
  ])('$env → SettingsError naming $variable', ({ env, variable }) => {
    const error = settingsError(env);
    expect(error.name).toBe('SettingsError');
    expect(error.message).toContain(variable);
    expect(error.issues.some((issue) => issue.startsWith(`${variable}=`))).toBe(true);
  });

  it('names the app id too when the password is missing', () => {
    expect(settingsError({ MICROSOFT_APP_ID: 'app-id' }).message).toContain('MICROSOFT_APP_ID');
  });

  it('lists every bad variable at once', () => {
    const error = settingsError({ PORT: 'abc', HUB_DEFAULT_LOCALE: 'de', HUB_NLU_THRESHOLD: '2' });
    for (const variable of ['PORT', 'HUB_DEFAULT_LOCALE', 'HUB_NLU_THRESHOLD']) {
      expect(error.message).toContain(variable);
    }
  });
});

describe('the municipality overlay', () => {
  interface OverlayFile {
    answers: Record<string, Record<'sv' | 'en', string>>;
  }
  const overlay = parse(readFileSync('faq/overlays/vaggeryd.yaml', 'utf8')) as OverlayFile;
  const vaggerydAnswer = required(overlay.answers['absence.phone'], 'Vaggeryd answer of absence.phone');

  it.each([
    { locale: 'sv' as const, question: 'Kan jag ringa in frånvaro?' },
    { locale: 'en' as const, question: 'Can I report my child sick by phone?' },
  ])('HUB_MUNICIPALITY=vaggeryd answers absence.phone ($locale) with the Vaggeryd answer', async (c) => {
    const general = testAssistant();
    const vaggeryd = testAssistant({ HUB_MUNICIPALITY: 'vaggeryd' });
    try {
      expect(vaggeryd.knowledge.answer('absence.phone', c.locale)).toBe(vaggerydAnswer[c.locale].trim());
      expect(general.knowledge.answer('absence.phone', c.locale)).not.toBe(vaggerydAnswer[c.locale].trim());

      const chat = new BotConversation(vaggeryd.bot, { locale: c.locale === 'sv' ? 'sv-SE' : 'en-US' });
      const reply = await chat.ask(c.question);
      expect(reply.text).toBe(vaggeryd.knowledge.answer('absence.phone', c.locale));
      expect(reply.text).toContain('Vaggeryd');
    } finally {
      general.db.close();
      vaggeryd.db.close();
    }
  });

  it('an unknown municipality stops createAssistant with an error naming it', () => {
    expect(() => testAssistant({ HUB_MUNICIPALITY: 'atlantis' })).toThrow(/atlantis/);
  });
});
