import {
  type AuthenticateRequestResult,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botframework-schema';

/** At most this many connector clients are kept (with auth off, any caller can name a service URL). */
const MAX_CLIENTS = 100;

/** A map that forgets its oldest entry past a size, so callers cannot grow it without bound. */
class BoundedCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}

  getOrCreate(key: string, create: () => T): T {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = create();
      this.entries.set(key, value);
      if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    }
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** Hands out one connector client per service URL and audience instead of building one per request. */
class ReusingConnectorFactory extends ConnectorFactory {
  private readonly clients = new BoundedCache<Promise<ConnectorClient>>(MAX_CLIENTS);

  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${serviceUrl}\u0000${audience ?? ''}`;
    const client = this.clients.getOrCreate(key, () => this.inner.create(serviceUrl, audience));
    client.catch(() => this.clients.delete(key));
    return client;
  }
}

/**
 * Bot Framework authentication that reuses connector and user-token clients between requests of the same app.
 * CloudAdapter otherwise builds both (each with its own HTTP pipeline) for every incoming activity, which costs
 * more than answering an FAQ; the older BotFrameworkAdapter kept them the same way. Authentication itself is
 * delegated unchanged, for every request.
 */
export class ReusingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly factories = new BoundedCache<ReusingConnectorFactory>(MAX_CLIENTS);
  private readonly tokenClients = new BoundedCache<Promise<UserTokenClient>>(MAX_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reuseFactory(await this.inner.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.reuseFactory(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  /** Incoming activities get their connector factory from authentication: swap in the reused one. */
  private reuseFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory } = result;
    if (!connectorFactory) return result;
    const key = `${keyOf(result.claimsIdentity)}\u0000${result.audience}`;
    return {
      ...result,
      connectorFactory: this.factories.getOrCreate(key, () => new ReusingConnectorFactory(connectorFactory)),
    };
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.factories.getOrCreate(
      keyOf(claimsIdentity),
      () => new ReusingConnectorFactory(this.inner.createConnectorFactory(claimsIdentity)),
    );
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = keyOf(claimsIdentity);
    const client = this.tokenClients.getOrCreate(key, () => this.inner.createUserTokenClient(claimsIdentity));
    client.catch(() => this.tokenClients.delete(key));
    return client;
  }
}

/** The clients depend on which app the claims are for (and whether they were authenticated at all). */
function keyOf(claimsIdentity: ClaimsIdentity): string {
  // v1 tokens carry the app id as "appid", v2 tokens as "azp".
  const appId = claimsIdentity.claims.find((claim) => claim.type === 'appid' || claim.type === 'azp')?.value;
  return `${claimsIdentity.isAuthenticated ? 'auth' : 'anonymous'}\u0000${appId ?? ''}`;
}
