import type { StatePropertyAccessor } from 'botbuilder';
import { DialogSet, type DialogState } from './sdk.js';
import { ApplyLeaveDialog, APPLY_LEAVE } from './apply-leave.js';
import { Ask } from './ask.js';
import { BookMeetingDialog, BOOK_MEETING } from './book-meeting.js';
import { CancelMeetingDialog, CANCEL_MEETING } from './cancel-meeting.js';
import type { DialogEnvironment } from './environment.js';
import { ReportAbsenceDialog, REPORT_ABSENCE } from './report-absence.js';

/** Which dialog each task intent of the catalogue starts. */
export const TASK_DIALOGS: Readonly<Record<string, string>> = {
  'absence.report': REPORT_ABSENCE,
  'leave.apply': APPLY_LEAVE,
  'meeting.book': BOOK_MEETING,
  'meeting.cancel': CANCEL_MEETING,
};

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
