// Enterprise demands and the chain leader's view (issue 6 point 1) in a real browser. Arranged
// through the API: an intake centre and the labour bureau, a dispatcher and a handler, a chain
// 电子信息 with segments 招工密集 and 检测, enterprise 甲 on 招工密集 with two earlier demands
// (filed through the API as its account), an enterprise account (enterprise_user, an
// enterprise_contact position of 甲) and a chain leader (staff of an unrelated unit, chain_leader
// position). Through the UI the enterprise files a demand from 企业诉求 (a case number). The
// centre dispatches it and the bureau replies (through the API). The enterprise sees the answer,
// rates it 5 stars (待回访 → 已办结) and sees it closed. The chain leader opens the chain page: the panel shows the
// chain leader's view, 招工密集 flagged as the pain point and the two still-open demands, and a
// demand opens the case page.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test enterprise-demands.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { creditCode } from './lib/credit-code.mjs'
import {
  byId, login, logout, changePasswordIfForced, openFromMenu, pickOptionByText, tableRows, waitForText, waitForToast,
  clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const FIRM_USER = { login: `e2e.firm${stamp}`, password: 'Enterprise-account-Passw0rd' }
const DISPATCHER = { login: `e2e.centre${stamp}`, password: 'Centre-dispatch-Passw0rd' }
const HANDLER = { login: `e2e.labour${stamp}`, password: 'Labour-handler-Passw0rd' }
const LEADER = { login: `e2e.leader${stamp}`, password: 'Chain-leader-Passw0rd' }
const FIRM = `e2e吉安甲电子有限公司${stamp}`
const CODE = creditCode('360802', stamp)
const TITLE = '急需普工200名，春节后开工缺人'
const REPLY = '市人社局已举办专场招聘会，推荐普工213名到岗'
let labourId = 0
let chainId = 0
let segmentA = 0
let earlier = []

before(async () => {
  server = await startServer()
  const admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const unit = (name) => admin.post('/api/units', { name, kind: 'department', region_code: '360802', parent_id: null, code: null })
  const centre = await unit(`e2e营商环境服务中心${stamp}`)
  const labour = await unit(`e2e人社局${stamp}`)
  const elsewhere = await unit(`e2e市政府办${stamp}`)
  labourId = labour.id
  const user = async (who, name, unitId, role, scope) => (await admin.post('/api/users', {
    login: who.login, name, phone: null, unit_id: unitId, role_ids: [await admin.roleId(role)],
    scope: { kind: scope, unit_ids: [] }, password: who.password,
  })).id
  const firmUser = await user(FIRM_USER, '甲公司行政刘敏', centre.id, 'enterprise_user', 'self')
  await user(DISPATCHER, '中心受理员', centre.id, 'case_dispatcher', 'own_unit')
  await user(HANDLER, '人社局承办人', labour.id, 'case_handler', 'own_unit')
  const leader = await user(LEADER, '电子信息产业链链长', elsewhere.id, 'staff', 'own_unit')

  const chain = await admin.post('/api/chains', { name: `e2e电子信息${stamp}`, region_code: '3608' })
  chainId = chain.id
  segmentA = (await admin.post(`/api/chains/${chainId}/segments`, { name: '招工密集', stage: 'midstream' })).id
  await admin.post(`/api/chains/${chainId}/segments`, { name: '检测', stage: 'downstream' })
  const firm = await admin.post('/api/enterprises', { credit_code: CODE, name: FIRM, region_code: '360802', local: true, size: 'small' })
  await admin.put(`/api/enterprises/${firm.id}/memberships/${segmentA}`, { role: 'member' })
  await admin.post('/api/positions', { user_id: firmUser, kind: 'enterprise_contact', context_type: 'enterprise', context_ref: CODE })
  await admin.post('/api/positions', { user_id: leader, kind: 'chain_leader', context_type: 'chain', context_ref: String(chainId) })

  // Two earlier demands of the same enterprise, still open.
  const firmApi = await apiLogin(server.baseURL, FIRM_USER.login, FIRM_USER.password)
  for (const [category, title] of [['0506', '稳岗补贴未兑现'], ['0501', '技工培训场地不足']]) {
    earlier.push(await firmApi.post('/api/enterprise-demands', { category_code: category, title, text: `${title}，请协调` }))
  }
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

test('an enterprise files a demand, rates the reply satisfied and sees it closed; the chain leader sees the pain point', async () => {
  await withArtifacts(page, 'enterprise-demands', async () => {
    await login(page, server.baseURL, FIRM_USER.login, FIRM_USER.password)
    FIRM_USER.password = await changePasswordIfForced(page, FIRM_USER.password, `${FIRM_USER.password}-2`)
    assert.match(await page.locator(byId('menu-demands')).innerText(), /企业诉求/)
    assert.equal(await page.locator(byId('menu-cases')).count(), 0, 'no general case list for an enterprise account')
    await openFromMenu(page, 'menu-demands', '/demands')
    await waitForText(page.locator(byId('demands-table')), '稳岗补贴未兑现')
    assert.equal(await tableRows(page, 'demands-table').count(), 2)

    // File a new demand.
    await page.locator(byId('demands-create')).click()
    await page.waitForURL((u) => u.pathname === '/demands/new')
    await waitForText(page.locator(byId('demand-enterprise-name')), FIRM)
    await pickOptionByText(page, 'demand-category', '招工用工')
    await box('demand-title').fill(TITLE)
    await box('demand-text').fill('企业订单增加，春节后需普工200名，已在网上招聘两周仍缺口较大。')
    await box('demand-contact-phone').fill('13907960001')
    const filed = await clickAndWaitForApi(page, page.locator(byId('demand-submit')), '/api/enterprise-demands', 'POST')
    assert.equal(filed.status(), 201)
    const { id, number } = await filed.json()
    await waitForToast(page, number)
    await page.waitForURL((u) => u.pathname === `/demands/${id}`)
    await waitForText(page.locator(byId('demand-state')), '待受理')

    // The centre dispatches it and the labour bureau replies (through the API, for speed).
    const centre = await apiLogin(server.baseURL, DISPATCHER.login, DISPATCHER.password)
    await centre.post(`/api/cases/${id}/actions`, { type: 'accept' })
    await centre.post(`/api/cases/${id}/actions`, { type: 'dispatch', unit_id: labourId })
    const bureau = await apiLogin(server.baseURL, HANDLER.login, HANDLER.password)
    await bureau.post(`/api/cases/${id}/actions`, { type: 'sign' })
    await bureau.post(`/api/cases/${id}/actions`, { type: 'reply', outcome: 'resolved', note: REPLY })

    // The enterprise sees the answer and rates it satisfied: closed.
    await page.reload()
    await waitForText(page.locator(byId('demand-state')), '待回访')
    await waitForText(page.locator(byId('demand-answer')).first(), REPLY)
    await page.locator(`${byId('demand-rate-stars')} .el-rate__item`).nth(4).click()
    await box('demand-rate-note').fill('招聘会很及时，人员已到岗')
    const rated = await clickAndWaitForApi(page, page.locator(byId('demand-rate-submit')), `/api/enterprise-demands/${id}/rating`, 'POST')
    assert.equal(rated.status(), 200)
    assert.equal((await rated.json()).state, 'closed')
    await waitForToast(page, '感谢评价')
    await waitForText(page.locator(byId('demand-state')), '已办结')
    assert.equal(await page.locator(byId('demand-rate-card')).count(), 0)
    await openFromMenu(page, 'menu-demands', '/demands')
    await page.locator(byId('demands-status-done')).click()
    await waitForText(page.locator(byId('demands-table')), TITLE)
    assert.equal(await tableRows(page, 'demands-table').count(), 1)
    await logout(page)

    // The chain leader: the chain page shows the leader's view, the pain point and the open demands.
    await login(page, server.baseURL, LEADER.login, LEADER.password)
    LEADER.password = await changePasswordIfForced(page, LEADER.password, `${LEADER.password}-2`)
    await page.goto(`${server.baseURL}/chains/${chainId}`)
    await page.locator(byId('chain-problems-panel')).waitFor()
    await waitForText(page.locator(byId('chain-problems-scope')), '链长视图')
    await page.locator(byId(`pain-point-${segmentA}`)).waitFor()
    await waitForText(page.locator(byId('chain-problems')), '稳岗补贴未兑现')
    assert.equal(await tableRows(page, 'chain-problems').count(), 2)
    assert.match(await page.locator(byId('chain-problems')).innerText(), new RegExp(FIRM))
    assert.doesNotMatch(await page.locator(byId('chain-problems')).innerText(), new RegExp(TITLE), 'the closed demand is no problem')
    // Drill down to the case.
    await page.locator(byId(`chain-problem-${earlier[0].id}`)).click()
    await page.waitForURL((u) => u.pathname === `/cases/${earlier[0].id}`)
    await waitForText(page.locator(byId('case-number')), earlier[0].number)
  })
})
