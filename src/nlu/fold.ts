/** Folds diacritics for fuzzy comparison: "lösenord" → "losenord", "frånvaro" → "franvaro", "Ærø" → "Aero". */
export function fold(token: string): string {
  return token
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O');
}
