import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { systemClock, systemRandom } from '../src/app/ports.ts'
import { signIn } from '../src/app/sign-in.ts'
import { openStore } from '../src/store/connect.ts'

const root = new URL('..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'parley-cli-user-'))
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'),
)
const password = 'a passphrase long enough'

/** Runs `parley …` as a user would, in a child process without a terminal. */
function parley(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...cleanEnv, ...env },
    encoding: 'utf8',
    input: '', // stdin is a pipe, not a TTY
    timeout: 30_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('parley user', () => {
  const db = { PARLEY_DB_FILE: join(dir, 'users.db') }
  const withPassword = { ...db, PARLEY_USER_PASSWORD: password }

  it('adds an agent with skills, queues and capacity, taking the password from PARLEY_USER_PASSWORD', async () => {
    const { code, stdout, stderr } = parley(
      [
        'user',
        'add',
        'ana',
        '--role',
        'agent',
        '--name',
        'Ana Lima',
        '--skills',
        'bceid:4,french:3',
        '--queues',
        'SBC_HD_SMS_BCEID,SBC_HD_SMS_GENERAL',
        '--capacity',
        '2',
      ],
      withPassword,
    )
    assert.equal(code, 0, stderr)
    assert.match(
      stdout,
      /^added agent ana \(Ana Lima\), id \w+; capacity 2; queues SBC_HD_SMS_BCEID,SBC_HD_SMS_GENERAL; skills bceid:4,french:3$/m,
    )
    assert.ok(!stdout.includes(password) && !stderr.includes(password))

    // the password works for signing in
    const store = await openStore({ file: db.PARLEY_DB_FILE })
    try {
      const deps = { store, clock: systemClock, random: systemRandom }
      const ok = await signIn(deps, { username: 'ana', password })
      assert.equal(ok.ok, true)
      const wrong = await signIn(deps, { username: 'ana', password: 'something else entirely' })
      assert.equal(wrong.ok, false)
    } finally {
      await store.close()
    }
  })

  it('lists users with their role, status, queues and skills', () => {
    assert.equal(
      parley(['user', 'add', 'sam', '--role', 'supervisor', '--name', 'Sam Roy'], withPassword)
        .code,
      0,
    )
    const { code, stdout } = parley(['user', 'list'], db)
    assert.equal(code, 0)
    const lines = stdout.trim().split('\n')
    assert.match(lines[0] ?? '', /^USERNAME\s+ROLE\s+NAME\s+STATUS\s+CAPACITY\s+QUEUES\s+SKILLS$/)
    assert.match(
      stdout,
      /^ana\s+agent\s+Ana Lima\s+offline\s+2\s+SBC_HD_SMS_BCEID,SBC_HD_SMS_GENERAL\s+bceid:4,french:3$/m,
    )
    assert.match(stdout, /^sam\s+supervisor\s+Sam Roy\s+offline\s+3\s+-\s+-$/m)
  })

  const refusals = [
    {
      name: 'without PARLEY_USER_PASSWORD and without a terminal',
      env: db,
      args: [],
      stderr: /no password: set PARLEY_USER_PASSWORD/,
    },
    {
      name: 'a password under 12 characters',
      env: { ...db, PARLEY_USER_PASSWORD: 'short pass' },
      args: [],
      stderr: /at least 12 characters/,
    },
    {
      name: 'a queue not in the configuration',
      env: withPassword,
      args: ['--queues', 'SBC_NOPE'],
      stderr: /no such queue in the configuration: SBC_NOPE/,
    },
    {
      name: 'a skill not in the configuration',
      env: withPassword,
      args: ['--skills', 'klingon:2'],
      stderr: /no such skill in the configuration: klingon/,
    },
    {
      name: 'a malformed --skills list',
      env: withPassword,
      args: ['--skills', 'bceid=4'],
      stderr: /not skill:proficiency/,
    },
    {
      name: 'a role that does not exist',
      env: withPassword,
      args: ['--role', 'root'],
      stderr: /Allowed choices are agent, supervisor, admin/,
    },
  ]
  for (const { name, env, args, stderr: expected } of refusals) {
    it(`exits 2 for ${name}, adding no one`, () => {
      const { code, stderr } = parley(
        ['user', 'add', 'refused', '--role', 'agent', '--name', 'Refused', ...args],
        env,
      )
      assert.equal(code, 2, stderr)
      assert.match(stderr, expected)
      assert.doesNotMatch(parley(['user', 'list'], db).stdout, /^refused/m)
    })
  }

  it('exits 2 for a taken username', () => {
    const { code, stderr } = parley(
      ['user', 'add', 'ANA', '--role', 'agent', '--name', 'Another Ana'],
      withPassword,
    )
    assert.equal(code, 2)
    assert.match(stderr, /the username ana is taken/)
  })

  it('disables a user, who then shows as disabled; a second disable exits 2', () => {
    assert.equal(
      parley(['user', 'add', 'leo', '--role', 'agent', '--name', 'Leo'], withPassword).code,
      0,
    )
    const first = parley(['user', 'disable', 'leo'], db)
    assert.equal(first.code, 0, first.stderr)
    assert.match(parley(['user', 'list'], db).stdout, /^leo\s+agent\s+Leo\s+disabled\s/m)
    assert.equal(parley(['user', 'disable', 'leo'], db).code, 2)
  })
})
