import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError } from './config-error.ts'
import { EXAMPLE_CONFIG_PATH, loadConfig } from './load-config.ts'
import { redactConfig } from './redact-config.ts'

const dir = mkdtempSync(join(tmpdir(), 'parley-config-'))
const example = readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')

/** Writes a config file: the example with some text replaced or appended. */
function configFile(name: string, edit: (text: string) => string): string {
  const path = join(dir, name)
  writeFileSync(path, edit(example))
  return path
}

function problemsOf(load: () => unknown): string[] {
  try {
    load()
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`)
    assert.equal(error.code, 'config_invalid')
    return error.message.split('\n').slice(1)
  }
  assert.fail('the configuration was accepted')
}

describe('loadConfig', () => {
  it('loads the example with defaults filled in and everything frozen', () => {
    const config = loadConfig({ env: {} })
    assert.equal(config.source, EXAMPLE_CONFIG_PATH)
    assert.equal(config.server.port, 3000)
    assert.equal(config.defaultTrunk, 'sandbox')
    assert.equal(config.databaseUrl, undefined)
    assert.deepEqual(
      config.queues.map((q) => q.id),
      ['SBC_HD_SMS_GENERAL', 'SBC_HD_SMS_BCEID', 'SBC_HD_SMS_ALERTS', 'SBC_HD_SMS_SURVEY'],
    )
    assert.equal(config.programs.find((p) => p.id === 'general')?.requiresOptIn, true)
    assert.ok(Object.isFrozen(config.server))
    assert.throws(() => {
      ;(config.server as { port: number }).port = 1
    }, TypeError)
  })

  it('uses PARLEY_CONFIG when no path is given', () => {
    const path = configFile('via-env.yaml', (t) => t.replace('port: 3000', 'port: 3456'))
    assert.equal(loadConfig({ env: { PARLEY_CONFIG: path } }).server.port, 3456)
  })

  it('applies environment overrides over the file', () => {
    const config = loadConfig({
      env: {
        PARLEY_PORT: '8080',
        PARLEY_DB_FILE: '/tmp/x.db',
        DATABASE_URL: 'postgres://u:pw@h/db',
      },
    })
    assert.equal(config.server.port, 8080)
    assert.equal(config.database.file, '/tmp/x.db')
    assert.equal(config.databaseUrl, 'postgres://u:pw@h/db')
  })

  it('lists every problem at once, each with file, line and path', () => {
    const path = configFile('many.yaml', (t) =>
      t
        .replace('port: 3000', 'port: three-thousand\n  colour: blue')
        .replace('level: info', 'level: loud'),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 3, problems.join('\n'))
    assert.match(problems[0] ?? '', /many\.yaml:\d+:\d+ \/server\/colour: expected no such key/)
    assert.ok(
      problems.some((p) => /\/server\/port: expected integer.*got "three-thousand"/.test(p)),
    )
    assert.ok(problems.some((p) => /\/log\/level: expected one of .*"info".*got "loud"/.test(p)))
  })

  it('names the environment variable when an override is wrong', () => {
    const problems = problemsOf(() => loadConfig({ env: { PARLEY_PORT: 'abc' } }))
    assert.deepEqual(problems.length, 1)
    assert.match(problems[0] ?? '', /env PARLEY_PORT \/server\/port: expected integer/)
  })

  it('rejects an unknown trunk type and a missing secret for an enabled trunk', () => {
    const path = configFile('trunks.yaml', (t) =>
      t
        .replace('type: sandbox', 'type: pigeon')
        .replace(/enabled: false # set to true with TWILIO/, 'enabled: true # TWILIO'),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.ok(
      problems.some((p) =>
        /\/trunks\/sandbox\/type: expected sandbox \| twilio \| smpp, got "pigeon"/.test(p),
      ),
    )
    assert.ok(
      problems.some((p) =>
        /\/trunks\/twilio-longcode\/authTokenEnv: expected environment variable TWILIO_AUTH_TOKEN/.test(
          p,
        ),
      ),
    )
  })

  it('takes a secret from the environment and never prints it', () => {
    const path = configFile('secret.yaml', (t) =>
      t.replace(/enabled: false # set to true with TWILIO/, 'enabled: true # TWILIO'),
    )
    const config = loadConfig({
      path,
      env: { TWILIO_AUTH_TOKEN: 'tok-very-secret', DATABASE_URL: 'postgres://app:pw123@db/parley' },
    })
    assert.equal(config.secrets.TWILIO_AUTH_TOKEN, 'tok-very-secret')
    const printed = JSON.stringify(redactConfig(config))
    assert.ok(!printed.includes('tok-very-secret'))
    assert.ok(!printed.includes('pw123'))
    assert.match(printed, /postgres:\/\/app:\*\*\*@db\/parley/)
  })

  it('checks references between sections', () => {
    const path = configFile('refs.yaml', (t) =>
      t.replace('queue: SBC_HD_SMS_ALERTS', 'queue: SBC_HD_SMS_NOPE'),
    )
    const problems = problemsOf(() => loadConfig({ path, env: {} }))
    assert.equal(problems.length, 1)
    assert.match(
      problems[0] ?? '',
      /\/screening\/0\/queue: expected a queue defined in the configuration .* got "SBC_HD_SMS_NOPE"/,
    )
  })

  it('reports malformed YAML with its line, and a missing file', () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'server:\n  port: [1, 2\n')
    assert.match(
      problemsOf(() => loadConfig({ path: bad, env: {} }))[0] ?? '',
      /bad\.yaml:\d+:\d+ \/: expected valid YAML/,
    )
    assert.match(
      problemsOf(() => loadConfig({ path: join(dir, 'none.yaml'), env: {} }))[0] ?? '',
      /expected a readable YAML file, got ENOENT/,
    )
  })

  it('rejects a DATABASE_URL that is not PostgreSQL', () => {
    assert.match(
      problemsOf(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } }))[0] ?? '',
      /env DATABASE_URL .*postgres:\/\//,
    )
  })
})
