import { randomUUID } from 'node:crypto';
import { BackendError } from '../src/backend/types.js';
import { type Message, msg } from './message.js';

/** A fresh idempotency key, made once when the summary is shown and kept in the dialog state. */
export const newKey = (): string => randomUUID();

/** Why the school system refused or failed, in the guardian's words. */
export function problemMessage(error: unknown): Message {
  if (error instanceof BackendError) return msg(`backend.${error.code}`);
  return msg('backend.unavailable');
}

/** True when the failure means nothing was registered and trying again later may work. */
export const isTemporary = (error: unknown): boolean =>
  !(error instanceof BackendError) || error.code === 'unavailable';
