import { z } from 'zod';

const number = (fallback: number) => z.coerce.number().default(fallback);
const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/**
 * Every setting, read from the environment once at start-up. Each field names its environment variable; a bad
 * value stops start-up with a message naming the variable.
 */
export const settingsSchema = z.object({
  /** PORT: the HTTP port of `/api/messages` and `/healthz`. */
  PORT: number(3978).pipe(z.number().int().min(0).max(65535)),
  /** HOST: the address to listen on (`0.0.0.0` for every interface, `127.0.0.1` for this machine only). */
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  /** MICROSOFT_APP_ID: the bot's Microsoft app id; when empty, `/api/messages` takes requests without auth. */
  MICROSOFT_APP_ID: optionalText,
  /** MICROSOFT_APP_PASSWORD: the app's client secret (with MICROSOFT_APP_ID). */
  MICROSOFT_APP_PASSWORD: optionalText,
  /** MICROSOFT_APP_TYPE: MultiTenant, SingleTenant or UserAssignedMSI. */
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /** MICROSOFT_APP_TENANT_ID: the tenant, for SingleTenant and UserAssignedMSI apps. */
  MICROSOFT_APP_TENANT_ID: optionalText,
  /** HUB_FAQ_DIR: the knowledge-base folder. */
  HUB_FAQ_DIR: z.string().trim().min(1).default('faq'),
  /** HUB_MUNICIPALITY: the overlay in `faq/overlays/` whose answers replace the general ones (empty: none). */
  HUB_MUNICIPALITY: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes')
      .optional(),
  ),
  /** HUB_DB_PATH: the SQLite database file for conversation state and unanswered questions. */
  HUB_DB_PATH: z.string().trim().min(1).default('data/hub-assistant.db'),
  /**
   * HUB_MODEL_DIR: where trained models are kept between starts (they hold weights of the knowledge base's words,
   * nothing personal); empty = a `models` folder beside HUB_DB_PATH, none when that is `:memory:`.
   */
  HUB_MODEL_DIR: optionalText,
  /** HUB_DEFAULT_LOCALE: the language of a conversation until the guardian writes. */
  HUB_DEFAULT_LOCALE: z.enum(['sv', 'en']).default('sv'),
  /** HUB_NLU_THRESHOLD: below this similarity (0–1) the assistant says it does not know, whatever its confidence. */
  HUB_NLU_THRESHOLD: number(0.1).pipe(z.number().min(0).max(1)),
  /**
   * HUB_NLU_MIN_CONFIDENCE: below this confidence (0–1) the assistant says it does not know. Confidences are
   * calibrated on cross-validation folds of the knowledge base, so 0.5 answers when more likely right than wrong.
   */
  HUB_NLU_MIN_CONFIDENCE: number(0.5).pipe(z.number().min(0).max(1)),
  /** HUB_NLU_MARGIN: two answers closer than this (0–1) make the assistant ask "did you mean …?". */
  HUB_NLU_MARGIN: number(0.04).pipe(z.number().min(0).max(1)),
  /** HUB_BACKEND: the school system: `embedded` (SQLite in HUB_DB_PATH, no external service) or `http`. */
  HUB_BACKEND: z.enum(['embedded', 'http']).default('embedded'),
  /** HUB_BACKEND_URL: base URL of the school system's REST API (openapi/school-api.yaml), for HUB_BACKEND=http. */
  HUB_BACKEND_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** HUB_BACKEND_TOKEN: bearer token sent to the school system's API. */
  HUB_BACKEND_TOKEN: optionalText,
  /** HUB_BACKEND_TIMEOUT_MS: how long one request to the school system may take before it counts as down. */
  HUB_BACKEND_TIMEOUT_MS: number(5000).pipe(z.number().int().min(100).max(60_000)),
  /** HUB_DEMO_SCHOOL: seed the fictitious demo school into an empty embedded backend (`true`/`false`). */
  HUB_DEMO_SCHOOL: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('true')
    .transform((value) => ['true', '1', 'yes'].includes(value)),
  /**
   * HUB_PUBLIC_URL: the address guardians and providers reach the assistant at (`https://chat.example.se`). Twilio
   * signs the exact URL it called, so behind a proxy this must be set for `/api/sms/twilio`; the Teams package and
   * the web chat's WebSocket addresses use it too. Empty: taken from each request.
   */
  HUB_PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /**
   * HUB_WEBCHAT_USER_SECRET: the shared secret (at least 32 characters) with which the hosting site signs who is
   * writing in `/chat` (an HS256 token, see the README). Empty: only anonymous web chat, plus the demo guardians
   * when HUB_DEMO_SCHOOL is on.
   */
  HUB_WEBCHAT_USER_SECRET: optionalText.pipe(z.string().min(32, 'at least 32 characters').optional()),
  /** HUB_WEBCHAT_TITLE: the heading of the web chat page (the school's or municipality's name). */
  HUB_WEBCHAT_TITLE: z.string().trim().min(1).default('Skolans assistent'),
  /** HUB_WEBCHAT_COLOR: the web chat's accent colour, `#rrggbb`. */
  HUB_WEBCHAT_COLOR: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
    .default('#1f5f8b'),
  /**
   * HUB_DIRECTLINE_TOKEN_URL: when set, `/chat` gets its token from this URL (POST, your token service for Azure
   * Bot Service) and talks to Azure's Direct Line instead of the assistant's own endpoint.
   */
  HUB_DIRECTLINE_TOKEN_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** HUB_DIRECTLINE_DOMAIN: the Direct Line service used with HUB_DIRECTLINE_TOKEN_URL. */
  HUB_DIRECTLINE_DOMAIN: z.url({ protocol: /^https$/ }).default('https://directline.botframework.com/v3/directline'),
  /** HUB_TWILIO_AUTH_TOKEN: the Twilio account's auth token; requests to `/api/sms/twilio` must be signed with it. */
  HUB_TWILIO_AUTH_TOKEN: optionalText,
  /** HUB_TWILIO_ACCOUNT_SID: the Twilio account, for sending through Twilio's API (HUB_SMS_DELIVERY=api). */
  HUB_TWILIO_ACCOUNT_SID: optionalText,
  /** HUB_TWILIO_FROM: the Twilio number or messaging service the replies are sent from (HUB_SMS_DELIVERY=api). */
  HUB_TWILIO_FROM: optionalText,
  /** HUB_46ELKS_SECRET: the shared secret 46elks sends with each request to `/api/sms/46elks` (see the README). */
  HUB_46ELKS_SECRET: optionalText.pipe(z.string().min(16, 'at least 16 characters').optional()),
  /** HUB_46ELKS_API_USERNAME: the 46elks API username, for sending through 46elks' API (HUB_SMS_DELIVERY=api). */
  HUB_46ELKS_API_USERNAME: optionalText,
  /** HUB_46ELKS_API_PASSWORD: the 46elks API password. */
  HUB_46ELKS_API_PASSWORD: optionalText,
  /** HUB_46ELKS_FROM: the 46elks number or sender name the replies are sent from (HUB_SMS_DELIVERY=api). */
  HUB_46ELKS_FROM: optionalText,
  /**
   * HUB_SMS_DELIVERY: how SMS replies leave: `webhook` (in the webhook's response, both providers allow it) or
   * `api` (through the provider's REST API, with the credentials above).
   */
  HUB_SMS_DELIVERY: z.enum(['webhook', 'api']).default('webhook'),
  /** HUB_SMS_RATE_LIMIT: messages one phone number may send per hour before the assistant stops answering it. */
  HUB_SMS_RATE_LIMIT: number(30).pipe(z.number().int().min(1).max(10_000)),
  /**
   * HUB_STATE_RETENTION_DAYS: a conversation not written to for this many days is forgotten (its language, open
   * task and last replies, which can name a child). The guardian starts afresh; what reached the school stays there.
   */
  HUB_STATE_RETENTION_DAYS: number(30).pipe(z.number().int().min(1).max(3650)),
  /** HUB_UNANSWERED_RETENTION_DAYS: unanswered questions (already redacted) are deleted after this many days. */
  HUB_UNANSWERED_RETENTION_DAYS: number(90).pipe(z.number().int().min(1).max(3650)),
  /** LOG_LEVEL: pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = z.infer<typeof settingsSchema>;

/**
 * Demo mode: the embedded backend with the fictitious demo school. Only then may the web chat offer its guardians
 * to try, and may `/api/messages` without authentication run tasks (nobody real can be impersonated).
 */
export function isDemoMode(settings: Pick<Settings, 'HUB_DEMO_SCHOOL' | 'HUB_BACKEND'>): boolean {
  return settings.HUB_DEMO_SCHOOL && settings.HUB_BACKEND === 'embedded';
}

/** A setting has a value that cannot be used; the message names each variable and what is wrong. */
export class SettingsError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid settings:\n${issues.map((issue) => `  ${issue}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Reads and validates the settings from an environment (process.env by default); throws SettingsError. */
export function loadSettings(env: Record<string, string | undefined> = process.env): Settings {
  const relevant = Object.fromEntries(
    Object.keys(settingsSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = settingsSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        return `${key}=${JSON.stringify(env[key] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const settings = parsed.data;
  if (
    settings.MICROSOFT_APP_ID &&
    settings.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' &&
    !settings.MICROSOFT_APP_PASSWORD
  ) {
    throw new SettingsError(['MICROSOFT_APP_PASSWORD="": required when MICROSOFT_APP_ID is set']);
  }
  if (
    settings.MICROSOFT_APP_TYPE === 'SingleTenant' &&
    settings.MICROSOFT_APP_ID &&
    !settings.MICROSOFT_APP_TENANT_ID
  ) {
    throw new SettingsError(['MICROSOFT_APP_TENANT_ID="": required for a SingleTenant app']);
  }
  if (settings.HUB_BACKEND === 'http' && !settings.HUB_BACKEND_URL) {
    throw new SettingsError(['HUB_BACKEND_URL="": required when HUB_BACKEND=http']);
  }
  if (settings.HUB_SMS_DELIVERY === 'api') {
    // Replies go out through the API of the provider whose webhook took the message: each configured webhook
    // (its auth token or secret set) needs that provider's sending credentials, and at least one must be.
    const missing = (names: [string, string | undefined][], why: string) =>
      names.filter(([, value]) => !value).map(([name]) => `${name}="": required ${why}`);
    const issues: string[] = [];
    if (!settings.HUB_TWILIO_AUTH_TOKEN && !settings.HUB_46ELKS_SECRET) {
      issues.push(
        'HUB_SMS_DELIVERY="api": needs an SMS provider: HUB_TWILIO_AUTH_TOKEN (Twilio) or HUB_46ELKS_SECRET (46elks), with its API credentials',
      );
    }
    if (settings.HUB_TWILIO_AUTH_TOKEN) {
      issues.push(
        ...missing(
          [
            ['HUB_TWILIO_ACCOUNT_SID', settings.HUB_TWILIO_ACCOUNT_SID],
            ['HUB_TWILIO_FROM', settings.HUB_TWILIO_FROM],
          ],
          'to send SMS through Twilio (HUB_SMS_DELIVERY=api with HUB_TWILIO_AUTH_TOKEN)',
        ),
      );
    }
    if (settings.HUB_46ELKS_SECRET) {
      issues.push(
        ...missing(
          [
            ['HUB_46ELKS_API_USERNAME', settings.HUB_46ELKS_API_USERNAME],
            ['HUB_46ELKS_API_PASSWORD', settings.HUB_46ELKS_API_PASSWORD],
            ['HUB_46ELKS_FROM', settings.HUB_46ELKS_FROM],
          ],
          'to send SMS through 46elks (HUB_SMS_DELIVERY=api with HUB_46ELKS_SECRET)',
        ),
      );
    }
    if (issues.length > 0) throw new SettingsError(issues);
  }
  return settings;
}
