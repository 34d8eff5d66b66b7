import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { listAuditEvents } from '../../src/store/audit-events.ts'
import { browserSkip, signInAs, startWebRig, type WebRig } from '../support/browser.ts'
import { eventually } from '../support/eventually.ts'
import { addTestUser, TEST_PASSWORD } from '../support/people.ts'

const BCEID_NUMBER = '+12505550101' // the bceid program's sender in the example configuration
const CITIZEN = '+12505557401'
const CITIZEN_WITH_ID = '+12505557402'
const SHOTS = new URL('../../docs/screenshots/', import.meta.url)

const shoot = (page: Page, name: string) =>
  page.screenshot({ path: new URL(`supervisor-${name}.png`, SHOTS).pathname })

describe('web app: supervisor screens', { skip: browserSkip }, () => {
  let rig: WebRig
  before(async () => {
    rig = await startWebRig({
      editConfig: (yaml) => yaml.replace('deliveryDelayMs: 500', 'deliveryDelayMs: 20'),
    })
  })
  after(async () => {
    await rig.close()
  })

  it('watches a citizen arrive, reprioritises and assigns them, and reviews the conversation', async () => {
    const boss = await addTestUser(rig.app, {
      role: 'supervisor',
      displayName: 'Sam Supervisor',
      queues: [],
      skills: {},
    })
    await addTestUser(rig.app, { displayName: 'Ana Lima', queues: ['SBC_HD_SMS_BCEID'] })
    await addTestUser(rig.app, { displayName: 'Ben Okafor', queues: ['SBC_HD_SMS_GENERAL'] })
    const page = await signInAs(rig, boss.username, TEST_PASSWORD)
    await page.waitForURL((url) => url.pathname === '/queues')

    // the board is live: the BCeID queue's waiting count goes from 0 to 1 as the text arrives
    const bceid = page.getByRole('article', { name: 'BCeID support' })
    const waiting = bceid.locator('dt:text-is("Waiting") + dd')
    await waiting.filter({ hasText: /^0$/ }).waitFor()
    rig.app.gateways.sandbox?.simulateInbound({
      from: CITIZEN,
      to: BCEID_NUMBER,
      body: 'BCeID password reset',
    })
    await waiting.filter({ hasText: /^1$/ }).waitFor()

    // the agent board changes an agent's status, with a reason
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Agents' })
      .click()
    const anaRow = page.getByRole('row').filter({ hasText: 'Ana Lima' })
    await page.getByLabel('New status for Ana Lima').selectOption({ label: 'Not ready' })
    await page.getByLabel('Reason for Ana Lima').selectOption({ label: 'Lunch' })
    await page.getByRole('button', { name: 'Apply the status change for Ana Lima' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'Ana Lima is now Not ready (Lunch)' })
      .waitFor()
    await anaRow.getByRole('cell', { name: 'Not ready Lunch', exact: true }).waitFor()

    // back on the board, the queue counts her as not ready for lunch
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Queues' })
      .click()
    await bceid.getByText('Lunch: 1').waitFor()
    await shoot(page, 'queues')

    // drill into the queue: reprioritise, then assign to an agent who serves it
    await bceid.getByRole('link', { name: 'BCeID support' }).click()
    await page.getByRole('heading', { level: 1, name: 'BCeID support' }).waitFor()
    await page.getByLabel(`Priority of ${CITIZEN} (1–10)`).fill('9')
    const row = page.getByRole('row').filter({ hasText: CITIZEN })
    await row.getByRole('button', { name: 'Set priority' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${CITIZEN} now has priority 9` })
      .waitFor()
    await row.getByRole('cell', { name: '9', exact: true }).waitFor()
    const assign = page.getByLabel(`Assign ${CITIZEN} to agent`)
    const choices = await assign.getByRole('option').allTextContents()
    assert.ok(
      choices.some((c) => c.startsWith('Ana Lima')) && !choices.some((c) => c.startsWith('Ben')),
      `only agents serving the queue are offered: ${choices.join(', ')}`,
    )
    await shoot(page, 'queue-detail')
    await assign.selectOption({ label: 'Ana Lima (Not ready)' })
    await row.getByRole('button', { name: 'Assign' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${CITIZEN} offered to Ana Lima` })
      .waitFor()
    await page.getByText('Nobody is waiting in this queue.').waitFor()
    await page.getByRole('link', { name: 'Ana Lima: Offered' }).waitFor()

    // the agent board shows the conversation with Ana
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Agents' })
      .click()
    const offered = anaRow.getByRole('link', { name: 'BCeID support: Offered' })
    await offered.waitFor()
    await shoot(page, 'agents')

    // the transcript, and a quality review on the configured scorecard
    await offered.click()
    await page.getByRole('heading', { level: 1, name: `Conversation with ${CITIZEN}` }).waitFor()
    await page.getByText('BCeID password reset').waitFor()
    const scores = {
      'Greeting and identification': '4',
      'Accurate, complete answer': '5',
      'Plain, courteous language': '5',
      'Personal information handled correctly': '3',
    }
    await page.getByRole('button', { name: 'Save review' }).click()
    await page.getByRole('alert').filter({ hasText: 'Score every criterion' }).waitFor()
    for (const [criterion, score] of Object.entries(scores))
      await page.getByRole('group', { name: criterion }).getByRole('radio', { name: score }).check()
    await page.getByLabel('Comment (optional)').fill('Quick, friendly pick-up.')
    await page.getByRole('button', { name: 'Save review' }).click()
    await page.getByRole('status').filter({ hasText: 'Review saved: 17 / 18.' }).waitFor()
    await page.getByText('Quick, friendly pick-up.').waitFor()

    const conversationId = new URL(page.url()).pathname.split('/').at(-1) ?? ''
    const stored = await page.request.get(`/v1/conversations/${conversationId}/reviews`)
    const { reviews } = (await stored.json()) as {
      reviews: { scores: Record<string, number>; comment?: string; reviewer: { id: string } }[]
    }
    assert.deepEqual(
      reviews.map((r) => ({ scores: r.scores, comment: r.comment, reviewer: r.reviewer.id })),
      [
        {
          scores: { greeting: 4, accuracy: 5, tone: 5, privacy: 3 },
          comment: 'Quick, friendly pick-up.',
          reviewer: boss.id,
        },
      ],
      'the review is stored with its scores, comment and reviewer',
    )
    await page.context().close()
  })

  it('reveals a masked value on a transcript, and the reveal is audited', async () => {
    const boss = await addTestUser(rig.app, {
      role: 'supervisor',
      displayName: 'Rae Reveal',
      queues: [],
      skills: {},
    })
    rig.app.gateways.sandbox?.simulateInbound({
      from: CITIZEN_WITH_ID,
      to: BCEID_NUMBER,
      body: 'BCEID I forgot my password, my user id: jdoe99',
    })
    const page = await signInAs(rig, boss.username, TEST_PASSWORD)
    await page.waitForURL((url) => url.pathname === '/queues')

    let found: { id: string; queueId: string } | undefined
    await eventually(async () => {
      const board = (await (await page.request.get('/v1/queues')).json()) as {
        queues: { id: string; waiting: { id: string; customerNumber: string }[] }[]
      }
      const queue = board.queues.find((q) =>
        q.waiting.some((c) => c.customerNumber === CITIZEN_WITH_ID),
      )
      const waiting = queue?.waiting.find((c) => c.customerNumber === CITIZEN_WITH_ID)
      assert.ok(queue && waiting, 'the citizen waits in a queue')
      found = { id: waiting.id, queueId: queue.id }
    })
    assert.ok(found)
    await page.goto(`/queues/${found.queueId}/conversations/${found.id}`)
    await page
      .getByRole('heading', { level: 1, name: `Conversation with ${CITIZEN_WITH_ID}` })
      .waitFor()
    const texts = page.getByRole('region', { name: 'Texts' })
    await texts.getByText('my user id: [user id]').waitFor()
    const captured = page.getByRole('region', { name: 'Captured values' })
    await captured.getByText('[user id]').waitFor()
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /jdoe99/)
    assert.deepEqual(await revealsOf(found.id), [], 'nothing is revealed until asked')

    // by keyboard: the labelled button takes the focus and Enter reveals the value
    const reveal = captured.getByRole('button', { name: 'Reveal bceidUser' })
    await reveal.focus()
    await page.keyboard.press('Enter')
    await captured.getByText('jdoe99', { exact: true }).waitFor()
    await captured.getByText('Revealed (recorded in the audit log)').waitFor()
    assert.equal(await reveal.count(), 0, 'the button goes once the value is shown')
    assert.doesNotMatch(
      (await texts.textContent()) ?? '',
      /jdoe99/,
      'the transcript itself stays masked',
    )

    assert.deepEqual(
      await revealsOf(found.id),
      [{ actor: `user:${boss.username}`, data: { attribute: 'bceidUser' } }],
      'the reveal is in the audit log: who, which attribute, never the value',
    )
    await page.context().close()
  })

  /** The pii.reveal entries of the audit log for one conversation. */
  async function revealsOf(conversationId: string) {
    const events = await listAuditEvents(rig.app.store.db, {
      subject: `conversation:${conversationId}`,
    })
    return events
      .filter((e) => e.action === 'pii.reveal')
      .map((e) => ({ actor: e.actor, data: e.data }))
  }
})
