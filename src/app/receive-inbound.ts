import type { InboundSms } from '../gateways/gateway.ts'
import {
  processInboundTexts,
  type InboundDeps,
  type InboundOutcome,
} from './process-inbound-texts.ts'

export type { InboundDeps, InboundOutcome } from './process-inbound-texts.ts'

/**
 * A citizen's text processed at once, without the intake's staging (tests, tools): the same
 * steps as the inbound worker's (processInboundTexts), for one text. A carrier's repeat of a
 * text stored before is recognised by its carrier id. Throws when processing failed.
 * @example await receiveInbound(deps, 'sandbox', { carrierId: 'SB1', from, to, body: 'STOP', receivedAt })
 * // { kind: 'keyword', intent: 'opt_out', language: 'en', replyId: '…', closed: [] }
 */
export async function receiveInbound(
  deps: InboundDeps,
  trunk: string,
  sms: InboundSms,
): Promise<InboundOutcome> {
  const id = deps.random.id()
  const staged = {
    id,
    trunk,
    carrierId: sms.carrierId,
    from: sms.from,
    to: sms.to,
    body: sms.body,
    receivedAt: sms.receivedAt,
    attempts: 0,
  }
  const result = (await processInboundTexts(deps, [staged], undefined)).get(id)
  if (result === undefined || result.kind === 'skipped') throw new Error('inbound text not tried')
  if (result.kind === 'failed') throw result.error
  return result
}
