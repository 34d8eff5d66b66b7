import { createHash, timingSafeEqual } from 'node:crypto'
import type { ApiKeyRecord } from '../store/api-keys.ts'
import {
  countVerificationsSince,
  insertVerification,
  latestVerification,
  recordVerificationAttempt,
} from '../store/verifications.ts'
import { acceptMessage, type AcceptDeps, type AcceptRefusalCode } from './accept-message.ts'
import { checkDestination } from './check-destination.ts'
import { refuse, type Refusal } from './refusal.ts'
import type { SecretBodies } from './secret-bodies.ts'

/** Rules of one-time codes: 6 digits, 10 minutes, 5 attempts, 5 codes per number per hour. */
export const VERIFICATION_POLICY = {
  digits: 6,
  lifetimeMs: 10 * 60_000,
  maxAttempts: 5,
  maxSendsPerHour: 5,
} as const

const hashCode = (verificationId: string, code: string) =>
  createHash('sha256').update(`${verificationId}:${code}`).digest('hex')

export interface VerificationStarted {
  id: string
  to: string
  program: string
  status: 'pending'
  expiresAt: string
  messageId: string
}

export type StartRefusal = AcceptRefusalCode | 'verification_rate_limited'

/**
 * Sends a 6-digit one-time code from a verification template. Only the
 * code's hash is stored; the text itself is held in memory until sent.
 * A new code for the same number and program replaces the previous one.
 * @example await startVerification(deps, { to: '+12505550123', program: 'general' }, apiKey)
 */
export async function startVerification(
  deps: AcceptDeps & { secretBodies: SecretBodies },
  request: {
    to: string
    program: string
    template?: string | undefined
    language?: string | undefined
  },
  apiKey: ApiKeyRecord,
): Promise<{ ok: true; verification: VerificationStarted } | Refusal<StartRefusal>> {
  const destination = checkDestination(deps.config, request.to)
  if (!destination.ok) return destination
  const now = deps.clock.now()
  const recent = await countVerificationsSince(deps.store.db, destination.e164, now - 3_600_000)
  if (recent >= VERIFICATION_POLICY.maxSendsPerHour) {
    return refuse(
      'verification_rate_limited',
      `at most ${VERIFICATION_POLICY.maxSendsPerHour} codes per number per hour`,
    )
  }
  const code = (deps.random.bytes(4).readUInt32BE() % 10 ** VERIFICATION_POLICY.digits)
    .toString()
    .padStart(VERIFICATION_POLICY.digits, '0')
  const accepted = await acceptMessage(
    deps,
    {
      to: destination.e164,
      template: request.template ?? 'verification_code',
      language: request.language,
      personalisation: { code },
      program: request.program,
      priority: 'high', // a person is waiting for it
    },
    { apiKey, purpose: 'verification', secretValues: ['code'], heldBy: deps.secretBodies.holder },
  )
  if (!accepted.ok) return accepted
  const id = deps.random.id()
  const expiresAt = now + VERIFICATION_POLICY.lifetimeMs
  if (accepted.secretBody)
    deps.secretBodies.hold(accepted.message.id, accepted.secretBody, expiresAt)
  await insertVerification(deps.store.db, {
    id,
    phone: destination.e164,
    program: request.program,
    codeHash: hashCode(id, code),
    messageId: accepted.message.id,
    apiKeyId: apiKey.id,
    createdAt: now,
    expiresAt,
  })
  return {
    ok: true,
    verification: {
      id,
      to: destination.e164,
      program: request.program,
      status: 'pending',
      expiresAt: new Date(expiresAt).toISOString(),
      messageId: accepted.message.id,
    },
  }
}

export type CheckOutcome =
  | { status: 'approved' }
  | { status: 'incorrect'; attemptsLeft: number }
  | { status: 'expired' | 'too_many_attempts' | 'not_found' }

/**
 * Checks a code against the number's latest verification: approved once,
 * at most 5 attempts, and never after 10 minutes.
 */
export async function checkVerification(
  deps: Pick<AcceptDeps, 'config' | 'store' | 'clock'>,
  request: { to: string; program: string; code: string },
): Promise<CheckOutcome | Refusal<'invalid_number' | 'destination_not_allowed'>> {
  const destination = checkDestination(deps.config, request.to)
  if (!destination.ok) return destination
  const v = await latestVerification(deps.store.db, destination.e164, request.program)
  if (!v || v.status === 'superseded' || v.status === 'approved') return { status: 'not_found' }
  if (v.status === 'failed') return { status: 'too_many_attempts' }
  if (v.status === 'expired' || deps.clock.now() > v.expiresAt) {
    if (v.status === 'pending') await recordVerificationAttempt(deps.store.db, v.id, 'expired')
    return { status: 'expired' }
  }
  const given = Buffer.from(hashCode(v.id, request.code.trim()), 'hex')
  const right = timingSafeEqual(given, Buffer.from(v.codeHash, 'hex'))
  const attempts = v.attempts + 1
  const next = right
    ? 'approved'
    : attempts >= VERIFICATION_POLICY.maxAttempts
      ? 'failed'
      : 'pending'
  const counted = await recordVerificationAttempt(deps.store.db, v.id, next)
  if (!counted) return { status: 'not_found' } // another check settled it first
  if (right) return { status: 'approved' }
  if (next === 'failed') return { status: 'too_many_attempts' }
  return { status: 'incorrect', attemptsLeft: VERIFICATION_POLICY.maxAttempts - attempts }
}
