import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { apology } from '../bot/apology.js';
import type { Settings } from '../config.js';
import type { Translations } from '../i18n.js';
import { toLocale } from '../nlu/types.js';
import { trustsAccounts } from '../identity/trust.js';
import { ReusingBotFrameworkAuthentication } from './reusing-authentication.js';

/**
 * The Bot Framework adapter. Without a Microsoft app id, requests are accepted without authentication (local use,
 * the Emulator); with one, every request must carry a valid Bot Framework token. Unauthenticated senders are not
 * taken at their word outside the demo school (see `trustsAccounts`).
 */
export function createAdapter(settings: Settings, logger: Logger, t: Translations): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.MICROSOFT_APP_ID ?? '',
    MicrosoftAppPassword: settings.MICROSOFT_APP_PASSWORD ?? '',
    MicrosoftAppType: settings.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: settings.MICROSOFT_APP_TENANT_ID ?? '',
  });
  const adapter = new CloudAdapter(new ReusingBotFrameworkAuthentication(auth));
  adapter.onTurnError = turnErrorHandler(settings, logger, t);
  if (!trustsAccounts(settings)) {
    logger.warn('no MICROSOFT_APP_ID: /api/messages answers questions but runs no task for a real school');
  }
  return adapter;
}

/**
 * What the adapter does when a turn throws outside the assistant's own turn (which apologises itself): log it and
 * tell the guardian, in their language, that it failed.
 */
export function turnErrorHandler(
  settings: Pick<Settings, 'HUB_DEFAULT_LOCALE'>,
  logger: Logger,
  t: Translations,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    logger.error({ err: error, channel: context.activity.channelId }, 'turn failed');
    const locale = toLocale(context.activity.locale) ?? settings.HUB_DEFAULT_LOCALE;
    try {
      await context.sendActivity({ type: 'message', text: apology(t, locale).text, locale });
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about the failure');
    }
  };
}
