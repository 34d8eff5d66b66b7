import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { EmailError, createEmailSender } from './email-sender.ts'

interface Received {
  from: string
  to: string[]
  raw: string
}

let server: SMTPServer
let port: number
const received: Received[] = []

before(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true, // loopback only
    onAuth(auth, _session, callback) {
      if (auth.username === 'parley' && auth.password === 'mot-de-passe')
        callback(null, { user: 'parley' })
      else callback(new Error('Invalid username or password'))
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refuse.test')) {
        callback(Object.assign(new Error('No such user'), { responseCode: 550 }))
      } else callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
    logger: false,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.server.address() as AddressInfo).port
})
after(() => new Promise<void>((resolve) => server.close(() => resolve())))

const base = () => ({
  host: '127.0.0.1',
  port,
  secure: false,
  from: 'Parley <no-reply@parley.test>',
})

describe('createEmailSender over a real SMTP server on 127.0.0.1', () => {
  it('delivers from, to, subject and body with French accents intact', async () => {
    const mail = createEmailSender(base())
    const text =
      'Bonjour Hélène,\n\nLe délai moyen était de 42 s. À demain — l’équipe Parley. Ça va? Ô ê ç\n'
    const { messageId } = await mail.send({
      to: 'helene@parley.test',
      subject: 'Rapport quotidien : délais élevés',
      text,
    })
    mail.close()
    assert.match(messageId, /^<.+@.+>$/)
    const message = received.at(-1)
    assert.ok(message)
    assert.equal(message.from, 'no-reply@parley.test')
    assert.deepEqual(message.to, ['helene@parley.test'])
    const parsed = parseMessage(message.raw)
    assert.equal(parsed.headers.get('from'), 'Parley <no-reply@parley.test>')
    assert.equal(parsed.headers.get('to'), 'helene@parley.test')
    assert.equal(
      decodeWords(parsed.headers.get('subject') ?? ''),
      'Rapport quotidien : délais élevés',
    )
    assert.match(parsed.headers.get('content-type') ?? '', /charset=utf-8/i)
    assert.equal(parsed.body.replace(/\r\n/g, '\n'), text)
  })

  it('authenticates with user and password, and declares the password as a secret', async () => {
    const mail = createEmailSender({ ...base(), user: 'parley', password: 'mot-de-passe' })
    await mail.verify()
    await mail.send({ to: 'ops@parley.test', subject: 'x', text: 'y' })
    assert.deepEqual(mail.secrets, ['mot-de-passe'])
    mail.close()
  })

  const failures = [
    {
      name: 'wrong password → email_auth_failed',
      config: { user: 'parley', password: 'faux' },
      to: 'a@parley.test',
      code: 'email_auth_failed',
      retryable: false,
    },
    {
      name: 'recipient refused with 550 → email_rejected',
      config: {},
      to: 'nobody@refuse.test',
      code: 'email_rejected',
      retryable: false,
    },
  ]
  for (const f of failures) {
    it(f.name, async () => {
      const mail = createEmailSender({ ...base(), ...f.config })
      await assert.rejects(
        mail.send({ to: f.to, subject: 's', text: 't' }),
        (e) => e instanceof EmailError && e.code === f.code && e.retryable === f.retryable,
      )
      mail.close()
    })
  }

  it('an SMTP server that is not there → email_unavailable, retryable', async () => {
    const closed = new SMTPServer({ logger: false })
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadPort = (closed.server.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const mail = createEmailSender({ ...base(), port: deadPort })
    await assert.rejects(
      mail.verify(),
      (e) => e instanceof EmailError && e.code === 'email_unavailable' && e.retryable,
    )
    mail.close()
  })
})

/** Just enough MIME for a single text/plain part: headers, then the decoded body. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
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
  const body =
    encoding === 'base64'
      ? Buffer.from(content, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(content)
        : content
  return { headers, body }
}

function quotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

// RFC 2047 encoded words, as nodemailer writes non-ASCII subjects.
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : quotedPrintable(data.replace(/_/g, ' ')),
    )
}
