// Micro-wishes (微心愿) against the real server. Arranged through the API as admin: 南昌市民政局, a
// social-work station (社工站) of 南昌县, a social worker there with the built-in role social_worker
// (社工, data scope own_unit), and a campaign open today whose deadline is a month away. Through
// the UI: the social worker opens 微心愿 from the menu and the campaign, records a wish (a
// minimised alias, an age, a public story) and publishes it. Two donors, each in a browser context
// of their own and without an account, open /wishes from the sign-in page's link: the wish is
// listed with its story and station but never the alias; the first donor claims it; the second,
// whose page still offers it, is told it was claimed already. The social worker sees the claim
// with the donor's phone, is stopped from confirming the delivery without a photo, then confirms
// it with a PNG made here; the wish shows 已实现 on the campaign page, in its figures and publicly.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test wishes.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { makePng } from './lib/png.mjs'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts, screenshot } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { byId, login, openFromMenu, waitForText, waitForToast } from './lib/ui.mjs'

let server
let browser
let worker
const stamp = Date.now() % 1000000
const STATION = { name: `e2e莲塘镇社工站${stamp}`, id: 0 }
const WORKER = { login: `e2e.sw${stamp}`, name: '社工李', password: 'Wish-keeper-Passw0rd' }
const CAMPAIGN = { name: `e2e六一微心愿${stamp}`, id: 0 }
const ALIAS = '小芸'
const ITEM = '一套水彩笔和画本'
const STORY = '喜欢画画，想画下家门口的油菜花。'
const DONOR = { name: '张爱心', phone: '13912345678' }

/** A local (UTC+8) date `days` from today, YYYY-MM-DD. */
function chinaDate(days) {
  return new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10)
}

before(async () => {
  server = await startServer()
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const mzj = await api.post('/api/units', {
    name: `e2e南昌市民政局${stamp}`, kind: 'department', region_code: '3601', parent_id: null, code: null,
  })
  STATION.id = (await api.post('/api/units', {
    name: STATION.name, kind: 'social_work_station', region_code: '360121', parent_id: null, code: null,
  })).id
  await api.post('/api/users', {
    login: WORKER.login, name: WORKER.name, phone: null, unit_id: STATION.id,
    role_ids: [await api.roleId('social_worker')], scope: { kind: 'own_unit', unit_ids: [] }, password: WORKER.password,
  })
  CAMPAIGN.id = (await api.post('/api/wish-campaigns', {
    name: CAMPAIGN.name, organiser_unit_id: mzj.id, region_code: '3601',
    opens_on: chinaDate(-1), deadline_on: chinaDate(30), description: '为困境儿童圆一个小小心愿',
  })).id
  browser = await launchBrowser()
  worker = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The wish's public card on a donor's page. */
const card = (page, id) => page.locator(byId(`public-wish-${id}`))

test('a wish is recorded, published, claimed once by a donor and delivered with a photo', async () => {
  let donor1
  let donor2
  await withArtifacts(worker, 'wishes', async () => {
    // ---- the social worker records and publishes a wish
    await login(worker, server.baseURL, WORKER.login, WORKER.password)
    await openFromMenu(worker, 'menu-wish-campaigns', '/wish-campaigns')
    await worker.locator(byId(`wish-campaign-row-${CAMPAIGN.id}`)).click()
    await worker.waitForURL((url) => url.pathname === `/wish-campaigns/${CAMPAIGN.id}`)
    await waitForText(worker.locator(byId('wish-campaign-info')), CAMPAIGN.name)

    await worker.locator(byId('wish-record')).click()
    await worker.locator(byId('wish-record-dialog')).waitFor()
    await worker.locator(byId('wish-record-item')).fill(ITEM)
    // A full name is refused, the field named.
    await worker.locator(byId('wish-record-alias')).fill('王小芸')
    await worker.locator(byId('wish-record-age')).locator('input').fill('9')
    await worker.locator(byId('wish-record-story')).fill(STORY)
    const [refused] = await Promise.all([
      worker.waitForResponse((r) => new URL(r.url()).pathname === '/api/wishes' && r.request().method() === 'POST'),
      worker.locator(byId('wish-record-save')).click(),
    ])
    assert.equal(refused.status(), 400)
    assert.equal((await refused.json()).error.field, 'child_alias')
    await worker.locator(`${byId('wish-record-dialog')} .el-form-item__error`).first().waitFor()
    await worker.locator(byId('wish-record-alias')).fill(ALIAS)
    const [recorded] = await Promise.all([
      worker.waitForResponse((r) => new URL(r.url()).pathname === '/api/wishes' && r.request().method() === 'POST'),
      worker.locator(byId('wish-record-save')).click(),
    ])
    assert.equal(recorded.status(), 201, await recorded.text())
    const wish = await recorded.json()
    assert.equal(wish.state, 'recorded')
    assert.equal(wish.case_state, 'handling')
    await waitForText(worker.locator(byId(`wish-state-${wish.case_id}`)), '待发布')
    await worker.locator(byId(`wish-publish-${wish.case_id}`)).click()
    await waitForText(worker.locator(byId(`wish-state-${wish.case_id}`)), '待认领')
    await screenshot(worker, 'wishes-published')

    // ---- two donors, no account, each in a context of their own
    donor1 = await newPage(browser)
    donor2 = await newPage(browser)
    await donor1.goto(`${server.baseURL}/login`)
    await donor1.locator(byId('login-wishes-link')).click()
    await donor1.waitForURL((url) => url.pathname === '/wishes')
    await donor2.goto(`${server.baseURL}/wishes`)
    for (const page of [donor1, donor2]) {
      await waitForText(card(page, wish.case_id).locator('[data-role="item"]'), ITEM)
      await waitForText(card(page, wish.case_id).locator('[data-role="state"]'), '待认领')
    }
    const shown = await card(donor1, wish.case_id).innerText()
    assert.match(shown, new RegExp(STORY.slice(0, 6)))
    assert.match(shown, new RegExp(STATION.name))
    assert.doesNotMatch(await donor1.locator(byId('public-wishes')).innerText(), new RegExp(ALIAS), 'the alias is never public')

    // The first donor claims it.
    await donor1.locator(byId(`public-wish-claim-${wish.case_id}`)).click()
    await donor1.locator(byId('public-wish-claim-dialog')).waitFor()
    await donor1.locator(byId('public-claim-name')).fill(DONOR.name)
    await donor1.locator(byId('public-claim-phone')).fill(DONOR.phone)
    const [claimed] = await Promise.all([
      donor1.waitForResponse((r) => new URL(r.url()).pathname === `/api/public/wishes/${wish.case_id}/claim`),
      donor1.locator(byId('public-claim-submit')).click(),
    ])
    assert.equal(claimed.status(), 200, await claimed.text())
    await waitForToast(donor1, '认领成功')
    await waitForText(card(donor1, wish.case_id).locator('[data-role="state"]'), '已认领')
    assert.equal(await donor1.locator(byId(`public-wish-claim-${wish.case_id}`)).count(), 0)

    // The second donor's page still offers it: the claim is refused, naming it as claimed.
    await donor2.locator(byId(`public-wish-claim-${wish.case_id}`)).click()
    await donor2.locator(byId('public-claim-name')).fill('李善心')
    await donor2.locator(byId('public-claim-phone')).fill('13800001111')
    const [second] = await Promise.all([
      donor2.waitForResponse((r) => new URL(r.url()).pathname === `/api/public/wishes/${wish.case_id}/claim`),
      donor2.locator(byId('public-claim-submit')).click(),
    ])
    assert.equal(second.status(), 409)
    assert.equal((await second.json()).error.field, 'claimed_at')
    await waitForText(donor2.locator(byId('public-claim-error')), '已被他人认领')
    await screenshot(donor2, 'wishes-second-claim')

    // ---- the social worker confirms the delivery with a photo
    await worker.reload()
    await waitForText(worker.locator(byId(`wish-state-${wish.case_id}`)), '已认领')
    await waitForText(worker.locator(byId(`wish-donor-${wish.case_id}`)), DONOR.phone)
    await worker.locator(byId(`wish-deliver-${wish.case_id}`)).click()
    await worker.locator(byId('wish-deliver-dialog')).waitFor()
    await worker.locator(byId('wish-deliver-note')).fill('水彩笔和画本已送到孩子手中')
    await worker.locator(byId('wish-deliver-save')).click()
    await waitForText(worker.locator(byId('wish-deliver-dialog')), '至少')
    const [staged] = await Promise.all([
      worker.waitForResponse((r) => new URL(r.url()).pathname === '/api/attachments' && r.request().method() === 'POST'),
      worker.locator(byId('wish-photo-input')).setInputFiles({ name: 'delivery.png', mimeType: 'image/png', buffer: makePng() }),
    ])
    assert.equal(staged.status(), 201, await staged.text())
    await worker.locator(`${byId('wish-photos')} .photo[data-state="done"]`).waitFor()
    const [delivered] = await Promise.all([
      worker.waitForResponse((r) => new URL(r.url()).pathname === `/api/wishes/${wish.case_id}/delivery`),
      worker.locator(byId('wish-deliver-save')).click(),
    ])
    assert.equal(delivered.status(), 200, await delivered.text())
    const sent = delivered.request().postDataJSON()
    assert.deepEqual(sent.attachment_ids, [(await staged.json()).id])
    assert.equal((await delivered.json()).case_state, 'closed')
    await waitForText(worker.locator(byId(`wish-state-${wish.case_id}`)), '已实现')
    // The campaign's figures count it.
    await waitForText(worker.locator(byId(`wish-figures-delivered-${STATION.id}`)), '1')
    const totals = worker.locator(byId('wish-figures-total'))
    await worker.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-delivered') === '1',
      byId('wish-figures-total'))
    assert.equal(await totals.getAttribute('data-recorded'), '1')
    assert.equal(await totals.getAttribute('data-claimed'), '1')
    assert.equal(await totals.getAttribute('data-on-time'), '1')
    await screenshot(worker, 'wishes-delivered')

    // ---- publicly 已实现
    await donor2.reload()
    await waitForText(card(donor2, wish.case_id).locator('[data-role="state"]'), '已实现')
  })
  await donor1?.context().close().catch(() => {})
  await donor2?.context().close().catch(() => {})
})
