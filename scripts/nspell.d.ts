// The part of nspell (a Hunspell-compatible spelling checker, a dev dependency) that scripts/dictionaries.ts uses.
declare module 'nspell' {
  interface Checker {
    correct(word: string): boolean;
  }
  export default function nspell(dictionary: { aff: string | Uint8Array; dic: string | Uint8Array }): Checker;
}
