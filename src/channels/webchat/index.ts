import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import { toLocale } from '../../nlu/types.js';
import type { ChannelDeps, RouteMount } from '../types.js';
import { pickEncoding, WEB_ASSETS_DIR, WebAssets } from './assets.js';
import { pageConfig, webChatStrings } from './config.js';
import { ASSETS_PATH, contentSecurityPolicy, renderPage } from './page.js';
import { PRIVACY_PATH, renderPrivacyPage } from './privacy.js';

export { pageConfig, type WebChatPageConfig } from './config.js';

export interface WebChatOptions {
  /** Where the built page is (default `dist/web`, what `npm run build` writes). */
  assetsDir?: string;
}

/** Headers on every web chat response. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Built files carry their content hash in the name, so a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The self-hosted web chat: `GET /chat` (the page, in the school's title and colour), `GET /chat/config.json`
 * (what the page needs: mode, token URL, Direct Line domain, demo guardians, its texts in Swedish and English) and
 * `GET /chat/assets/*` (the bundle built by `npm run build`). The page talks to the Direct Line endpoint
 * (`POST /chat/token`, `/v3/directline`, see src/channels/directline) or, with HUB_DIRECTLINE_TOKEN_URL set, to
 * Azure's Direct Line.
 */
export function webChatRoutes(deps: ChannelDeps, options: WebChatOptions = {}): RouteMount {
  const { settings, assistant, logger } = deps;
  const assets = new WebAssets(options.assetsDir ?? WEB_ASSETS_DIR);
  const config = pageConfig(settings, assistant.translations, assistant.demoAccounts);
  const configJson = JSON.stringify(config);
  let warned = false;

  /** A page's language: `?lang=sv|en`, else the default. */
  const pageLocale = (req: restify.Request) =>
    toLocale(new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang')) ?? settings.HUB_DEFAULT_LOCALE;

  return (server: restify.Server) => {
    server.get('/chat', (req, res, next) => {
      const locale = pageLocale(req);
      const manifest = assets.manifest();
      if (!manifest && !warned) {
        warned = true;
        logger.warn({ dir: assets.dir }, 'the web chat page is not built: run `npm run build`');
      }
      const nonce = randomBytes(16).toString('base64');
      const html = renderPage({
        config,
        locale,
        strings: webChatStrings(assistant.translations, locale),
        manifest,
        nonce,
      });
      res.sendRaw(manifest ? 200 : 503, html, {
        ...COMMON_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': contentSecurityPolicy({ config, nonce, host: req.headers.host }),
      });
      next();
    });

    server.get(PRIVACY_PATH, (req, res, next) => {
      res.sendRaw(200, renderPrivacyPage(settings, assistant.translations, pageLocale(req)), {
        ...COMMON_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        // No script at all, and styles only from the page itself.
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      });
      next();
    });

    server.get('/chat/config.json', (_req, res, next) => {
      res.sendRaw(200, configJson, {
        ...COMMON_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
      next();
    });

    server.get(`${ASSETS_PATH}/:name`, (req, res, next) => {
      const name = (req.params as { name?: string }).name ?? '';
      const asset = assets.get(name);
      if (!asset) {
        res.sendRaw(404, 'Not found', { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
        next();
        return;
      }
      const encoding = pickEncoding(asset, req.headers['accept-encoding']);
      const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.body;
      res.sendRaw(200, body ?? asset.body, {
        ...COMMON_HEADERS,
        'Content-Type': asset.contentType,
        'Cache-Control': IMMUTABLE,
        Vary: 'Accept-Encoding',
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
      });
      next();
    });
  };
}
