import type { Problem } from './problem.js';
import type { Entry, Overlay } from './schema.js';
import { fold } from '../nlu/steps.js';
import { LOCALES } from '../nlu/types.js';

/**
 * Overlay-only facts. Each overlay lists `markers`: its place names, local e-services and addresses, and the
 * wording of rules only its municipality states ("7 dagar framåt", "större förändringar"). A base answer goes
 * to every municipality, so a marker in it tells a parent elsewhere a rule that is not theirs, with confidence;
 * the same holds for another municipality's overlay. A marker matches at the start of a word, ignoring case,
 * å/ä/ö and line breaks, so "Vaggeryd" also finds "Vaggeryds kommun".
 */
export function overlayOnlyFacts(
  entries: readonly Entry[],
  fileOf: (entry: Entry) => string,
  overlays: ReadonlyMap<string, Overlay>,
  overlayFile: (municipality: string) => string,
): Problem[] {
  const problems: Problem[] = [];
  // Each answer made comparable once, not once per marker.
  const base = entries.map((entry) => ({
    entry,
    answers: LOCALES.map((locale) => ({ locale, text: comparable(entry[locale].answer) })),
  }));
  for (const [owner, overlay] of overlays) {
    const markers = overlay.markers.map((marker) => ({ marker, pattern: markerPattern(marker) }));
    for (const { entry, answers } of base) {
      for (const { locale, text } of answers) {
        for (const { marker, pattern } of markers) {
          if (!pattern.test(text)) continue;
          problems.push({
            severity: 'error',
            file: fileOf(entry),
            entry: entry.id,
            message: `the ${locale} answer says "${marker}", which only the ${owner} overlay may say`,
          });
        }
      }
    }
    for (const [other, otherOverlay] of overlays) {
      if (other === owner) continue;
      for (const [id, answers] of Object.entries(otherOverlay.answers)) {
        for (const locale of LOCALES) {
          const answer = comparable(answers[locale]);
          for (const { marker, pattern } of markers) {
            if (!pattern.test(answer)) continue;
            problems.push({
              severity: 'error',
              file: overlayFile(other),
              entry: id,
              message: `the ${locale} answer says "${marker}", which only the ${owner} overlay may say`,
            });
          }
        }
      }
    }
    problems.push(...unusedMarkers(owner, overlay, overlayFile(owner)));
  }
  return problems;
}

/** A marker its own overlay never states is probably misspelled, so it would guard nothing. */
function unusedMarkers(owner: string, overlay: Overlay, file: string): Problem[] {
  const text = Object.values(overlay.answers)
    .flatMap((answers) => LOCALES.map((locale) => comparable(answers[locale])))
    .join('\n');
  const problems: Problem[] = [];
  if (overlay.markers.length === 0) {
    problems.push({
      severity: 'warning',
      file,
      message: `the ${owner} overlay lists no markers, so nothing keeps its facts out of the base answers`,
    });
  }
  for (const marker of overlay.markers) {
    if (!markerPattern(marker).test(text)) {
      problems.push({ severity: 'warning', file, message: `the marker "${marker}" is not in any ${owner} answer` });
    }
  }
  return problems;
}

/** Lower case, å/ä/ö folded, every run of white space one space. */
function comparable(text: string): string {
  return fold(text.toLocaleLowerCase('sv')).replace(/\s+/g, ' ');
}

function markerPattern(marker: string): RegExp {
  const escaped = comparable(marker.trim()).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'u');
}
