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
 * Path segments worth hunting for in an answer on their own (the whole path always is): a webhook
 * URL's path often holds its token (`/hooks/catch/<token>/`, `/t/SuperSecretKey`). Lower-case words
 * such as `email`, `logto` or `webhooks` are taken for names, not secrets: hunting them would shred
 * every message that mentions an email.
 */
const tokenLike = (segment: string) =>
  segment.length >= 20 || (segment.length >= 6 && /[\dA-Z]/.test(segment)) || /[^\w.~-]/.test(segment);

/** Expects a URL that the config guard has accepted. */
export const resolveEndpoint = (endpoint: string): ResolvedEndpoint => {
  const url = new URL(endpoint);
  const { username, password, pathname, search } = url;
  const segments = pathname.split('/').filter((segment) => tokenLike(segment));
  const secrets = [
    username,
    password,
    ...(pathname === '/' ? [] : [pathname, pathname.slice(1)]),
    ...segments,
    ...segments.map((segment) => decode(segment)),
    search,
    search.slice(1),
    ...url.searchParams.values(),
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
