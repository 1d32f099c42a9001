import { ConnectorConfigFormItemType, type ConnectorMetadata } from '@logto/connector-kit';

import { version } from '../package.json';

/** Sent as `User-Agent`, so endpoint logs show which connector and version called. */
export const userAgent = `logto-connector-http-email/${version}`;

/** The whole budget of one send, retries and waits included. */
export const timeoutBounds = { min: 500, max: 60_000, default: 10_000 } as const;
/** Attempts after the first one. */
export const retriesBounds = { min: 0, max: 5, default: 2 } as const;

/** Statuses worth another attempt: the endpoint may accept the same request a moment later. */
export const retriedStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Headers the connector sets itself, which custom `headers` may not name (any case). */
export const reservedHeaders: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
]);

/**
 * Backoff before attempt n + 1: about `base * 2^(n-1)`, never above `cap`, jittered. `promptBase`
 * after a failure before anything was sent, which is safe to retry at once.
 */
export const backoff = { baseMs: 250, promptBaseMs: 100, capMs: 4000 } as const;

/**
 * How one send spends its budget (docs/delivery.md). An attempt that was sent may wait for its
 * answer until only `retryReserveShare` of the budget is left, kept for one more attempt; so the
 * first attempt waits at least 75 % of the budget even after the longest template lookup, and an
 * endpoint that answers within 60 % of it is never cut short, with 15 % to spare for a busy
 * machine's late timers. Getting a connection may take `connectShare` of the budget, within the
 * bounds. The template lookup may take `templateShare`, at most `templateMaxMs`: Logto reads it
 * from its database, a matter of milliseconds.
 */
export const deliveryPolicy = {
  retryReserveShare: 0.2,
  connectShare: 0.2,
  connectMinMs: 250,
  connectMaxMs: 3000,
  templateShare: 0.05,
  templateMaxMs: 500,
} as const;

/** A wait is only worth it when this much time is left for the attempt after it. */
export const minimumAttemptMs = 100;

/** The endpoint's answer goes into errors: read at most this much of it, keep at most that much. */
export const errorBodyReadBytes = 64 * 1024;
/** …and for at most this long: the send has failed, and the user waits only for the reading. */
export const errorBodyReadMs = 500;
export const errorBodyKeptChars = 1024;

export const defaultMetadata: ConnectorMetadata = {
  id: 'http-email',
  target: 'http-email',
  platform: null,
  name: {
    en: 'HTTP Email',
    ar: 'البريد الإلكتروني عبر HTTP',
    de: 'HTTP-E-Mail',
    es: 'Correo electrónico por HTTP',
    'fa-IR': 'ایمیل از طریق HTTP',
    fr: 'E-mail via HTTP',
    it: 'Email via HTTP',
    ja: 'HTTP メール',
    ko: 'HTTP 이메일',
    'pl-PL': 'E-mail przez HTTP',
    'pt-BR': 'E-mail via HTTP',
    'pt-PT': 'Email via HTTP',
    ru: 'Электронная почта через HTTP',
    th: 'อีเมลผ่าน HTTP',
    'tr-TR': 'HTTP ile e-posta',
    'zh-CN': 'HTTP 邮件',
    'zh-HK': 'HTTP 電郵',
    'zh-TW': 'HTTP 電子郵件',
  },
  description: {
    en: 'Sends each email as a JSON request to your own HTTP endpoint, which renders and delivers it.',
    ar: 'يرسل كل بريد إلكتروني كطلب JSON إلى نقطة نهاية HTTP خاصة بك، لتتولى إنشاءه وتسليمه.',
    de: 'Sendet jede E-Mail als JSON-Anfrage an Ihren eigenen HTTP-Endpunkt, der sie gestaltet und zustellt.',
    es: 'Envía cada correo como una solicitud JSON a tu propio endpoint HTTP, que lo compone y lo entrega.',
    'fa-IR':
      'هر ایمیل را به‌صورت یک درخواست JSON به نقطهٔ پایانی HTTP خودتان می‌فرستد تا آن را بسازد و تحویل دهد.',
    fr: 'Envoie chaque e-mail sous forme de requête JSON à votre propre point de terminaison HTTP, qui le met en forme et le distribue.',
    it: 'Invia ogni email come richiesta JSON al tuo endpoint HTTP, che la compone e la recapita.',
    ja: '各メールを JSON リクエストとして独自の HTTP エンドポイントに送信します。メールの作成と配信はエンドポイント側で行います。',
    ko: '각 이메일을 JSON 요청으로 자체 HTTP 엔드포인트에 보내며, 이메일 작성과 발송은 해당 엔드포인트가 처리합니다.',
    'pl-PL':
      'Wysyła każdą wiadomość e-mail jako żądanie JSON do Twojego punktu końcowego HTTP, który ją przygotowuje i dostarcza.',
    'pt-BR': 'Envia cada e-mail como uma requisição JSON para o seu próprio endpoint HTTP, que o monta e entrega.',
    'pt-PT': 'Envia cada email como um pedido JSON para o seu próprio endpoint HTTP, que o compõe e entrega.',
    ru: 'Отправляет каждое письмо JSON-запросом на ваш собственный HTTP-эндпоинт, который формирует и доставляет его.',
    th: 'ส่งอีเมลแต่ละฉบับเป็นคำขอ JSON ไปยังปลายทาง HTTP ของคุณเอง ซึ่งจะจัดทำและส่งอีเมลนั้นต่อ',
    'tr-TR':
      'Her e-postayı JSON isteği olarak kendi HTTP uç noktanıza gönderir; e-postayı bu uç nokta hazırlar ve teslim eder.',
    'zh-CN': '将每封邮件以 JSON 请求发送到你自己的 HTTP 端点，由该端点生成并投递邮件。',
    'zh-HK': '將每封電郵以 JSON 請求發送到你自己的 HTTP 端點，由該端點製作並寄出電郵。',
    'zh-TW': '將每封電子郵件以 JSON 請求傳送到你自己的 HTTP 端點，由該端點產生並寄送郵件。',
  },
  logo: './logo.svg',
  logoDark: './logo-dark.svg',
  readme: './README.md',
  formItems: [
    {
      key: 'endpoint',
      label: 'Endpoint',
      type: ConnectorConfigFormItemType.Text,
      required: true,
      placeholder: 'https://mail.example.com/logto/email',
      tooltip:
        'The http: or https: URL that receives every email as a JSON POST. Give the final URL: redirects are not followed.',
    },
    {
      key: 'authorization',
      label: 'Authorization header',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      isConfidential: true,
      placeholder: 'Bearer <your-token>',
      tooltip:
        'Sent verbatim as the Authorization header of every request, e.g. "Bearer <token>". Leave empty to send none.',
    },
    {
      key: 'signingSecret',
      label: 'Signing secret',
      type: ConnectorConfigFormItemType.Text,
      required: false,
      isConfidential: true,
      placeholder: 'whsec_…',
      tooltip:
        'Signs every request the Standard Webhooks way (webhook-signature header) so your endpoint can verify it. One or more whsec_ secrets separated by spaces: to rotate, add the new one beside the old, switch the endpoint over, then remove the old one.',
    },
    {
      key: 'headers',
      label: 'Extra headers',
      type: ConnectorConfigFormItemType.Json,
      required: false,
      defaultValue: {},
      placeholder: '{ "X-Api-Key": "…" }',
      tooltip:
        'A JSON object of extra request headers, name to string value, e.g. an API key your gateway expects. Values may use {{webhookId}} (the same on every attempt of an email, e.g. "Idempotency-Key": "{{webhookId}}") and {{type}}. Content-Type, Content-Length, Host, Transfer-Encoding, Connection and the webhook-* headers are set by the connector and cannot be configured.',
    },
    {
      key: 'includeTemplate',
      label: "Include Logto's email template",
      type: ConnectorConfigFormItemType.Switch,
      required: false,
      defaultValue: false,
      tooltip:
        "Adds `template` to the request body: the subject, content, content type, reply-to and sender of Logto's email template for this type and the user's language, with every {{variable}} filled in. Your endpoint can then simply relay it. Off: the body stays as in 0.4.x.",
    },
    {
      key: 'body',
      label: 'Request body template',
      type: ConnectorConfigFormItemType.Json,
      required: false,
      defaultValue: {},
      placeholder: '{ "from": "Acme <sender@example.com>", "to": ["{{to}}"], "subject": "{{template.subject}}", "html": "{{template.html}}", "text": "{{template.text}}" }',
      tooltip:
        "Leave empty to send the usual JSON body to your own endpoint. To send through an email service's API directly, give its request body as JSON with placeholders in string values: {{to}}, {{type}}, {{ip}}, {{webhookId}}, {{payload.code}} (any path into the payload) and the email's text {{template.subject}}, {{template.html}}, {{template.text}}, {{template.replyTo}}, {{template.sendFrom}}. A value that is missing leaves its key out. Ready-made configs for Resend, Postmark, Brevo, SendGrid and MailerSend: the recipes/ folder and docs/recipes.md in this package.",
    },
    {
      key: 'templates',
      label: 'Email templates',
      type: ConnectorConfigFormItemType.Json,
      required: false,
      defaultValue: {},
      placeholder: '[{ "usageType": "Generic", "subject": "Your code", "content": "<p>Your code is {{code}}</p>", "contentType": "text/html" }]',
      tooltip:
        "Used by a request body template when Logto has no email template for the message: an array of { usageType, subject, content, contentType, replyTo, sendFrom } as in Logto's SMTP connector, with {{code}}, {{link}} and the other payload values. The entry for the message's type wins, else the Generic one. Leave empty to use the connector's built-in texts in the user's language.",
    },
    {
      key: 'timeout',
      label: 'Time budget (ms)',
      type: ConnectorConfigFormItemType.Number,
      required: false,
      defaultValue: timeoutBounds.default,
      placeholder: String(timeoutBounds.default),
      tooltip: `The longest one email may take, all attempts and waits included: ${timeoutBounds.min} to ${timeoutBounds.max} milliseconds. The user waits on the sign-in page meanwhile.`,
    },
    {
      key: 'retries',
      label: 'Retries',
      type: ConnectorConfigFormItemType.Number,
      required: false,
      defaultValue: retriesBounds.default,
      placeholder: String(retriesBounds.default),
      tooltip: `Attempts after the first when the endpoint cannot be reached, does not answer in time, or answers 408, 429, 500, 502, 503 or 504 (and 409 when a header carries {{webhookId}}): ${retriesBounds.min} to ${retriesBounds.max}. Every attempt carries the same webhook-id.`,
    },
  ],
};
