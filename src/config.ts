// The saved config, read and checked: once per distinct config, not on every email.
import {
  ConnectorError,
  ConnectorErrorCodes,
  validateConfig,
  type GetConnectorConfig,
} from '@logto/connector-kit';

import { defaultMetadata } from './constant.js';

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

/**
 * The config's JSON, when JSON says all of it: not when it holds what JSON drops or changes
 * (undefined, a function, NaN, a Map, a toJSON of its own), which must not pass as the JSON of a
 * valid config. A cycle or a BigInt give none either.
 */
const jsonKey = (config: unknown): string | undefined => {
  let plain = true;
  try {
    const key = JSON.stringify(config, function (this: Record<string, unknown>, name: string, value: unknown) {
      const original = this[name];
      if (
        value === undefined ||
        typeof value === 'function' ||
        typeof value === 'symbol' ||
        (typeof value === 'number' && !Number.isFinite(value)) ||
        (typeof original === 'object' &&
          original !== null &&
          (typeof (original as { toJSON?: unknown }).toJSON === 'function' ||
            (!Array.isArray(original) && Object.getPrototypeOf(original) !== Object.prototype)))
      ) {
        plain = false;
      }
      return value;
    });
    return plain ? key : undefined;
  } catch {
    return undefined;
  }
};

export const assertValidConfig: (config: unknown) => asserts config is HttpEmailConfig = (config) => {
  const key = jsonKey(config);
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

/**
 * The saved config, as Logto reads it from its database. A failure keeps Logto's code when Logto
 * gave one, and says nothing of its cause, which may name the database.
 */
export const savedConfig = async (getConfig: GetConnectorConfig) => {
  try {
    return await getConfig(defaultMetadata.id);
  } catch (error: unknown) {
    throw new ConnectorError(error instanceof ConnectorError ? error.code : ConnectorErrorCodes.General, {
      message: 'Nothing was sent: the saved configuration could not be read.',
    });
  }
};

const configKeys = new Set(defaultMetadata.formItems?.map(({ key }) => key));

/**
 * What is wrong with a config, from the error the guard's check threw: each problem as the guard
 * words it, which names the key and never repeats a value (src/types.ts), led by its key when
 * the words do not start with it. Undefined for any other error.
 */
export const configProblems = (error: unknown): string | undefined => {
  if (!(error instanceof ConnectorError) || error.code !== ConnectorErrorCodes.InvalidConfig) {
    return undefined;
  }
  const { issues } = (error.data ?? {}) as { issues?: unknown };
  if (!Array.isArray(issues) || issues.length === 0) {
    return undefined;
  }
  return (issues as Array<{ path?: unknown[]; message?: unknown }>)
    .map(({ path = [], message }) => {
      const key = typeof path[0] === 'string' && configKeys.has(path[0]) ? path[0] : 'the config';
      const words = typeof message === 'string' ? message : 'is invalid';
      return words.startsWith(key) ? words : `${key}: ${words}`;
    })
    .join('; ');
};
