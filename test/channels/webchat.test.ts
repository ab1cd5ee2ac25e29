import { readFileSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type restify from 'restify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../src/botframework/cloud-adapter.js';
import type { Assistant } from '../../src/assistant.js';
import { pageConfig, WEBCHAT_STRING_KEYS, type WebChatPageConfig } from '../../src/channels/webchat/config.js';
import { webChatRoutes } from '../../src/channels/webchat/index.js';
import { contentSecurityPolicy, escapeHtml } from '../../src/channels/webchat/page.js';
import { createServer } from '../../src/server.js';
import { removeTempDirs, silentLogger, tempDir, testAssistant, testSettings, writeFile } from '../support/fixtures.js';

const SCRIPT = 'webchat-ABC123.js';
const STYLE = 'webchat-DEF456.css';
const SCRIPT_BODY = 'console.log("the web chat");\n'.repeat(50);

/** A built page as the build writes it (a manifest, a script with compressed copies, a style sheet). */
function builtAssets(): string {
  const dir = tempDir('hub-webchat-assets-');
  writeFile(join(dir, 'manifest.json'), JSON.stringify({ js: SCRIPT, css: STYLE, builtAt: '2026-11-01T00:00:00Z' }));
  writeFile(join(dir, SCRIPT), SCRIPT_BODY);
  writeFile(join(dir, STYLE), 'body { margin: 0; }\n');
  writeFile(join(dir, '.hidden.js'), 'secret');
  writeFileSync(join(dir, `${SCRIPT}.br`), brotliCompressSync(SCRIPT_BODY));
  writeFileSync(join(dir, `${SCRIPT}.gz`), gzipSync(SCRIPT_BODY));
  return dir;
}

interface Running {
  base: string;
  assistant: Assistant;
  server: restify.Server;
}

const running: Running[] = [];

/** The web chat routes alone on a free port, with `env` as settings and the page built in `assetsDir`. */
async function start(env: Record<string, string> = {}, assetsDir: string | null = builtAssets()): Promise<Running> {
  const settings = testSettings(env);
  const logger = silentLogger();
  const assistant = testAssistant(env);
  const server = createServer({
    adapter: createAdapter(settings, logger, assistant.translations),
    bot: assistant.bot,
    logger,
    routes: [webChatRoutes({ settings, assistant, logger }, { assetsDir: assetsDir ?? join(tempDir(), 'not-built') })],
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const started = { base: `http://127.0.0.1:${port}`, assistant, server };
  running.push(started);
  return started;
}

afterEach(async () => {
  for (const { server, assistant } of running.splice(0)) {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    assistant.db.close();
  }
  removeTempDirs();
});

afterAll(() => {
  removeTempDirs();
});

/** A raw GET (no automatic decompression), for content encodings. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('GET /chat', () => {
  it('is the page in the school’s title and colour, with its built files and a strict policy', async () => {
    const { base } = await start({ HUB_WEBCHAT_TITLE: 'Ekbackens <skola> & fritids', HUB_WEBCHAT_COLOR: '#8B1F3A' });
    const response = await fetch(`${base}/chat`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(html).toContain('<title>Ekbackens &#60;skola&#62; &#38; fritids</title>');
    expect(html).toContain('<h1 class="hub-title">Ekbackens &#60;skola&#62; &#38; fritids</h1>');
    expect(html).toContain('<meta name="theme-color" content="#8b1f3a">');
    expect(html).toContain(`<script defer src="/chat/assets/${SCRIPT}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="/chat/assets/${STYLE}">`);
    expect(html).toContain('Chatten startar …');
    expect(html).not.toMatch(/<script>|<style>|style="/);

    const policy = directives(response.headers.get('content-security-policy') ?? '');
    const nonce = /<meta name="hub-style-nonce" content="([^"]+)">/.exec(html)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'", `'nonce-${nonce ?? ''}'`]);
    const host = base.replace('http://', '');
    expect(policy.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('has a new nonce for every request', async () => {
    const { base } = await start();
    const policies = await Promise.all(
      [1, 2].map(async () => (await fetch(`${base}/chat`)).headers.get('content-security-policy')),
    );
    expect(policies[0]).not.toBe(policies[1]);
  });

  it('is in English with ?lang=en, and in the default language otherwise', async () => {
    const { base } = await start({ HUB_DEFAULT_LOCALE: 'en' });
    expect(await (await fetch(`${base}/chat`)).text()).toContain('<html lang="en">');
    const swedish = await (await fetch(`${base}/chat?lang=sv`)).text();
    expect(swedish).toContain('<html lang="sv">');
    expect(swedish).toContain('Chatten startar …');
    const english = await (await fetch(`${base}/chat?lang=en`)).text();
    expect(english).toContain('Starting the chat …');
    expect(english).toContain('The chat needs JavaScript.');
  });

  it('says plainly that the page is not built yet (503), in the page’s language', async () => {
    const { base } = await start({}, null);
    const response = await fetch(`${base}/chat?lang=en`);
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain('The chat is not fully installed yet.');
    expect(html).not.toContain('<script');
  });
});

describe('GET /privacy', () => {
  it('says in Swedish what is kept and for how long, with the periods the settings give, and no script', async () => {
    const { base } = await start({
      HUB_STATE_RETENTION_DAYS: '14',
      HUB_UNANSWERED_RETENTION_DAYS: '60',
      HUB_WEBCHAT_TITLE: 'Exempelby skolor',
    });
    const response = await fetch(`${base}/privacy`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = directives(response.headers.get('content-security-policy') ?? '');
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Exempelby skolor');
    expect(html).toContain('Så hanterar assistenten dina uppgifter');
    expect(html).toContain('inte har använts på 14 dagar raderas');
    expect(html).toContain('De raderas efter 60 dagar.');
    expect(html).toContain('sparas i 7 dagar');
    expect(html).not.toContain('{{');
    expect(html).not.toContain('<script');
    expect(html).toContain('href="/privacy?lang=en"');
  });

  it('is in English with ?lang=en, with the default periods (30 and 90 days)', async () => {
    const { base } = await start();
    const html = await (await fetch(`${base}/privacy?lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('How the assistant handles your data');
    expect(html).toContain('has not been used for 30 days is deleted');
    expect(html).toContain('deleted after 90 days');
    expect(html).toContain('href="/privacy?lang=sv"');
  });
});

describe('GET /chat/assets/:name', () => {
  it('serves a built file with its type and a cache of a year, compressed as the browser allows', async () => {
    const { base } = await start();
    const plain = await rawGet(`${base}/chat/assets/${SCRIPT}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT_BODY);

    const br = await rawGet(`${base}/chat/assets/${SCRIPT}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(SCRIPT_BODY.length);
    const gz = await rawGet(`${base}/chat/assets/${SCRIPT}`, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');

    // fetch decompresses: the same script either way.
    expect(await (await fetch(`${base}/chat/assets/${SCRIPT}`)).text()).toBe(SCRIPT_BODY);

    const css = await rawGet(`${base}/chat/assets/${STYLE}`, { 'accept-encoding': 'br' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['content-encoding']).toBeUndefined();
  });

  it.each([
    ['an unknown file', 'webchat-NOPE.js'],
    ['the manifest', 'manifest.json'],
    ['a dot file', '.hidden.js'],
    ['a path out of the folder', '..%2Fmanifest.json'],
    ['a compressed copy by name', `${SCRIPT}.br`],
  ])('answers 404 for %s', async (_what, name) => {
    const { base } = await start();
    const response = await fetch(`${base}/chat/assets/${name}`);
    expect(response.status).toBe(404);
  });
});

describe('GET /chat/config.json', () => {
  async function config(env: Record<string, string> = {}): Promise<WebChatPageConfig> {
    const { base } = await start(env);
    const response = await fetch(`${base}/chat/config.json`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    return (await response.json()) as WebChatPageConfig;
  }

  it('self-hosted with the demo school: own token URL and Direct Line, the demo guardians described', async () => {
    const body = await config();
    expect(body).toMatchObject({
      title: 'Skolans assistent',
      accent: '#1f5f8b',
      defaultLocale: 'sv',
      mode: 'self-hosted',
      tokenUrl: '/chat/token',
      domain: '/v3/directline',
      signedUsers: false,
    });
    expect(body.demo?.guardians.map((g) => g.id)).toEqual([
      'demo-anna',
      'demo-omar',
      'demo-leila',
      'demo-lena',
      'demo-karim',
      'demo-unverified',
    ]);
    expect(body.demo?.guardians[0]?.description).toEqual({
      sv: 'Anna (Elsa 3B, Nils 7A)',
      en: 'Anna (Elsa 3B, Nils 7A)',
    });
    expect(body.demo?.guardians.at(-1)?.description).toEqual({
      sv: 'Karim, inte verifierad (Leo 1A)',
      en: 'Karim, not verified (Leo 1A)',
    });
  });

  it('has every text of the page in Swedish and English', async () => {
    const { strings } = await config();
    for (const key of WEBCHAT_STRING_KEYS) {
      expect(strings.sv[key], `sv ${key}`).toMatch(/\S/);
      expect(strings.en[key], `en ${key}`).toMatch(/\S/);
      expect(strings.sv[key], key).not.toContain('webchat.');
    }
    expect(strings.sv.languageName).toBe('Svenska');
    expect(strings.en.languageName).toBe('English');
    expect(strings.sv.startNew).not.toBe(strings.en.startNew);
  });

  it('without the demo school (switched off, or a real school system): no demo guardians', async () => {
    expect((await config({ HUB_DEMO_SCHOOL: 'false' })).demo).toBeNull();
    expect((await config({ HUB_BACKEND: 'http', HUB_BACKEND_URL: 'http://127.0.0.1:9' })).demo).toBeNull();
  });

  it('behind HUB_PUBLIC_URL: absolute addresses, and the public WebSocket origin in the policy', async () => {
    const env = { HUB_PUBLIC_URL: 'https://chat.example.se/' };
    const body = await config(env);
    expect(body).toMatchObject({
      tokenUrl: 'https://chat.example.se/chat/token',
      domain: 'https://chat.example.se/v3/directline',
    });
    const { base } = await start(env);
    const policy = directives((await fetch(`${base}/chat`)).headers.get('content-security-policy') ?? '');
    expect(policy.get('connect-src')).toEqual(
      expect.arrayContaining(['https://chat.example.se', 'wss://chat.example.se']),
    );
  });

  it('Azure mode: the token service and the Direct Line domain, and only those origins besides its own', async () => {
    const env = {
      HUB_DIRECTLINE_TOKEN_URL: 'https://skolan.example.se/api/directline-token',
      HUB_DIRECTLINE_DOMAIN: 'https://europe.directline.botframework.com/v3/directline',
      HUB_WEBCHAT_USER_SECRET: 'x'.repeat(32),
    };
    expect(await config(env)).toMatchObject({
      mode: 'azure',
      tokenUrl: 'https://skolan.example.se/api/directline-token',
      domain: 'https://europe.directline.botframework.com/v3/directline',
      signedUsers: true,
    });
    const { base } = await start(env);
    const policy = directives((await fetch(`${base}/chat`)).headers.get('content-security-policy') ?? '');
    const host = base.replace('http://', '');
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      `ws://${host}`,
      `wss://${host}`,
      'https://skolan.example.se',
      'wss://skolan.example.se',
      'https://europe.directline.botframework.com',
      'wss://europe.directline.botframework.com',
    ]);
  });
});

describe('the page’s policy and texts', () => {
  it('leaves a Host header that is not a plain host out of the policy', () => {
    const config = { mode: 'self-hosted' as const, tokenUrl: '/chat/token', domain: '/v3/directline' };
    for (const host of ['evil.example; script-src *', "a.example 'unsafe-inline'", '']) {
      const policy = contentSecurityPolicy({ config, nonce: 'n', host });
      expect(policy).toContain("connect-src 'self';");
    }
    expect(contentSecurityPolicy({ config, nonce: 'n', host: '[::1]:3978' })).toContain('ws://[::1]:3978');
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('the browser’s copy of the configuration has the same fields and texts as the server’s', () => {
    const source = readFileSync('web/src/config.ts', 'utf8');
    const fields = (name: string) => {
      const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? '';
      return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]).sort();
    };
    const settings = testSettings();
    const assistant = testAssistant();
    try {
      const config = pageConfig(settings, assistant.translations, assistant.demoAccounts);
      expect(fields('PageConfig')).toEqual(Object.keys(config).sort());
      expect(fields('Strings')).toEqual([...WEBCHAT_STRING_KEYS].sort());
    } finally {
      assistant.db.close();
    }
  });
});
