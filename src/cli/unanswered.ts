import { parseArgs } from 'node:util';
import { loadSettings } from '../config.js';
import { analyze } from '../nlu/steps.js';
import { openDatabase } from '../storage/database.js';
import { daysBefore } from '../storage/retention.js';
import { UnansweredStore } from '../triage/unanswered-store.js';
import { type Command, UsageError, writeLine } from './io.js';

/**
 * `unanswered [--json] [--since ISO-DATE]`: recorded questions the assistant could not answer (already redacted),
 * similar ones grouped, most frequent first — the support staff's list of what the FAQ lacks.
 */
export const unanswered: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, since: { type: 'string' } },
  });
  const settings = loadSettings(io.env);
  const db = openDatabase(settings.HUB_DB_PATH);
  try {
    // What the retention has expired is not shown, even when the server has not deleted it yet.
    const oldest = daysBefore(new Date(), settings.HUB_UNANSWERED_RETENTION_DAYS);
    const asked = values.since ? new Date(values.since) : undefined;
    if (asked && Number.isNaN(asked.getTime())) throw new UsageError('--since must be a date such as 2026-11-01');
    const since = asked && asked > oldest ? asked : oldest;
    const groups = new UnansweredStore(db).grouped((text, locale) => analyze(text, locale).stems, { since });
    if (values.json) {
      await writeLine(io.stdout, JSON.stringify(groups));
      return 0;
    }
    if (groups.length === 0) await writeLine(io.stdout, 'No unanswered questions recorded.');
    for (const group of groups) {
      await writeLine(
        io.stdout,
        `${String(group.count).padStart(4)} × ${group.example}  [${group.locales.join(',')}; ${group.channels.join(',')}; last ${group.lastAt}]`,
      );
    }
    return 0;
  } finally {
    db.close();
  }
};
