import { validateConfig } from '@logto/connector-kit';

import { boundedMemo } from './memo.js';
import { httpEmailConfigGuard, type HttpEmailConfig } from './types.js';

/**
 * Configs already found valid, by their JSON: zod runs once per distinct config, not on every
 * email (Logto hands every send a fresh copy of the same saved config, read from its database as
 * JSON; docs/performance.md). Keyed by JSON, a value JSON cannot hold (a function, NaN) would pass
 * as its JSON does; Logto's configs are JSON through and through. Bounded: an admin edits a config a
 * few times, not thousands.
 */
const validConfigs = boundedMemo<true>(16);

export const assertValidConfig: (config: unknown) => asserts config is HttpEmailConfig = (config) => {
  let key: string | undefined;
  try {
    key = JSON.stringify(config);
  } catch {
    // A cycle or a BigInt: not a config Logto stores; the guard says what is wrong with it.
  }
  const validate = () => {
    validateConfig(config, httpEmailConfigGuard);
    return true as const;
  };
  if (key === undefined) {
    validate();
  } else {
    validConfigs(key, validate);
  }
};
