/** What the connector needs to know about the configured endpoint URL. */
export type ResolvedEndpoint = {
  /** The URL requested: the endpoint without its credentials. */
  url: string;
  /** Scheme, host and port: the only part of the URL that anything the admin reads names. */
  origin: string;
  /** `Basic …` built from credentials in the URL, as 0.4.x sent them; undefined without any. */
  basicAuthorization: string | undefined;
  /** Everything of the URL that must not appear in what the admin reads. */
  secrets: string[];
};

const decode = (component: string) => {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
};

/**
 * Words of webhook and sign-in URLs that are never a credential, though long enough to be one
 * (lower case). Hunted, they would shred every answer that speaks of webhooks or invitations.
 */
const neverSecret = new Set(
  'webhook webhooks callback callbacks endpoint endpoints integration integrations notification notifications notifier messages services triggers functions transactional outbound sendmail connector connectors invitation invitations organization organizations verification password passwordless register registration identifier magiclink postmark sendgrid mailersend automation automations workflow workflows production internal external default'.split(
    ' '
  )
);

/**
 * Whether a path segment or a query value (as it stands in the URL) may be a credential, and so is
 * hunted in an answer on its own; the whole path and query always are. A webhook URL often holds
 * its token there (`/hooks/catch/<id>/<token>/`, `?sig=…`). Eight random lower-case letters hold
 * 37 bits, as much as six mixed letters and digits: that is where a token starts. So a part is
 * hunted when it holds a character beyond letters, digits and `-._~` (an escape, most often), or
 * when one of its words (between `-`, `.`, `_` and `~`) has six characters or more with a digit or
 * an inner capital, or is made of eight letters or more and is not one of the names above. Shorter
 * words (`email`, `verify`, `logto`, `2024-05-01`, `zh-Hant`) and those names are not: an answer
 * that says them stays readable.
 */
export const mayBeCredential = (part: string) =>
  /[^\w.~-]/.test(part) ||
  part
    .split(/[._~-]/)
    .some((word) =>
      /\d|.[A-Z]/.test(word) ? word.length >= 6 : word.length >= 8 && !neverSecret.has(word.toLowerCase())
    );

/**
 * At most this many parts of one URL are hunted on their own. A webhook URL has a handful; one with
 * thousands would make every failed send's redaction search for each, and its whole path and query
 * are hunted anyway.
 */
const partsHuntedAlone = 50;

/**
 * The parts of a URL's path and query that may be credentials (see `mayBeCredential`): each is
 * hunted on its own, beside the whole path and query.
 */
export const credentialParts = ({ pathname, search }: URL): string[] => {
  const parts = new Set<string>();
  const candidates = [
    ...pathname.split('/'),
    ...search
      .slice(1)
      .split('&')
      .map((pair) => pair.slice(pair.indexOf('=') + 1)),
  ];
  for (const part of candidates) {
    if (parts.size >= partsHuntedAlone) {
      break;
    }
    // As it stands in the URL: the redactor hunts its decodings too.
    if (part && mayBeCredential(part)) {
      parts.add(part);
    }
  }
  return [...parts];
};

/** Expects a URL that the config guard has accepted. */
export const resolveEndpoint = (endpoint: string): ResolvedEndpoint => {
  const url = new URL(endpoint);
  const { username, password, pathname, search } = url;
  // The path without its leading slash is hunted too, when it has several segments: one segment
  // alone is judged as every segment is (`/email`, Postmark's path, would shred each answer that
  // says "email").
  const bare = pathname.slice(1);
  const secrets = [
    username,
    password,
    ...(pathname === '/' ? [] : [pathname]),
    ...(bare.replace(/\/+$/, '').includes('/') ? [bare] : []),
    search,
    search.slice(1),
    ...credentialParts(url),
  ];
  let basicAuthorization: string | undefined;

  if (username || password) {
    const token = Buffer.from(`${decode(username)}:${decode(password)}`).toString('base64');
    basicAuthorization = `Basic ${token}`;
    secrets.push(decode(username), decode(password), token);
    url.username = '';
    url.password = '';
  }

  return { url: url.href, origin: url.origin, basicAuthorization, secrets };
};
