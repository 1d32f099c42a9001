const placeholder = '[redacted]';

const escapeRegExp = (text: string) => text.replaceAll(/[$()*+.?[\\\]^{|}]/g, String.raw`\$&`);

/**
 * Builds a function that replaces every secret in a text by `[redacted]`. A secret is also caught
 * in the forms an endpoint echoes it back in: JSON-escaped and percent-encoded. One pass, longest
 * first, so that a secret inside another one cannot leave part of the longer one behind.
 */
const buildRedactor = (secrets: Iterable<unknown>): ((text: string) => string) => {
  const forms = new Set<string>();

  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') {
      continue;
    }
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }

  if (forms.size === 0) {
    return (text) => text;
  }

  const pattern = new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map((form) => escapeRegExp(form))
      .join('|'),
    'g'
  );

  return (text) => text.replace(pattern, placeholder);
};

/**
 * The same, built on first use: only a failed send needs it, so a delivered message does not pay
 * for the pattern.
 */
export const createRedactor = (secrets: Iterable<unknown>): ((text: string) => string) => {
  let redact: ((text: string) => string) | undefined;
  return (text) => {
    redact ??= buildRedactor(secrets);
    return redact(text);
  };
};
