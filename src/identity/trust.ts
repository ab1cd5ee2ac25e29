import { isDemoMode, type Settings } from '../config.js';

/**
 * Whether `/api/messages` may take the sender an activity names at its word. With Bot Framework authentication on,
 * the Bot Connector vouches for the channel and account; without it anyone can post any `from.id`, so only the
 * fictitious demo school's accounts are worth acting for. The assistant's own channels (its Direct Line endpoint,
 * the SMS webhooks, the terminal) set the sender themselves and are always trusted.
 */
export function trustsAccounts(
  settings: Pick<Settings, 'MICROSOFT_APP_ID' | 'HUB_DEMO_SCHOOL' | 'HUB_BACKEND'>,
): boolean {
  return Boolean(settings.MICROSOFT_APP_ID) || isDemoMode(settings);
}
