import type { Config, TrunkConfig } from '../config/schema.ts'
import type { TrunkBreaker } from '../domain/outbox/trunk-breaker.ts'
import type { GatewayHealth } from '../gateways/gateway.ts'
import type { Gateways } from './create-gateways.ts'
import type { Clock } from './ports.ts'

export type BreakerState = 'closed' | 'open' | 'half_open'

export interface TrunkView {
  name: string
  type: TrunkConfig['type']
  enabled: boolean
  /** Senders whose trunk is disabled send through the default trunk. */
  isDefault: boolean
  /** Senders configured on this trunk. */
  senders: { number: string; label: string | undefined }[]
  /** Senders whose texts go through this trunk now (its own when enabled, plus the default's). */
  carries: string[]
  /** Programs that fail over to this trunk while their sender's trunk is failing. */
  failoverFor: string[]
  /** Live: an SMPP bind's state, Twilio and the sandbox are up once started; disabled when off. */
  health: { state: GatewayHealth['state']; detail: string | undefined; since: string | undefined }
  /** This process's circuit breaker for the trunk (decision 0004). */
  breaker: { state: BreakerState; failures: number; openUntil: string | undefined }
  /** Non-secret settings; a secret is only named by its environment variable (`secretEnv`). */
  settings: Record<string, string | number | boolean | string[]>
}

/**
 * The configured trunks with their live state, read from the running gateways and the
 * dispatcher's breakers. Never includes a secret: only the name of the variable holding it.
 * @example const [sandbox] = await readTrunks(app) // { name: 'sandbox', health: { state: 'up', … }, breaker: { state: 'closed', … }, … }
 */
export function readTrunks(deps: {
  config: Config
  gateways: Gateways
  dispatcher: { breaker(trunk: string): TrunkBreaker }
  clock: Clock
}): TrunkView[] {
  const { config, gateways } = deps
  const now = deps.clock.now()
  return Object.values(config.trunks).map((trunk) => {
    const gateway = gateways.all.get(trunk.name)
    const health: GatewayHealth | undefined = gateway?.health()
    const breaker = deps.dispatcher.breaker(trunk.name)
    return {
      name: trunk.name,
      type: trunk.type,
      enabled: trunk.enabled,
      isDefault: trunk.name === config.defaultTrunk,
      senders: config.senders
        .filter((s) => s.trunk === trunk.name)
        .map((s) => ({ number: s.number, label: s.label })),
      carries: config.senders
        .filter((s) => gateways.trunkForSender(s) === trunk.name && gateway !== undefined)
        .map((s) => s.number),
      failoverFor: config.programs.filter((p) => p.failoverTrunk === trunk.name).map((p) => p.id),
      health: health
        ? { state: health.state, detail: health.detail, since: iso(health.since) }
        : { state: 'disabled', detail: 'not enabled in the configuration', since: undefined },
      breaker: {
        state: breakerState(breaker, now),
        failures: breaker.failures,
        openUntil: breaker.openUntil === undefined ? undefined : iso(breaker.openUntil),
      },
      settings: settingsOf(trunk),
    }
  })
}

function breakerState(breaker: TrunkBreaker, now: number): BreakerState {
  if (breaker.openUntil === undefined) return 'closed'
  return now < breaker.openUntil ? 'open' : 'half_open'
}

/** An allow-list per type, so a setting added later is never shown by accident. */
function settingsOf(trunk: TrunkConfig): TrunkView['settings'] {
  switch (trunk.type) {
    case 'sandbox':
      return {
        deliveryDelayMs: trunk.deliveryDelayMs,
        failTemporary: [...trunk.failTemporary],
        failPermanent: [...trunk.failPermanent],
        rejectAtSubmit: [...trunk.rejectAtSubmit],
      }
    case 'twilio':
      return { baseUrl: trunk.baseUrl, timeoutMs: trunk.timeoutMs, secretEnv: trunk.authTokenEnv }
    case 'smpp':
      return {
        host: trunk.host,
        port: trunk.port,
        systemId: trunk.systemId,
        window: trunk.window,
        enquireLinkMs: trunk.enquireLinkMs,
        secretEnv: trunk.passwordEnv,
      }
  }
}

const iso = (ms: number) => new Date(ms).toISOString()
