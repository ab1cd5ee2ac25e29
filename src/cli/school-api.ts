import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { openEmbeddedBackend } from '../backend/embedded/demo-school.js';
import { createSchoolApiServer } from '../backend/http/server.js';
import { openDatabase } from '../storage/database.js';
import { type Command, UsageError, writeLine } from './io.js';

/**
 * `school-api [--port N] [--db FILE] [--token T]`: a stand-in school system on the demo school, speaking the REST
 * API of openapi/school-api.yaml, so the assistant can be tried with HUB_BACKEND=http on one machine. Runs until
 * interrupted.
 */
export const schoolApi: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, db: { type: 'string' }, token: { type: 'string' } },
  });
  const port = Number(values.port ?? '4010');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
  const db = openDatabase(values.db ?? 'data/school-api.db');
  const server = createSchoolApiServer(openEmbeddedBackend(db, undefined, { demo: true }), {
    ...(values.token ? { token: values.token } : {}),
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  await writeLine(io.stdout, `school API on ${server.url} (document: ${server.url}/openapi.yaml)`);
  const stop = new AbortController();
  const close = () => stop.abort();
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  try {
    await once(stop.signal, 'abort');
  } finally {
    server.close();
    db.close();
  }
  return 0;
};
