// The leaders' cockpit (驾驶舱, issue 7 point 6) in a real browser. Arranged through the API: two
// chains — 电子信息 (segments 覆铜板 with a local member and 胶水 without: a breakpoint) and 新能源 —,
// an outside investor and two projects of 电子信息: one signed today for 5 亿元 and one at 线索 for
// 1 亿元; a leader of the city (roles city_leader and chain_admin, scope all), a clerk (role staff: reads
// chains, no cockpit) and a chain leader of 电子信息 (role staff with a chain_leader position).
// Through the UI, as the city leader: 驾驶舱 from the menu, both chains listed (全市); 电子信息 picked
// → 5.00 亿元 signed and no target; the signing target set to 10 亿元 through the dialog → target
// 10.00 and 50% on the card and in the row, the target drawn as a mark line in the by-month chart;
// the 签约 bar of the stage chart opens the project list filtered to the chain and 签约 (the signed
// project only); the big screen shows the 1920×1080 stage scaled to the window, with the charts
// redrawn at their new size, and Esc leaves it, as does its exit button; the row's overdue tasks
// and cases open the work-plan and case lists filtered to the chain, and its map link the map. The clerk sees the menu
// entry but the page explains the refusal (403); the chain leader sees 我的产业链 with 电子信息 only.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test cockpit.spec.mjs
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
let admin
const stamp = Date.now() % 1000000
const LEADER = { login: `e2e.sld${stamp}`, password: 'City-Leader-Passw0rd' }
const CLERK = { login: `e2e.clerk${stamp}`, password: 'Office-Clerk-Passw0rd' }
const CHAIN_LEADER = { login: `e2e.lz${stamp}`, password: 'Chain-Leader-Passw0rd' }
const ELECTRONICS = `e2e电子信息${stamp}`
const ENERGY = `e2e新能源${stamp}`
const SIGNED = `覆铜板扩产项目${stamp}`
const LEAD = `电子胶水项目${stamp}`
let electronicsId = 0
let energyId = 0

before(async () => {
  server = await startServer()
  admin = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const unit = (name) => admin.post('/api/units', { name, kind: 'department', region_code: '3608', parent_id: null, code: null })
  const office = await unit(`e2e市政府办公室${stamp}`)
  const user = async (who, name, roles, scope) => (await admin.post('/api/users', {
    login: who.login, name, phone: null, unit_id: office.id, role_ids: await Promise.all(roles.map((r) => admin.roleId(r))),
    scope: { kind: scope, unit_ids: [] }, password: who.password,
  })).id
  // The lists the cockpit drills down to apply the reader's data scope: the city's leader sees all.
  await user(LEADER, '市领导秘书王敏', ['city_leader', 'chain_admin'], 'all')
  await user(CLERK, '办公室科员', ['staff'], 'own_unit')
  const chainLeader = await user(CHAIN_LEADER, '电子信息产业链链长', ['staff'], 'own_unit')

  electronicsId = (await admin.post('/api/chains', { name: ELECTRONICS, region_code: '3608' })).id
  energyId = (await admin.post('/api/chains', { name: ENERGY, region_code: '3608' })).id
  const laminate = (await admin.post(`/api/chains/${electronicsId}/segments`, { name: '覆铜板', stage: 'upstream' })).id
  const glue = (await admin.post(`/api/chains/${electronicsId}/segments`, { name: '胶水', stage: 'upstream' })).id
  await admin.post(`/api/chains/${energyId}/segments`, { name: '电芯', stage: 'midstream' })
  const local = await admin.post('/api/enterprises', {
    credit_code: creditCode('360802', String(stamp).padStart(9, '1')), name: `e2e吉安覆铜板有限公司${stamp}`,
    region_code: '360802', local: true, size: 'medium',
  })
  await admin.put(`/api/enterprises/${local.id}/memberships/${laminate}`, { role: 'member' })
  const investor = await admin.post('/api/enterprises', {
    credit_code: creditCode('440300', String(stamp).padStart(9, '2')), name: `e2e深圳材料集团${stamp}`,
    region_code: '4403', local: false, size: 'large',
  })
  const project = (name, segment, stage, amount) => admin.post('/api/investment-projects', {
    name, investor_id: investor.id, chain_id: electronicsId, segment_id: segment, purpose: 'chain_fill',
    agreed_amount: amount, stage,
  })
  await project(SIGNED, laminate, 'signed', 500000000)
  await project(LEAD, glue, 'lead', 100000000)
  await admin.post('/api/positions', {
    user_id: chainLeader, kind: 'chain_leader', context_type: 'chain', context_ref: String(electronicsId),
  })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

/** The text box of an el-input or el-input-number by its data-testid (on the box or around it). */
function box(page, id) {
  const sel = byId(id)
  return page.locator(`input${sel}, ${sel} input`).first()
}

/** Signs in (changing a forced password) in a fresh context and opens the cockpit from the menu. */
async function openCockpit(who) {
  const page = await newPage(browser)
  await login(page, server.baseURL, who.login, who.password)
  who.password = await changePasswordIfForced(page, who.password, `${who.password}-2`)
  await openFromMenu(page, 'menu-cockpit', '/cockpit')
  return page
}

/** Size of a chart's drawing (its <svg>) and of its container, in CSS pixels before any transform. */
function chartSize(page, id) {
  return page.locator(byId(id)).evaluate((el) => {
    const svg = el.querySelector('svg')
    return { box: [el.clientWidth, el.clientHeight], svg: svg ? [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))] : null }
  })
}

test('a city leader reads the cockpit, sets a signing target, drills down and uses the big screen', async () => {
  const page = await openCockpit(LEADER)
  await withArtifacts(page, 'cockpit-leader', async () => {
    await waitForText(page.locator(byId('cockpit-scope')), '全市')
    await tableRows(page, 'cockpit-table', ELECTRONICS).waitFor()
    await tableRows(page, 'cockpit-table', ENERGY).waitFor()
    // Both chains in the per-chain chart of signings against target.
    await page.locator(`${byId('cockpit-chart-targets')} svg`).waitFor()

    // One chain: its own figures, no target yet.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cockpit' && new URL(r.url()).searchParams.get('chain_id') === String(electronicsId)),
      pickOption(page, 'cockpit-chain', `cockpit-chain-${electronicsId}`),
    ])
    assert.equal(answer.status(), 200)
    await page.waitForURL((url) => url.searchParams.get('chain_id') === String(electronicsId))
    await waitForText(page.locator(byId('cockpit-signed-amount')), '5.00')
    await waitForText(page.locator(byId('cockpit-signing-target')), '未设签约目标')
    assert.equal(await tableRows(page, 'cockpit-table').count(), 1)
    assert.match(await page.locator(byId('cockpit-card-health')).innerText(), /50%[\s\S]*断点 1/)

    // The year's target through the dialog: 100000 万元 = 10 亿元.
    await page.locator(byId('cockpit-target-edit')).click()
    await page.locator(byId('cockpit-target-dialog')).waitFor()
    assert.match(await page.locator(byId('cockpit-target-chain')).innerText(), new RegExp(ELECTRONICS))
    await box(page, 'cockpit-target-amount').fill('100000')
    const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear()
    const saved = await clickAndWaitForApi(page, page.locator(byId('cockpit-target-save')),
      `/api/chains/${electronicsId}/signing-targets/${year}`, 'PUT')
    assert.equal(saved.status(), 204, saved.status() === 204 ? '' : await saved.text())
    assert.deepEqual(JSON.parse(saved.request().postData()), { amount: 1000000000 })
    await waitForText(page.locator(byId('cockpit-signing-target')), '10.00')
    await waitForText(page.locator(byId('cockpit-signed-percent')), '50%')
    await waitForText(page.locator(byId(`cockpit-row-percent-${electronicsId}`)), '50%')
    const stored = await admin.get(`/api/cockpit?chain_id=${electronicsId}`)
    assert.equal(stored.chains[0].projects.signing_target, 1000000000)
    // The target as a mark line over the cumulative signings.
    await page.locator(`${byId('cockpit-chart-months')} svg text`).filter({ hasText: '目标 10.00 亿元' }).first().waitFor()

    // The monthly report of the chain: the latest month by default, as xlsx and as a printable page.
    const month = new Date(Date.now() + 8 * 3600 * 1000).getUTCMonth() + 1
    const html = await page.locator(byId('cockpit-report-html')).getAttribute('href')
    assert.match(html, new RegExp(`month=${month}&chain_id=${electronicsId}&format=html`))
    const printable = await page.request.get(new URL(html, page.url()).href)
    assert.equal(printable.status(), 200)
    assert.match(await printable.text(), new RegExp(`${ELECTRONICS}产业链月报（${year}年${month}月）[\\s\\S]*年累计签约额`))
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(byId('cockpit-report-xlsx')).click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)

    // The stage chart: the 签约 bar (the right one of the two project-count bars) opens the list.
    // (Bars grow from the axis when drawn: wait for both, then click the centre, inside the bar either way.)
    const signedBar = await (await page.waitForFunction((sel) => {
      const bars = [...document.querySelectorAll(`${sel} svg path[fill="#409eff"]`)]
        .map((p) => p.getBoundingClientRect()).filter((r) => r.height > 30)
      if (bars.length !== 2) return null
      const r = bars.sort((a, b) => a.x - b.x)[1] // a count bar for 线索 and one for 签约
      return { x: r.x, y: r.y, width: r.width, height: r.height }
    }, byId('cockpit-chart-stages'))).jsonValue()
    await page.mouse.click(signedBar.x + signedBar.width / 2, signedBar.y + signedBar.height / 2)
    await page.waitForURL((url) => url.pathname === '/investment/projects' && url.searchParams.get('stage') === 'signed'
      && url.searchParams.get('chain_id') === String(electronicsId))
    await tableRows(page, 'investment-projects-table', SIGNED).waitFor()
    assert.equal(await tableRows(page, 'investment-projects-table').count(), 1)
    assert.match(await page.locator(byId('investment-projects-stage')).innerText(), /签约/)

    // Back to the cockpit: the big screen.
    await page.goBack()
    await page.waitForURL((url) => url.pathname === '/cockpit')
    await page.locator(`${byId('cockpit-chart-stages')} svg`).waitFor()
    const before = await chartSize(page, 'cockpit-chart-stages')
    assert.equal(before.box[1], 300)
    await page.locator(byId('cockpit-screen-enter')).click()
    const stage = page.locator(`${byId('cockpit-screen')} ${byId('cockpit-stage')}`)
    await stage.waitFor()
    assert.deepEqual(await stage.evaluate((el) => [el.offsetWidth, el.offsetHeight]), [1920, 1080])
    const [vw, vh] = await page.evaluate(() => [window.innerWidth, window.innerHeight])
    const scale = Math.min(vw / 1920, vh / 1080)
    const shown = await stage.boundingBox()
    assert.ok(Math.abs(shown.width - 1920 * scale) < 2 && Math.abs(shown.height - 1080 * scale) < 2,
      `stage ${shown.width}×${shown.height} for a ${vw}×${vh} window`)
    await waitForText(stage.locator(byId('cockpit-signed-amount')), '5.00')
    // The charts follow their new panels (drawn at the panel's size, no longer 300 px high).
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel)
      const svg = el && el.querySelector('svg')
      return !!svg && el.clientHeight !== 300 && Number(svg.getAttribute('height')) === el.clientHeight
        && Number(svg.getAttribute('width')) === el.clientWidth
    }, `${byId('cockpit-screen')} ${byId('cockpit-chart-stages')}`)
    await page.keyboard.press('Escape')
    await page.locator(byId('cockpit-screen')).waitFor({ state: 'detached' })
    await page.locator(`${byId('cockpit')} ${byId('cockpit-stage')}`).waitFor()
    await page.waitForFunction((sel) => document.querySelector(sel)?.clientHeight === 300, byId('cockpit-chart-stages'))
    // And out through its button.
    await page.locator(byId('cockpit-screen-enter')).click()
    await page.locator(byId('cockpit-screen-exit')).click()
    await page.locator(byId('cockpit-screen')).waitFor({ state: 'detached' })
    await page.locator(byId('cockpit-screen-enter')).waitFor()

    // The row's overdue tasks open the work-plan list of the chain, overdue only, every year.
    await page.locator(byId(`cockpit-row-tasks-${electronicsId}`)).click()
    await page.waitForURL((url) => url.pathname === '/work-tasks' && url.searchParams.get('overdue') === 'true')
    await waitForText(page.locator(byId('plan-chain')), ELECTRONICS)
    assert.match(await page.locator(byId('plan-overdue')).getAttribute('class'), /is-checked/)
    assert.equal(await box(page, 'plan-year').inputValue(), '')
    // Its overdue cases: the case list of the chain's enterprises, running cases, most overdue first.
    await page.goBack()
    await page.locator(byId(`cockpit-row-overdue-${electronicsId}`)).click()
    await page.waitForURL((url) => url.pathname === '/cases' && url.searchParams.get('order') === 'due')
    await waitForText(page.locator(byId('cases-search-chain')), ELECTRONICS)
    assert.match(await page.locator(byId('cases-search-overdue')).getAttribute('class'), /is-checked/)
    // And its map.
    await page.goBack()
    await page.locator(byId(`cockpit-row-map-${electronicsId}`)).click()
    await page.waitForURL((url) => url.pathname === `/chains/${electronicsId}`)
  })
  await page.context().close()
})

test('a user without the cockpit permission or a chain-leader position is told why; a chain leader sees their chain', async () => {
  const clerk = await openCockpit(CLERK)
  await withArtifacts(clerk, 'cockpit-refused', async () => {
    await waitForText(clerk.locator(byId('cockpit-forbidden')), '无权查看驾驶舱')
    assert.equal(await clerk.locator(byId('cockpit-table')).count(), 0)
  })
  await clerk.context().close()

  const leader = await openCockpit(CHAIN_LEADER)
  await withArtifacts(leader, 'cockpit-chain-leader', async () => {
    await waitForText(leader.locator(byId('cockpit-scope')), '我的产业链')
    await tableRows(leader, 'cockpit-table', ELECTRONICS).waitFor()
    assert.equal(await tableRows(leader, 'cockpit-table').count(), 1)
    assert.equal(await tableRows(leader, 'cockpit-table', ENERGY).count(), 0)
    await waitForText(leader.locator(byId('cockpit-signed-amount')), '5.00')
    assert.equal(await leader.locator(byId('cockpit-target-edit')).count(), 0, 'no chain:chain:write, no target editor')
  })
  await leader.context().close()
})
