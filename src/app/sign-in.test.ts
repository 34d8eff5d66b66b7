import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { addTestUser, manualClock, TEST_PASSWORD } from '../../test/support/people.ts'
import { loadConfig } from '../config/load-config.ts'
import { listAuditEvents } from '../store/audit-events.ts'
import { findSession } from '../store/sessions.ts'
import { findUserById, updatePasswordHash } from '../store/users.ts'
import { disableUser } from './manage-users.ts'
import { hashPassword } from './password-hash.ts'
import { systemRandom } from './ports.ts'
import { authenticateSession, SESSION_TTL_MS, signIn, signOut } from './sign-in.ts'

const config = loadConfig({ env: {} })
const minute = 60_000

forEachDialect('sign-in and sessions', (ctx) => {
  const clock = manualClock()
  const deps = () => ({ config, store: ctx.store, clock, random: systemRandom })

  /** The audit event of this action about this user (events in one millisecond may come in any order). */
  async function audited(userId: string, action: string) {
    const events = await listAuditEvents(ctx.store.db, { subject: `user:${userId}` })
    return events.find((e) => e.action === action)
  }

  async function signedIn(username: string): Promise<string> {
    const result = await signIn(deps(), { username, password: TEST_PASSWORD })
    if (!result.ok) throw new Error(result.message)
    return result.token
  }

  it('opens a session for the right password: a ps_ token whose SHA-256 alone is stored', async () => {
    const user = await addTestUser(deps(), { username: 'ana' })
    const result = await signIn(
      deps(),
      { username: ' ANA ', password: TEST_PASSWORD },
      { ip: '10.0.0.7' },
    )
    assert.ok(result.ok)
    assert.match(result.token, /^ps_[A-Za-z0-9_-]{43}$/)
    assert.equal(result.user.id, user.id)
    assert.equal(result.expiresAt, clock.now() + 12 * 60 * minute)
    const hash = createHash('sha256').update(result.token).digest('hex')
    assert.equal((await findSession(ctx.store.db, hash))?.userId, user.id)
    assert.equal(await findSession(ctx.store.db, result.token), undefined)
    const signedInUser = await authenticateSession(deps(), result.token)
    assert.equal(signedInUser?.user.username, 'ana')
    const event = await audited(user.id, 'session.sign_in')
    assert.deepEqual(event?.data, { username: 'ana', ip: '10.0.0.7' })
  })

  it('gives the same refusal for a wrong password and an unknown user, and audits both', async () => {
    const user = await addTestUser(deps(), { username: 'bea' })
    const wrong = await signIn(deps(), { username: 'bea', password: 'not the password' })
    const unknown = await signIn(deps(), { username: 'nobody', password: TEST_PASSWORD })
    assert.equal(wrong.ok, false)
    assert.deepEqual(wrong, unknown)
    assert.equal(wrong.code, 'invalid_credentials')
    const failed = await audited(user.id, 'session.sign_in_failed')
    assert.equal(failed?.data?.reason, 'wrong_password')
    const recent = await listAuditEvents(ctx.store.db, { limit: 1000 })
    const anonymous = recent.find((e) => e.data?.username === 'nobody')
    assert.deepEqual(
      [anonymous?.action, anonymous?.data?.reason],
      ['session.sign_in_failed', 'unknown_user'],
    )
    assert.ok(
      !JSON.stringify(recent).includes('not the password'),
      'passwords never reach the audit log',
    )
  })

  it('refuses a disabled user with the right password, and ends their sessions when disabled', async () => {
    await addTestUser(deps(), { username: 'cal' })
    const token = await signedIn('cal')
    await disableUser(deps(), 'cal')
    assert.equal(await authenticateSession(deps(), token), undefined)
    const again = await signIn(deps(), { username: 'cal', password: TEST_PASSWORD })
    assert.equal(!again.ok && again.code, 'invalid_credentials')
  })

  it('ends a session after 12 hours unused, and slides it with each use', async () => {
    await addTestUser(deps(), { username: 'dee' })
    const idle = await signedIn('dee')
    const busy = await signedIn('dee')
    clock.advance(SESSION_TTL_MS - minute)
    assert.ok(await authenticateSession(deps(), busy), 'used just before the limit')
    clock.advance(2 * minute)
    assert.equal(await authenticateSession(deps(), idle), undefined, 'idle for 12 h 1 min')
    const slid = await authenticateSession(deps(), busy)
    assert.ok(slid, 'used 2 minutes ago, so 12 h from then')
    assert.equal(slid.session.expiresAt, clock.now() + SESSION_TTL_MS)
  })

  it('writes a session’s last use at most once a minute', async () => {
    await addTestUser(deps(), { username: 'eli' })
    const token = await signedIn('eli')
    const id = createHash('sha256').update(token).digest('hex')
    const start = clock.now()
    clock.advance(30_000)
    await authenticateSession(deps(), token)
    assert.equal((await findSession(ctx.store.db, id))?.lastSeenAt, start, 'not yet a minute')
    clock.advance(30_000)
    await authenticateSession(deps(), token)
    assert.equal((await findSession(ctx.store.db, id))?.lastSeenAt, start + minute)
  })

  it('signs out: the token stops working at once, and a second sign-out is a no-op', async () => {
    const user = await addTestUser(deps(), { username: 'fay' })
    const token = await signedIn('fay')
    const other = await signedIn('fay')
    assert.equal(await signOut(deps(), token), true)
    assert.equal(await authenticateSession(deps(), token), undefined)
    assert.equal(await signOut(deps(), token), false)
    assert.ok(await authenticateSession(deps(), other), 'other sessions stay open')
    assert.ok(await audited(user.id, 'session.sign_out'))
  })

  const notSessions = [
    { name: 'an API key', token: `pk_live_0123456789ab_${'A'.repeat(43)}` },
    { name: 'a token of the right shape that was never issued', token: `ps_${'A'.repeat(43)}` },
    { name: 'a truncated token', token: 'ps_abc' },
    { name: 'nothing', token: '' },
  ]
  for (const { name, token } of notSessions) {
    it(`does not authenticate ${name}`, async () => {
      assert.equal(await authenticateSession(deps(), token), undefined)
    })
  }

  it('rehashes a password made with older scrypt parameters at the next sign-in', async () => {
    const user = await addTestUser(deps(), { username: 'gus' })
    const old = await hashPassword(TEST_PASSWORD, Buffer.alloc(16, 3), { N: 1024, r: 8, p: 1 })
    await updatePasswordHash(ctx.store.db, user.id, old)
    await signedIn('gus')
    const stored = (await findUserById(ctx.store.db, user.id))?.passwordHash ?? ''
    assert.match(stored, /^scrypt\$32768\$8\$1\$/)
  })
})
