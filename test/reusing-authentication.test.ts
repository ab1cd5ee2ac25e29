import {
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botframework-schema';
import { describe, expect, it } from 'vitest';
import { ReusingBotFrameworkAuthentication } from '../src/botframework/reusing-authentication.js';

/** Counts how often clients are built and requests authenticated, like the real authentication would do them. */
class CountingAuthentication extends BotFrameworkAuthentication {
  authenticated = 0;
  clientsBuilt = 0;
  tokenClientsBuilt = 0;
  refuse = false;

  private factory(): ConnectorFactory {
    const create = (serviceUrl: string): Promise<ConnectorClient> => {
      this.clientsBuilt++;
      return Promise.resolve({ serviceUrl } as unknown as ConnectorClient);
    };
    return new (class extends ConnectorFactory {
      create = create;
    })();
  }

  override authenticateRequest(): Promise<AuthenticateRequestResult> {
    this.authenticated++;
    if (this.refuse) return Promise.reject(new Error('Unauthorized'));
    return Promise.resolve({
      claimsIdentity: new ClaimsIdentity([{ type: 'appid', value: 'app-1' }], true),
      audience: 'https://api.botframework.com',
      callerId: '',
      connectorFactory: this.factory(),
    });
  }

  override authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return this.authenticateRequest();
  }

  override createConnectorFactory(): ConnectorFactory {
    return this.factory();
  }

  override createUserTokenClient(): Promise<UserTokenClient> {
    this.tokenClientsBuilt++;
    return Promise.resolve(Object.create(UserTokenClient.prototype) as UserTokenClient);
  }
}

const activity = (serviceUrl: string) => ({ type: 'message', serviceUrl }) as Activity;

describe('ReusingBotFrameworkAuthentication', () => {
  it('authenticates every request but builds one connector client per service URL', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusingBotFrameworkAuthentication(inner);
    const clients = [];
    for (let i = 0; i < 5; i++) {
      const result = await auth.authenticateRequest(activity('https://a.example'), 'Bearer token');
      clients.push(await result.connectorFactory?.create('https://a.example', result.audience));
    }
    expect(inner.authenticated).toBe(5);
    expect(inner.clientsBuilt).toBe(1);
    expect(new Set(clients).size).toBe(1);

    const other = await auth.authenticateRequest(activity('https://b.example'), 'Bearer token');
    await other.connectorFactory?.create('https://b.example', other.audience);
    expect(inner.clientsBuilt).toBe(2);
  });

  it('passes a refused authentication through unchanged', async () => {
    const inner = new CountingAuthentication();
    inner.refuse = true;
    const auth = new ReusingBotFrameworkAuthentication(inner);
    await expect(auth.authenticateRequest(activity('https://a.example'), '')).rejects.toThrow('Unauthorized');
    await expect(auth.authenticateRequest(activity('https://a.example'), '')).rejects.toThrow('Unauthorized');
    expect(inner.authenticated).toBe(2);
  });

  it('builds one user-token client per app', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusingBotFrameworkAuthentication(inner);
    const claims = new ClaimsIdentity([{ type: 'appid', value: 'app-1' }], true);
    const first = await auth.createUserTokenClient(claims);
    const second = await auth.createUserTokenClient(claims);
    expect(first).toBe(second);
    expect(inner.tokenClientsBuilt).toBe(1);
  });

  it('keeps at most 100 service URLs, so callers cannot grow it without bound', async () => {
    const inner = new CountingAuthentication();
    const auth = new ReusingBotFrameworkAuthentication(inner);
    const factory = (await auth.authenticateRequest(activity('x'), '')).connectorFactory;
    for (let i = 0; i < 150; i++) await factory?.create(`https://host-${i}.example`);
    await factory?.create('https://host-0.example');
    expect(inner.clientsBuilt).toBe(151);
  });
});
