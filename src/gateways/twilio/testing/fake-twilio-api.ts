import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { countSegments } from '../../../domain/segments/count-segments.ts'

/** A request the fake API received, as it arrived on the wire. */
export interface RecordedTwilioRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  form: Record<string, string>
}

/** What the fake API answers to the next request. */
export type ScriptedAnswer =
  | { kind: 'json'; status: number; body: unknown; delayMs?: number }
  | { kind: 'raw'; status: number; text: string }
  /** Close the socket without answering, after reading the request. */
  | { kind: 'hang-up' }
  /** Never answer (the client's timeout must fire). */
  | { kind: 'silence' }

export interface FakeTwilioApi {
  readonly baseUrl: string
  readonly requests: RecordedTwilioRequest[]
  /** Queues answers; when the queue is empty a Twilio-like 201 "queued" message is returned. */
  script(...answers: ScriptedAnswer[]): void
  close(): Promise<void>
}

/**
 * An HTTP server on 127.0.0.1 speaking Twilio's Messages REST wire format (201 with a message
 * resource; errors as `{ code, message, more_info, status }`). For tests only.
 * @example const api = await startFakeTwilioApi(); createTwilioGateway({ baseUrl: api.baseUrl, … })
 */
export async function startFakeTwilioApi(): Promise<FakeTwilioApi> {
  const requests: RecordedTwilioRequest[] = []
  const queue: ScriptedAnswer[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let counter = 0

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form })
      const answer = queue.shift() ?? defaultAnswer(form, ++counter)
      if (answer.kind === 'silence') return
      if (answer.kind === 'hang-up') {
        req.socket.destroy()
        return
      }
      if (answer.kind === 'raw') {
        res.writeHead(answer.status, { 'content-type': 'text/html' }).end(answer.text)
        return
      }
      const reply = (): void => writeJson(res, answer.status, answer.body)
      if (answer.delayMs === undefined) reply()
      else {
        const timer = setTimeout(() => {
          timers.delete(timer)
          reply()
        }, answer.delayMs)
        timers.add(timer)
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    script: (...answers) => queue.push(...answers),
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

/** A message resource shaped like Twilio's answer to a successful create. */
export function twilioMessageResource(form: Record<string, string>, sid: string): unknown {
  return {
    account_sid: 'AC00000000000000000000000000000000',
    api_version: '2010-04-01',
    body: form.Body ?? '',
    date_created: 'Thu, 24 Jul 2025 12:00:00 +0000',
    date_sent: null,
    date_updated: 'Thu, 24 Jul 2025 12:00:00 +0000',
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: form.From ?? null,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(countSegments(form.Body ?? '').segments),
    price: null,
    price_unit: 'USD',
    sid,
    status: 'queued',
    to: form.To ?? '',
    uri: `/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/${sid}.json`,
  }
}

function defaultAnswer(form: Record<string, string>, n: number): ScriptedAnswer {
  const sid = `SM${n.toString(16).padStart(32, '0')}`
  return { kind: 'json', status: 201, body: twilioMessageResource(form, sid) }
}
