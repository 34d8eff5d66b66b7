/**
 * Edits of the example configuration's YAML text that point its trunks and SMTP at local test
 * peers (fake Twilio API, fake SMSC, in-process SMTP server), all on 127.0.0.1. Each edit
 * throws when the text it expects is missing, so a changed example fails loudly here rather
 * than silently testing the sandbox instead.
 */
export type ConfigEdit = (yaml: string) => string

/** Applies edits left to right. */
export const editsOf =
  (...edits: ConfigEdit[]): ConfigEdit =>
  (yaml) =>
    edits.reduce((text, edit) => edit(text), yaml)

function replaceOnce(yaml: string, pattern: RegExp | string, replacement: string): string {
  const found = typeof pattern === 'string' ? yaml.includes(pattern) : pattern.test(yaml)
  if (!found) throw new Error(`example configuration changed: ${String(pattern)} not found`)
  return yaml.replace(pattern, replacement)
}

/** The public URL carriers call back (Twilio signs against it, REFERENCE.md). */
export const withPublicUrl =
  (url: string): ConfigEdit =>
  (yaml) =>
    replaceOnce(yaml, 'publicUrl: http://localhost:3000', `publicUrl: ${url}`)

/** Turns the twilio-longcode trunk on, sending to `baseUrl` (auth token from TWILIO_AUTH_TOKEN). */
export const withTwilio =
  (baseUrl: string): ConfigEdit =>
  (yaml) =>
    replaceOnce(
      yaml,
      /enabled: false # set to true with TWILIO_AUTH_TOKEN.*\n(.*\n.*\n)\s*baseUrl: .*/,
      `enabled: true\n$1    baseUrl: ${baseUrl}`,
    )

/** Turns the smpp-shortcode trunk on, bound to 127.0.0.1:`port` (password from SMPP_SHORTCODE_PASSWORD). */
export const withSmpp =
  (port: number): ConfigEdit =>
  (yaml) =>
    replaceOnce(
      yaml,
      /enabled: false # set to true with SMPP_SHORTCODE_PASSWORD.*\n\s*host: .*\n\s*port: .*/,
      `enabled: true\n    host: 127.0.0.1\n    port: ${port}\n    rebindInitialMs: 50\n    rebindMaxMs: 200`,
    )

/** Adds the `smtp:` section (the e-mail fallback) for a server on 127.0.0.1:`port`. */
export const withSmtp =
  (port: number, from = 'Service BC <noreply@gov.example>'): ConfigEdit =>
  (yaml) =>
    `${yaml}\nsmtp:\n  host: 127.0.0.1\n  port: ${port}\n  from: '${from}'\n`

/** Overrides a sender's throughput, so a test is not paced by a long code's 1 segment/s. */
export const withSenderRate =
  (number: string, segmentsPerSecond: number): ConfigEdit =>
  (yaml) =>
    replaceOnce(
      yaml,
      new RegExp(`(- number: '${number.replace(/[+]/g, '\\+')}'\\n    trunk: .*)`),
      `$1\n    segmentsPerSecond: ${segmentsPerSecond}`,
    )

/** Replaces the retry policy (the example's is 1 s doubling up to 5 min, for a day). */
export const withRetry =
  (retry: { initialDelayMs: number; maxDelayMs: number; deadlineMs: number }): ConfigEdit =>
  (yaml) =>
    replaceOnce(
      yaml,
      /retry:\n(\s+\w+: \d+\n){3}/,
      `retry:\n  initialDelayMs: ${retry.initialDelayMs}\n  maxDelayMs: ${retry.maxDelayMs}\n  deadlineMs: ${retry.deadlineMs}\n`,
    )

/** The sandbox with a short delivery delay and numbers refused at submit. */
export const withSandbox =
  (sandbox: { deliveryDelayMs: number; rejectAtSubmit: readonly string[] }): ConfigEdit =>
  (yaml) =>
    replaceOnce(
      yaml,
      'deliveryDelayMs: 500',
      `deliveryDelayMs: ${sandbox.deliveryDelayMs}\n    rejectAtSubmit: [${sandbox.rejectAtSubmit.map((n) => `'${n}'`).join(', ')}]`,
    )
