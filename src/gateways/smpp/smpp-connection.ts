import smpp from 'smpp'
import type { Pdu, Session } from 'smpp'
import type { Clock, GatewayHealth, GatewayLogger } from '../gateway.ts'

export interface SmppConnectionConfig {
  name: string
  host: string
  port: number
  systemId: string
  password: string
  systemType?: string
  enquireLinkMs: number
  rebind: { initialMs: number; maxMs: number }
  /** How long to wait for bind_resp (and for unbind_resp on stop). */
  bindTimeoutMs: number
}

export interface SmppConnectionHandlers {
  /** The bind is gone (socket closed, link dead, unbound by the SMSC). */
  onLost(reason: string): void
  onDeliverSm(pdu: Pdu, session: Session): void
}

export interface SmppConnection {
  /** Connects; resolves when the first bind attempt succeeded or failed (it never rejects). */
  start(): Promise<void>
  stop(): Promise<void>
  /** The bound session, or undefined while not bound. */
  bound(): Session | undefined
  /** Drops the bind (the SMSC said we are not bound); the usual rebind follows. */
  rebindNow(reason: string): void
  health(): GatewayHealth
}

/**
 * One transceiver bind kept alive: bind_transceiver, enquire_link every `enquireLinkMs` (a
 * missing enquire_link_resp by the next tick means the link is dead), and automatic rebind with
 * capped exponential back-off and jitter whenever the socket drops or the bind is refused
 * (REFERENCE.md, SMPP: "enquire_link to keep the bind alive; rebind on loss").
 * @example const connection = createSmppConnection(config, { clock, logger, random: Math.random }, handlers)
 */
export function createSmppConnection(
  config: SmppConnectionConfig,
  deps: { clock: Clock; logger: GatewayLogger; random: () => number },
  handlers: SmppConnectionHandlers,
): SmppConnection {
  const { logger } = deps
  let current: Session | undefined
  let isBound = false
  let stopped = true
  let failures = 0
  let rebindTimer: NodeJS.Timeout | undefined
  let bindTimer: NodeJS.Timeout | undefined
  let enquireTimer: NodeJS.Timeout | undefined
  let firstOutcome: (() => void) | undefined
  let health: GatewayHealth = { state: 'down', detail: 'not started', since: deps.clock.now() }

  function setHealth(state: GatewayHealth['state'], detail?: string): void {
    const since = health.state === state ? health.since : deps.clock.now()
    health = detail === undefined ? { state, since } : { state, detail, since }
  }

  function clearTimers(): void {
    clearTimeout(bindTimer)
    clearInterval(enquireTimer)
    bindTimer = undefined
    enquireTimer = undefined
  }

  function connect(): void {
    rebindTimer = undefined
    setHealth('connecting', `binding to ${config.host}:${config.port}`)
    const session = smpp.connect({ host: config.host, port: config.port })
    current = session
    let lastProblem = 'connection closed'
    // Covers both the TCP connect and the bind: a black-holed host must not hang us.
    bindTimer = setTimeout(() => {
      lastProblem = `not bound within ${config.bindTimeoutMs} ms`
      session.destroy()
    }, config.bindTimeoutMs)
    session.on('error', (err: Error) => {
      lastProblem = err.message
      logger.warn({ gateway: config.name, err: err.message }, 'smpp socket error')
    })
    session.on('connect', () => {
      session.bind_transceiver(
        {
          system_id: config.systemId,
          password: config.password,
          system_type: config.systemType ?? '',
          interface_version: 0x34,
        },
        (pdu) => {
          clearTimeout(bindTimer)
          if (pdu.command_status !== 0) {
            lastProblem = `bind refused (command_status 0x${pdu.command_status.toString(16)})`
            logger.error({ gateway: config.name, status: pdu.command_status }, 'smpp bind refused')
            session.destroy()
            return
          }
          isBound = true
          failures = 0
          setHealth('up')
          settleStart()
          logger.info({ gateway: config.name }, 'smpp bound as transceiver')
          startEnquireLink(session)
        },
      )
    })
    session.on('deliver_sm', (pdu: Pdu) => handlers.onDeliverSm(pdu, session))
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()))
    session.on('unbind', (pdu: Pdu) => {
      lastProblem = 'unbound by the SMSC'
      session.send(pdu.response())
      session.close()
    })
    session.on('close', () => {
      if (current !== session) return
      current = undefined
      const wasBound = isBound
      isBound = false
      clearTimers()
      if (wasBound) handlers.onLost(lastProblem)
      if (!stopped) scheduleRebind(lastProblem)
      settleStart()
    })
  }

  function settleStart(): void {
    firstOutcome?.()
    firstOutcome = undefined
  }

  function startEnquireLink(session: Session): void {
    let awaiting = false
    enquireTimer = setInterval(() => {
      if (awaiting) {
        logger.warn({ gateway: config.name }, 'no enquire_link_resp: link considered dead')
        session.destroy()
        return
      }
      awaiting = true
      session.enquire_link({}, () => {
        awaiting = false
      })
    }, config.enquireLinkMs)
  }

  function scheduleRebind(reason: string): void {
    const ceiling = Math.min(config.rebind.maxMs, config.rebind.initialMs * 2 ** failures)
    failures++
    // Equal jitter: binds that dropped together do not all come back at the same instant.
    const delay = Math.round(ceiling / 2 + (deps.random() * ceiling) / 2)
    setHealth('down', `${reason}; rebinding in ${delay} ms`)
    rebindTimer = setTimeout(connect, delay)
  }

  return {
    start() {
      if (!stopped) return Promise.resolve()
      stopped = false
      return new Promise<void>((resolve) => {
        firstOutcome = resolve
        connect()
      })
    },
    async stop() {
      stopped = true
      clearTimeout(rebindTimer)
      rebindTimer = undefined
      clearTimers()
      settleStart()
      const session = current
      if (session !== undefined) await closeSession(session, isBound, config.bindTimeoutMs)
      current = undefined
      isBound = false
      setHealth('down', 'stopped')
    },
    bound: () => (isBound ? current : undefined),
    rebindNow(reason) {
      logger.warn({ gateway: config.name, reason }, 'smpp rebind requested')
      current?.destroy()
    },
    health: () => health,
  }
}

/** Unbinds politely when bound, then closes; never waits more than `timeoutMs`. */
function closeSession(session: Session, bound: boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (session.socket.destroyed) {
      resolve()
      return
    }
    const timer = setTimeout(() => session.destroy(), timeoutMs)
    session.socket.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
    if (!bound || !session.unbind({}, () => session.destroy())) session.destroy()
  })
}
