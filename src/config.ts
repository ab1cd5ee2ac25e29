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
  /** HUB_DEFAULT_LOCALE: the language of a conversation until the guardian writes. */
  HUB_DEFAULT_LOCALE: z.enum(['sv', 'en']).default('sv'),
  /** HUB_NLU_THRESHOLD: below this similarity (0–1) the assistant says it does not know. */
  HUB_NLU_THRESHOLD: number(0.3).pipe(z.number().min(0).max(1)),
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
  /** LOG_LEVEL: pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = z.infer<typeof settingsSchema>;

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
  return settings;
}
