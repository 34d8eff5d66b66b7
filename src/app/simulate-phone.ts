import type { Config, SandboxTrunkConfig, SenderConfig } from '../config/schema.ts'
import type { MessageStatus } from '../domain/outbox/message-status.ts'
import { parsePhone } from '../domain/phone/parse-phone.ts'
import type { SandboxGateway } from '../gateways/sandbox/sandbox-gateway.ts'
import type { Store } from '../store/connect.ts'
import { listPhoneThread } from '../store/phone-thread.ts'
import type { Gateways } from './create-gateways.ts'
import { ourSenderNumber, regionOf } from './inspect-text.ts'
import type { Clock } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

export interface PhoneSimulatorDeps {
  config: Config
  store: Store
  clock: Clock
  gateways: Pick<Gateways, 'sandbox' | 'trunkForSender'>
}

type NotEnabled = Refusal<'sandbox_not_enabled'>

export interface SandboxNumbers {
  trunk: string
  deliveryDelayMs: number
  /** Our numbers a simulated phone can text: those whose texts the sandbox carries. */
  numbers: { number: string; label: string | undefined; programs: { id: string; name: string }[] }[]
  /** Phones the sandbox treats specially, so a tester can pick a failure to watch. */
  special: { failTemporary: string[]; failPermanent: string[]; rejectAtSubmit: string[] }
}

/** One text in a simulated phone's thread, from the phone's side. */
export interface PhoneText {
  id: string
  /** sent = the phone texted us; received = we texted the phone. */
  direction: 'sent' | 'received'
  from: string
  to: string
  body: string
  program: string | undefined
  /** Why we sent it: regular, opt_out_confirmation, help_reply, conversation_reply… */
  purpose: string | undefined
  status: MessageStatus
  errorCode: string | undefined
  segments: number
  encoding: string
  at: string
  /** For received texts: queued, sent, delivered… with the receipts' times. */
  history: { status: MessageStatus; at: string; detail: Record<string, unknown> | undefined }[]
}

/**
 * The sandbox carrier's numbers for the phone simulator's pickers: our numbers it carries, with
 * their programs, and its special phones (failing temporarily, out of service, refused).
 * @example sandboxNumbers(app) // { ok: true, trunk: 'sandbox', numbers: [{ number: '+12505550199', … }], special: { … } }
 */
export function sandboxNumbers(
  deps: Pick<PhoneSimulatorDeps, 'config' | 'gateways'>,
): ({ ok: true } & SandboxNumbers) | NotEnabled {
  const sandbox = enabledSandbox(deps)
  if (!sandbox.ok) return sandbox
  const trunk = deps.config.trunks[sandbox.gateway.name] as SandboxTrunkConfig | undefined
  return {
    ok: true,
    trunk: sandbox.gateway.name,
    deliveryDelayMs: trunk?.deliveryDelayMs ?? 0,
    numbers: carriedSenders(deps, sandbox.gateway).map((s) => ({
      number: s.number,
      label: s.label,
      programs: deps.config.programs
        .filter((p) => p.sender === s.number)
        .map((p) => ({ id: p.id, name: p.name })),
    })),
    special: {
      failTemporary: [...(trunk?.failTemporary ?? [])],
      failPermanent: [...(trunk?.failPermanent ?? [])],
      rejectAtSubmit: [...(trunk?.rejectAtSubmit ?? [])],
    },
  }
}

/**
 * A simulated phone texts one of our numbers. The text goes through the sandbox carrier's
 * inbound listeners, so the normal inbound path handles it (keywords, surveys, conversations);
 * that happens after this returns.
 * @example await textFromPhone(app, '250-555-0123', { to: '+12505550199', body: 'STOP' }) // { ok: true, carrierId: 'SBMO…', from: '+12505550123', … }
 */
export function textFromPhone(
  deps: Pick<PhoneSimulatorDeps, 'config' | 'gateways'>,
  rawPhone: string,
  text: { to: string; body: string },
):
  | { ok: true; carrierId: string; from: string; to: string; body: string; at: number }
  | Refusal<'sandbox_not_enabled' | 'invalid_number' | 'unknown_sender'> {
  const sandbox = enabledSandbox(deps)
  if (!sandbox.ok) return sandbox
  const phone = simulatedPhone(deps.config, rawPhone)
  if (!phone.ok) return phone
  const carried = carriedSenders(deps, sandbox.gateway).map((s) => s.number)
  const to = ourSenderNumber(deps.config, text.to)
  if (to === undefined || !carried.includes(to))
    return refuse(
      'unknown_sender',
      `${text.to} is not one of our numbers that the sandbox carries (${carried.join(', ')})`,
      { field: 'to', known: carried },
    )
  const sms = sandbox.gateway.simulateInbound({ from: phone.e164, to, body: text.body })
  return {
    ok: true,
    carrierId: sms.carrierId,
    from: sms.from,
    to,
    body: sms.body,
    at: sms.receivedAt,
  }
}

/**
 * A simulated phone's thread as stored: what it sent us and what we sent it through the
 * sandbox, oldest first, with each text's status history (delivery receipts). Texts the phone
 * sent read as Parley stored them: masked where screening masks.
 * @example await readPhoneThread(app, '+12505550123') // { ok: true, phone: '+12505550123', texts: [{ direction: 'sent', body: 'STOP', … }, { direction: 'received', status: 'delivered', … }] }
 */
export async function readPhoneThread(
  deps: PhoneSimulatorDeps,
  rawPhone: string,
  limit = 100,
): Promise<
  | { ok: true; phone: string; texts: PhoneText[] }
  | Refusal<'sandbox_not_enabled' | 'invalid_number'>
> {
  const sandbox = enabledSandbox(deps)
  if (!sandbox.ok) return sandbox
  const phone = simulatedPhone(deps.config, rawPhone)
  if (!phone.ok) return phone
  const thread = await listPhoneThread(deps.store.db, {
    phone: phone.e164,
    trunk: sandbox.gateway.name,
    ourNumbers: carriedSenders(deps, sandbox.gateway).map((s) => s.number),
    limit,
  })
  return {
    ok: true,
    phone: phone.e164,
    texts: thread.map(({ message: m, history }) => ({
      id: m.id,
      direction: m.direction === 'inbound' ? 'sent' : 'received',
      from: m.from,
      to: m.to,
      body: m.body,
      program: m.program,
      purpose: m.direction === 'outbound' ? m.purpose : undefined,
      status: m.status,
      errorCode: m.errorCode,
      segments: m.segments,
      encoding: m.encoding,
      at: iso(m.createdAt),
      history: history.map((h) => ({ status: h.status, at: iso(h.occurredAt), detail: h.detail })),
    })),
  }
}

function enabledSandbox(
  deps: Pick<PhoneSimulatorDeps, 'gateways'>,
): { ok: true; gateway: SandboxGateway } | NotEnabled {
  const gateway = deps.gateways.sandbox
  return gateway
    ? { ok: true, gateway }
    : refuse('sandbox_not_enabled', 'no sandbox trunk is configured and enabled')
}

function carriedSenders(
  deps: Pick<PhoneSimulatorDeps, 'config' | 'gateways'>,
  sandbox: SandboxGateway,
): SenderConfig[] {
  return deps.config.senders.filter((s) => deps.gateways.trunkForSender(s) === sandbox.name)
}

/** A phone number in any written form, normalised; never one of our own numbers. */
function simulatedPhone(
  config: Config,
  raw: string,
): { ok: true; e164: string } | Refusal<'invalid_number'> {
  const parsed = parsePhone(raw, regionOf(config))
  if (!parsed.ok) return refuse('invalid_number', parsed.message, { reason: parsed.reason })
  if (config.senders.some((s) => s.number === parsed.e164))
    return refuse('invalid_number', `${parsed.e164} is one of our own numbers, not a phone`)
  return { ok: true, e164: parsed.e164 }
}

const iso = (ms: number) => new Date(ms).toISOString()
