import type { Locale } from '../../nlu/types.js';
import type { WebChatManifest } from './assets.js';
import type { WebChatPageConfig, WebChatStrings } from './config.js';

/** Where the built files are served. */
export const ASSETS_PATH = '/chat/assets';

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The head elements every page of the assistant starts with (no referrer sent on, no favicon request). */
export const BASE_HEAD = [
  '<meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  '<meta name="referrer" content="no-referrer">',
  '<link rel="icon" href="data:,">',
].join('\n');

export interface PageInput {
  config: Pick<WebChatPageConfig, 'title' | 'accent'>;
  locale: Locale;
  strings: WebChatStrings;
  /** The built files; undefined when the page has not been built (a plain notice is shown instead). */
  manifest: WebChatManifest | undefined;
  /** The nonce that lets Web Chat's own style elements through the Content-Security-Policy. */
  nonce: string;
}

/**
 * The `/chat` page: the school's title and colour, the bundle's script and style sheet, and a shell (heading,
 * "starting the chat …", a notice without JavaScript) that the script replaces with the chat.
 */
export function renderPage({ config, locale, strings, manifest, nonce }: PageInput): string {
  const title = escapeHtml(config.title);
  const head = manifest
    ? [
        `<link rel="stylesheet" href="${ASSETS_PATH}/${escapeHtml(manifest.css)}">`,
        `<script defer src="${ASSETS_PATH}/${escapeHtml(manifest.js)}"></script>`,
      ]
    : [];
  const body = manifest
    ? `<p class="hub-loading" data-failed="${escapeHtml(strings.connectFailed)}">${escapeHtml(strings.loading)}</p>\n` +
      `<noscript><p>${escapeHtml(strings.noscript)}</p></noscript>`
    : `<p>${escapeHtml(strings.notBuilt)}</p>`;
  return `<!doctype html>
<html lang="${locale}">
<head>
${BASE_HEAD}
<meta name="color-scheme" content="light">
<meta name="theme-color" content="${escapeHtml(config.accent)}">
<meta name="hub-style-nonce" content="${escapeHtml(nonce)}">
<title>${title}</title>
${head.join('\n')}
</head>
<body>
<div id="hub-app" class="hub-page" data-config="/chat/config.json" data-locale="${locale}">
<header class="hub-header"><h1 class="hub-title">${title}</h1></header>
<main class="hub-main">
${body}
</main>
</div>
</body>
</html>
`;
}

/** The origin of a URL and its WebSocket counterpart (`https://x` → `https://x wss://x`). */
function withWebSocket(url: string): string[] {
  const { origin, protocol, host } = new URL(url);
  return [origin, `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`];
}

/** A host header value fit to put in a policy (a name or address and an optional port, nothing else). */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export interface PolicyInput {
  config: Pick<WebChatPageConfig, 'mode' | 'tokenUrl' | 'domain'>;
  nonce: string;
  /** The request's Host header: the page's own WebSocket origin, named as well as `'self'` for older browsers. */
  host: string | undefined;
}

/**
 * The page's Content-Security-Policy: scripts and style sheets only from the assistant itself (Web Chat's style
 * elements by nonce), connections only to the assistant (HTTP and WebSocket) or, in Azure mode, to the token
 * service and the Direct Line service; nothing else (no plug-ins, frames, forms elsewhere or base URL changes).
 */
export function contentSecurityPolicy({ config, nonce, host }: PolicyInput): string {
  const connect = new Set(["'self'"]);
  if (host && HOST.test(host)) {
    connect.add(`ws://${host.toLowerCase()}`);
    connect.add(`wss://${host.toLowerCase()}`);
  }
  for (const url of [config.tokenUrl, config.domain]) {
    if (/^https?:\/\//i.test(url)) for (const origin of withWebSocket(url)) connect.add(origin);
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}
