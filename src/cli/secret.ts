// `secret`: a fresh signing secret, for signingSecret and for the endpoint; or, with --asymmetric,
// an ed25519 key pair: the secret key for signingSecret, the public key for the endpoint.
import { newSigningKeyPair, newSigningSecret } from '../signing.js';

import { parseOptions } from './options.js';

export const secretHelp = `secret: prints a new signing secret (whsec_ and 32 random bytes) for signingSecret, shared with
the endpoint.
  logto-http-email secret
  --asymmetric              prints a new ed25519 key pair instead (v1a signatures): the whsk_ secret
                            key for signingSecret in Logto, and its whpk_ public key for the endpoint,
                            which can then verify requests but not sign them`;

export const secret = (args: string[]): number => {
  const { asymmetric } = parseOptions('secret', args, { asymmetric: { type: 'boolean' } });
  if (!asymmetric) {
    console.log(newSigningSecret());
    return 0;
  }
  const { secretKey, publicKey } = newSigningKeyPair();
  // The key last on each line: `awk '{ print $NF }'` takes it.
  console.log(`secret key, for signingSecret in Logto (keep it secret): ${secretKey}`);
  console.log(`public key, for the endpoint (need not be secret):        ${publicKey}`);
  return 0;
};
