import { z } from 'zod';

/** Longest answer: about three SMS segments, and one phone screen. */
export const MAX_ANSWER_LENGTH = 480;
/** Fewest example questions per intent and language for the matcher to generalise. */
export const MIN_QUESTIONS = 8;

const answer = z
  .string()
  .trim()
  .min(1, 'the answer is empty')
  .max(MAX_ANSWER_LENGTH, `the answer is longer than ${MAX_ANSWER_LENGTH} characters`)
  .refine((text) => !/\*\*|__|^#|\[[^\]]*\]\([^)]*\)/m.test(text), 'the answer contains markdown (write plain text)');

const localized = z.strictObject({
  title: z.string().trim().min(2, 'the title is too short').max(40, 'the title is longer than 40 characters'),
  questions: z
    .array(z.string().trim().min(1, 'an example question is empty'))
    .min(MIN_QUESTIONS, `needs at least ${MIN_QUESTIONS} example questions`),
  answer,
});

/** One knowledge-base entry: an intent id with, per language, a title, example questions and the answer. */
export const entrySchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+)*$/, 'an id is lower-case words joined by dots'),
  kind: z.enum(['faq', 'task', 'talk']),
  followUps: z.array(z.string()).max(3, 'at most 3 follow-ups').default([]),
  sv: localized,
  en: localized,
});

/** A topic file in `faq/`. */
export const topicFileSchema = z.strictObject({ entries: z.array(z.unknown()).min(1, 'the file has no entries') });

/** `faq/out-of-scope.yaml`: questions near the school that the assistant does not answer. */
export const outOfScopeSchema = z.strictObject({
  outOfScope: z.strictObject({ sv: z.array(z.string().trim().min(1)), en: z.array(z.string().trim().min(1)) }),
});

/** `faq/overlays/<municipality>.yaml`: answers that differ in one municipality. */
export const overlaySchema = z.strictObject({
  municipality: z.string().regex(/^[a-z0-9-]+$/),
  name: z.strictObject({ sv: z.string().min(1), en: z.string().min(1) }),
  /** Words and phrases only this municipality's answers may use (see `markers.ts`). */
  markers: z.array(z.string().trim().min(2, 'a marker is too short')).default([]),
  answers: z.record(z.string(), z.strictObject({ sv: answer, en: answer })),
});

export type Entry = z.infer<typeof entrySchema>;
export type EntryKind = Entry['kind'];
export type Overlay = z.infer<typeof overlaySchema>;
