import type { Request, RequestHandler, Response } from 'restify';

/** Largest request body accepted (an activity is a few kilobytes). */
export const MAX_BODY_BYTES = 256 * 1024;

/** True for an `application/x-www-form-urlencoded` body (SMS provider webhooks). */
function isForm(req: Request): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '');
}

/**
 * Reads a JSON (or, for webhooks, a URL-encoded form) request body into `req.body`: 413 past the size limit, 400 for anything that is not JSON. restify's
 * own body parser builds buffers with the deprecated `Buffer()` call, whose deprecation check runs on every request
 * and costs as much as answering an FAQ; this reader does the same job without it.
 */
export function jsonBody(maxBytes = MAX_BODY_BYTES): RequestHandler {
  return (req: Request, res: Response, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (status: number, message: string) => {
      if (done) return;
      done = true;
      res.send(status, { error: message });
      next(false);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(413, `The body is larger than ${maxBytes} bytes.`);
      else if (!done) chunks.push(chunk);
    });
    req.on('error', () => fail(400, 'The body could not be read.'));
    req.on('end', () => {
      if (done) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (isForm(req)) {
        // SMS providers post forms; the fields become the body (a repeated field keeps its first value).
        const form: Record<string, string> = {};
        for (const [key, value] of new URLSearchParams(text)) if (!(key in form)) form[key] = value;
        req.body = form;
        done = true;
        next();
        return;
      }
      try {
        req.body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        fail(400, 'The body is not valid JSON.');
        return;
      }
      done = true;
      next();
    });
  };
}
