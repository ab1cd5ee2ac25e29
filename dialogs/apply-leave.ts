import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from './sdk.js';
import { APPLY_LEAVE } from './ids.js';
import { leaveDatesRefusal } from '../src/backend/rules.js';
import type { Child } from '../src/backend/types.js';
import { findDateRange } from '../src/nlu/dates.js';
import { redact } from '../src/triage/redact.js';
import { LEAVE_DATES_PROBLEM } from './recognize.js';
import { ASK, type AskOptions } from './ask-options.js';
import type { DialogEnvironment } from './environment.js';
import { type CardSpec, type Message, msg } from './message.js';
import { type ChildValues, chosenAfterPrompt, startWithChild, valuesOf } from './child-step.js';
import { namesOf, yesNo } from './choices.js';
import { isTemporary, newKey, problemMessage } from './problems.js';
import { type TaskOptions, type TaskResult } from './task-options.js';

export { APPLY_LEAVE };

interface LeaveValues extends ChildValues {
  range: { from: string; to: string };
  reason: string;
  key: string;
  retrying: boolean;
  /** Why the dates in the first message cannot be used (told when the dates are asked for). */
  datesProblem: string;
}

type LeaveOptions = TaskOptions & Partial<LeaveValues>;

/**
 * Apply for leave: child(ren), dates, reason, summary, confirm. The school decides; until then the application is
 * pending, and "status ledighet" shows where each application stands.
 */
export class ApplyLeaveDialog extends WaterfallDialog {
  constructor(private readonly env: DialogEnvironment) {
    super(APPLY_LEAVE);
    this.addStep((step) => this.start(step));
    this.addStep((step) => this.askDates(step));
    this.addStep((step) => this.askReason(step));
    this.addStep((step) => this.confirm(step));
    this.addStep((step) => this.submit(step));
  }

  private values(step: WaterfallStepContext): Partial<LeaveValues> {
    return valuesOf<LeaveValues>(step);
  }

  private start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return startWithChild(this.env, step, {
      allowAll: true,
      intro: msg(`task.intro.${APPLY_LEAVE}`),
      prompt: msg('leave.askChild'),
      help: msg('leave.help.child'),
      read: async (text, children) => {
        const values = this.values(step);
        if (this.env.keywords.mentions(text, 'status')) {
          await this.showStatus(step, values.chosen ?? children);
          return 'done';
        }
        const { locale, now } = this.env.moment(step.context);
        const range = findDateRange(text, locale, now);
        const refusal = range && leaveDatesRefusal(range, now);
        if (range && !refusal) values.range = range;
        else if (refusal) values.datesProblem = LEAVE_DATES_PROBLEM[refusal];
        return [];
      },
    });
  }

  /** Where each of the children's applications stands. */
  private async showStatus(step: WaterfallStepContext, children: Child[]): Promise<void> {
    const guardianId = this.values(step).guardianId ?? '';
    const lines: Message[] = [];
    try {
      for (const child of children) {
        for (const application of await this.env.backend.leaveApplications(guardianId, child.id)) {
          lines.push(
            msg('leave.statusLine', {
              name: child.name,
              range: { range: application },
              status: { key: `leave.status.${application.status}` },
            }),
          );
        }
      }
    } catch (error) {
      this.env.say(step.context, { parts: [problemMessage(error), msg('task.tryLater')] });
      return;
    }
    this.env.say(step.context, {
      parts: lines.length ? [msg('leave.statusIntro'), ...lines] : [msg('leave.noApplications')],
    });
  }

  private async askDates(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const chosen = chosenAfterPrompt(step);
    if (values.range) return step.next(values.range);
    if (values.datesProblem) this.env.say(step.context, { parts: [msg(values.datesProblem)] });
    return step.beginDialog(ASK, {
      kind: 'dateRange',
      prompt: { parts: [msg('leave.askDates', { names: namesOf(chosen) })] },
      help: msg('leave.help.dates'),
    } satisfies AskOptions);
  }

  private async askReason(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    values.range = step.result as { from: string; to: string };
    if (values.reason) return step.next(values.reason);
    return step.beginDialog(ASK, {
      kind: 'text',
      prompt: { parts: [msg('leave.askReason')] },
      help: msg('leave.help.reason'),
    } satisfies AskOptions);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    // The reason goes to the school, but personal identity numbers, phone numbers and e-mail addresses do not.
    values.reason = redact(String(step.result));
    values.key ??= newKey();
    return step.beginDialog(ASK, {
      kind: 'confirm',
      prompt: {
        parts: [values.retrying ? msg('task.tryAgain') : msg('leave.summary')],
        card: this.card(values, 'leave.summaryTitle'),
        choices: yesNo(),
      },
      help: msg('leave.help.confirm'),
    } satisfies AskOptions);
  }

  private card(values: Partial<LeaveValues>, title: string): CardSpec {
    return {
      title: msg(title),
      facts: [
        { label: msg('leave.fact.child'), value: namesOf(values.chosen ?? []) },
        { label: msg('leave.fact.dates'), value: { range: values.range ?? { from: '', to: '' } } },
        { label: msg('leave.fact.reason'), value: values.reason ?? '' },
      ],
    };
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    if (step.result !== true) {
      this.env.say(step.context, { parts: [msg('leave.notSent')] });
      return step.endDialog();
    }
    const range = values.range ?? { from: '', to: '' };
    try {
      for (const child of values.chosen ?? []) {
        await this.env.backend.applyForLeave(values.guardianId ?? '', {
          childId: child.id,
          from: range.from,
          to: range.to,
          reason: values.reason ?? '',
          idempotencyKey: `${values.key ?? ''}:${child.id}`,
        });
      }
    } catch (error) {
      this.env.logger.warn({ err: error }, 'leave application not sent');
      if (isTemporary(error)) {
        this.env.say(step.context, { parts: [problemMessage(error), msg('leave.notRegistered')] });
        return step.replaceDialog(APPLY_LEAVE, {
          ...values,
          guardianId: values.guardianId ?? '',
          retrying: true,
        } satisfies LeaveOptions);
      }
      this.env.say(step.context, { parts: [problemMessage(error), msg('leave.notRegisteredFinal')] });
      return step.endDialog();
    }
    const receipt: Message[] = [msg('leave.receipt', { names: namesOf(values.chosen ?? []) })];
    this.env.say(step.context, { parts: receipt, card: this.card(values, 'leave.receiptTitle') });
    return step.endDialog({ done: true, repeatedBy: [msg('choice.yes')], receipt } satisfies TaskResult);
  }
}
