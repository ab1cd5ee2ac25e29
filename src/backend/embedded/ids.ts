import { randomBytes } from 'node:crypto';

/**
 * A short random id with a readable prefix (`abs_3f9c0a1b2d4e`): unguessable, so one guardian cannot probe
 * another's bookings by counting, and recognisable in logs without revealing who it belongs to.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
