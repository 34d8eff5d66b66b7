import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { classifyKeyword } from '../domain/keywords/classify-keyword.ts'
import { DEFAULT_KEYWORDS } from '../domain/keywords/default-keywords.ts'
import { screen } from '../domain/screening/screen.ts'
import { keywordSetFor, screenerFor } from './compiled-rules.ts'
import { ConfigLookupError } from './config-lookup-error.ts'
import { EXAMPLE_CONFIG_PATH, loadConfig } from './load-config.ts'

const example = loadConfig({ env: {} })
const citizen = '+16045550123'

/** The example with keyword overrides: SUPPORT for the bceid program, AIDEZ on its sender. */
function withOverrides() {
  const text = readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')
    .replace(
      "    supportNumber: '1-800-555-0101'\n",
      "    supportNumber: '1-800-555-0101'\n    keywords: { help: { words: { en: [HELP, SUPPORT] } } }\n",
    )
    .replace(
      '    label: BCeID support long code\n',
      '    label: BCeID support long code\n    keywords: { help: { words: { fr: [AIDE, AIDEZ] } } }\n',
    )
  const path = join(mkdtempSync(join(tmpdir(), 'parley-rules-')), 'overrides.yaml')
  writeFileSync(path, text)
  return loadConfig({ path, env: {} })
}

describe('keywordSetFor', () => {
  it('is the default set when nothing overrides it', () => {
    assert.deepEqual(keywordSetFor(example, { program: 'general' }), DEFAULT_KEYWORDS)
  })

  it("applies the program's overrides, then its sender's", () => {
    const config = withOverrides()
    const bceid = keywordSetFor(config, { program: 'bceid' })
    assert.equal(classifyKeyword('support', bceid).intent, 'help')
    assert.equal(classifyKeyword('aidez', bceid).intent, 'help')
    // Another program keeps the defaults, on its own sender.
    assert.equal(
      classifyKeyword('support', keywordSetFor(config, { program: 'general' })).intent,
      'none',
    )
    // The sender's override applies to any text sent to it, even without a program.
    const sender = keywordSetFor(config, { sender: '+12505550101' })
    assert.equal(classifyKeyword('aidez', sender).intent, 'help')
    assert.equal(classifyKeyword('support', sender).intent, 'none')
  })

  it('compiles once per configuration and program', () => {
    assert.equal(
      keywordSetFor(example, { program: 'bceid' }),
      keywordSetFor(example, { program: 'bceid' }),
    )
    assert.equal(screenerFor(example, 'bceid'), screenerFor(example, 'bceid'))
    assert.notEqual(screenerFor(example, 'bceid'), screenerFor(example, 'general'))
  })

  it('throws ConfigLookupError for a program or sender the configuration lacks', () => {
    assert.throws(
      () => keywordSetFor(example, { program: 'nope' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigLookupError)
        assert.equal(error.code, 'unknown_program')
        return true
      },
    )
    assert.throws(
      () => keywordSetFor(example, { sender: '+15555555555' }),
      (error: unknown) => error instanceof ConfigLookupError && error.code === 'unknown_sender',
    )
    assert.throws(() => screenerFor(example, 'nope'), ConfigLookupError)
  })
})

describe('screenerFor', () => {
  const cases = [
    {
      name: 'a reply to the alerts short code goes to the alerts queue whatever it says',
      program: 'alerts',
      input: { text: 'BCEID help', to: '55123' },
      queue: 'SBC_HD_SMS_ALERTS',
      maskedText: 'BCEID help',
    },
    {
      name: "the bceid program captures and masks the user id (the program's capture rule)",
      program: 'bceid',
      input: { text: 'my password is locked, user id: jdoe99', to: '+12505550101' },
      queue: 'SBC_HD_SMS_BCEID',
      maskedText: 'my password is locked, user id: [user id]',
    },
    {
      name: 'without a program there are no captures, but the default PII kinds are masked',
      program: undefined,
      input: { text: 'user id: jdoe99, SIN 046 454 286', to: '+12505550100' },
      queue: 'SBC_HD_SMS_GENERAL',
      maskedText: 'user id: jdoe99, SIN [SIN]',
    },
  ]
  for (const { name, program, input, queue, maskedText } of cases) {
    it(name, () => {
      const result = screen(screenerFor(example, program), { ...input, from: citizen })
      assert.equal(result.queue, queue)
      assert.equal(result.maskedText, maskedText)
    })
  }
})
