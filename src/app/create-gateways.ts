import type { Logger } from 'pino'
import type { Config, SenderConfig, TrunkConfig } from '../config/schema.ts'
import type { Gateway } from '../gateways/gateway.ts'
import { createSandboxGateway, type SandboxGateway } from '../gateways/sandbox/sandbox-gateway.ts'
import { createSmppGateway } from '../gateways/smpp/smpp-gateway.ts'
import { createTwilioGateway, type TwilioGateway } from '../gateways/twilio/twilio-gateway.ts'
import type { Clock, Random } from './ports.ts'

/** The running carrier trunks, by configured name. */
export interface Gateways {
  readonly all: ReadonlyMap<string, Gateway>
  /** The sandbox carrier, when one is configured (the phone simulator uses it). */
  readonly sandbox: SandboxGateway | undefined
  twilio(name: string): TwilioGateway | undefined
  /** The trunk a sender's texts go through: its own when enabled, else the default trunk. */
  trunkForSender(sender: SenderConfig | undefined): string
  start(): Promise<void>
  stop(): Promise<void>
}

/**
 * Creates one gateway per enabled trunk. A sender whose trunk is disabled
 * sends through `defaultTrunk` (the sandbox in the example), and says so in
 * the log at start, so nobody mistakes sandbox traffic for real texts.
 * @example const gateways = createGateways({ config, clock, random, logger }); await gateways.start()
 */
export function createGateways(deps: {
  config: Config
  clock: Clock
  random: Random
  logger: Logger
  fetch?: typeof fetch
}): Gateways {
  const { config, clock, logger } = deps
  const all = new Map<string, Gateway>()
  for (const trunk of Object.values(config.trunks)) {
    if (trunk.enabled) all.set(trunk.name, createGateway(trunk, deps))
  }
  const sandbox = [...all.values()].find((g): g is SandboxGateway => g.kind === 'sandbox')
  const trunkForSender = (sender: SenderConfig | undefined) =>
    sender && all.has(sender.trunk) ? sender.trunk : config.defaultTrunk

  return {
    all,
    sandbox,
    twilio: (name) => {
      const gateway = all.get(name)
      return gateway?.kind === 'twilio' ? (gateway as TwilioGateway) : undefined
    },
    trunkForSender,
    start: async () => {
      for (const sender of config.senders) {
        const used = trunkForSender(sender)
        if (used !== sender.trunk) {
          logger.warn(
            { sender: sender.number, trunk: sender.trunk, via: used },
            'trunk disabled: sender uses the default trunk',
          )
        }
      }
      await Promise.all([...all.values()].map((g) => g.start()))
      logger.info({ trunks: [...all.keys()], at: clock.now() }, 'carrier trunks started')
    },
    stop: async () => {
      await Promise.all([...all.values()].map((g) => g.stop()))
    },
  }
}

function createGateway(
  trunk: TrunkConfig,
  deps: { config: Config; clock: Clock; random: Random; logger: Logger; fetch?: typeof fetch },
): Gateway {
  const logger = deps.logger.child({ trunk: trunk.name })
  switch (trunk.type) {
    case 'sandbox':
      return createSandboxGateway(
        {
          name: trunk.name,
          deliveryDelayMs: trunk.deliveryDelayMs,
          failTemporary: trunk.failTemporary,
          failPermanent: trunk.failPermanent,
          rejectAtSubmit: trunk.rejectAtSubmit,
        },
        {
          clock: deps.clock,
          logger,
          // unique across restarts: the store keeps carrier ids (receipts, inbound repeats)
          newId: () => `SB${deps.random.id()}`,
          newInboundId: () => `SBMO${deps.random.id()}`,
        },
      )
    case 'twilio':
      return createTwilioGateway(
        {
          name: trunk.name,
          accountSid: trunk.accountSid,
          authToken: deps.config.secrets[trunk.authTokenEnv] ?? '',
          baseUrl: trunk.baseUrl,
          statusCallbackUrl: `${deps.config.server.publicUrl}/webhooks/twilio/${trunk.name}/status`,
          timeoutMs: trunk.timeoutMs,
        },
        { fetch: deps.fetch ?? fetch, clock: deps.clock, logger },
      )
    case 'smpp':
      return createSmppGateway(
        {
          name: trunk.name,
          host: trunk.host,
          port: trunk.port,
          systemId: trunk.systemId,
          password: deps.config.secrets[trunk.passwordEnv] ?? '',
          systemType: trunk.systemType,
          window: trunk.window,
          enquireLinkMs: trunk.enquireLinkMs,
          rebind: { initialMs: trunk.rebindInitialMs, maxMs: trunk.rebindMaxMs },
          throttleBackoffMs: trunk.throttleBackoffMs,
          submitTimeoutMs: trunk.submitTimeoutMs,
          receiptIdBase: trunk.receiptIdBase,
        },
        { clock: deps.clock, logger },
      )
  }
}
