import type { Child } from '../src/backend/types.js';
import type { Keywords } from './keywords.js';
import { phrase } from './keywords.js';
import { type Arg, type ChoiceSpec, msg } from './message.js';

/** The value of the "all my children" choice. */
export const ALL_CHILDREN = '*';
/** The value of the "more times" choice. */
export const MORE = '__more__';

/** The Ja/Nej buttons of every yes-or-no question. */
export const yesNo = (): ChoiceSpec[] => [
  { value: 'yes', label: msg('choice.yes') },
  { value: 'no', label: msg('choice.no') },
];

/** One choice per child by first name, plus "both"/"all" when there are several and the task allows it. */
export function childChoices(children: readonly Child[], allowAll: boolean): ChoiceSpec[] {
  const choices: ChoiceSpec[] = children.map((child) => ({ value: child.id, label: child.name }));
  if (allowAll && children.length > 1) {
    choices.push({ value: ALL_CHILDREN, label: msg(children.length === 2 ? 'choice.both' : 'choice.all') });
  }
  return choices;
}

/** The children a message names ("Elsa är sjuk", "båda är sjuka"); empty when it names none. */
export function mentionedChildren(text: string, children: readonly Child[], keywords: Keywords): Child[] {
  if (children.length > 1 && keywords.mentions(text, 'all')) return [...children];
  const padded = ` ${phrase(text)} `;
  return children.filter((child) => padded.includes(` ${phrase(child.name)} `));
}

/** The chosen children from a choice value. */
export function chosenChildren(value: unknown, children: readonly Child[]): Child[] {
  if (value === ALL_CHILDREN) return [...children];
  return children.filter((child) => child.id === value);
}

/** The children's names as one value ("Elsa och Olle"). */
export const namesOf = (children: readonly Child[]): Arg => ({ list: children.map((child) => child.name) });
