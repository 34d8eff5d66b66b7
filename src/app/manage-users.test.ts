import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { addTestUser, manualClock, TEST_PASSWORD } from '../../test/support/people.ts'
import { loadConfig } from '../config/load-config.ts'
import { listAuditEvents } from '../store/audit-events.ts'
import { findUserByUsername } from '../store/users.ts'
import { addUser, disableUser, listUsers, type NewUserInput } from './manage-users.ts'
import { verifyPassword } from './password-hash.ts'
import { systemRandom } from './ports.ts'
import { signIn } from './sign-in.ts'

const config = loadConfig({ env: {} })
const valid: NewUserInput = {
  username: 'placeholder',
  displayName: 'Ana Lima',
  role: 'agent',
  password: 'twelve chars',
}

const refusals: { name: string; input: Partial<NewUserInput>; code: string }[] = [
  {
    name: 'a password of 11 characters',
    input: { password: 'eleven char' },
    code: 'password_too_short',
  },
  {
    name: 'a password of 11 characters padded by one emoji counted as two UTF-16 units',
    input: { password: 'ten chars!😀' },
    code: 'password_too_short',
  },
  {
    name: 'a password over 1024 characters',
    input: { password: 'x'.repeat(1025) },
    code: 'password_too_long',
  },
  {
    name: 'a skill the configuration does not define',
    input: { skills: { klingon: 3 } },
    code: 'unknown_skill',
  },
  { name: 'a proficiency of 0', input: { skills: { bceid: 0 } }, code: 'invalid_proficiency' },
  { name: 'a proficiency of 6', input: { skills: { bceid: 6 } }, code: 'invalid_proficiency' },
  {
    name: 'a fractional proficiency',
    input: { skills: { bceid: 2.5 } },
    code: 'invalid_proficiency',
  },
  {
    name: 'a queue the configuration does not define',
    input: { queues: ['SBC_NOPE'] },
    code: 'unknown_queue',
  },
  { name: 'a capacity of 0', input: { capacity: 0 }, code: 'invalid_capacity' },
  { name: 'a fractional capacity', input: { capacity: 1.5 }, code: 'invalid_capacity' },
  { name: 'a username with a space', input: { username: 'ana lima' }, code: 'invalid_username' },
  { name: 'an empty username', input: { username: '  ' }, code: 'invalid_username' },
  { name: 'a blank display name', input: { displayName: '   ' }, code: 'invalid_display_name' },
  { name: 'an unknown role', input: { role: 'root' as never }, code: 'invalid_role' },
]

forEachDialect('manage users', (ctx) => {
  const clock = manualClock()
  const deps = () => ({ config, store: ctx.store, clock, random: systemRandom })

  for (const { name, input, code } of refusals) {
    it(`refuses ${name} (${code}) and stores nothing`, async () => {
      const username = `refused-${code}`
      const result = await addUser(deps(), { ...valid, username, ...input })
      assert.equal(result.ok, false)
      assert.equal(result.code, code)
      assert.equal(await findUserByUsername(ctx.store.db, username), undefined)
    })
  }

  it('accepts a password of exactly 12 characters', async () => {
    const result = await addUser(deps(), { ...valid, username: 'exactly12' })
    assert.equal(result.ok, true)
  })

  it('stores an scrypt hash that verifies, never the password', async () => {
    const user = await addTestUser(deps(), { username: 'hashed', password: TEST_PASSWORD })
    const stored = await findUserByUsername(ctx.store.db, user.username)
    assert.match(stored?.passwordHash ?? '', /^scrypt\$32768\$8\$1\$/)
    assert.ok(!stored?.passwordHash.includes(TEST_PASSWORD))
    assert.equal(await verifyPassword(TEST_PASSWORD, stored?.passwordHash ?? ''), true)
    assert.ok(!('passwordHash' in user), 'the returned user carries no hash')
  })

  it('adds an agent with skills, queues and the default capacity of 3, offline, and audits it', async () => {
    const user = await addTestUser(deps(), {
      username: '  Maria.Tremblay@Example.CA ',
      displayName: ' Maria Tremblay ',
      skills: { bceid: 4, french: 3 },
      queues: ['SBC_HD_SMS_GENERAL', 'SBC_HD_SMS_BCEID', 'SBC_HD_SMS_GENERAL'],
    })
    assert.deepEqual(
      {
        username: user.username,
        displayName: user.displayName,
        skills: user.skills,
        queues: user.queues,
        capacity: user.capacity,
        status: user.status,
      },
      {
        username: 'maria.tremblay@example.ca',
        displayName: 'Maria Tremblay',
        skills: { bceid: 4, french: 3 },
        queues: ['SBC_HD_SMS_BCEID', 'SBC_HD_SMS_GENERAL'],
        capacity: 3,
        status: 'offline',
      },
    )
    const [event] = await listAuditEvents(ctx.store.db, { subject: `user:${user.id}` })
    assert.equal(event?.action, 'user.add')
    assert.ok(!JSON.stringify(event).includes(TEST_PASSWORD))
  })

  it('refuses a taken username whatever its case', async () => {
    await addTestUser(deps(), { username: 'dupe' })
    const result = await addUser(deps(), { ...valid, username: 'DUPE' })
    assert.equal(!result.ok && result.code, 'username_taken')
  })

  it('lists users without password hashes', async () => {
    await addTestUser(deps(), { username: 'listed', role: 'supervisor' })
    const users = await listUsers(deps())
    const listed = users.find((u) => u.username === 'listed')
    assert.equal(listed?.role, 'supervisor')
    assert.ok(users.every((u) => !('passwordHash' in u)))
  })

  it('disables a user: sign-in is refused afterwards, and a second disable reports false', async () => {
    await addTestUser(deps(), { username: 'leaving' })
    assert.equal(await disableUser(deps(), 'Leaving'), true)
    assert.equal(await disableUser(deps(), 'leaving'), false)
    assert.equal(await disableUser(deps(), 'nobody-at-all'), false)
    const result = await signIn(deps(), { username: 'leaving', password: TEST_PASSWORD })
    assert.equal(!result.ok && result.code, 'invalid_credentials')
  })
})
