// Patrol report (城管进社区 巡查上报) on a phone-sized screen against the real server. Arranged through
// the API as admin: a community team unit (社区工作队) in 吉州区 (360802) and a member of it with the
// built-in role patroller (巡查队员) and data scope own_unit. Through the UI, in a 390×844 browser
// that shares its location (27.1123, 114.9787): the patroller opens 巡查上报 from the menu, picks
// 垃圾未清运, describes it, attaches a PNG made here — with a tEXt chunk naming where it was taken and
// by whom — whose thumbnail appears once uploaded, fills the place with 定位 (the coordinates), and
// resolves it on the spot with a note and a photo of the result: the case number and 已办结 are
// shown. The case page shows both photos (loaded), and the finding's bytes as served are still a PNG
// but no longer carry the tEXt chunk. Then a second finding: a text file named .jpg is refused by the server on that photo, and
// neither action sends anything while it is there; once removed, 上报派单 leaves the case 待受理 for
// the dispatcher, and 继续上报 starts a blank form. Finally in English, 定位 writes "Latitude …,
// longitude …".
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test patrol.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { makePng, PNG_SIGNATURE } from './lib/png.mjs'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts, screenshot } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import { byId, login, openFromMenu, clickAndWaitForApi, waitForText } from './lib/ui.mjs'

let server
let browser
let page
const stamp = Date.now() % 1000000
const TEAM = { name: `e2e习溪桥社区城管工作队${stamp}`, id: 0 }
const PATROLLER = { login: `e2e.patrol${stamp}`, name: '巡查员丁', password: 'Street-walker-Passw0rd' }
const LOCATION = { latitude: 27.1123, longitude: 114.9787 }
const COORDS_ZH = '纬度 27.112300, 经度 114.978700'
const COORDS_EN = 'Latitude 27.112300, longitude 114.978700'
const SECRET = '王小明'
const FINDING = '习溪桥小区东门垃圾桶满溢，垃圾已两天未清运'
const NOTE = '已联系保洁员当场清运，桶边已冲洗'
const found = { id: 0, number: '' }

before(async () => {
  server = await startServer()
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  TEAM.id = (await api.post('/api/units', {
    name: TEAM.name, kind: 'community_team', region_code: '360802', parent_id: null, code: null,
  })).id
  await api.post('/api/users', {
    login: PATROLLER.login, name: PATROLLER.name, phone: null, unit_id: TEAM.id,
    role_ids: [await api.roleId('patroller')], scope: { kind: 'own_unit', unit_ids: [] }, password: PATROLLER.password,
  })
  browser = await launchBrowser()
  page = await newPage(browser, {
    viewport: { width: 390, height: 844 },
    geolocation: LOCATION,
    permissions: ['geolocation'],
  })
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

// ---- helpers

/** The photo tiles of a strip (patrol-photos or patrol-result-photos), optionally in one state. */
function photoTiles(stripId, state) {
  return page.locator(`${byId(stripId)} .photo:not(.add)${state ? `[data-state="${state}"]` : ''}`)
}

/** Picks files with the page's file input and waits for the upload's answer. */
async function pickFile(inputId, file) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/attachments' && r.request().method() === 'POST'),
    page.locator(byId(inputId)).setInputFiles(file),
  ])
  return res
}

/** Opens 巡查上报 from the side menu (unfolding it first if folded), then folds the menu away again. */
async function openPatrol() {
  const folded = (await page.locator(`${byId('side-menu')}.el-menu--collapse`).count()) > 0
  if (folded) await page.locator(byId('menu-collapse')).click()
  await openFromMenu(page, 'menu-patrol', '/patrol')
  // On a phone the side menu is folded away to give the form the width.
  await page.locator(byId('menu-collapse')).click()
  await page.locator(`${byId('side-menu')}.el-menu--collapse`).waitFor()
  await page.locator(byId('patrol-categories')).waitFor()
  await page.locator(byId('patrol-category-0203')).waitFor()
}

const imageLoaded = (locator) => locator.evaluate((img) => img.complete && img.naturalWidth > 0)

test('a patroller reports a finding with a photo and resolves it on the spot', async () => {
  await withArtifacts(page, 'patrol-resolve', async () => {
    await login(page, server.baseURL, PATROLLER.login, PATROLLER.password)
    assert.match(await page.locator(byId('menu-patrol')).innerText(), /巡查上报/)
    await openPatrol()
    // The finding's region is the team's (吉州区).
    await waitForText(page.locator(byId('patrol-region')), '360802')

    await page.locator(byId('patrol-category-0203')).click()
    assert.equal(await page.locator(byId('patrol-category-0203')).getAttribute('aria-checked'), 'true')
    assert.match(await page.locator(byId('patrol-category-0203')).innerText(), /垃圾未清运/)
    // 违章搭建 is offered among the patrol categories too.
    assert.match(await page.locator(byId('patrol-category-0103')).innerText(), /违章搭建/)
    await page.locator(byId('patrol-text')).fill(FINDING)

    const png = makePng(`GPS 27.1123,114.9787 拍摄人 ${SECRET}`)
    assert.ok(png.includes(Buffer.from(SECRET)), 'the test image carries the name')
    const uploaded = await pickFile('patrol-photo-input', { name: 'finding.png', mimeType: 'image/png', buffer: png })
    assert.equal(uploaded.status(), 201, await uploaded.text())
    const findingPhoto = await uploaded.json()
    const tile = photoTiles('patrol-photos', 'done')
    await tile.first().waitFor()
    assert.equal(await photoTiles('patrol-photos').count(), 1)
    await page.waitForFunction((sel) => {
      const img = document.querySelector(sel)
      return !!img && img.complete && img.naturalWidth > 0
    }, `${byId('patrol-photos')} .photo[data-state="done"] img`)

    // 定位 fills the empty address with the coordinates.
    const address = page.locator(byId('patrol-address'))
    assert.equal(await address.inputValue(), '')
    await page.locator(byId('patrol-locate')).click()
    await page.waitForFunction((sel) => document.querySelector(sel)?.value?.length > 0, byId('patrol-address'))
    assert.equal(await address.inputValue(), COORDS_ZH)
    await screenshot(page, 'patrol-form')

    // 现场处置: a note of what was done, then the case is created and closed.
    await page.locator(byId('patrol-resolve')).click()
    const dialog = page.locator(byId('patrol-resolve-dialog'))
    await dialog.waitFor()
    await page.locator(byId('patrol-resolve-note')).fill(NOTE)
    // A photo of the result, too.
    const after = await pickFile('patrol-result-photo-input', { name: 'after.png', mimeType: 'image/png', buffer: makePng('after') })
    assert.equal(after.status(), 201, await after.text())
    const resultPhoto = await after.json()
    await page.locator(`${byId('patrol-result-photos')} .photo[data-state="done"]`).waitFor()
    const createdP = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cases' && r.request().method() === 'POST')
    const actedP = page.waitForResponse((r) => /^\/api\/cases\/\d+\/actions$/.test(new URL(r.url()).pathname)
      && r.request().method() === 'POST')
    await page.locator(byId('patrol-resolve-confirm')).click()
    const created = await createdP
    assert.equal(created.status(), 201, await created.text())
    const sent = created.request().postDataJSON()
    assert.equal(sent.channel, 'patrol')
    assert.equal(sent.category_code, '0203')
    assert.equal(sent.region_code, '360802')
    assert.equal(sent.accept, false)
    assert.equal(sent.address, COORDS_ZH)
    assert.deepEqual(sent.attachment_ids, [findingPhoto.id])
    const acted = await actedP
    assert.equal(acted.status(), 200, await acted.text())
    assert.deepEqual(acted.request().postDataJSON(), {
      type: 'resolve_on_spot', note: NOTE, attachment_ids: [resultPhoto.id],
    })
    await dialog.waitFor({ state: 'hidden' })

    await page.locator(byId('patrol-success')).waitFor()
    found.number = (await page.locator(byId('patrol-success-number')).innerText()).trim()
    found.id = (await created.json()).id
    assert.ok(found.number.length >= 6, `a case number: ${found.number}`)
    assert.equal((await page.locator(byId('patrol-success-state')).innerText()).trim(), '已办结')
    await screenshot(page, 'patrol-success')

    // The case page: closed, with the photo.
    await page.locator(byId('patrol-success-link')).click()
    await page.waitForURL((u) => u.pathname === `/cases/${found.id}`)
    await page.locator(byId('case-number')).filter({ hasText: found.number }).waitFor()
    await page.locator(byId('case-state')).filter({ hasText: '已办结' }).waitFor()
    assert.match(await page.locator(byId('case-text')).innerText(), new RegExp(FINDING))
    const photos = page.locator(`${byId('case-photos')} figure`)
    await photos.first().waitFor()
    assert.equal(await photos.count(), 2, 'the finding and the result')
    assert.match(await photos.first().innerText(), new RegExp(PATROLLER.name))
    const src = `/api/attachments/${findingPhoto.id}`
    const img = page.locator(`${byId(`case-photo-${findingPhoto.id}`)} img`)
    await img.waitFor()
    assert.equal(await img.getAttribute('src'), src)
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel)
      return !!el && el.complete && el.naturalWidth > 0
    }, `${byId(`case-photo-${findingPhoto.id}`)} img`)
    assert.ok(await imageLoaded(img), 'the photo is shown')
    await page.locator(byId('case-photos')).scrollIntoViewIfNeeded()
    await screenshot(page, 'patrol-case')

    // The photo as served: still a PNG, without the tEXt chunk (who took it, where).
    const res = await page.request.get(`${server.baseURL}${src}`)
    assert.equal(res.status(), 200)
    assert.equal(res.headers()['content-type'], 'image/png')
    const bytes = await res.body()
    assert.ok(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'starts with the PNG signature')
    assert.ok(!bytes.includes(Buffer.from(SECRET)), 'the name in the tEXt chunk was removed')
    assert.ok(!bytes.includes(Buffer.from('GPS 27.1123')), 'the place in the tEXt chunk was removed')
    assert.ok(!bytes.includes(Buffer.from('tEXt', 'latin1')), 'no tEXt chunk is left')
  }, server.output)
})

test('a file that is not an image is refused on its photo and nothing is sent; then reported for dispatch', async () => {
  await withArtifacts(page, 'patrol-refused', async () => {
    await openPatrol()
    await page.locator(byId('patrol-category-0205')).click()
    await page.locator(byId('patrol-text')).fill('习溪桥菜市场门口水果摊占用人行道')
    await page.locator(byId('patrol-address')).fill('习溪桥菜市场北门')
    await page.locator(byId('patrol-locate')).click()
    await page.waitForFunction((sel) => document.querySelector(sel)?.value?.includes('纬度'), byId('patrol-address'))
    assert.equal(await page.locator(byId('patrol-address')).inputValue(), `习溪桥菜市场北门（${COORDS_ZH}）`)

    const refused = await pickFile('patrol-photo-input', {
      name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片，只是一段文字。\nnot a photo\n'),
    })
    assert.equal(refused.status(), 400)
    const answer = await refused.json()
    assert.equal(answer.error.field, 'file')
    const bad = photoTiles('patrol-photos', 'error')
    await bad.first().waitFor()
    const key = (await bad.first().getAttribute('data-testid')).replace('patrol-photo-', '')
    const error = await page.locator(byId(`patrol-photo-error-${key}`)).innerText()
    assert.ok(error.includes(answer.error.message), `the server's message on the photo: ${error}`)
    assert.match(error, /photo\.jpg/)
    await screenshot(page, 'patrol-refused-photo')

    // Neither action sends anything while a refused photo is there.
    const writes = []
    const onRequest = (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/cases')) writes.push(r.url())
    }
    page.on('request', onRequest)
    await page.locator(byId('patrol-report')).click()
    await page.locator('.el-form-item__error', { hasText: '请先删除上传失败的照片' }).waitFor()
    await page.locator(byId('patrol-resolve')).click()
    await page.waitForTimeout(500)
    assert.equal(await page.locator(`${byId('patrol-resolve-dialog')}:visible`).count(), 0, 'the resolve dialog stays closed')
    page.off('request', onRequest)
    assert.deepEqual(writes, [], 'no case was sent')

    // Removed, the finding goes to the dispatcher.
    await page.locator(byId(`patrol-photo-remove-${key}`)).click()
    assert.equal(await photoTiles('patrol-photos').count(), 0)
    const res = await clickAndWaitForApi(page, page.locator(byId('patrol-report')), '/api/cases', 'POST')
    assert.equal(res.status(), 201, await res.text())
    assert.deepEqual(res.request().postDataJSON().attachment_ids, [])
    await page.locator(byId('patrol-success')).waitFor()
    assert.equal((await page.locator(byId('patrol-success-state')).innerText()).trim(), '待受理')
    const number = (await page.locator(byId('patrol-success-number')).innerText()).trim()
    assert.notEqual(number, found.number)

    // Report another: a blank form.
    await page.locator(byId('patrol-again')).click()
    await page.locator(byId('patrol-text')).waitFor()
    assert.equal(await page.locator(byId('patrol-text')).inputValue(), '')
    assert.equal(await page.locator(byId('patrol-address')).inputValue(), '')
    assert.equal(await page.locator(`${byId('patrol-categories')} [aria-checked="true"]`).count(), 0)
    assert.equal(await photoTiles('patrol-photos').count(), 0)
  }, server.output)
})

test('in English, "Use my location" writes the coordinates in English', async () => {
  await withArtifacts(page, 'patrol-english', async () => {
    await page.locator(byId('lang-switch')).click()
    await page.locator(`${byId('lang-en')}:visible`).click()
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('Use my location'), byId('patrol-locate'))
    await page.locator(byId('patrol-locate')).click()
    await page.waitForFunction((sel) => document.querySelector(sel)?.value?.length > 0, byId('patrol-address'))
    assert.equal(await page.locator(byId('patrol-address')).inputValue(), COORDS_EN)
    assert.match(await page.locator(byId('patrol-resolve')).innerText(), /Resolved on the spot/)
    assert.match(await page.locator(byId('patrol-report')).innerText(), /Report for dispatch/)
  }, server.output)
})
