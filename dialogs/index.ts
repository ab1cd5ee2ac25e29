import { DialogSet } from './sdk.js';
import { ApplyLeaveDialog } from './apply-leave.js';
import { Ask } from './ask.js';
import { BookMeetingDialog } from './book-meeting.js';
import { CancelMeetingDialog } from './cancel-meeting.js';
import type { DialogEnvironment } from './environment.js';
import { ReportAbsenceDialog } from './report-absence.js';
import { TASK_TABLE } from './task-table.js';
import { TaskRunner } from './task-runner.js';

/** Which dialog each task intent of the catalogue starts (from the task table). */
export const TASK_DIALOGS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TASK_TABLE).map(([intent, entry]) => [intent, entry.dialog]),
);

/** The runner of every guided dialog and the shared prompt. */
export function createTaskRunner(env: DialogEnvironment): TaskRunner {
  const dialogs = new DialogSet()
    .add(new Ask(env))
    .add(new ReportAbsenceDialog(env))
    .add(new ApplyLeaveDialog(env))
    .add(new BookMeetingDialog(env))
    .add(new CancelMeetingDialog(env));
  return new TaskRunner(dialogs);
}

export { dialogEnvironment, type DialogEnvironment } from './environment.js';
export { Keywords } from './keywords.js';
export { promptReader, type PromptReader } from './prompt-reader.js';
export { type TaskPosition, type TaskStack, TaskRunner, taskPosition } from './task-runner.js';
export type { TaskResult } from './task-options.js';
