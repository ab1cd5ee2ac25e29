import type restify from 'restify';

/**
 * A request the endpoint refuses, answered as Direct Line answers errors: `{ "error": { "code", "message" } }` with
 * an HTTP status. Messages are for developers and never repeat what the guardian wrote.
 */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DirectLineError';
  }
}

/** Sends an error in Direct Line's shape; responses that may carry tokens are never cached. */
export function sendError(res: restify.Response, error: DirectLineError): void {
  res.header('Cache-Control', 'no-store');
  res.send(error.status, { error: { code: error.code, message: error.message } });
}

/** Sends a JSON body that must not be cached (it carries a token or a transcript). */
export function sendJson(res: restify.Response, status: number, body: object): void {
  res.header('Cache-Control', 'no-store');
  res.send(status, body);
}
