import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ChatController } from './chat';
import { loadConfig } from './config';
import { nonceForScrollStyles } from './csp';
import { loadSession, localeFromAddress, SIGNED_USER, takeUserTokenFromFragment } from './session';
import './styles.css';

/**
 * The web chat page (`/chat`). The hosting site may pass who is writing as a signed user token in the address's
 * fragment, `/chat#user_token=<HS256 JWT>`: it is read here, removed from the address bar and never sent to the
 * server in a URL (see the README).
 */
async function start(): Promise<void> {
  const container = document.getElementById('hub-app');
  if (!container) return;
  const userToken = takeUserTokenFromFragment();
  const config = await loadConfig(container.dataset.config ?? '/chat/config.json');
  const saved = loadSession();
  const signedToken = userToken ?? (saved?.user === SIGNED_USER ? saved.userToken : undefined);
  const user = signedToken ? SIGNED_USER : config.demo && saved ? saved.user : '';
  const locale = localeFromAddress() ?? saved?.locale ?? config.defaultLocale;
  const controller = new ChatController(config, locale, user, signedToken);
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="hub-style-nonce"]')?.content;
  nonceForScrollStyles(nonce);

  // Keep the conversation's latest token for a reload.
  window.addEventListener('pagehide', () => controller.persist());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') controller.persist();
  });

  document.documentElement.lang = locale;
  createRoot(container).render(<App config={config} controller={controller} nonce={nonce} />);
  void controller.open(true);
}

start().catch((error: unknown) => {
  console.error('web chat: could not start', error);
  // The shell's own text for this, in the page's language (the configuration with every text did not arrive).
  const loading = document.querySelector<HTMLElement>('.hub-loading');
  if (loading?.dataset.failed) loading.textContent = loading.dataset.failed;
});
