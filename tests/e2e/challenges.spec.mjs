// Support bodies and open challenges (issue 7 point 5) in a real browser, as a chain administrator
// (role chain_admin, arranged through the API with a chain and an enterprise). 支撑机构 from the
// menu: an advisory committee of the chain with three academicians and an expert → listed with 3
// academicians. 揭榜挂帅 from the menu: a challenge posted for the enterprise with a reward (a
// closing date already past refused on its field) → its page, 揭榜中; two teams' applications
// recorded; the second awarded with one milestone → 攻关中; completing before the milestone is done
// refused (409); the milestone marked done, then accepted → 已结题.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test challenges.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { creditCode } from './lib/credit-code.mjs'
import {
  byId, login, changePasswordIfForced, openFromMenu, pickOption, tableRows, waitForText, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const ADMIN = { login: `e2e.chainadm${stamp}`, password: 'Chain-Admin-Passw0rd' }
const CHAIN = `e2e新材料${stamp}`
const FIRM = `e2e吉安新材料有限公司${stamp}`
const CODE = creditCode('360802', String(stamp).padStart(9, '1'))
const COMMITTEE = `e2e新材料产业链专家咨询委员会${stamp}`
let firm = null
let chain = null

/** A local (UTC+8) date `days` from today, "YYYY-MM-DD". */
function chinaDate(days) {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * 24 * 3600 * 1000).toISOString().slice(0, 10)
}

before(async () => {
  server = await startServer()
  const admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const unit = await admin.post('/api/units', { name: `e2e吉安市工信局${stamp}`, kind: 'department', region_code: '3608', parent_id: null, code: null })
  await admin.post('/api/users', {
    login: ADMIN.login, name: '产业链办刘洋', phone: null, unit_id: unit.id,
    role_ids: [await admin.roleId('chain_admin')], scope: { kind: 'all', unit_ids: [] }, password: ADMIN.password,
  })
  chain = await admin.post('/api/chains', { name: CHAIN, region_code: '3608' })
  firm = await admin.post('/api/enterprises', { credit_code: CODE, name: FIRM, region_code: '360802', local: true, size: 'medium' })
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

function box(id) {
  const sel = byId(id)
  return page.locator(`input${sel}, textarea${sel}, ${sel} input, ${sel} textarea`).first()
}
async function fillDate(id, date) {
  await box(id).fill(date)
  await box(id).press('Enter')
  assert.equal(await box(id).inputValue(), date)
}

test('an advisory committee with its academicians; a challenge posted, applied for, awarded and completed', async () => {
  await withArtifacts(page, 'challenges', async () => {
    await login(page, server.baseURL, ADMIN.login, ADMIN.password)
    ADMIN.password = await changePasswordIfForced(page, ADMIN.password, `${ADMIN.password}-2`)

    // 支撑机构: a committee with three academicians.
    await openFromMenu(page, 'menu-support-bodies', '/support-bodies')
    await page.locator(byId('support-create')).click()
    await page.locator(byId('support-dialog')).waitFor()
    await box('support-form-name').fill(COMMITTEE)
    await pickOption(page, 'support-form-chain', `chain-option-${chain.id}`, CHAIN)
    await pickOption(page, 'support-form-region', 'region-option-3608', '吉安市')
    const members = [['张院士', 'academician'], ['李院士', 'academician'], ['王院士', 'academician'], ['赵教授', 'expert']]
    for (let i = 0; i < members.length; ++i) {
      await page.locator(byId('support-add-member')).click()
      await box(`support-member-name-${i}`).fill(members[i][0])
      await pickOption(page, `support-member-title-${i}`, `support-title-option-${members[i][1]}`)
    }
    const created = await clickAndWaitForApi(page, page.locator(byId('support-save')), '/api/support-bodies', 'POST')
    assert.equal(created.status(), 201)
    const body = await created.json()
    assert.equal(body.academicians, 3)
    await waitForText(page.locator(byId(`support-academicians-${body.id}`)), '3')
    assert.match(await tableRows(page, 'support-table', COMMITTEE).first().innerText(), /专家咨询委员会/)

    // 揭榜挂帅: post a challenge.
    await openFromMenu(page, 'menu-challenges', '/challenges')
    await page.locator(byId('challenge-post')).click()
    await page.locator(byId('challenge-dialog')).waitFor()
    await pickOption(page, 'challenge-enterprise', `enterprise-option-${firm.id}`, CODE)
    await pickOption(page, 'challenge-chain', `chain-option-${chain.id}`, CHAIN)
    await box('challenge-title').fill('高纯电子级氧化铝粉体制备技术')
    await box('challenge-need').fill('突破5N级高纯氧化铝粉体低成本制备工艺。')
    await box('challenge-reward').fill('5000000')
    await fillDate('challenge-apply-by', chinaDate(0))
    const refused = await clickAndWaitForApi(page, page.locator(byId('challenge-save')), '/api/challenges', 'POST')
    assert.equal(refused.status(), 400)
    assert.equal((await refused.json()).error.field, 'apply_by')
    await fillDate('challenge-apply-by', chinaDate(30))
    const posted = await clickAndWaitForApi(page, page.locator(byId('challenge-save')), '/api/challenges', 'POST')
    assert.equal(posted.status(), 201)
    const challenge = await posted.json()
    await page.waitForURL((url) => url.pathname === `/challenges/${challenge.id}`)
    await waitForText(page.locator(byId('challenge-detail-state')), '揭榜中')

    // Two applications.
    for (const [team, leader] of [['南昌大学材料学院团队', '陈教授'], ['江西省科学院团队', '刘研究员']]) {
      await page.locator(byId('challenge-apply')).click()
      await page.locator(byId('challenge-apply-dialog')).waitFor()
      await box('apply-team').fill(team)
      await box('apply-leader').fill(leader)
      await box('apply-proposal').fill(`${team}的技术方案`)
      await box('apply-phone').fill('13907961234')
      const applied = await clickAndWaitForApi(page, page.locator(byId('apply-save')), `/api/challenges/${challenge.id}/applications`, 'POST')
      assert.equal(applied.status(), 201)
      await page.locator(byId('challenge-apply-dialog')).waitFor({ state: 'hidden' })
    }
    const rows = tableRows(page, 'challenge-applications')
    await waitForText(rows, '江西省科学院团队')
    assert.equal(await rows.count(), 2)

    // Award the second with one milestone.
    const detail = await (await page.request.get(`${server.baseURL}/api/challenges/${challenge.id}`)).json()
    const second = detail.applications.find((a) => a.team === '江西省科学院团队')
    await page.locator(byId(`challenge-award-${second.id}`)).click()
    await page.locator(byId('challenge-award-dialog')).waitFor()
    await box('award-milestone-title-0').fill('小试样品')
    await fillDate('award-milestone-due-0', chinaDate(60))
    const awarded = await clickAndWaitForApi(page, page.locator(byId('award-save')), `/api/challenges/${challenge.id}/award`, 'POST')
    assert.equal(awarded.status(), 200)
    await waitForText(page.locator(byId('challenge-detail-state')), '攻关中')

    // Completing before the milestone is done is refused; then done and accepted.
    await page.locator(byId('challenge-complete')).click()
    await page.locator('.el-message-box:visible input').fill('验收通过')
    const early = await clickAndWaitForApi(page, page.locator('.el-message-box:visible').getByRole('button', { name: '确定' }),
      `/api/challenges/${challenge.id}/complete`, 'POST')
    assert.equal(early.status(), 409)
    await page.locator(byId('challenge-milestone-0')).click()
    await waitForText(page.locator(byId('challenge-milestone-done-0')), chinaDate(0))
    await page.locator(byId('challenge-complete')).click()
    await page.locator('.el-message-box:visible input').fill('专家组验收通过')
    const done = await clickAndWaitForApi(page, page.locator('.el-message-box:visible').getByRole('button', { name: '确定' }),
      `/api/challenges/${challenge.id}/complete`, 'POST')
    assert.equal(done.status(), 200)
    await waitForText(page.locator(byId('challenge-detail-state')), '已结题')
  })
})
