import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { recordConsent } from '../../src/app/record-consent.ts'
import { insertTemplateVersion } from '../../src/store/templates.ts'
import { browserSkip, signInAs, startWebRig, type WebRig } from '../support/browser.ts'
import { addTestUser, TEST_PASSWORD } from '../support/people.ts'

const SCREENSHOTS = join(import.meta.dirname, '../../docs/screenshots')

describe('web app: administration', { skip: browserSkip }, () => {
  let rig: WebRig
  let page: Page
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    rig = await startWebRig({ dialect: 'sqlite' })
    const admin = await addTestUser(rig.app, { role: 'admin', queues: [], skills: {} })
    page = await signInAs(rig, admin.username, TEST_PASSWORD)
    await page.waitForURL((url) => url.pathname === '/admin')
  })
  after(async () => {
    await rig.close()
  })

  const openSection = async (name: string) => {
    await page
      .getByRole('navigation', { name: 'Administration sections' })
      .getByRole('link', { name })
      .click()
  }

  it('shows a French template beside the English one, with the UCS-2 warning naming ê', async () => {
    await openSection('Templates')
    await page.getByRole('link', { name: 'appointment_reminder' }).click()
    await page.getByRole('heading', { name: 'Template appointment_reminder' }).waitFor()

    const english = page.getByRole('region', { name: 'English', exact: true })
    const french = page.getByRole('region', { name: 'French', exact: true })
    const [left, right] = [await english.boundingBox(), await french.boundingBox()]
    assert.ok(left && right)
    assert.ok(right.x >= left.x + left.width, 'French stands to the right of English')
    assert.ok(Math.abs(right.y - left.y) < 5, 'on the same line')

    const warning = french.getByRole('status').filter({ hasText: 'French text uses UCS-2' })
    await warning.waitFor()
    assert.match((await warning.textContent()) ?? '', /67 characters per segment/)
    // é and à are GSM-7: only the ê of "arrêter" forces UCS-2 in this text
    assert.deepEqual(await warning.locator('mark').allTextContents(), ['ê'])
    assert.equal(await english.getByText('uses UCS-2').count(), 0)
    await english.getByText(/GSM-7 1 segment/).waitFor()
    await french.getByText(/UCS-2 3 segments/).waitFor()
    await french.getByText('Server count: UCS-2, 3 segments. It agrees.').waitFor()

    await page.screenshot({ path: join(SCREENSHOTS, 'admin-templates.png') })
  })

  it('recounts as the preview text or a sample value is edited', async () => {
    const english = page.getByRole('region', { name: 'English', exact: true })
    const french = page.getByRole('region', { name: 'French', exact: true })
    const body = french.getByLabel('French text')
    const original = await body.inputValue()
    await body.fill(original.replace('arrêter', 'arreter'))
    await french.getByText(/GSM-7 1 segment/).waitFor()
    assert.equal(await french.getByText('uses UCS-2').count(), 0)
    await french.getByText('Server count: GSM-7, 1 segment. It agrees.').waitFor()
    await french.getByRole('button', { name: 'Restore the French text' }).click()
    await french.getByText(/UCS-2 3 segments/).waitFor()

    // a longer office name pushes the English text past 160 characters
    await page
      .getByLabel('office', { exact: true })
      .fill('Victoria Service BC Centre, 403 Vancouver Street, second floor')
    await english.getByText(/GSM-7 2 segments/).waitFor()
    await english.getByText('Server count: GSM-7, 2 segments. It agrees.').waitFor()
  })

  it('lists templates overdue for review and approves a draft version', async () => {
    const now = Date.now()
    const seeded = { createdBy: 'test', createdAt: now, email: undefined }
    await insertTemplateVersion(rig.app.store.db, {
      ...seeded,
      key: 'office_closure',
      version: 1,
      category: 'notification',
      status: 'approved',
      owner: 'service-bc-operations',
      reviewDue: '2020-01-31',
      variants: { en: { body: 'Service BC: the ((office)) office is closed today.' } },
      approvedBy: 'config',
      approvedAt: now,
    })
    await insertTemplateVersion(rig.app.store.db, {
      ...seeded,
      key: 'case_update',
      version: 2,
      category: 'notification',
      status: 'draft',
      owner: 'service-bc-operations',
      reviewDue: '2028-02-23',
      variants: {
        en: { body: 'Service BC: request ((caseNumber)) is now ((status)).' },
        fr: { body: 'Service BC : la demande ((caseNumber)) est maintenant ((status)).' },
      },
      approvedBy: undefined,
      approvedAt: undefined,
    })
    await openSection('Templates')
    await page.getByRole('heading', { name: 'Templates', exact: true }).waitFor()
    const overdue = page.getByRole('status').filter({ hasText: 'Overdue for review (1)' })
    await overdue.getByRole('link', { name: 'office_closure' }).waitFor()
    const closureRow = page.getByRole('row').filter({ hasText: 'office_closure' })
    assert.match((await closureRow.textContent()) ?? '', /2020-01-31\s*Overdue/)

    await page.getByRole('link', { name: 'case_update', exact: true }).click()
    await page.getByRole('heading', { name: /Version 2: English and French\s*Draft/ }).waitFor()
    await page.getByRole('button', { name: 'Approve version 2' }).click()
    await page.getByRole('button', { name: 'Approve', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Version 2 is approved' }).waitFor()
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Version 2' }) })
    await row.getByText('Approved', { exact: true }).waitFor()
    assert.equal(await page.getByRole('button', { name: /^Approve/ }).count(), 0)
  })

  it('tests a message against the screening rules and shows the rule and the masked text', async () => {
    await openSection('Screening rules')
    await page
      .getByLabel('Message text')
      .fill('I forgot my BCeID password. My card is 4111 1111 1111 1111')
    await page.getByLabel('To (our number)').selectOption('+12505550101')
    await page.getByRole('button', { name: 'Test the message' }).click()

    const result = page.getByRole('region', { name: 'Result', exact: true })
    await result.waitFor()
    assert.equal(
      await result.getByRole('definition').first().textContent(),
      'bceid-mention',
      'the matching rule',
    )
    const masked = (await result.locator('.masked-text').textContent()) ?? ''
    assert.match(masked, /\[card\]/)
    assert.doesNotMatch(masked, /4111/)
    await result.getByText('Personal information found and masked: card number.').waitFor()
    const matchedRow = page.getByRole('row').filter({ hasText: 'Matched' })
    assert.match((await matchedRow.textContent()) ?? '', /bceid-mention/)
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-rules.png') })
  })

  it('adds a user with queues and skills', async () => {
    await openSection('Users')
    await page.getByRole('button', { name: 'Add a user' }).click()
    const form = page.getByRole('form', { name: 'Add a user' })
    await form.getByLabel('Username').fill('zoe.tremblay')
    await form.getByLabel('First password').fill('a long enough passphrase')
    await form.getByLabel('Display name').fill('Zoé Tremblay')
    await form.getByRole('checkbox', { name: /General enquiries/ }).check()
    await form.getByLabel('French language').selectOption('5')
    await form.getByRole('button', { name: 'Add the user' }).click()
    await page.getByRole('status').filter({ hasText: 'zoe.tremblay is added' }).waitFor()
    const row = page.getByRole('row').filter({ hasText: 'Zoé Tremblay' })
    assert.match((await row.textContent()) ?? '', /SBC_HD_SMS_GENERAL.*French language 5/)

    await row.getByRole('button', { name: 'Edit zoe.tremblay' }).click()
    const panel = page.getByRole('region', { name: 'Edit zoe.tremblay' })
    await panel.getByLabel('Conversations at once').fill('5')
    await panel.getByRole('checkbox', { name: /BCeID support/ }).check()
    await panel.getByRole('button', { name: 'Save' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'Changes to zoe.tremblay are saved' })
      .waitFor()
    assert.match(
      (await row.textContent()) ?? '',
      /SBC_HD_SMS_BCEID, SBC_HD_SMS_GENERAL.*French language 5\s*5/,
    )
    await page.evaluate('window.scrollTo(0, 0)')
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-users.png') })
  })

  it('creates an API key, shows it once, and revokes it after confirmation', async () => {
    await openSection('API keys')
    await page.getByLabel('Name', { exact: true }).fill('crm')
    await page.getByLabel(/^read/).check()
    await page.getByRole('button', { name: 'Create the key' }).click()
    const key = await page.getByLabel('The new key').inputValue()
    assert.match(key, /^pk_test_[0-9a-f]{12}_/)
    await page.getByRole('button', { name: 'I have stored it' }).click()
    assert.equal(await page.getByText(key).count(), 0)
    assert.ok(!(await page.content()).includes(key), 'the key is gone from the page')

    await page.getByRole('button', { name: 'Revoke crm' }).click()
    await page.getByRole('button', { name: 'Revoke', exact: true }).click()
    await page.getByText(/^Revoked /).waitFor()
  })

  it("looks up a number's consent with its event history", async () => {
    const deps = rig.app
    await recordConsent(deps, {
      phone: '+12505550123',
      program: 'general',
      status: 'opted_in',
      source: 'web',
      evidence: 'web form #4411',
      actor: 'apikey:crm',
    })
    await recordConsent(deps, {
      phone: '+12505550123',
      program: 'general',
      status: 'opted_out',
      source: 'keyword',
      evidence: 'STOP',
      actor: 'system',
    })
    await openSection('Consent lookup')
    await page.getByLabel('Phone number').fill('250-555-0123')
    await page.getByRole('button', { name: 'Look up' }).click()
    await page.getByRole('heading', { name: 'Consent of +12505550123' }).waitFor()
    const general = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'general' }) })
    assert.match((await general.textContent()) ?? '', /Opted out/)
    await page.getByRole('cell', { name: 'web form #4411' }).waitFor()
  })
})
