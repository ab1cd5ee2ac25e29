import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from './sdk.js';
import { REPORT_ABSENCE } from './ids.js';
import { absenceDays } from '../src/backend/rules.js';
import type { AbsenceReason, Child, Lesson } from '../src/backend/types.js';
import { findDate, findPartOfDay } from '../src/nlu/dates.js';
import { weekday } from '../src/time/stockholm.js';
import { ASK, type AskOptions } from './ask-options.js';
import type { DialogEnvironment } from './environment.js';
import { type Arg, type CardSpec, type ChoiceSpec, type Message, msg } from './message.js';
import { type ChildValues, chosenAfterPrompt, startWithChild, valuesOf } from './child-step.js';
import { namesOf, yesNo } from './choices.js';
import { isTemporary, newKey, problemMessage } from './problems.js';
import { type TaskOptions, type TaskResult } from './task-options.js';

export { REPORT_ABSENCE };

/** What the dialog has learnt so far; kept in the dialog state (and carried over when it starts again). */
interface AbsenceValues extends ChildValues {
  date: string;
  /** 'whole' or 'HH:MM-HH:MM'. */
  part: string;
  reason: AbsenceReason;
  key: string;
  /** Part of the day said in the first message, applied once the lessons are known. */
  partHint: { absentFrom?: string; absentUntil?: string };
  /** Set when the school system failed: the summary is asked again with "try again?". */
  retrying: boolean;
}

type AbsenceOptions = TaskOptions & Partial<AbsenceValues>;

/**
 * Report a child's absence: which child, today or tomorrow, whole day or part of it (against the timetable where
 * the school keeps one), reason, summary, receipt. Anything the first message already said is not asked again.
 */
export class ReportAbsenceDialog extends WaterfallDialog {
  constructor(private readonly env: DialogEnvironment) {
    super(REPORT_ABSENCE);
    this.addStep((step) => this.start(step));
    this.addStep((step) => this.askDay(step));
    this.addStep((step) => this.askPart(step));
    this.addStep((step) => this.askReason(step));
    this.addStep((step) => this.confirm(step));
    this.addStep((step) => this.submit(step));
  }

  private values(step: WaterfallStepContext): Partial<AbsenceValues> {
    return valuesOf<AbsenceValues>(step);
  }

  private start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return startWithChild(this.env, step, {
      allowAll: true,
      intro: msg(`task.intro.${REPORT_ABSENCE}`),
      prompt: msg('absence.askChild'),
      help: msg('absence.help.child'),
      read: (text) => Promise.resolve(this.prefill(step, text)),
    });
  }

  /**
   * Reads day, reason and part of the day from the first message (the child is read by `startWithChild`); returns
   * what to tell the guardian about it. Part of the day is only a hint until the lessons are known (see askPart).
   */
  private prefill(step: WaterfallStepContext, text: string): Message[] {
    const values = this.values(step);
    const { locale, now } = this.env.moment(step.context);
    const date = findDate(text, locale, now);
    if (date !== undefined && absenceDays(now).includes(date)) values.date = date;
    if (this.env.keywords.mentions(text, 'ill')) values.reason = 'ill';
    else if (this.env.keywords.mentions(text, 'other')) values.reason = 'other';
    if (this.env.keywords.mentions(text, 'wholeDay')) values.part = 'whole';
    const part = findPartOfDay(text, locale);
    if (part) values.partHint = part;
    return date !== undefined && values.date === undefined ? [msg('absence.onlyTodayOrTomorrow')] : [];
  }

  private async askDay(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const chosen = chosenAfterPrompt(step);
    if (values.date) return step.next(values.date);
    const [today, tomorrow] = absenceDays(this.env.moment(step.context).now);
    const choices: ChoiceSpec[] = [
      { value: today, label: msg('absence.today') },
      { value: tomorrow, label: msg('absence.tomorrow') },
    ];
    return step.beginDialog(ASK, {
      kind: 'absenceDay',
      prompt: { parts: [msg('absence.askDay', { names: namesOf(chosen) })], choices },
      help: msg('absence.help.day'),
    } satisfies AskOptions);
  }

  private async askPart(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    const date = step.result as string;
    values.date = date;
    const chosen = values.chosen ?? [];
    if (weekday(date) >= 6) {
      this.env.say(step.context, { parts: [msg('absence.noSchoolThatDay', { date: { date } })] });
      return step.endDialog();
    }
    if (values.part) return step.next(values.part);
    const withoutTimetable = chosen.filter((child) => !child.school.timetableInInfoMentor);
    if (withoutTimetable.length > 0) {
      this.env.say(step.context, {
        parts: [msg('absence.wholeDayOnly', { names: namesOf(withoutTimetable) })],
      });
      return step.next('whole');
    }
    const lessons = await this.lessons(step, chosen[0], date);
    if (lessons.length === 0) return step.next('whole');
    const hint = values.partHint;
    const first = lessons[0];
    const last = lessons.at(-1);
    if (hint && first && last) {
      const from = hint.absentFrom ?? first.start;
      const to = hint.absentUntil ?? last.end;
      if (from < to) return step.next(`${from}-${to}`);
    }
    const choices: ChoiceSpec[] = [{ value: 'whole', label: msg('absence.wholeDay') }];
    if (chosen.length === 1) {
      for (const lesson of lessons) {
        choices.push({
          value: `${lesson.start}-${lesson.end}`,
          label: msg('absence.lesson', {
            from: { time: lesson.start },
            to: { time: lesson.end },
            subject: lesson.subject,
          }),
        });
      }
    }
    return step.beginDialog(ASK, {
      kind: 'partOfDay',
      prompt: { parts: [msg('absence.askPart', { date: { date } })], choices },
      help: msg('absence.help.part'),
      lessons,
    } satisfies AskOptions);
  }

  private async lessons(step: WaterfallStepContext, child: Child | undefined, date: string): Promise<Lesson[]> {
    if (!child) return [];
    try {
      return await this.env.backend.lessons(this.values(step).guardianId ?? '', child.id, date);
    } catch (error) {
      this.env.logger.warn({ err: error }, 'could not load lessons');
      return [];
    }
  }

  private async askReason(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    values.part = step.result as string;
    if (values.reason) return step.next(values.reason);
    return step.beginDialog(ASK, {
      kind: 'choice',
      prompt: {
        parts: [msg('absence.askReason')],
        choices: [
          { value: 'ill', label: msg('absence.reason.ill'), keywords: 'ill' },
          { value: 'other', label: msg('absence.reason.other'), keywords: 'other' },
        ],
      },
      help: msg('absence.help.reason'),
    } satisfies AskOptions);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    values.reason = step.result as AbsenceReason;
    values.key ??= newKey();
    const parts: Message[] = values.retrying ? [msg('task.tryAgain')] : [msg('absence.summary')];
    return step.beginDialog(ASK, {
      kind: 'confirm',
      prompt: { parts, card: this.card(values, 'absence.summaryTitle'), choices: yesNo() },
      help: msg('absence.help.confirm'),
    } satisfies AskOptions);
  }

  private card(values: Partial<AbsenceValues>, title: string): CardSpec {
    return {
      title: msg(title),
      facts: [
        { label: msg('absence.fact.child'), value: namesOf(values.chosen ?? []) },
        { label: msg('absence.fact.date'), value: { date: values.date ?? '' } },
        { label: msg('absence.fact.time'), value: partArg(values.part ?? 'whole') },
        { label: msg('absence.fact.reason'), value: { key: `absence.reason.${values.reason ?? 'ill'}` } },
      ],
    };
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = this.values(step);
    if (step.result !== true) {
      this.env.say(step.context, { parts: [msg('absence.notSent')] });
      return step.endDialog();
    }
    const [from, to] = values.part && values.part !== 'whole' ? values.part.split('-') : [];
    try {
      for (const child of values.chosen ?? []) {
        await this.env.backend.reportAbsence(values.guardianId ?? '', {
          childId: child.id,
          date: values.date ?? '',
          ...(from && to ? { from, to } : {}),
          reason: values.reason ?? 'ill',
          idempotencyKey: `${values.key ?? ''}:${child.id}`,
        });
      }
    } catch (error) {
      this.env.logger.warn({ err: error }, 'absence not registered');
      if (isTemporary(error)) {
        this.env.say(step.context, { parts: [problemMessage(error), msg('absence.notRegistered')] });
        return step.replaceDialog(REPORT_ABSENCE, {
          ...values,
          guardianId: values.guardianId ?? '',
          retrying: true,
        } satisfies AbsenceOptions);
      }
      this.env.say(step.context, { parts: [problemMessage(error), msg('absence.notRegisteredFinal')] });
      return step.endDialog();
    }
    const receipt: Message[] = [msg('absence.receipt', { names: namesOf(values.chosen ?? []) })];
    if ((values.chosen ?? []).some((child) => child.afterSchoolCare)) receipt.push(msg('absence.careNote'));
    this.env.say(step.context, { parts: receipt, card: this.card(values, 'absence.receiptTitle') });
    return step.endDialog({ done: true, repeatedBy: [msg('choice.yes')], receipt } satisfies TaskResult);
  }
}

/** "Hela dagen" or "08.10–12.00", as a value written per language. */
function partArg(part: string): Arg {
  if (part === 'whole') return { key: 'absence.wholeDay' };
  const [from = '', to = ''] = part.split('-');
  return { key: 'absence.between', args: { from: { time: from }, to: { time: to } } };
}
