import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** An e-mail as the SMTP server received it: envelope, headers and decoded text. */
export interface ReceivedMail {
  envelopeFrom: string
  envelopeTo: string[]
  /** Header names lower-cased, folded lines joined, values as written (encoded words kept). */
  headers: Map<string, string>
  /** The Subject header with RFC 2047 encoded words decoded. */
  subject: string
  /** The text/plain body, transfer encoding undone, line ends as \n. */
  text: string
}

export interface SmtpInbox {
  readonly port: number
  readonly mails: ReceivedMail[]
  close(): Promise<void>
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 that keeps every message it is
 * given, for whole-system tests of the e-mail fallback. No TLS, no authentication: loopback only.
 * @example const inbox = await startSmtpInbox(); …; assert.equal(inbox.mails[0]?.subject, 'Bonjour')
 */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const { headers, text } = parseMime(Buffer.concat(chunks).toString('utf8'))
        mails.push({
          envelopeFrom:
            session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          headers,
          subject: decodeWords(headers.get('subject') ?? ''),
          text,
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Just enough MIME for one text/plain part, as nodemailer writes it. */
function parseMime(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n')
  const headers = new Map<string, string>()
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':')
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim())
  }
  const content = raw.slice(split + 4)
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
  const text =
    encoding === 'base64'
      ? Buffer.from(content, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(content)
        : content
  return { headers, text: text.replace(/\r\n/g, '\n') }
}

function quotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

// RFC 2047 encoded words (=?UTF-8?Q?…?= or =?UTF-8?B?…?=), as nodemailer writes non-ASCII subjects.
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : quotedPrintable(data.replace(/_/g, ' ')),
    )
}
