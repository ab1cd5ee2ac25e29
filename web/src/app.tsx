import ReactWebChat from 'botframework-webchat';
import {
  type CSSProperties,
  type SyntheticEvent,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ChatController } from './chat';
import { type Locale, LOCALES, type PageConfig, WEB_CHAT_LOCALE } from './config';
import { SIGNED_USER } from './session';
import { palette, styleOptions } from './theme';

interface AppProps {
  config: PageConfig;
  controller: ChatController;
  /** The Content-Security-Policy nonce for Web Chat's style elements. */
  nonce: string | undefined;
}

/** Moves the keyboard focus to Web Chat's text box (after the guardian started a new conversation). */
function focusSendBox(container: HTMLElement | null): void {
  const input = container?.querySelector<HTMLElement>(
    '[data-id="webchat-sendbox-input"], textarea, input[type="text"]',
  );
  input?.focus();
}

/**
 * The page: the school's heading, the language buttons, in demo mode the choice of demo guardian, and Web Chat.
 */
export function App({ config, controller, nonce }: AppProps) {
  const chat = useSyncExternalStore(controller.subscribe, controller.view);
  const [locale, setLocale] = useState<Locale>(controller.locale);
  const [demoUser, setDemoUser] = useState(controller.user === SIGNED_USER ? '' : controller.user);
  const [focusWhenReady, setFocusWhenReady] = useState(false);
  const chatRef = useRef<HTMLElement>(null);
  const strings = config.strings[locale];
  const colours = useMemo(() => palette(config.accent), [config.accent]);
  const webChatStyle = useMemo(() => styleOptions(colours), [colours]);
  const signedIn = controller.user === SIGNED_USER;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    if (!focusWhenReady || chat.kind !== 'ready') return;
    // Web Chat renders its send box after this render; wait a frame for it.
    const frame = requestAnimationFrame(() => {
      focusSendBox(chatRef.current);
      setFocusWhenReady(false);
    });
    return () => cancelAnimationFrame(frame);
  }, [chat, focusWhenReady]);

  const chooseLocale = (next: Locale) => {
    setLocale(next);
    controller.setLocale(next);
  };

  const startNew = (event?: SyntheticEvent) => {
    event?.preventDefault();
    setFocusWhenReady(true);
    void controller.restart(signedIn ? SIGNED_USER : demoUser);
  };

  const pageStyle = {
    '--hub-accent': colours.accent,
    '--hub-on-accent': colours.onAccent,
    '--hub-accent-text': colours.accentText,
  } as CSSProperties;

  const notice = chat.kind === 'failed' ? undefined : chat.notice;

  return (
    <div className="hub-page" style={pageStyle}>
      <header className="hub-header">
        <h1 className="hub-title">{config.title}</h1>
        <div className="hub-languages" role="group" aria-label={strings.languageGroup}>
          {LOCALES.map((option) => (
            <button
              key={option}
              type="button"
              lang={option}
              className="hub-language"
              aria-pressed={option === locale}
              onClick={() => chooseLocale(option)}
            >
              {config.strings[option].languageName}
            </button>
          ))}
        </div>
      </header>
      <main className="hub-main">
        {config.demo && !signedIn ? (
          <form className="hub-demo" onSubmit={startNew}>
            <label htmlFor="hub-demo-user">{strings.demoLabel}</label>
            <select
              id="hub-demo-user"
              value={demoUser}
              aria-describedby="hub-demo-hint"
              onChange={(event) => setDemoUser(event.target.value)}
            >
              <option value="">{strings.demoAnonymous}</option>
              {config.demo.guardians.map((guardian) => (
                <option key={guardian.id} value={guardian.id}>
                  {guardian.description[locale]}
                </option>
              ))}
            </select>
            <button type="submit" className="hub-button">
              {strings.startNew}
            </button>
            <p id="hub-demo-hint" className="hub-hint">
              {strings.demoHint}
            </p>
          </form>
        ) : (
          <div className="hub-toolbar">
            <button type="button" className="hub-button" onClick={() => startNew()}>
              {strings.startNew}
            </button>
          </div>
        )}
        {notice ? <p className="hub-notice">{strings[notice]}</p> : null}
        <section className="hub-chat" aria-label={strings.chatRegion} ref={chatRef}>
          {chat.kind === 'ready' ? (
            <ReactWebChat
              key={chat.key}
              className="hub-webchat"
              role="region"
              directLine={chat.directLine}
              store={chat.store}
              locale={WEB_CHAT_LOCALE[locale]}
              styleOptions={webChatStyle}
              {...(chat.userId ? { userID: chat.userId } : {})}
              {...(nonce ? { nonce } : {})}
            />
          ) : chat.kind === 'failed' ? (
            <div className="hub-failed">
              <p>{strings[chat.reason]}</p>
              {chat.reason === 'connectFailed' ? (
                <button type="button" className="hub-button" onClick={() => void controller.open(true)}>
                  {strings.retry}
                </button>
              ) : null}
            </div>
          ) : (
            <p className="hub-loading">{strings.loading}</p>
          )}
        </section>
      </main>
    </div>
  );
}
