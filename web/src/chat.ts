import { createStore } from 'botframework-webchat';
import type { Locale, PageConfig } from './config';
import {
  ConnectionStatus,
  connectionState,
  type DirectLine,
  directLineDomain,
  fetchToken,
  type Identity,
  resumeConversation,
  startConversation,
  TokenError,
} from './connection';
import { loadSession, saveSession, SIGNED_USER } from './session';

/** The event that tells the assistant the guardian chose a language with the page's buttons. */
export const LOCALE_EVENT = 'hub/locale';

/** Web Chat's Redux store. */
export type WebChatStore = ReturnType<typeof createStore>;

interface StoreAction {
  type: string;
  payload?: unknown;
}

/** A message the page shows above the chat (a key of the page's strings). */
export type Notice = 'resumeFailed';

/** What the page shows where the chat is. */
export type ChatView =
  | { kind: 'connecting'; notice?: Notice }
  | { kind: 'ready'; key: number; directLine: DirectLine; store: WebChatStore; userId?: string; notice?: Notice }
  | { kind: 'failed'; reason: 'connectFailed' | 'signInExpired' };

interface Current {
  generation: number;
  directLine: DirectLine;
  store: WebChatStore;
  unsubscribe: () => void;
  connected: boolean;
  /** A language chosen before Web Chat was connected, to tell the assistant once it is. */
  pendingLocale?: Locale;
  userId?: string;
}

/**
 * One tab's conversation with the assistant: gets a token, opens (or, after a reload, resumes) the Direct Line
 * conversation, keeps what a reload needs in `sessionStorage`, and tells the assistant about language choices.
 * React reads it through `subscribe`/`view` (useSyncExternalStore).
 */
export class ChatController {
  private readonly listeners = new Set<() => void>();
  private readonly domain: string;
  private generation = 0;
  private current: Current | undefined;
  private state: ChatView = { kind: 'connecting' };

  constructor(
    private readonly config: PageConfig,
    public locale: Locale,
    public user: string,
    private readonly userToken: string | undefined,
  ) {
    this.domain = directLineDomain(config);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly view = (): ChatView => this.state;

  private emit(state: ChatView): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** Opens the chat: the saved conversation of this tab when there is one for the same person, else a new one. */
  async open(resume: boolean, notice?: Notice): Promise<void> {
    this.close();
    const generation = ++this.generation;
    this.emit(notice ? { kind: 'connecting', notice } : { kind: 'connecting' });
    const saved = resume ? loadSession() : undefined;
    if (
      saved?.conversationId &&
      saved.token &&
      saved.user === this.user &&
      saved.domain === this.domain &&
      (this.user !== SIGNED_USER || saved.userToken === this.userToken)
    ) {
      this.attach(generation, resumeConversation(this.domain, saved.token, saved.conversationId), saved.userId, true);
      return;
    }
    try {
      const issued = await fetchToken(this.config, this.identity());
      if (generation !== this.generation) return;
      this.save({ ...(issued.userId ? { userId: issued.userId } : {}) });
      this.attach(generation, startConversation(this.domain, issued.token, this.locale), issued.userId, false, notice);
    } catch (error) {
      if (generation !== this.generation) return;
      const signIn = error instanceof TokenError && error.status < 500 && /user_token/.test(error.code ?? '');
      this.emit({ kind: 'failed', reason: signIn ? 'signInExpired' : 'connectFailed' });
    }
  }

  /** A new conversation as someone else (demo mode: another guardian, or anonymous). */
  restart(user: string): Promise<void> {
    this.user = user;
    return this.open(false);
  }

  /** The guardian chose a language: saved for a reload and told to the assistant (now, or once connected). */
  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    this.persist();
    const current = this.current;
    if (!current) return;
    if (current.connected) sendLocale(current.store, locale);
    else current.pendingLocale = locale;
  }

  /** Saves the conversation (with its latest token) for a reload; called on connect and when the page is left. */
  persist(): void {
    const current = this.current;
    const state = current ? connectionState(current.directLine) : {};
    this.save({ ...state, ...(current?.userId ? { userId: current.userId } : {}) });
  }

  /** Ends the current connection (the conversation itself stays with the service and can be resumed). */
  close(): void {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    current.unsubscribe();
    current.directLine.end();
  }

  private identity(): Identity {
    if (this.user === SIGNED_USER && this.userToken) return { userToken: this.userToken };
    if (this.user && this.config.demo) return { demoUser: this.user };
    return {};
  }

  private save(conversation: { conversationId?: string; token?: string; userId?: string }): void {
    saveSession({
      user: this.user,
      locale: this.locale,
      domain: this.domain,
      ...(this.userToken ? { userToken: this.userToken } : {}),
      ...conversation,
    });
  }

  private attach(
    generation: number,
    directLine: DirectLine,
    userId: string | undefined,
    resumed: boolean,
    notice?: Notice,
  ): void {
    const current: Current = {
      generation,
      directLine,
      store: createStore({}, this.middleware(generation)),
      unsubscribe: () => undefined,
      connected: false,
      ...(userId ? { userId } : {}),
    };
    let online = false;
    const subscription = directLine.connectionStatus$.subscribe((status: number) => {
      if (generation !== this.generation) return;
      if (status === ConnectionStatus.Online) {
        online = true;
        this.persist();
      } else if (status === ConnectionStatus.FailedToConnect || status === ConnectionStatus.Ended) {
        // A saved conversation that cannot be continued (its token ran out, the service forgot it): start anew.
        if (resumed && !online) void this.open(false, 'resumeFailed');
        else if (status === ConnectionStatus.FailedToConnect) this.emit({ kind: 'failed', reason: 'connectFailed' });
      }
    });
    current.unsubscribe = () => subscription.unsubscribe();
    this.current = current;
    this.emit({
      kind: 'ready',
      key: generation,
      directLine,
      store: current.store,
      ...(userId ? { userId } : {}),
      ...(notice ? { notice } : {}),
    });
  }

  /** Watches Web Chat's connection so a language chosen early is sent once it can be. */
  private middleware(generation: number) {
    return () => (next: (action: StoreAction) => unknown) => (action: StoreAction) => {
      const result = next(action);
      const current = this.current;
      if (current?.generation !== generation) return result;
      if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
        current.connected = true;
        const pending = current.pendingLocale;
        current.pendingLocale = undefined;
        // After Web Chat's own handlers of the connection have started.
        if (pending) setTimeout(() => sendLocale(current.store, pending), 0);
      } else if (action.type === 'DIRECT_LINE/DISCONNECT_FULFILLED') {
        current.connected = false;
      }
      return result;
    };
  }
}

function sendLocale(store: WebChatStore, locale: Locale): void {
  store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: LOCALE_EVENT, value: locale } });
}
