import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { browserSkip, signInAs, startWebRig, type WebRig } from '../support/browser.ts'
import { BCEID_NUMBER, deskConfig } from '../support/desk-session.ts'
import { eventually } from '../support/eventually.ts'
import { addTestUser, TEST_PASSWORD } from '../support/people.ts'

const CITIZEN = '+12505557311'
const SCREENSHOTS = join(import.meta.dirname, '../../docs/screenshots')

interface DeskAnswer {
  mine: { id: string; status: string; customerNumber: string }[]
}

/** The desk's transcript list (role=list, named "Transcript"). */
const transcript = (page: Page) => page.getByRole('list', { name: 'Transcript' })

describe('web app: the agent desk', { skip: browserSkip }, () => {
  let rig: WebRig
  before(async () => {
    // the BCeID number is carried by the sandbox, so the citizen's phone gets the replies
    rig = await startWebRig({ compose: { acd: { tickMs: 100 } }, editConfig: deskConfig })
    mkdirSync(SCREENSHOTS, { recursive: true })
  })
  after(async () => {
    await rig.close()
  })

  it('an agent accepts a citizen’s text, replies, transfers; a second agent wraps it up', async () => {
    const ana = await addTestUser(rig.app, { displayName: 'Ana Lopez' })
    const ben = await addTestUser(rig.app, { displayName: 'Ben Okafor' })
    const page = await signInAs(rig, ana.username, TEST_PASSWORD)
    await page.waitForURL((url) => url.pathname === '/desk')
    await page.getByRole('heading', { name: 'Agent desk', level: 1 }).waitFor()
    await page.getByText('Alt+A accept the offer').waitFor() // the shortcuts are shown
    assert.equal(await page.getByLabel('Sound for new offers').isChecked(), false, 'sound is off')

    await page.getByLabel('My status').selectOption({ label: 'Available' })
    await page.locator('.desk-status-now').getByText('Available').waitFor()

    rig.app.gateways.sandbox?.simulateInbound({
      from: CITIZEN,
      to: BCEID_NUMBER,
      body: 'BCEID I forgot my password, my user id: jdoe99',
    })
    const banner = page.getByRole('alert').filter({ hasText: 'New conversation offered' })
    await banner.waitFor()
    await banner.getByText(CITIZEN).waitFor()
    await banner.getByText('BCeID support').first().waitFor()
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-offer.png') })

    await page.keyboard.press('Alt+A')
    await transcript(page).getByText('BCEID I forgot my password').waitFor()
    assert.equal(await banner.count(), 0, 'the banner goes once the offer is accepted')
    const shown = await transcript(page).textContent()
    assert.match(shown ?? '', /\[user id\]/, 'the captured user id is masked in the transcript')
    assert.doesNotMatch(shown ?? '', /jdoe99/)
    const customer = page.getByRole('region', { name: 'Customer', exact: true })
    await customer.getByText('bceidUser').waitFor()
    assert.equal(
      await customer.getByRole('button', { name: /Reveal/ }).count(),
      0,
      'an agent may not reveal a masked value',
    )
    assert.doesNotMatch((await customer.textContent()) ?? '', /jdoe99/)

    // the composer counts as the server bills, and says which characters force UCS-2
    const reply = page.getByRole('textbox', { name: 'Reply' })
    await expectFocused(reply)
    await reply.fill('Votre demande est prête, Ana')
    const forcing = page.locator('.segment-forcing')
    await forcing.getByText('ê', { exact: true }).waitFor()
    assert.match((await forcing.textContent()) ?? '', /^Forcing UCS-2: ê$/)
    await page.getByText('UCS-2', { exact: true }).waitFor()
    await reply.fill('Hello, I can help you reset your BCeID password.')
    await page.getByText('GSM-7', { exact: true }).waitFor()
    await page.getByText('1 segment · 112 characters left in this segment').waitFor()
    await reply.press('Control+Enter')
    await transcript(page).getByText('Hello, I can help you reset your BCeID password.').waitFor()
    assert.equal(await reply.inputValue(), '', 'a sent reply leaves the box empty')

    await page.getByRole('button', { name: 'Standard responses' }).click()
    await page.getByLabel('Search standard responses').fill('updated')
    await page.getByRole('button', { name: /case_update/ }).click()
    await page.getByLabel('caseNumber', { exact: true }).fill('CS-123456')
    await page.getByLabel('status', { exact: true }).fill('password reset link sent')
    const expected =
      'Service BC: your request CS-123456 has been updated: password reset link sent. Reply to this message if you have questions.'
    await page.locator('.responses-preview').getByText(expected).waitFor()
    await page.getByRole('button', { name: 'Send standard response' }).click()
    const sentBubble = transcript(page).getByRole('listitem').filter({ hasText: expected })
    await sentBubble.waitFor()
    await sentBubble.getByText('delivered').waitFor() // the receipt reaches the transcript
    await eventually(() => {
      const thread = rig.app.gateways.sandbox?.phoneThread(CITIZEN) ?? []
      assert.ok(
        thread.some((m) => m.direction === 'received' && m.body === expected),
        `the citizen's phone received the standard response: ${JSON.stringify(thread)}`,
      )
    })
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-desk.png') })

    const desk = await page.request.get('/v1/conversations')
    const conversation = ((await desk.json()) as DeskAnswer).mine.find(
      (c) => c.customerNumber === CITIZEN,
    )
    assert.ok(conversation)

    // the second agent signs in and is ready; the first transfers to them with a note
    const other = await signInAs(rig, ben.username, TEST_PASSWORD)
    await other.getByLabel('My status').selectOption({ label: 'Available' })
    await other.locator('.desk-status-now').getByText('Available').waitFor()

    await page.getByRole('button', { name: 'Transfer…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Transfer the conversation' })
    await dialog.getByLabel("Agent's username").fill(ben.username)
    await dialog.getByLabel('Note for whoever takes it').fill('Reset link sent; please confirm')
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click()
    await page.getByText('Transferred. It is no longer yours.').waitFor()

    const offer = other.getByRole('alert').filter({ hasText: 'New conversation offered' })
    await offer.getByText('Transfer note: Reset link sent; please confirm').waitFor()
    await offer.getByRole('button', { name: 'Accept' }).click()
    await transcript(other).getByText(expected).waitFor()
    await transcript(other)
      .getByText(/Note: Reset link sent; please confirm/)
      .waitFor()

    await other.keyboard.press('Alt+W') // ends the conversation and moves to the wrap-up
    const wrapUp = other.getByRole('form', { name: 'Wrap up' })
    await expectFocused(wrapUp.getByLabel('Disposition'))
    await transcript(other).getByText('Conversation ended.').waitFor()
    await wrapUp.getByLabel('Disposition').selectOption({ label: 'BCeID password reset' })
    await wrapUp.getByLabel('Note (optional)').fill('Citizen confirmed the reset')
    await wrapUp.getByRole('button', { name: 'Wrap up' }).click()
    await other.getByText('Wrapped up.').waitFor()

    const stored = await other.request.get(`/v1/conversations/${conversation.id}`)
    const { conversation: after, events } = (await stored.json()) as {
      conversation: { status: string; agentId: string }
      events: { type: string; data?: { disposition?: string } }[]
    }
    assert.equal(after.status, 'wrapped_up')
    assert.equal(after.agentId, ben.id)
    assert.equal(events.find((e) => e.type === 'wrapped_up')?.data?.disposition, 'PASSWORD_RESET')
    await other.context().close()
    await page.context().close()
  })

  it('stacks the columns in a narrow window', async () => {
    const cam = await addTestUser(rig.app, { displayName: 'Cam Narrow' })
    const page = await signInAs(rig, cam.username, TEST_PASSWORD, { width: 400, height: 800 })
    await page.getByRole('heading', { name: 'Agent desk', level: 1 }).waitFor()
    const list = await page
      .getByRole('region', { name: 'Conversations', exact: true })
      .boundingBox()
    const customer = await page.getByRole('region', { name: 'Customer', exact: true }).boundingBox()
    assert.ok(list && customer)
    assert.ok(customer.y > list.y + list.height - 1, 'the customer column comes below the list')
    assert.ok(list.width <= 400, 'nothing wider than the window')
    await page.context().close()
  })
})

/** Waits until `locator` has the keyboard focus (accepting moves focus to the reply box). */
async function expectFocused(locator: Locator): Promise<void> {
  await eventually(async () => {
    // typed by hand: the tests' TypeScript has no DOM types
    const focused = await locator.evaluate(
      (el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement,
    )
    assert.ok(focused, 'focused')
  })
}
