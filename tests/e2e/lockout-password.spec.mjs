// Account lockout and password change in a real browser against the real server (default policy:
// 5 failures lock for 10 minutes; password profile asvs). A user made for the purpose types four
// wrong passwords (refused as wrong), the fifth locks the account and the login page shows the
// server's "locked" message, and even the right password is then refused as locked. Admin sees the
// lock on the users page and unlocks it, and the login log shows the failures and the lock; the user
// can sign in again. Another user changes their own
// password through the change-password dialog (wrong old password, mismatch and a too-short password
// are refused in the form), and after logging out only the new password works.
// Run from tests/e2e: LIANZHANG_BIN=/path/to/lianzhang node --test lockout-password.spec.mjs
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, ADMIN_LOGIN, ADMIN_PASSWORD } from './lib/server.mjs'
import { launchBrowser, newPage, withArtifacts } from './lib/browser.mjs'
import { apiLogin } from './lib/api.mjs'
import {
  byId, login, logout, openFromMenu, tableRows, waitForText, waitForToast, loginExpectingError, clickAndWaitForApi,
} from './lib/ui.mjs'

let server
let browser
let page // the users under test
let admin
const stamp = Date.now() % 1000000
const LOCKED = { login: `e2e.lock${stamp}`, name: '锁定测试员', password: 'Lockout-right-Passw0rd', id: 0 }
const CHANGER = { login: `e2e.pwd${stamp}`, name: '改密测试员', password: 'Change-old-Passw0rd', id: 0 }
const NEW_PASSWORD = 'Change-new-Passw0rd-2'

before(async () => {
  server = await startServer()
  const api = await apiLogin(server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
  const staff = await api.roleId('staff')
  for (const u of [LOCKED, CHANGER]) {
    u.id = (await api.post('/api/users', {
      login: u.login, name: u.name, phone: null, unit_id: 1, role_ids: [staff], scope: { kind: 'self', unit_ids: [] },
      password: u.password,
    })).id
  }
  browser = await launchBrowser()
  page = await newPage(browser)
  admin = await newPage(browser)
})

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
})

test('five wrong passwords lock the account and the login page says so', async () => {
  await withArtifacts(page, 'lockout-lock', async () => {
    for (let i = 1; i <= 4; i++) {
      const message = await loginExpectingError(page, server.baseURL, LOCKED.login, `wrong-password-${i}`, /wrong/)
      assert.match(message, /wrong login name or password/, `attempt ${i}`)
      assert.equal(await page.locator(byId('login-password')).inputValue(), '', 'the password field is cleared')
    }
    const fifth = await loginExpectingError(page, server.baseURL, LOCKED.login, 'wrong-password-5', /locked/)
    assert.match(fifth, /too many failed logins: the account is locked for 10 minutes/)

    // Now even the right password is refused, naming the time the lock ends.
    const sixth = await loginExpectingError(page, server.baseURL, LOCKED.login, LOCKED.password, /locked until/)
    assert.match(sixth, /the account is locked until \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z after repeated failed logins/)
    assert.equal(new URL(page.url()).pathname, '/login')
  }, server.output)
})

test('admin sees the lock on the users page and unlocks the account', async () => {
  await withArtifacts(admin, 'lockout-unlock', async () => {
    await login(admin, server.baseURL, ADMIN_LOGIN, ADMIN_PASSWORD)
    await openFromMenu(admin, 'menu-users', '/system/users')
    const row = tableRows(admin, 'users-table', LOCKED.login).first()
    await row.waitFor()
    assert.match(await row.innerText(), /已锁定/)
    assert.doesNotMatch(await tableRows(admin, 'users-table', CHANGER.login).first().innerText(), /已锁定/)

    await admin.locator(byId(`users-unlock-${LOCKED.id}`)).click()
    await waitForToast(admin, '已解锁')
    await admin.locator(byId(`users-unlock-${LOCKED.id}`)).waitFor({ state: 'detached' })
    assert.doesNotMatch(await row.innerText(), /已锁定/)

    // The login log tells the story: four failures, the failure that locked, the refusal while locked.
    await openFromMenu(admin, 'menu-audit-logins', '/audit/logins')
    await tableRows(admin, 'logins-table').first().waitFor()
    await admin.locator(byId('logins-search-login')).fill(LOCKED.login)
    await clickAndWaitForApi(admin, admin.locator(byId('logins-search-btn')), '/api/audit/logins')
    await admin.waitForFunction(([sel, login]) => {
      const rs = [...document.querySelectorAll(`${sel} .el-table__body-wrapper tr.el-table__row`)]
      return rs.length > 0 && rs.every((r) => r.innerText.includes(login))
    }, [byId('logins-table'), LOCKED.login])
    const results = (await tableRows(admin, 'logins-table').allInnerTexts())
      .map((t) => `${/锁定/.test(t) ? '锁定' : /失败/.test(t) ? '失败' : '?'} ${/account locked/.test(t) ? (/wrong password/.test(t) ? 'locking' : 'while-locked') : 'wrong'}`)
    assert.deepEqual(results, ['锁定 while-locked', '锁定 locking', '失败 wrong', '失败 wrong', '失败 wrong', '失败 wrong'])

    await login(page, server.baseURL, LOCKED.login, LOCKED.password)
    assert.match(await page.locator(byId('home-welcome')).innerText(), new RegExp(LOCKED.name))
    await logout(page)
  }, server.output)
})

test('the change-password dialog changes the signed-in user\'s password', async () => {
  await withArtifacts(page, 'password-change', async () => {
    await login(page, server.baseURL, CHANGER.login, CHANGER.password)
    await page.locator(byId('user-menu')).click()
    await page.locator(`${byId('user-menu-password')}:visible`).click()
    const dialog = page.locator(byId('pwd-dialog'))
    const errors = dialog.locator('.el-form-item__error')
    await page.locator(byId('pwd-old')).waitFor()

    // Wrong current password: shown on the field, still signed in.
    await page.locator(byId('pwd-old')).fill('not-my-password-at-all')
    await page.locator(byId('pwd-new')).fill(NEW_PASSWORD)
    await page.locator(byId('pwd-confirm')).fill(NEW_PASSWORD)
    await page.locator(byId('pwd-save')).click()
    await waitForText(errors, 'the current password is wrong')
    assert.ok(await page.locator(byId('pwd-old')).isVisible())
    assert.notEqual(new URL(page.url()).pathname, '/login')

    // Confirmation differs: refused by the form.
    await page.locator(byId('pwd-old')).fill(CHANGER.password)
    await page.locator(byId('pwd-confirm')).fill(`${NEW_PASSWORD}x`)
    await page.locator(byId('pwd-save')).click()
    await waitForText(errors, '两次输入的新密码不一致')

    // Too short for the policy: refused by the server, shown on the new-password field.
    await page.locator(byId('pwd-new')).fill('Short-1')
    await page.locator(byId('pwd-confirm')).fill('Short-1')
    await page.locator(byId('pwd-save')).click()
    await waitForText(errors, 'password must have at least 12 characters')

    await page.locator(byId('pwd-new')).fill(NEW_PASSWORD)
    await page.locator(byId('pwd-confirm')).fill(NEW_PASSWORD)
    await page.locator(byId('pwd-save')).click()
    await waitForToast(page, '密码已修改')
    await page.locator(byId('pwd-old')).waitFor({ state: 'hidden' })
    // Still signed in after the change.
    await page.locator(byId('home-welcome')).waitFor()

    await logout(page)
    const old = await loginExpectingError(page, server.baseURL, CHANGER.login, CHANGER.password, /wrong/)
    assert.match(old, /wrong login name or password/)
    await login(page, server.baseURL, CHANGER.login, NEW_PASSWORD)
    assert.match(await page.locator(byId('home-welcome')).innerText(), new RegExp(CHANGER.name))
  }, server.output)
})
