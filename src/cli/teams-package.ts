import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isGuid, TeamsPackageError, teamsPackage } from '../channels/teams/package.js';
import { loadSettings } from '../config.js';
import { loadTranslations } from '../i18n.js';
import { type Command, UsageError, writeLine } from './io.js';

export const DEFAULT_TEAMS_PACKAGE = 'teams/hub-assistant-teams.zip';

/** Reads the app's version from package.json in the checkout (where the command runs, like `locales/`). */
function packageVersion(): string {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new TeamsPackageError('package.json has no version');
  return version;
}

/**
 * `teams-package [--out FILE] [--bot-id ID] [--app-id GUID] [--url URL]`: writes the Microsoft Teams app package
 * (manifest in Swedish and English, icons) to upload in Teams or its admin center. The bot id defaults to
 * MICROSOFT_APP_ID, the app id to the bot id, the public address to HUB_PUBLIC_URL.
 */
export const teamsPackageCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      'bot-id': { type: 'string' },
      'app-id': { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (values['app-id'] !== undefined && !isGuid(values['app-id'])) {
    throw new UsageError('--app-id must be a GUID such as 3f9a1c52-7d4e-4b8a-9c2f-1e6d5a4b3c21');
  }
  const settings = loadSettings(io.env);
  const fail = async (message: string) => {
    await writeLine(io.stderr, `teams-package: ${message}`);
    return 1;
  };

  const botId = values['bot-id']?.trim() || settings.MICROSOFT_APP_ID;
  if (!botId) {
    return fail(
      "the bot's Microsoft app id is needed: pass --bot-id ID or set MICROSOFT_APP_ID (the app registration of the Azure Bot resource).",
    );
  }
  const appId = values['app-id'] ?? (isGuid(botId) ? botId : undefined);
  if (!appId) return fail(`the bot id "${botId}" is not a GUID, so the Teams app needs its own: pass --app-id GUID.`);

  const address = values.url ?? settings.HUB_PUBLIC_URL;
  let publicUrl: URL | undefined;
  try {
    publicUrl = address ? new URL(address) : undefined;
  } catch {
    publicUrl = undefined;
  }
  if (publicUrl?.protocol !== 'https:') {
    return fail(
      `Teams needs the assistant's public https address${address ? ` (got "${address}")` : ''}: pass --url https://… or set HUB_PUBLIC_URL.`,
    );
  }

  const out = resolve(values.out ?? DEFAULT_TEAMS_PACKAGE);
  try {
    const { zip, manifest } = teamsPackage({
      botId,
      appId,
      publicUrl,
      accentColor: settings.HUB_WEBCHAT_COLOR,
      developerName: settings.HUB_WEBCHAT_TITLE,
      version: packageVersion(),
      translations: loadTranslations(),
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    await writeLine(io.stdout, `Teams app package: ${out}`);
    await writeLine(io.stdout, `  app id:  ${String(manifest.id)} (version ${String(manifest.version)})`);
    await writeLine(io.stdout, `  bot id:  ${botId}`);
    await writeLine(io.stdout, `  address: ${publicUrl.href}`);
    await writeLine(
      io.stdout,
      'Upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.',
    );
    return 0;
  } catch (error) {
    if (error instanceof TeamsPackageError) return fail(error.message);
    throw error;
  }
};
