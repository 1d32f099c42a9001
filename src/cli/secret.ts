// `secret`: a fresh signing secret, for signingSecret and for the endpoint.
import { newSigningSecret } from '../signing.js';

export const secretHelp = `secret: prints a new signing secret (whsec_ and 32 random bytes) for signingSecret.
  logto-http-email secret`;

export const secret = (): number => {
  console.log(newSigningSecret());
  return 0;
};
