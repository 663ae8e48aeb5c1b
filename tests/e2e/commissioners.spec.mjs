// Commissioners in enterprises (特派员驻企帮扶, issue 6 point 1) in a real browser. Arranged through
// the API: an industry bureau with two commissioners (role commissioner), a human-resources bureau
// with a handler, an enterprise, and the first commissioner assigned to it. As the commissioner,
// through the UI: 驻企服务 from the menu, the enterprise in 我的企业, a visit recorded with the
// policies explained, the help given, the funds paid and a recruitment demand raised (a case on
// the commissioner channel). The department signs and replies through the API (the dispatch
// centre dispatches it first). Back in the UI the commissioner records the enterprise's satisfied
// callback and sees the demand solved. As the administrator: 特派员管理, the enterprise reassigned
// to the second commissioner with a reason; the list shows the new commissioner.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test commissioners.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { creditCode } from './lib/credit-code.mjs'
import {
  byId, login, logout, changePasswordIfForced, openFromMenu, tableRows, waitForText, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page
let admin
const stamp = Date.now() % 1000000
const LI = { login: `e2e.tpyli${stamp}`, password: 'Commissioner-Li-Passw0rd' }
const WANG = { login: `e2e.tpywang${stamp}`, password: 'Commissioner-Wang-Passw0rd' }
const HANDLER = { login: `e2e.rsj${stamp}`, password: 'Hrss-handler-Passw0rd' }
const FIRM = `e2e吉安电子科技有限公司${stamp}`
const CODE = creditCode('360802', String(stamp).padStart(9, '0'))
const TITLE = '新生产线投产急需招工700人'
let hrssId = 0
let wangId = 0

before(async () => {
  server = await startServer()
  admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const bureau = await admin.post('/api/units', { name: `e2e吉安市工信局${stamp}`, kind: 'department', region_code: '3608', parent_id: null, code: null })
  const hrss = await admin.post('/api/units', { name: `e2e吉安市人社局${stamp}`, kind: 'department', region_code: '3608', parent_id: null, code: null })
  hrssId = hrss.id
  const commissionerRole = await admin.roleId('commissioner')
  const li = await admin.post('/api/users', {
    login: LI.login, name: '特派员李明', phone: null, unit_id: bureau.id,
    role_ids: [commissionerRole], scope: { kind: 'self', unit_ids: [] }, password: LI.password,
  })
  const wang = await admin.post('/api/users', {
    login: WANG.login, name: '特派员王芳', phone: null, unit_id: bureau.id,
    role_ids: [commissionerRole], scope: { kind: 'self', unit_ids: [] }, password: WANG.password,
  })
  wangId = wang.id
  await admin.post('/api/users', {
    login: HANDLER.login, name: '人社局刘强', phone: null, unit_id: hrss.id,
    role_ids: [await admin.roleId('case_handler')], scope: { kind: 'own_unit', unit_ids: [] }, password: HANDLER.password,
  })
  await admin.post('/api/enterprises', { credit_code: CODE, name: FIRM, region_code: '360802', local: true, size: 'medium' })
  await admin.post('/api/field/assignments', { credit_code: CODE, user_id: li.id })
  browser = await launchBrowser()
  page = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The text box of an el-input, el-input-number or textarea by its data-testid (on the box or around it). */
function box(id) {
  const sel = byId(id)
  return page.locator(`input${sel}, textarea${sel}, ${sel} input, ${sel} textarea`).first()
}

test('a commissioner raises a recruitment demand at a visit, sees it solved; the admin reassigns the enterprise', async () => {
  await withArtifacts(page, 'commissioners', async () => {
    await login(page, server.baseURL, LI.login, LI.password)
    LI.password = await changePasswordIfForced(page, LI.password, `${LI.password}-2`)
    assert.match(await page.locator(byId('menu-field')).innerText(), /驻企服务/)
    await openFromMenu(page, 'menu-field', '/field')
    await waitForText(page.locator(byId(`field-firm-${CODE}`)), FIRM)
    await waitForText(page.locator(byId('field-record-name')), FIRM)

    // A visit: policies, help, funds, workers recruited and a recruitment demand.
    await page.locator(byId('field-new-visit')).click()
    await page.locator(byId('field-visit-dialog')).waitFor()
    await box('visit-summary').fill('走访了解企业扩产和用工情况')
    await box('visit-policies').fill('稳岗补贴政策，电子信息产业专项扶持政策')
    await box('visit-help').fill('对接人社部门组织专场招聘会')
    await box('visit-funds').fill('500000')
    await box('visit-workers').fill('120')
    await page.locator(byId('visit-add-problem')).click()
    await box('problem-title-0').fill(TITLE)
    await box('problem-text-0').fill('企业新生产线投产，需招聘普工700名，请人社部门协助。')
    const saved = await clickAndWaitForApi(page, page.locator(byId('visit-save')), '/api/field/visits', 'POST')
    assert.equal(saved.status(), 201)
    const visit = await saved.json()
    assert.equal(visit.funds_paid_yuan, 500000)
    assert.equal(visit.workers_recruited, 120)
    assert.deepEqual(visit.policies, ['稳岗补贴政策', '电子信息产业专项扶持政策'])
    const caseId = visit.problems[0].case_id
    assert.equal(visit.problems[0].channel, 'commissioner')
    assert.equal(visit.problems[0].category_code, '0501')
    await waitForText(page.locator(byId(`field-problem-state-${caseId}`)), '待派单')
    assert.match(await tableRows(page, 'field-visits').first().innerText(), /500000/)

    // The dispatch centre sends it to the human-resources bureau, which signs and replies.
    await admin.post(`/api/cases/${caseId}/actions`, { type: 'dispatch', unit_id: hrssId })
    const handler = await apiLogin(server.baseURL, HANDLER.login, HANDLER.password)
    await handler.post(`/api/cases/${caseId}/actions`, { type: 'sign' })
    await handler.post(`/api/cases/${caseId}/actions`, { type: 'reply', outcome: 'resolved', note: '专场招聘会为企业招到普工700名' })

    // The commissioner records the enterprise's satisfied callback and sees it solved.
    await page.reload()
    await waitForText(page.locator(byId(`field-problem-state-${caseId}`)), '待回访')
    await page.locator(byId(`field-callback-${caseId}`)).click()
    await page.locator(byId('field-callback-dialog')).waitFor()
    await box('callback-note').fill('企业对招工结果满意')
    const rated = await clickAndWaitForApi(page, page.locator(byId('callback-save')), `/api/cases/${caseId}/actions`, 'POST')
    assert.equal(rated.status(), 200)
    assert.equal((await rated.json()).state, 'closed')
    await waitForText(page.locator(byId(`field-problem-state-${caseId}`)), '已办结')
    await page.locator(byId(`field-problem-solved-${caseId}`)).waitFor()

    // The administrator reassigns the enterprise to the second commissioner, with a reason.
    await logout(page)
    await login(page, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(page, 'menu-field-assignments', '/field/assignments')
    await box('assignments-q').fill(CODE)
    await page.locator(byId('assignments-search')).click()
    await waitForText(page.locator(byId(`assignment-commissioner-${CODE}`)), '特派员李明')
    await page.locator(byId(`reassign-${CODE}`)).click()
    await page.locator(byId('assignment-dialog')).waitFor()
    await box('assignment-user').fill(String(wangId))
    await box('assignment-reason').fill('李明同志调任，工作调整')
    const moved = await clickAndWaitForApi(page, page.locator(byId('assignment-save')), '/api/field/assignments/reassign', 'POST')
    assert.equal(moved.status(), 200)
    await waitForText(page.locator(byId(`assignment-commissioner-${CODE}`)), '特派员王芳')

    // The new commissioner serves it now, with its history.
    const wang = await apiLogin(server.baseURL, WANG.login, WANG.password)
    const record = await wang.get(`/api/field/enterprises/${CODE}`)
    assert.equal(record.my_role, 'commissioner')
    assert.equal(record.problems[0].solved, true)
  })
})
