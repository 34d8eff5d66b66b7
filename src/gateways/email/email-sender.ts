import type { Transporter } from 'nodemailer'

export interface EmailSenderConfig {
  host: string
  port: number
  /** True for implicit TLS (port 465); false lets nodemailer upgrade with STARTTLS when offered. */
  secure: boolean
  from: string
  user?: string
  password?: string
  /** Connection, greeting and socket timeout (default 10 s). */
  timeoutMs?: number
}

export type EmailErrorCode = 'email_auth_failed' | 'email_unavailable' | 'email_rejected'

/** A failed e-mail: `retryable` when the server or network may accept it later. */
export class EmailError extends Error {
  override readonly name = 'EmailError'
  constructor(
    readonly code: EmailErrorCode,
    readonly retryable: boolean,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options)
  }
}

export interface EmailSender {
  send(mail: { to: string; subject: string; text: string }): Promise<{ messageId: string }>
  /** Connects and authenticates without sending, to check the configuration at start-up. */
  verify(): Promise<void>
  close(): void
  /** Values to scrub from logs. */
  readonly secrets: readonly string[]
}

// nodemailer's error codes (lib/errors): connection-level problems are worth retrying.
const UNAVAILABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL'])

/**
 * Sends plain-text e-mail (alerts, reports, password resets) over SMTP with nodemailer. UTF-8
 * throughout: accents in subject and body survive (encoded words, quoted-printable/base64).
 * @example
 * const mail = createEmailSender({ host: 'smtp.example.ca', port: 587, secure: false, from: 'Parley <no-reply@example.ca>' })
 * await mail.send({ to: 'ops@example.ca', subject: 'Rapport quotidien', text: 'Délai moyen : 42 s' })
 */
export function createEmailSender(config: EmailSenderConfig): EmailSender {
  const timeout = config.timeoutMs ?? 10_000
  // Loaded on first use, not with this module: a server without `smtp` never holds nodemailer's
  // few megabytes of code.
  let loaded: Promise<Transporter> | undefined
  const transport = () =>
    (loaded ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        ...(config.user === undefined
          ? {}
          : { auth: { user: config.user, pass: config.password ?? '' } }),
      }),
    ))

  return {
    secrets: config.password === undefined || config.password === '' ? [] : [config.password],
    async send({ to, subject, text }) {
      try {
        const info = await (await transport()).sendMail({ from: config.from, to, subject, text })
        return { messageId: info.messageId }
      } catch (cause) {
        throw translate(cause)
      }
    },
    async verify() {
      try {
        await (await transport()).verify()
      } catch (cause) {
        throw translate(cause)
      }
    },
    close: () =>
      void loaded?.then(
        (t) => t.close(),
        () => undefined, // nodemailer failed to load: no transport to close
      ),
  }
}

function translate(cause: unknown): EmailError {
  const { code, responseCode, message } = (cause ?? {}) as {
    code?: unknown
    responseCode?: unknown
    message?: unknown
  }
  const text = typeof message === 'string' ? message : String(cause)
  if (code === 'EAUTH') return new EmailError('email_auth_failed', false, text, { cause })
  const temporary = typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500
  if ((typeof code === 'string' && UNAVAILABLE.has(code)) || temporary) {
    return new EmailError('email_unavailable', true, text, { cause })
  }
  return new EmailError('email_rejected', false, text, { cause })
}
