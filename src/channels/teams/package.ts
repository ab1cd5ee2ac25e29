import { privacyUrl } from '../webchat/privacy.js';
import type { Translations } from '../../i18n.js';
import type { Locale } from '../../nlu/types.js';
import { colorIcon, outlineIcon } from './icons.js';
import { writeZip } from './zip.js';

/** The app manifest schema the package is written against (Teams accepts it everywhere, with localization). */
export const MANIFEST_VERSION = '1.17';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/** The manifest's own language is Swedish; English comes from this localization file in the package. */
export const DEFAULT_LANGUAGE = 'sv-SE';
export const ENGLISH = { languageTag: 'en-US', file: 'en-us.json' } as const;

/**
 * Example questions offered as commands (in the compose box): the tasks only in a personal chat, since a summary
 * names a child; in teams and group chats only questions.
 */
const COMMAND_LISTS = [
  { scopes: ['personal'], commands: ['password', 'absence', 'leave', 'meeting', 'grades', 'help'] },
  { scopes: ['team', 'groupChat'], commands: ['password', 'grades', 'help'] },
] as const;

/** Longest values the manifest schema allows. */
const LIMITS = {
  developerName: 32,
  nameShort: 30,
  nameFull: 100,
  descriptionShort: 80,
  descriptionFull: 4000,
  commandTitle: 32,
  commandDescription: 128,
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Thrown when the package cannot be built from what was given (the message says what to change). */
export class TeamsPackageError extends Error {}

export interface TeamsPackageOptions {
  /** The bot's Microsoft app id (MICROSOFT_APP_ID): Teams sends the bot's messages to it. */
  botId: string;
  /** The Teams app's id, a GUID that stays the same for every version of the package. */
  appId: string;
  /** The assistant's public https address: the developer's website and the valid domain. */
  publicUrl: URL;
  /** `#rrggbb`, behind the colour icon. */
  accentColor: string;
  /** Who publishes the app (the school or municipality). */
  developerName: string;
  /** The app's version, `x.y.z`. */
  version: string;
  translations: Translations;
}

/** Strings of the manifest that differ by language, keyed as the localization file keys them. */
function localizedStrings(t: Translations[Locale]): Record<string, string> {
  const strings: Record<string, string> = {
    'name.short': within(t('teams.nameShort'), LIMITS.nameShort, 'teams.nameShort'),
    'name.full': within(t('teams.nameFull'), LIMITS.nameFull, 'teams.nameFull'),
    'description.short': within(t('teams.descriptionShort'), LIMITS.descriptionShort, 'teams.descriptionShort'),
    'description.full': within(t('teams.descriptionFull'), LIMITS.descriptionFull, 'teams.descriptionFull'),
  };
  COMMAND_LISTS.forEach((list, l) => {
    list.commands.forEach((command, c) => {
      const key = `bots[0].commandLists[${l}].commands[${c}]`;
      const at = `teams.command.${command}`;
      strings[`${key}.title`] = within(t(`${at}.title`), LIMITS.commandTitle, `${at}.title`);
      strings[`${key}.description`] = within(t(`${at}.description`), LIMITS.commandDescription, `${at}.description`);
    });
  });
  return strings;
}

function within(value: string, limit: number, what: string): string {
  if (value.trim() === '') throw new TeamsPackageError(`the text ${what} is missing in the locale files`);
  if (value.length > limit) {
    throw new TeamsPackageError(`${what} is longer than the ${limit} characters Teams allows: "${value}"`);
  }
  return value;
}

/** A value cut to `limit` characters, with an ellipsis when it was longer. */
function shorten(value: string, limit: number): string {
  return value.length <= limit ? value : `${value.slice(0, limit - 1).trimEnd()}…`;
}

/** The app's version as Teams wants it (`x.y.z`, no pre-release part). */
export function teamsVersion(version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new TeamsPackageError(`the version "${version}" in package.json is not x.y.z`);
  return `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}`;
}

/** The manifest (Swedish strings) and the English localization file. */
export function teamsManifest(options: TeamsPackageOptions): {
  manifest: Record<string, unknown>;
  localization: Record<string, string>;
} {
  if (!isGuid(options.appId)) throw new TeamsPackageError(`the app id "${options.appId}" is not a GUID`);
  if (options.publicUrl.protocol !== 'https:') {
    throw new TeamsPackageError(`Teams needs an https address, not ${options.publicUrl.href}`);
  }
  const sv = localizedStrings(options.translations.sv);
  const text = (key: string) => sv[key] ?? '';
  const website = options.publicUrl.href;
  const manifest = {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: teamsVersion(options.version),
    id: options.appId.toLowerCase(),
    developer: {
      name: shorten(options.developerName.trim(), LIMITS.developerName),
      websiteUrl: website,
      privacyUrl: privacyUrl(options.publicUrl),
      termsOfUseUrl: website,
    },
    name: { short: text('name.short'), full: text('name.full') },
    description: { short: text('description.short'), full: text('description.full') },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: options.accentColor.toUpperCase(),
    localizationInfo: { defaultLanguageTag: DEFAULT_LANGUAGE, additionalLanguages: [ENGLISH] },
    bots: [
      {
        botId: options.botId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: COMMAND_LISTS.map((list, l) => ({
          scopes: [...list.scopes],
          commands: list.commands.map((_command, c) => ({
            title: text(`bots[0].commandLists[${l}].commands[${c}].title`),
            description: text(`bots[0].commandLists[${l}].commands[${c}].description`),
          })),
        })),
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [options.publicUrl.hostname],
  };
  return {
    manifest,
    localization: { $schema: LOCALIZATION_SCHEMA, ...localizedStrings(options.translations.en) },
  };
}

/** The app package Teams takes: manifest.json, the English localization file and both icons, in a zip. */
export function teamsPackage(options: TeamsPackageOptions): {
  zip: Buffer;
  manifest: Record<string, unknown>;
} {
  const { manifest, localization } = teamsManifest(options);
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const zip = writeZip([
    { name: 'manifest.json', data: json(manifest) },
    { name: ENGLISH.file, data: json(localization) },
    { name: 'color.png', data: colorIcon(options.accentColor) },
    { name: 'outline.png', data: outlineIcon() },
  ]);
  return { zip, manifest };
}
