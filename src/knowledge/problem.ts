/** Something wrong in the knowledge base: where, and what. Errors stop start-up; warnings are only reported. */
export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  entry?: string;
  message: string;
}
