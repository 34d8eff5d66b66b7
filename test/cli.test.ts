import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'

const root = new URL('..', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'))
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('PARLEY_') && k !== 'DATABASE_URL'),
)

/** Runs `parley …` as a user would, in a child process. */
function parley(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...cleanEnv, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('parley command', () => {
  it('prints help listing its commands', () => {
    const { code, stdout } = parley(['--help'])
    assert.equal(code, 0)
    for (const command of ['serve', 'migrate', 'doctor'])
      assert.match(stdout, new RegExp(`\\b${command}\\b`))
  })

  it('exits 2 on an unknown command', () => {
    const { code, stderr } = parley(['fly'])
    assert.equal(code, 2)
    assert.match(stderr, /unknown command 'fly'/)
  })

  it('exits 3 with one line per configuration problem and no stack trace', () => {
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, 'server:\n  port: x\n  colour: blue\n')
    const { code, stderr } = parley(['doctor', '--config', file])
    assert.equal(code, 3)
    assert.match(stderr, /bad\.yaml:3:\d+ \/server\/colour: expected no such key/)
    assert.match(stderr, /bad\.yaml:2:9 \/server\/port: expected integer/)
    assert.match(stderr, /\/senders: expected array with at least 1 item\(s\), got nothing/)
    assert.doesNotMatch(stderr, /\n\s+at /)
  })

  it('migrates, then reports the database healthy with secrets redacted', () => {
    const env = { PARLEY_DB_FILE: join(dir, 'doctor.db') }
    const before = parley(['doctor'], env)
    assert.equal(before.code, 6)
    assert.match(before.stdout, /migrations: PENDING 0001-core-model/)
    assert.match(parley(['migrate'], env).stdout, /applied 0001-core-model/)
    assert.match(parley(['migrate'], env).stdout, /is up to date/)
    const after = parley(['doctor'], env)
    assert.equal(after.code, 0, after.stderr)
    assert.match(after.stdout, /database: ok/)
    assert.match(after.stdout, /SBC_HD_SMS_BCEID/)
  })

  it('exits 4 with one line when PostgreSQL is unreachable, and shows no password', () => {
    const { code, stderr } = parley(['migrate'], {
      DATABASE_URL: 'postgres://parley:hunter2@127.0.0.1:1/parley',
    })
    assert.equal(code, 4)
    assert.equal(stderr.trim().split('\n').length, 1)
    assert.match(
      stderr,
      /database_unreachable: cannot reach postgres:\/\/parley:\*\*\*@127\.0\.0\.1:1\/parley/,
    )
    assert.doesNotMatch(stderr, /hunter2/)
  })

  it('prints the stack trace only with --verbose', () => {
    const env = { DATABASE_URL: 'postgres://parley@127.0.0.1:1/parley' }
    assert.match(parley(['migrate', '--verbose'], env).stderr, /\n\s+at /)
  })

  it('serves, refuses a second server on the same SQLite file, and stops cleanly on SIGTERM', async () => {
    const env = { ...cleanEnv, PARLEY_DB_FILE: join(dir, 'serve.db'), PARLEY_PORT: '0' }
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
      cwd: root,
      env,
    })
    let output = ''
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 20_000)
      server.stdout.on('data', () => {
        const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      })
    })
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    assert.equal(health.status, 200)

    const second = parley(['serve'], { PARLEY_DB_FILE: env.PARLEY_DB_FILE, PARLEY_PORT: '0' })
    assert.equal(second.code, 4)
    assert.equal(second.stderr.trim().split('\n').length, 1)
    assert.match(second.stderr, /database_locked: .*serve\.db is in use by another Parley server/)
    const doctor = parley(['doctor'], { PARLEY_DB_FILE: env.PARLEY_DB_FILE })
    assert.equal(doctor.code, 0, 'commands still work beside a running server')

    const started = Date.now()
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve))
    server.kill('SIGTERM')
    assert.equal(await exited, 0)
    assert.ok(Date.now() - started < 10_000, 'stopped within the 10 s shutdown budget')
    assert.match(output, /"msg":"stopped"/)
  })
})
