/** What the connector needs to know about the configured endpoint URL. */
export type ResolvedEndpoint = {
  /** The URL requested: the endpoint without its credentials. */
  url: string;
  /** Origin and path only: safe to name in an error, unlike the query or the credentials. */
  location: string;
  /** `Basic …` built from credentials in the URL, as 0.4.x sent them; undefined without any. */
  basicAuthorization: string | undefined;
  /** Everything of the URL that must not appear in an error. */
  secrets: string[];
};

const decode = (component: string) => {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
};

/** Expects a URL that the config guard has accepted. */
export const resolveEndpoint = (endpoint: string): ResolvedEndpoint => {
  const url = new URL(endpoint);
  const { username, password, search } = url;
  const secrets = [username, password, search.slice(1), ...url.searchParams.values()];
  let basicAuthorization: string | undefined;

  if (username || password) {
    const token = Buffer.from(`${decode(username)}:${decode(password)}`).toString('base64');
    basicAuthorization = `Basic ${token}`;
    secrets.push(decode(username), decode(password), token);
    url.username = '';
    url.password = '';
  }

  return { url: url.href, location: url.origin + url.pathname, basicAuthorization, secrets };
};
