// Public case tracking (issue 6, point 6) in a real browser, without an account. Arranged through
// the API: a unit with a handler, a case registered with the reporter's phone, dispatched, signed
// for, a handling note and a reply. Through the UI: from the sign-in page's link, a lookup with the
// wrong phone digits shows "not found"; with the right ones the page shows the state, the handling
// unit, the reply with its outcome and the public steps — and neither the reporter's name nor the
// internal note.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test track.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts, screenshot } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { byId, clickAndWaitForApi } from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const UNIT = `e2e吉州区市政公用局${stamp}`
const HANDLER = { login: `e2e.roads${stamp}`, password: 'Roads-handler-Passw0rd' }
const REPLY = '已更换破损井盖，感谢您的监督'
const NOTE = '内部记录：已通知施工队'
const REPORTER = '赵六'
let number = ''

before(async () => {
  server = await startServer()
  const admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const unit = await admin.post('/api/units', { name: UNIT, kind: 'department', region_code: '360802', parent_id: null, code: null })
  await admin.post('/api/users', {
    login: HANDLER.login, name: '承办员丙', phone: null, unit_id: unit.id,
    role_ids: [await admin.roleId('case_handler')], scope: { kind: 'own_unit', unit_ids: [] }, password: HANDLER.password,
  })
  const created = await admin.post('/api/cases', {
    channel: 'hotline', category_code: '0201', text: '人民路口井盖破损，晚上容易绊倒行人。', region_code: '360802',
    reporter_name: REPORTER, reporter_phone: '13907965678',
  })
  number = created.number
  await admin.post(`/api/cases/${created.id}/actions`, { type: 'dispatch', unit_id: unit.id })
  const handler = await apiLogin(server.baseURL, HANDLER.login, HANDLER.password)
  await handler.post(`/api/cases/${created.id}/actions`, { type: 'sign' })
  await handler.post(`/api/cases/${created.id}/actions`, { type: 'progress', note: NOTE })
  await handler.post(`/api/cases/${created.id}/actions`, { type: 'reply', outcome: 'resolved', note: REPLY })
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

async function lookUp(digits) {
  await page.locator(byId('track-number')).fill(number)
  await page.locator(byId('track-phone')).fill(digits)
  return clickAndWaitForApi(page, page.locator(byId('track-submit')), '/api/public/case-lookups', 'POST')
}

test('a reporter follows a case from its number and phone digits, without signing in', async () => {
  await withArtifacts(page, 'track', async () => {
    await page.goto(`${server.baseURL}/login`)
    await page.locator(byId('login-track-link')).click()
    await page.waitForURL((u) => u.pathname === '/track')

    const wrong = await lookUp('0000')
    assert.equal(wrong.status(), 404)
    await page.locator(byId('track-error')).waitFor()
    assert.match(await page.locator(byId('track-error')).innerText(), /未找到/)

    const right = await lookUp('5678')
    assert.equal(right.status(), 200)
    const result = page.locator(byId('track-result'))
    await result.waitFor()
    assert.equal(await page.locator(byId('track-error')).count(), 0)
    assert.equal((await page.locator(byId('track-state')).innerText()).trim(), '待回访')
    const reply = await page.locator(byId('track-reply')).innerText()
    assert.match(reply, new RegExp(REPLY))
    assert.match(reply, /已解决/)
    const steps = await page.locator(byId('track-steps')).innerText()
    for (const step of ['登记', '受理', '派单', '签收', '答复']) assert.match(steps, new RegExp(step))
    assert.match(steps, new RegExp(`派单 · ${UNIT}`))
    const text = await result.innerText()
    assert.match(text, new RegExp(UNIT))
    for (const secret of [REPORTER, NOTE, '13907965678', '办理记录']) {
      assert.ok(!text.includes(secret), `${secret} must not be shown`)
    }
    await screenshot(page, 'track-result')
  })
})
