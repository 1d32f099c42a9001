// What every stand-in of an email service shares: a real HTTP server on 127.0.0.1 that checks a
// request the way the service's public API reference describes it, records the emails it accepted,
// and answers as the service documents. Each service's rules, and the page each comes from, are in
// its own file beside this one.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

import { startEndpoint, type ReceivedRequest, type TestEndpoint } from '../server.js';

/** One email as the service would send it. */
export type SentEmail = {
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string[];
  /** The request that carried it. */
  request: ReceivedRequest;
};

/** An answer of the service: status, JSON body (none when undefined) and headers. */
export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** What is wrong with a request, in the service's own terms, before it becomes its error answer. */
export type Problem = { status: number; field?: string; message: string; code?: string };

export type ReadResult = { email: Omit<SentEmail, 'request'> } | { problem: Problem };

export type ServiceRules = {
  /** The service's documented URL, e.g. `https://api.resend.com/emails`. */
  documentedUrl: string;
  /** The service's API key the stand-in accepts. */
  apiKey: string;
  /** A refusal when the headers do not authenticate or lack what the service requires. */
  checkHeaders: (headers: IncomingHttpHeaders, apiKey: string) => Problem | undefined;
  /** The parsed JSON body checked field by field: the email, or what is wrong. */
  read: (body: unknown) => ReadResult;
  /** The service's error answer for a problem. */
  refusal: (problem: Problem) => Answer;
  /** The service's answer to an accepted email. */
  accepted: (id: string, email: Omit<SentEmail, 'request'>) => Answer;
  /** The service's refusal of a sender whose domain is not verified. */
  unverifiedSender: (address: string) => Problem;
  /** The service's answer when the rate limit is reached. */
  rateLimited: (retryAfterSeconds: number) => Answer;
};

export type StandIn = {
  /** The documented URL with the stand-in's origin: what a recipe's `endpoint` becomes in a test. */
  url: string;
  origin: string;
  apiKey: string;
  /** Every email the service accepted, in order. */
  emails: SentEmail[];
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** Every answer given, in order (an answer lost on the way is still listed). */
  answers: Answer[];
  /** Answers the next `count` requests with the service's 429, carrying `Retry-After`. */
  rateLimitNext: (count?: number, retryAfterSeconds?: number) => void;
  /** Makes a sender domain unverified, as for an account that has not verified it yet. */
  unverify: (domain: string) => void;
  /** Accepts the next email, then closes the connection before the answer is written. */
  loseNextAcceptedAnswer: () => void;
  close: () => Promise<void>;
};

/** A service's own step around the acceptance: an answer of its own, or undefined to accept. */
export type Intercept = (request: ReceivedRequest, body: unknown, accept: () => Answer) => Answer | undefined;

const bareAddress = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** A bare address, `ada@example.com`: no name, no brackets, no second address. */
export const isBareAddress = (value: unknown): value is string =>
  typeof value === 'string' && bareAddress.test(value);

/** `ada@example.com` or `Ada Lovelace <ada@example.com>`, and the address in it. */
export const namedAddress = (value: unknown): string | undefined => {
  if (typeof value !== 'string') {
    return;
  }
  if (isBareAddress(value)) {
    return value;
  }
  const named = /^([^<>]*?)\s*<([^<>]+)>$/.exec(value);
  return named && isBareAddress(named[2]) ? named[2] : undefined;
};

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Top-level fields outside the documented set. The services may ignore some of them; the stand-ins
 * refuse them all, since a misspelt field (`replyTo` for `reply_to`) would otherwise be ignored
 * without a word and the recipe would look right while it is not.
 */
export const unknownFields = (body: Record<string, unknown>, documented: readonly string[]) =>
  Object.keys(body).filter((key) => !documented.includes(key));

const isJson = (headers: IncomingHttpHeaders) =>
  /^application\/json\s*(;|$)/i.test(headers['content-type'] ?? '');

const write = (response: ServerResponse, answer: Answer) => {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...(text && { 'content-type': 'application/json; charset=utf-8' }),
    ...answer.headers,
  });
  response.end(text);
};

/**
 * Starts a stand-in of a service: POST on the documented path only, then the headers, a JSON body,
 * the service's fields, the sender's domain, in that order, as a service checks them. `intercept`
 * lets a service add its own behaviour (Resend's idempotency keys) around the acceptance.
 */
export const startStandIn = async (rules: ServiceRules, intercept?: Intercept): Promise<StandIn> => {
  const documented = new URL(rules.documentedUrl);
  const emails: SentEmail[] = [];
  const answers: Answer[] = [];
  const unverified = new Set<string>();
  const rateLimit = { count: 0, retryAfterSeconds: 1 };
  let loseNext = false;
  let nextId = 1;

  const handle = (request: ReceivedRequest): Answer | 'lost' => {
    if (rateLimit.count > 0) {
      rateLimit.count -= 1;
      return rules.rateLimited(rateLimit.retryAfterSeconds);
    }
    if (request.url !== documented.pathname) {
      return rules.refusal({ status: 404, message: 'The requested endpoint does not exist.' });
    }
    if (request.method !== 'POST') {
      return rules.refusal({ status: 405, message: 'This endpoint answers POST only.' });
    }
    const headerProblem = rules.checkHeaders(request.headers, rules.apiKey);
    if (headerProblem) {
      return rules.refusal(headerProblem);
    }
    if (!isJson(request.headers)) {
      return rules.refusal({ status: 400, message: 'The body must be sent as application/json.' });
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return rules.refusal({ status: 400, message: 'The body is not valid JSON.' });
    }
    const read = rules.read(body);
    if ('problem' in read) {
      return rules.refusal(read.problem);
    }
    const sender = namedAddress(read.email.from) ?? read.email.from;
    if (unverified.has(domainOf(sender))) {
      return rules.refusal(rules.unverifiedSender(sender));
    }
    let acceptedNow = false;
    const accept = () => {
      acceptedNow = true;
      emails.push({ ...read.email, request });
      return rules.accepted(`stand-in-${nextId++}`, read.email);
    };
    const answer = intercept?.(request, body, accept) ?? accept();
    if (acceptedNow && loseNext) {
      loseNext = false;
      answers.push(answer);
      return 'lost';
    }
    return answer;
  };

  const endpoint: TestEndpoint = await startEndpoint((request, response, incoming) => {
    const answer = handle(request);
    if (answer === 'lost') {
      // Accepted and sent, but the answer never reaches the client.
      incoming.socket.destroy();
      return;
    }
    answers.push(answer);
    write(response, answer);
  });

  return {
    url: `${endpoint.origin}${documented.pathname}`,
    origin: endpoint.origin,
    apiKey: rules.apiKey,
    emails,
    requests: endpoint.requests,
    answers,
    rateLimitNext: (count = 1, retryAfterSeconds = 1) => {
      rateLimit.count = count;
      rateLimit.retryAfterSeconds = retryAfterSeconds;
    },
    unverify: (domain) => unverified.add(domain.toLowerCase()),
    loseNextAcceptedAnswer: () => {
      loseNext = true;
    },
    close: endpoint.close,
  };
};
