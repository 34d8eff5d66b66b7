import { pino, type Logger } from 'pino'

/** Header and field names whose values never reach the log. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.authToken',
  '*.secret',
  '*.apiKey',
]

/**
 * A pino JSON logger that redacts credentials by field name and, as a last
 * line of defence, scrubs every known secret value wherever it appears.
 * @example const logger = createLogger({ level: 'info', secrets: ['s3cret'] })
 */
export function createLogger(options: {
  level: string
  secrets?: readonly string[]
  destination?: NodeJS.WritableStream
}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4)
  const scrub = (line: string) =>
    secrets.reduce((text, secret) => text.split(secret).join('[REDACTED]'), line)
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      base: { service: 'parley' },
      hooks: secrets.length > 0 ? { streamWrite: scrub } : {},
    },
    options.destination ?? process.stdout,
  )
}
