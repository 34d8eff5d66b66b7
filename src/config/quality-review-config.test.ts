import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError } from './config-error.ts'
import { EXAMPLE_CONFIG_PATH, loadConfig } from './load-config.ts'
import { DEFAULT_REVIEW_CRITERIA } from './schema.ts'

const dir = mkdtempSync(join(tmpdir(), 'parley-review-config-'))
const example = readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')
const SECTION = /^qualityReview:\n(?: .*\n)+\n/m

/** The example with its qualityReview section replaced (or removed, with ''). */
function withSection(name: string, section: string): string {
  assert.match(example, SECTION, 'the example has a qualityReview section')
  const path = join(dir, name)
  writeFileSync(path, example.replace(SECTION, section))
  return path
}

function problemsOf(path: string): string[] {
  try {
    loadConfig({ path, env: {} })
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`)
    return error.message.split('\n').slice(1)
  }
  assert.fail('the configuration was accepted')
}

describe('configuration: qualityReview', () => {
  it('the example scores four criteria, privacy out of 3', () => {
    const { criteria } = loadConfig({ env: {} }).qualityReview
    assert.deepEqual(
      criteria.map((c) => [c.id, c.maxScore]),
      [
        ['greeting', 5],
        ['accuracy', 5],
        ['tone', 5],
        ['privacy', 3],
      ],
    )
  })

  it('without the section: greeting, accuracy and tone out of 5', () => {
    const config = loadConfig({ path: withSection('absent.yaml', ''), env: {} })
    assert.deepEqual(config.qualityReview.criteria, DEFAULT_REVIEW_CRITERIA)
  })

  it('maxScore defaults to 5', () => {
    const path = withSection(
      'no-max.yaml',
      'qualityReview:\n  criteria:\n    - { id: a, label: A }\n\n',
    )
    assert.deepEqual(loadConfig({ path, env: {} }).qualityReview.criteria, [
      { id: 'a', label: 'A', maxScore: 5 },
    ])
  })

  it('refuses a maxScore outside 1–10, unknown keys and an empty scorecard', () => {
    const path = withSection(
      'bad.yaml',
      'qualityReview:\n  criteria:\n    - { id: a, label: A, maxScore: 11 }\n    - { id: b, label: B, weight: 2 }\n\n',
    )
    const problems = problemsOf(path)
    assert.ok(
      problems.some((p) => p.includes('/qualityReview/criteria/0/maxScore')),
      problems.join('\n'),
    )
    assert.ok(
      problems.some((p) => p.includes('/qualityReview/criteria/1/weight')),
      problems.join('\n'),
    )
    const empty = problemsOf(withSection('empty.yaml', 'qualityReview:\n  criteria: []\n\n'))
    assert.ok(
      empty.some((p) => p.includes('/qualityReview/criteria')),
      empty.join('\n'),
    )
  })

  it('refuses a criterion id used twice', () => {
    const path = withSection(
      'twice.yaml',
      'qualityReview:\n  criteria:\n    - { id: a, label: A }\n    - { id: a, label: Again }\n\n',
    )
    const problems = problemsOf(path)
    assert.ok(
      problems.some((p) => p.includes('/qualityReview/criteria/1') && p.includes('duplicate')),
      problems.join('\n'),
    )
  })
})
