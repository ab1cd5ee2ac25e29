import type { DaySpec, MentionValue } from './calendar.js';

/**
 * The scanning engine shared by both languages: rules find candidate mentions in normalized text, the leftmost
 * longest ones win, then neighbours are merged ("fredag 4/12") and joined into ranges ("3/3 – 7/3",
 * "från 10 till 14 mars").
 */

/** A mention's span in the normalized text and what it says. */
export interface Mention {
  start: number;
  end: number;
  value: MentionValue;
}

/** A pattern (global flag) and how to read a match; `undefined` means "not a date after all" (e.g. "50/50"). */
export interface Rule {
  pattern: RegExp;
  read: (match: RegExpExecArray) => MentionValue | undefined;
}

/** How a language joins two days into a range. All are regex sources over normalized text. */
export interface Joiners {
  /** Words opening a range: "från", "mellan" / "from", "between". */
  prefix: string;
  /** The prefix that lets a plain "och"/"and" make a range: "mellan" / "between". */
  between: string;
  /** Words between the two ends: "-", "till", "och" / "-", "to", "and". */
  connector: string;
  /** The plain "och"/"and", which without `between` only joins consecutive days. */
  and: string;
  /** An optional article before a day: "den " / "the ". */
  article: string;
  /** An optional ordinal ending after a day number: ":e" / "th". */
  suffix: string;
}

/** Every non-overlapping match of the rules, leftmost first and longest at equal starts (earlier rules win ties). */
export function scan(text: string, rules: readonly Rule[]): Mention[] {
  const found: Mention[] = [];
  for (const rule of rules) {
    for (const match of text.matchAll(rule.pattern)) {
      const value = rule.read(match);
      if (value !== undefined) found.push({ start: match.index, end: match.index + match[0].length, value });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  for (const mention of found) {
    const last = kept.at(-1);
    if (last === undefined || mention.start >= last.end) kept.push(mention);
  }
  return kept;
}

/** `extra` minus any mention overlapping one of `kept`; the result is sorted by position. */
export function addWhereFree(kept: readonly Mention[], extra: readonly Mention[]): Mention[] {
  const free = extra.filter((m) => kept.every((k) => m.end <= k.start || m.start >= k.end));
  return [...kept, ...free].sort((a, b) => a.start - b.start);
}

const daySpec = (mention: Mention | undefined): DaySpec | undefined =>
  mention?.value.kind === 'day' ? mention.value.spec : undefined;

/** "fredag 4/12", "Friday, the 4th of December": a weekday right before a calendar date adds nothing to it. */
export function mergeWeekdays(text: string, mentions: readonly Mention[], joiners: Joiners): Mention[] {
  const out: Mention[] = [];
  const glue = new RegExp(`^\\s*,?\\s*${joiners.article}$`);
  for (const mention of mentions) {
    const previous = out.at(-1);
    if (
      previous !== undefined &&
      daySpec(previous)?.type === 'weekday' &&
      daySpec(mention)?.type === 'calendar' &&
      glue.test(text.slice(previous.end, mention.start))
    ) {
      out[out.length - 1] = { ...mention, start: previous.start };
    } else out.push(mention);
  }
  return out;
}

/**
 * Joins two neighbouring day mentions ("3/3 och 7/3" after "mellan", "i dag till fredag") and a bare day number
 * before a full date ("från 10 till 14 mars", "between 10 and 14 March") into ranges; an impossible end makes the
 * whole range impossible.
 */
export function joinRanges(text: string, mentions: readonly Mention[], joiners: Joiners): Mention[] {
  const { prefix, between, connector, and, article, suffix } = joiners;
  const gap = new RegExp(`^\\s*(${connector})\\s*${article}$`);
  const opener = new RegExp(`(?:^|(?<=[^\\w/.:-]))((${prefix})\\s+${article})$`);
  const bareDay = new RegExp(
    `(?:^|(?<=[^\\w/.:-]))(?:(${prefix})\\s+)?${article}(\\d{1,2})${suffix}\\s*(${connector})\\s*${article}$`,
  );
  const isAnd = (word: string | undefined) => word !== undefined && new RegExp(`^(?:${and})$`).test(word);
  const isBetween = (word: string | undefined) => word !== undefined && new RegExp(`^(?:${between})$`).test(word);
  const out: Mention[] = [];
  for (const mention of mentions) {
    const previous = out.at(-1);
    const before = text.slice(previous?.end ?? 0, mention.start);
    const from = daySpec(previous);
    const to = daySpec(mention);
    const pair = previous !== undefined ? gap.exec(text.slice(previous.end, mention.start)) : null;
    if (previous !== undefined && pair !== null && isJoinable(previous, mention)) {
      const open = opener.exec(text.slice(0, previous.start));
      const start = open ? previous.start - (open[1]?.length ?? 0) : previous.start;
      out[out.length - 1] = {
        start,
        end: mention.end,
        value: joined(from, to, isAnd(pair[1]) && !isBetween(open?.[2])),
      };
      continue;
    }
    const bare = to?.type === 'calendar' && to.month !== undefined ? bareDay.exec(before) : null;
    if (bare !== null && to !== undefined) {
      const day = Number(bare[2]);
      const value = joined({ type: 'calendar', day }, to, isAnd(bare[3]) && !isBetween(bare[1]));
      if (day >= 1 && day <= 31) {
        out.push({ start: mention.start - bare[0].length, end: mention.end, value });
        continue;
      }
    }
    out.push(mention);
  }
  return out;
}

const isJoinable = (a: Mention, b: Mention) =>
  (a.value.kind === 'day' || a.value.kind === 'invalid') && (b.value.kind === 'day' || b.value.kind === 'invalid');

function joined(from: DaySpec | undefined, to: DaySpec | undefined, adjacentOnly: boolean): MentionValue {
  if (from === undefined || to === undefined) return { kind: 'invalid' };
  return adjacentOnly ? { kind: 'range', from, to, adjacentOnly } : { kind: 'range', from, to };
}
