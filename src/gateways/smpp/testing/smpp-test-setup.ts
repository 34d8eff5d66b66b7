import { afterEach } from 'node:test'
import type { InboundSms, Receipt } from '../../gateway.ts'
import { createSmppGateway, type SmppGateway, type SmppGatewayConfig } from '../smpp-gateway.ts'
import { startFakeSmsc, type FakeSmsc, type FakeSmscOptions } from './fake-smsc.ts'

export { waitFor } from '../../testing/wait-for.ts'

export interface SmppRig {
  smsc: FakeSmsc
  gateway: SmppGateway
  receipts: Receipt[]
  inbound: InboundSms[]
}

const cleanups: (() => Promise<void>)[] = []

/** Registers the after-each cleanup for a test file; call once at top level. */
export function cleanUpSmppRigs(): void {
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
}

/**
 * A fake SMSC and a started SMPP gateway bound to it, both closed after the test.
 * @example const { smsc, gateway } = await smppRig({ window: 3 })
 */
export async function smppRig(
  config: Partial<SmppGatewayConfig> = {},
  smscOptions: Partial<FakeSmscOptions> = {},
): Promise<SmppRig> {
  const smsc = await startFakeSmsc({ systemId: 'parley', password: 's3cret', ...smscOptions })
  cleanups.push(() => smsc.close())
  const gateway = createSmppGateway(
    {
      name: 'smpp-test',
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'parley',
      password: 's3cret',
      window: 10,
      enquireLinkMs: 5000,
      rebind: { initialMs: 20, maxMs: 200 },
      throttleBackoffMs: 100,
      submitTimeoutMs: 2000,
      ...config,
    },
    { clock: { now: () => Date.now() }, random: () => 1 },
  )
  cleanups.push(() => gateway.stop())
  const receipts: Receipt[] = []
  const inbound: InboundSms[] = []
  gateway.onReceipt((r) => receipts.push(r))
  gateway.onInbound((m) => inbound.push(m))
  await gateway.start()
  return { smsc, gateway, receipts, inbound }
}
