import type { StoreItem, StoreItems } from '../storage/sqlite-storage.js';
import type { Conversation, ConversationData, IncomingMessage } from './turn.js';
import type { TaskStack } from '../../dialogs/task-runner.js';

/** Keyed items in, keyed items out, with optimistic concurrency on `eTag` (SQLite's store; any other the same). */
export interface ConversationStorage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
}

/** A conversation as read at the start of a turn, and what it was then (to write it only if it changed). */
export interface LoadedConversation {
  key: string;
  conversation: Conversation;
  eTag: string | undefined;
  snapshot: string;
}

/**
 * Reads a conversation at the start of its turn and writes it at the end, only when the turn changed it. Records
 * keep the shape and keys botbuilder's ConversationState gave them (`<channel>/conversations/<id>/`, properties
 * `hub` and `dialogs`), so conversations stored before carry on.
 */
export class ConversationStore {
  constructor(private readonly storage: ConversationStorage) {}

  async load(message: Pick<IncomingMessage, 'channelId' | 'conversationId'>): Promise<LoadedConversation> {
    const key = `${message.channelId}/conversations/${message.conversationId}/`;
    const item: StoreItem | undefined = (await this.storage.read([key]))[key];
    const conversation: Conversation = {
      hub: (item?.hub as ConversationData | undefined) ?? {},
      dialogs: (item?.dialogs as TaskStack | undefined) ?? {},
    };
    return { key, conversation, eTag: item?.eTag, snapshot: JSON.stringify(conversation) };
  }

  /** Writes the conversation if the turn changed it; rejects when another writer changed it meanwhile. */
  async save(loaded: LoadedConversation): Promise<void> {
    const { conversation } = loaded;
    if (JSON.stringify(conversation) === loaded.snapshot) return;
    await this.storage.write({ [loaded.key]: { ...conversation, eTag: loaded.eTag ?? '*' } });
  }
}
