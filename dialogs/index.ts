import type { StatePropertyAccessor } from 'botbuilder';
import { DialogSet, type DialogState } from './sdk.js';
import { ApplyLeaveDialog } from './apply-leave.js';
import { Ask } from './ask.js';
import { BookMeetingDialog } from './book-meeting.js';
import { CancelMeetingDialog } from './cancel-meeting.js';
import type { DialogEnvironment } from './environment.js';
import { ReportAbsenceDialog } from './report-absence.js';
import { TASK_TABLE } from './task-table.js';

/** Which dialog each task intent of the catalogue starts (from the task table). */
export const TASK_DIALOGS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TASK_TABLE).map(([intent, entry]) => [intent, entry.dialog]),
);

/** Every guided dialog and the shared prompt, in one set whose state lives in the conversation state. */
export function createDialogSet(
  state: StatePropertyAccessor<DialogState>,
  env: DialogEnvironment,
): { dialogs: DialogSet; ask: Ask } {
  const ask = new Ask(env);
  const dialogs = new DialogSet(state)
    .add(ask)
    .add(new ReportAbsenceDialog(env))
    .add(new ApplyLeaveDialog(env))
    .add(new BookMeetingDialog(env))
    .add(new CancelMeetingDialog(env));
  return { dialogs, ask };
}

export { activeAsk } from './ask.js';
export { dialogEnvironment, TURN_LOCALE, TURN_TEXT, type DialogEnvironment } from './environment.js';
export { Keywords } from './keywords.js';
export type { TaskResult } from './shared.js';
