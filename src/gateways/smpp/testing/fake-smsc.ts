import smpp from 'smpp'
import type { Pdu, Session } from 'smpp'
import type { AddressInfo } from 'node:net'

/** How the fake SMSC writes a message id (REFERENCE.md, SMPP: ids change base or padding). */
export type IdFormat = 'decimal' | 'hex' | 'hex-padded' | 'decimal-padded'

export interface FakeSmscOptions {
  systemId: string
  password: string
  /** The first message id's value; ids count up from it. Default 0xA1F (2591). */
  firstId?: number
  responseIdFormat?: IdFormat
  receiptIdFormat?: IdFormat
  /** Where receipts carry the id: text `id:`, the receipted_message_id TLV, or both. */
  receiptIdIn?: 'text' | 'tlv' | 'both'
  /** Delay before each delivery receipt; null = no automatic receipts. Default 20 ms. */
  receiptDelayMs?: number | null
  receiptStat?: string
  /**
   * Keep each receipt until its deliver_sm_resp, and send it again on the next bind when the
   * session ends first, as an SMSC stores receipts for an ESME that is away (a crash test needs
   * it). Default false: a receipt for a session that has gone is dropped.
   */
  redeliverReceipts?: boolean
}

/** A submit_sm as the fake SMSC received it, decoded by the smpp package. */
export interface RecordedSubmit {
  sourceAddr: string
  sourceTon: number
  sourceNpi: number
  destAddr: string
  destTon: number
  destNpi: number
  esmClass: number
  dataCoding: number
  registeredDelivery: number
  /** UDH information elements, e.g. [00 03 ref total seq]. */
  udh: Buffer[]
  text: string
  /** The id answered, or undefined when the submit was refused. */
  messageId: string | undefined
  receivedAt: number
}

export interface MoOptions {
  from: string
  to: string
  text: string
  dataCoding?: 0 | 8
  udh?: Buffer
}

/**
 * An in-process SMSC on 127.0.0.1 (port 0) built on the smpp package's server, for tests.
 * @example const smsc = await startFakeSmsc({ systemId: 'parley', password: 'secret' })
 */
export async function startFakeSmsc(options: FakeSmscOptions) {
  const submits: RecordedSubmit[] = []
  const bound = new Set<Session>()
  const timers = new Set<NodeJS.Timeout>()
  const held: (() => void)[] = []
  /** Receipts for no bound session yet, and receipts sent but not yet acknowledged, by session. */
  const undelivered: Record<string, unknown>[] = []
  const unacked = new Map<Session, Set<Record<string, unknown>>>()
  let nextId = options.firstId ?? 0xa1f
  let throttleLeft = 0
  let throttleStatus = 0x58
  let bindRefusal: number | undefined
  let holding = false
  let answerEnquireLinks = true
  /** The command_status of each deliver_sm_resp to a mobile-originated text, in arrival order. */
  const moAnswers: number[] = []
  const stats = {
    bindAttempts: 0,
    binds: 0,
    outstanding: 0,
    maxOutstanding: 0,
    enquireLinks: 0,
    deliverAcks: 0,
  }

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, ms)
    timers.add(timer)
  }

  function onSubmit(session: Session, pdu: Pdu): void {
    stats.maxOutstanding = Math.max(stats.maxOutstanding, ++stats.outstanding)
    const { message, udh } = (pdu.short_message ?? {}) as { message?: unknown; udh?: Buffer[] }
    const record: RecordedSubmit = {
      sourceAddr: pdu.source_addr ?? '',
      sourceTon: pdu.source_addr_ton ?? 0,
      sourceNpi: pdu.source_addr_npi ?? 0,
      destAddr: pdu.destination_addr ?? '',
      destTon: pdu.dest_addr_ton ?? 0,
      destNpi: pdu.dest_addr_npi ?? 0,
      esmClass: pdu.esm_class ?? 0,
      dataCoding: pdu.data_coding ?? 0,
      registeredDelivery: pdu.registered_delivery ?? 0,
      udh: udh ?? [],
      text: typeof message === 'string' ? message : '',
      messageId: undefined,
      receivedAt: performance.now(),
    }
    submits.push(record)
    const respond = (): void => {
      stats.outstanding--
      if (throttleLeft > 0) {
        throttleLeft--
        session.send(pdu.response({ command_status: throttleStatus }))
        return
      }
      const value = nextId++
      record.messageId = formatId(value, options.responseIdFormat ?? 'hex')
      session.send(pdu.response({ message_id: record.messageId }))
      if (record.registeredDelivery !== 0 && options.receiptDelayMs !== null) {
        later(options.receiptDelayMs ?? 20, () => sendReceipt(session, record, value))
      }
    }
    if (holding) held.push(respond)
    else respond()
  }

  function sendReceipt(
    session: Session,
    submit: RecordedSubmit,
    value: number,
    stat = options.receiptStat ?? 'DELIVRD',
  ): void {
    const id = formatId(value, options.receiptIdFormat ?? 'decimal')
    const where = options.receiptIdIn ?? 'text'
    const text = `${where === 'tlv' ? '' : `id:${id} `}sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2501011200 done date:2501011201 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:${submit.text.slice(0, 20)}`
    const fields = {
      source_addr: submit.destAddr,
      source_addr_ton: submit.destTon,
      destination_addr: submit.sourceAddr,
      esm_class: 0x04,
      data_coding: 0,
      short_message: text,
      ...(where === 'text' ? {} : { receipted_message_id: id }),
    }
    if (options.redeliverReceipts === true) deliverKept(session, fields)
    else session.deliver_sm(fields, () => stats.deliverAcks++)
  }

  /** Sends a receipt to `session` if still bound, else to any bound session, else keeps it. */
  function deliverKept(session: Session | undefined, fields: Record<string, unknown>): void {
    const target = session !== undefined && bound.has(session) ? session : [...bound][0]
    if (target === undefined) {
      undelivered.push(fields)
      return
    }
    const waiting = unacked.get(target) ?? new Set()
    unacked.set(target, waiting)
    waiting.add(fields)
    const written = target.deliver_sm({ ...fields }, () => {
      stats.deliverAcks++
      waiting.delete(fields)
    })
    if (!written) {
      waiting.delete(fields)
      undelivered.push(fields)
    }
  }

  /** A session ended: its unacknowledged receipts wait for the next bind. */
  function sessionGone(session: Session): void {
    bound.delete(session)
    undelivered.push(...(unacked.get(session) ?? []))
    unacked.delete(session)
    const next = [...bound][0]
    if (next !== undefined) for (const fields of undelivered.splice(0)) deliverKept(next, fields)
  }

  const server = smpp.createServer((session) => {
    session.on('error', () => undefined)
    session.on('close', () => sessionGone(session))
    session.on('bind_transceiver', (pdu: Pdu) => {
      stats.bindAttempts++
      const ok = pdu.system_id === options.systemId && pdu.password === options.password
      const status = bindRefusal ?? (ok ? 0 : 0x0e) // ESME_RINVPASWD
      session.send(pdu.response({ command_status: status, system_id: 'FAKESMSC' }))
      if (status !== 0) return
      stats.binds++
      bound.add(session)
      for (const fields of undelivered.splice(0)) deliverKept(session, fields)
    })
    session.on('submit_sm', (pdu: Pdu) => onSubmit(session, pdu))
    session.on('enquire_link', (pdu: Pdu) => {
      stats.enquireLinks++
      if (answerEnquireLinks) session.send(pdu.response())
    })
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response())
      session.close()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  function firstBound(): Session {
    const [session] = bound
    if (session === undefined) throw new Error('no bound session')
    return session
  }

  return {
    port,
    submits,
    stats,
    /** Answers the next `count` submits with `status` (ESME_RTHROTTLED by default). */
    throttleNext(count: number, status = 0x58) {
      throttleLeft = count
      throttleStatus = status
    },
    /** Refuses every bind with `status` (ESME_RBINDFAIL by default) until acceptBinds. */
    refuseBinds(status = 0x0d) {
      bindRefusal = status
    },
    acceptBinds() {
      bindRefusal = undefined
    },
    /** Stops answering enquire_link, as a half-dead link does (true) or resumes (false). */
    ignoreEnquireLinks(ignore: boolean) {
      answerEnquireLinks = !ignore
    },
    /** Holds every submit_sm_resp until releaseResponses. */
    holdResponses() {
      holding = true
    },
    releaseResponses() {
      holding = false
      for (const respond of held.splice(0)) respond()
    },
    dropConnections() {
      for (const session of [...server.sessions]) session.destroy()
    },
    /** A receipt for an earlier submit, on demand (any stat). */
    sendReceiptFor(submit: RecordedSubmit, stat: string) {
      const value = Number.parseInt(
        submit.messageId ?? '',
        (options.responseIdFormat ?? 'hex').startsWith('hex') ? 16 : 10,
      )
      sendReceipt(firstBound(), submit, value, stat)
    },
    /** A mobile-originated deliver_sm from `from` to `to`. */
    sendMo(mo: MoOptions) {
      firstBound().deliver_sm(
        {
          source_addr_ton: mo.from.startsWith('+') ? 1 : 0,
          source_addr_npi: 1,
          source_addr: mo.from.replace(/^\+/, ''),
          destination_addr: mo.to,
          esm_class: 0,
          data_coding: mo.dataCoding ?? 0,
          short_message: mo.udh === undefined ? mo.text : { udh: mo.udh, message: mo.text },
        },
        (resp) => {
          stats.deliverAcks++
          moAnswers.push(resp.command_status)
        },
      )
    },
    moAnswers,
    get boundSessions() {
      return bound.size
    },
    async close() {
      for (const timer of timers) clearTimeout(timer)
      for (const session of [...server.sessions]) session.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type FakeSmsc = Awaited<ReturnType<typeof startFakeSmsc>>

function formatId(value: number, format: IdFormat): string {
  switch (format) {
    case 'decimal':
      return value.toString(10)
    case 'decimal-padded':
      return value.toString(10).padStart(10, '0')
    case 'hex':
      return value.toString(16)
    case 'hex-padded':
      return value.toString(16).toUpperCase().padStart(8, '0')
  }
}
