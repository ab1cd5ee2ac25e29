import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../src/assistant.js';
import { loadTranslations, type Translations } from '../src/i18n.js';
import { loadKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import type { IntentMatcher } from '../src/nlu/matcher.js';
import { runCommand } from './support/cli.js';
import { removeTempDirs, required, tempDir, testSettings } from './support/fixtures.js';

const BOT_ID = '3F9A1C52-7D4E-4B8A-9C2F-1E6D5A4B3C21';
const APP_ID = 'b7c1d2e3-0000-4000-8000-00000000beef';
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

let translations: Translations;

beforeAll(() => {
  translations = loadTranslations();
});

afterEach(() => {
  removeTempDirs();
});

/** Reads a zip through its central directory, checking each local header and CRC-32 on the way. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(zip.length - 22);
  const count = zip.readUInt16LE(end + 10);
  expect(zip.readUInt16LE(end + 8)).toBe(count);
  const size = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  expect(at + size).toBe(end);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const uncompressed = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);

    // The local header says the same as the central directory.
    expect(zip.readUInt32LE(offset)).toBe(0x04034b50);
    expect(zip.readUInt16LE(offset + 8)).toBe(method);
    expect(zip.readUInt32LE(offset + 14)).toBe(crc);
    expect(zip.readUInt32LE(offset + 18)).toBe(compressed);
    expect(zip.readUInt32LE(offset + 22)).toBe(uncompressed);
    expect(zip.toString('utf8', offset + 30, offset + 30 + zip.readUInt16LE(offset + 26))).toBe(name);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const body = zip.subarray(start, start + compressed);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length, name).toBe(uncompressed);
    expect(crc32(data) >>> 0, name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  /** RGBA of a pixel (filter type 0 rows only, as written). */
  pixel(x: number, y: number): [number, number, number, number];
  pixels(): [number, number, number, number][];
}

/** Reads a PNG's chunks (checking each CRC) and its RGBA pixels. */
function readPng(png: Buffer): Png {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(crc32(data, crc32(png.subarray(at + 4, at + 8))) >>> 0, type).toBe(png.readUInt32BE(at + 8 + length));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = required(chunks[0], 'IHDR').data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(required(chunks[1], 'IDAT').data);
  expect(raw.length).toBe((width * 4 + 1) * height);
  const pixel = (x: number, y: number): [number, number, number, number] => {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    const i = row + 1 + x * 4;
    return [raw[i] ?? -1, raw[i + 1] ?? -1, raw[i + 2] ?? -1, raw[i + 3] ?? -1];
  };
  return {
    width,
    height,
    bitDepth: header.readUInt8(8),
    colorType: header.readUInt8(9),
    pixel,
    pixels: () => Array.from({ length: width * height }, (_, i) => pixel(i % width, Math.floor(i / width))),
  };
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
}

async function buildPackage(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ out: string; stdout: string; files: Map<string, Buffer>; manifest: Manifest }> {
  const out = join(tempDir(), 'nested', 'app.zip');
  const { code, stdout, stderr } = await runCommand(['teams-package', '--out', out, ...args], { env });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const files = readZip(readFileSync(out));
  const manifest = JSON.parse(required(files.get('manifest.json'), 'manifest.json').toString('utf8')) as Manifest;
  return { out, stdout, files, manifest };
}

describe('teams-package', () => {
  it('writes manifest.json, en-us.json and both icons; prints the file and the ids', async () => {
    const { out, stdout, files, manifest } = await buildPackage(
      ['--bot-id', BOT_ID, '--url', 'https://chat.example.se/assistant'],
      { HUB_WEBCHAT_COLOR: '#aa3300', HUB_WEBCHAT_TITLE: 'Exempelby kommun' },
    );
    expect([...files.keys()]).toEqual(['manifest.json', 'en-us.json', 'color.png', 'outline.png']);
    expect(stdout).toContain(out);
    expect(stdout).toContain(BOT_ID);
    expect(stdout).toContain(BOT_ID.toLowerCase());

    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.version).toBe(VERSION);
    // No --app-id: the bot id is a GUID and becomes the app's id.
    expect(manifest.id).toBe(BOT_ID.toLowerCase());
    expect(manifest.developer).toEqual({
      name: 'Exempelby kommun',
      websiteUrl: 'https://chat.example.se/assistant',
      privacyUrl: 'https://chat.example.se/assistant/privacy',
      termsOfUseUrl: 'https://chat.example.se/assistant',
    });
    expect(manifest.name).toEqual({
      short: translations.sv('teams.nameShort'),
      full: translations.sv('teams.nameFull'),
    });
    expect(manifest.name.short).toBe('Skolans assistent');
    expect(manifest.description.short).toBe(translations.sv('teams.descriptionShort'));
    expect(manifest.description.full).toBe(translations.sv('teams.descriptionFull'));
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor).toBe('#AA3300');
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'sv-SE',
      additionalLanguages: [{ languageTag: 'en-US', file: 'en-us.json' }],
    });
    expect(manifest.validDomains).toEqual(['chat.example.se']);

    const [bot] = manifest.bots;
    expect(manifest.bots).toHaveLength(1);
    expect(bot?.botId).toBe(BOT_ID);
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.commandLists.map((list) => list.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
    expect(bot?.commandLists[0]?.commands.map((command) => command.title)).toContain(
      translations.sv('teams.command.absence.title'),
    );
    // Tasks show a child's data: not offered where a whole team reads along.
    expect(bot?.commandLists[1]?.commands.map((command) => command.title)).not.toContain(
      translations.sv('teams.command.absence.title'),
    );
    for (const command of bot?.commandLists.flatMap((list) => list.commands) ?? []) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('localizes every Swedish string of the manifest in en-us.json, under the key of its place', async () => {
    const { files, manifest } = await buildPackage(['--bot-id', BOT_ID, '--url', 'https://chat.example.se']);
    const english = JSON.parse(required(files.get('en-us.json'), 'en-us.json').toString('utf8')) as Record<
      string,
      string
    >;
    const { $schema, ...strings } = english;
    expect($schema).toBe(
      'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.Localization.schema.json',
    );
    expect(strings['name.short']).toBe('School assistant');
    expect(strings['name.full']).toBe(translations.en('teams.nameFull'));
    expect(strings['description.short']).toBe(translations.en('teams.descriptionShort'));
    expect(strings['description.full']).toBe(translations.en('teams.descriptionFull'));
    expect(strings['name.short']?.length).toBeLessThanOrEqual(30);
    expect(strings['description.short']?.length).toBeLessThanOrEqual(80);

    // Each key names a Swedish string of the manifest, and the English one differs from it.
    const at = (path: string): unknown =>
      path
        .split(/\.|\[(\d+)\]/)
        .filter(Boolean)
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], manifest);
    const commandCount = manifest.bots[0]?.commandLists.flatMap((list) => list.commands).length ?? 0;
    expect(Object.keys(strings)).toHaveLength(4 + 2 * commandCount);
    for (const [key, value] of Object.entries(strings)) {
      expect(typeof at(key), key).toBe('string');
      expect(at(key), key).not.toBe(value);
    }
    expect(strings['bots[0].commandLists[0].commands[1].title']).toBe(translations.en('teams.command.absence.title'));
  });

  it('the command titles, tapped in Teams, are understood as the questions and tasks they stand for', async () => {
    const { files, manifest } = await buildPackage(['--bot-id', BOT_ID, '--url', 'https://chat.example.se']);
    const english = JSON.parse(required(files.get('en-us.json'), 'en-us.json').toString('utf8')) as Record<
      string,
      string
    >;
    const matcher: IntentMatcher = buildMatcher(loadKnowledgeBase('faq'), testSettings());
    const expected = ['login.forgot_password', 'absence.report', 'leave.apply', 'meeting.book', 'grades', 'help'];
    const commands = required(manifest.bots[0]?.commandLists[0], 'personal commands').commands;
    expect(commands).toHaveLength(expected.length);
    commands.forEach((command, i) => {
      expect(matcher.classify(command.title, 'sv'), command.title).toMatchObject({ intent: expected[i], locale: 'sv' });
      const title = required(english[`bots[0].commandLists[0].commands[${i}].title`], `English command ${i}`);
      expect(matcher.classify(title, 'en'), title).toMatchObject({ intent: expected[i], locale: 'en' });
    });
  });

  it('icons: color.png 192×192 opaque on the accent colour, outline.png 32×32 white on transparent', async () => {
    const { files } = await buildPackage(['--bot-id', BOT_ID, '--url', 'https://chat.example.se'], {
      HUB_WEBCHAT_COLOR: '#1f5f8b',
    });
    const color = readPng(required(files.get('color.png'), 'color.png'));
    expect([color.width, color.height, color.bitDepth, color.colorType]).toEqual([192, 192, 8, 6]);
    expect(color.pixel(0, 0)).toEqual([0x1f, 0x5f, 0x8b, 255]);
    expect(color.pixel(96, 60)).toEqual([255, 255, 255, 255]);
    expect(color.pixels().every(([, , , alpha]) => alpha === 255)).toBe(true);

    const outline = readPng(required(files.get('outline.png'), 'outline.png'));
    expect([outline.width, outline.height, outline.bitDepth, outline.colorType]).toEqual([32, 32, 8, 6]);
    const pixels = outline.pixels();
    expect(pixels.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    expect(outline.pixel(0, 0)[3]).toBe(0);
    expect(outline.pixel(16, 8)[3]).toBe(255);
    const opaque = pixels.filter(([, , , alpha]) => alpha > 0).length;
    expect(opaque).toBeGreaterThan(100);
    expect(opaque).toBeLessThan(32 * 32 - 100);
  });

  it('takes the bot id from MICROSOFT_APP_ID and the address from HUB_PUBLIC_URL; --app-id sets the app id', async () => {
    const { manifest, stdout } = await buildPackage(['--app-id', APP_ID], {
      MICROSOFT_APP_ID: BOT_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      HUB_PUBLIC_URL: 'https://hub.skola.example:8443/',
    });
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['hub.skola.example']);
    expect(manifest.developer.websiteUrl).toBe('https://hub.skola.example:8443/');
    expect(stdout).toContain(APP_ID);
  });

  it('without a bot id → exit 1, naming --bot-id and MICROSOFT_APP_ID, and writes nothing', async () => {
    const out = join(tempDir(), 'app.zip');
    const { code, stdout, stderr } = await runCommand([
      'teams-package',
      '--out',
      out,
      '--url',
      'https://chat.example.se',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('--bot-id');
    expect(stderr).toContain('MICROSOFT_APP_ID');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    { name: 'no address at all', args: [] as string[], env: {} },
    { name: 'an http --url', args: ['--url', 'http://chat.example.se'], env: {} },
    { name: 'an http HUB_PUBLIC_URL', args: [], env: { HUB_PUBLIC_URL: 'http://localhost:3978' } },
  ])('$name → exit 1, asking for the https address', async ({ args, env }) => {
    const out = join(tempDir(), 'app.zip');
    const { code, stderr } = await runCommand(['teams-package', '--out', out, '--bot-id', BOT_ID, ...args], { env });
    expect(code).toBe(1);
    expect(stderr).toMatch(/https/);
    expect(stderr).toContain('HUB_PUBLIC_URL');
    expect(existsSync(out)).toBe(false);
  });

  it('a bot id that is no GUID needs --app-id (exit 1); an --app-id that is no GUID is a usage error (exit 2)', async () => {
    const url = ['--url', 'https://chat.example.se'];
    const noGuid = await runCommand(['teams-package', '--out', join(tempDir(), 'a.zip'), '--bot-id', 'my-bot', ...url]);
    expect(noGuid.code).toBe(1);
    expect(noGuid.stderr).toContain('--app-id');

    const { manifest } = await buildPackage(['--bot-id', 'my-bot', '--app-id', APP_ID, ...url]);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]?.botId).toBe('my-bot');

    const bad = await runCommand(['teams-package', '--app-id', 'not-a-guid', '--bot-id', BOT_ID, ...url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: hub-assistant');
  });

  it('is listed in the usage', async () => {
    const { code, stderr } = await runCommand(['help']);
    expect(code).toBe(0);
    expect(stderr).toContain('teams-package [--out FILE] [--bot-id ID] [--app-id GUID] [--url URL]');
  });
});
