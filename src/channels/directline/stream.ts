import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import { DirectLineError } from './errors.js';
import type { TranscriptEntry, TranscriptStore } from './store.js';

/** A socket's stream: its conversation and the last watermark it was sent. */
interface Subscriber {
  socket: WebSocket;
  conversationId: string;
  watermark: number;
  alive: boolean;
}

/** Who may open a stream: the conversation and where to start, or why not. */
export type StreamAuthorizer = (
  request: IncomingMessage,
  url: URL,
) => { conversationId: string; watermark: number } | DirectLineError;

/** Matches the stream path (also behind a proxy that adds a prefix) and captures the conversation id. */
const STREAM_PATH = /\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;

/** Answers an upgrade request with a plain HTTP error (the WebSocket is never opened). */
function refuseUpgrade(socket: Duplex, error: DirectLineError): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message } });
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[error.status];
  socket.end(
    `HTTP/1.1 ${error.status} ${reason ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

/**
 * The conversations' WebSocket streams, as Direct Line sends them: one JSON message `{ activities, watermark }` per
 * batch of new activities (first everything after the watermark the stream was opened with, then each new one), and
 * an empty message as a heartbeat. Sockets that stop answering pings are dropped (the client reconnects); every
 * socket is closed when the HTTP server closes, so a stream never keeps the process alive.
 */
export class StreamHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: TranscriptStore,
    private readonly logger: Logger,
    private readonly heartbeatMs: number,
  ) {}

  /** Takes the stream path's upgrade requests of `server`; other paths are left to other listeners. */
  attach(server: Server, authorize: StreamAuthorizer): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) {
        // restify proxies the event too; without any other taker nobody would ever answer this request.
        if (server.listenerCount('upgrade') <= 2)
          refuseUpgrade(socket, new DirectLineError(404, 'NotFound', 'No such stream.'));
        return;
      }
      socket.on('error', () => socket.destroy());
      if (this.closed) {
        refuseUpgrade(socket, new DirectLineError(404, 'NotFound', 'The server is shutting down.'));
        return;
      }
      const allowed = authorize(request, url);
      if (allowed instanceof DirectLineError) {
        refuseUpgrade(socket, allowed);
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.add(ws, allowed.conversationId, allowed.watermark));
    });
    // `close()` only stops new connections and waits for open ones: close the streams when it is called.
    const close = server.close.bind(server);
    server.close = (callback?: (error?: Error) => void) => {
      this.closeAll();
      return close(callback);
    };
    server.on('close', () => this.closeAll());
  }

  /** Sends new activities of a conversation to its open streams (each gets only what it has not had). */
  publish(conversationId: string, entries: readonly TranscriptEntry[]): void {
    for (const subscriber of this.subscribers.get(conversationId) ?? []) this.send(subscriber, entries);
  }

  /** How many streams of a conversation are open. */
  openStreams(conversationId: string): number {
    return this.subscribers.get(conversationId)?.size ?? 0;
  }

  closeAll(): void {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const set of this.subscribers.values()) {
      for (const { socket } of set) socket.terminate();
    }
    this.subscribers.clear();
    this.wss.close();
  }

  private add(socket: WebSocket, conversationId: string, watermark: number): void {
    const subscriber: Subscriber = { socket, conversationId, watermark, alive: true };
    let set = this.subscribers.get(conversationId);
    if (!set) {
      set = new Set();
      this.subscribers.set(conversationId, set);
    }
    set.add(subscriber);
    socket.on('pong', () => (subscriber.alive = true));
    // The client's own heartbeat is an empty message; nothing a client sends on the stream is read.
    socket.on('message', () => (subscriber.alive = true));
    socket.on('close', () => this.remove(subscriber));
    socket.on('error', (error) => {
      this.logger.debug({ err: error.message }, 'direct line stream failed');
      socket.terminate();
    });
    // Registered and backlog read in one synchronous step: nothing appended in between can be missed.
    this.send(subscriber, this.store.after(conversationId, watermark));
    this.startHeartbeat();
  }

  private send(subscriber: Subscriber, entries: readonly TranscriptEntry[]): void {
    const fresh = entries.filter((entry) => entry.seq > subscriber.watermark);
    const last = fresh.at(-1);
    if (!last || subscriber.socket.readyState !== subscriber.socket.OPEN) return;
    subscriber.watermark = last.seq;
    subscriber.socket.send(
      JSON.stringify({ activities: fresh.map((entry) => entry.activity), watermark: String(last.seq) }),
    );
  }

  private remove(subscriber: Subscriber): void {
    const set = this.subscribers.get(subscriber.conversationId);
    set?.delete(subscriber);
    if (set?.size === 0) this.subscribers.delete(subscriber.conversationId);
    if (this.subscribers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const set of this.subscribers.values()) {
        for (const subscriber of set) {
          if (!subscriber.alive) {
            subscriber.socket.terminate();
            continue;
          }
          subscriber.alive = false;
          subscriber.socket.ping();
          subscriber.socket.send('');
        }
      }
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }
}
