// Where the relay keeps the webhook-ids it is sending or has sent, so that a retry of a message is
// never emailed twice and never dropped. Two stores with one interface:
//
//   claim(id)         → { state: 'claimed', token } | { state: 'delivered' } | { state: 'in-flight' }
//                       'claimed': this caller owns the id and must send, then markDelivered or
//                       release. 'delivered': sent before, answer 2xx without sending. 'in-flight':
//                       another attempt is sending it right now; ask again shortly.
//   renew(id, token)  → keeps a claim alive while its send goes on (true while it is still ours).
//   markDelivered(id) → the SMTP server accepted the email: remembered for the dedup TTL.
//   release(id, token)→ the send failed: the id is free again, so that the retry sends it.
//   close()
//   claimTtlMs        → how long a claim lives without a renewal.
//
// A claim expires after the claim TTL unless renewed, so an id claimed by a copy that died mid-send
// is sendable again soon. Only the claim's own token renews or releases it; marking delivered needs
// no token, since an email the SMTP server accepted is delivered whoever claimed it.
import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

const delivered = 'delivered';
const newClaimToken = () => `claim:${randomUUID()}`;

/** For one running copy: the ids live in this process. */
export const createMemoryStore = ({ dedupTtlMs, claimTtlMs }) => {
  // id → { value: 'delivered' | claim token, expiresAt }, in the order of the last write.
  const entries = new Map();

  const current = (id) => {
    const entry = entries.get(id);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(id);
      return undefined;
    }
    return entry;
  };

  const put = (id, value, ttlMs) => {
    const now = Date.now();
    // Forget expired ids as new ones come, so that the map does not grow without bound.
    for (const [known, entry] of entries) {
      if (entry.expiresAt > now) {
        break;
      }
      entries.delete(known);
    }
    entries.delete(id);
    entries.set(id, { value, expiresAt: now + ttlMs });
  };

  return {
    claimTtlMs,
    async claim(id) {
      const entry = current(id);
      if (entry) {
        return { state: entry.value === delivered ? 'delivered' : 'in-flight' };
      }
      const token = newClaimToken();
      put(id, token, claimTtlMs);
      return { state: 'claimed', token };
    },
    async renew(id, token) {
      const entry = current(id);
      if (entry?.value !== token) {
        return false;
      }
      entry.expiresAt = Date.now() + claimTtlMs;
      return true;
    },
    async markDelivered(id) {
      put(id, delivered, dedupTtlMs);
    },
    async release(id, token) {
      if (current(id)?.value === token) {
        entries.delete(id);
      }
    },
    async close() {},
  };
};

// Each script reads and writes one key atomically, so two copies never both claim an id, and a copy
// whose claim expired cannot renew or release the claim another copy has taken since.
const scripts = {
  claimWebhookId: `
    local value = redis.call('GET', KEYS[1])
    if not value then
      redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
      return 'claimed'
    end
    if value == 'delivered' then return 'delivered' end
    return 'in-flight'`,
  renewWebhookIdClaim: `
    if redis.call('GET', KEYS[1]) == ARGV[1] then
      return redis.call('PEXPIRE', KEYS[1], ARGV[2])
    end
    return 0`,
  releaseWebhookIdClaim: `
    if redis.call('GET', KEYS[1]) == ARGV[1] then
      return redis.call('DEL', KEYS[1])
    end
    return 0`,
};

/**
 * Shared by every copy that points at the same Redis. Commands fail at once while Redis is out of
 * reach (no offline queue), so that the relay answers 503 instead of sending without a guard.
 *
 * @param {object} options
 * @param {string} options.url `redis://[user:password@]host:port[/db]` or `rediss://…`.
 * @param {number} options.dedupTtlMs How long a delivered id is remembered.
 * @param {number} options.claimTtlMs How long a claim lives without a renewal.
 * @param {string} [options.keyPrefix] Put before each webhook-id to make its key.
 * @param {(error: Error) => void} [options.onConnectionError] Told once each time Redis goes away.
 */
export const createRedisStore = ({
  url,
  dedupTtlMs,
  claimTtlMs,
  keyPrefix = 'logto-http-email:webhook-id:',
  onConnectionError = () => undefined,
}) => {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    commandTimeout: 2000,
    scripts: Object.fromEntries(
      Object.entries(scripts).map(([name, lua]) => [name, { lua, numberOfKeys: 1 }])
    ),
  });
  // ioredis reports every failed reconnection; one line per outage is enough.
  let isReachable = true;
  redis.on('ready', () => {
    isReachable = true;
  });
  redis.on('error', (error) => {
    if (isReachable) {
      isReachable = false;
      onConnectionError(error);
    }
  });
  const key = (id) => `${keyPrefix}${id}`;

  return {
    claimTtlMs,
    /** Resolves once Redis answers; rejects when it cannot be reached. Call it before the rest. */
    async connect() {
      await redis.connect();
    },
    async claim(id) {
      const token = newClaimToken();
      const state = await redis.claimWebhookId(key(id), token, claimTtlMs);
      return state === 'claimed' ? { state, token } : { state };
    },
    async renew(id, token) {
      return (await redis.renewWebhookIdClaim(key(id), token, claimTtlMs)) === 1;
    },
    async markDelivered(id) {
      await redis.set(key(id), delivered, 'PX', dedupTtlMs);
    },
    async release(id, token) {
      await redis.releaseWebhookIdClaim(key(id), token);
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
};
