// Routes (history mode, base "/": the server falls back to index.html for unknown non-/api paths).
// Each page names its breadcrumb (group + title) and the permission it needs.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, setSession, clearSession, hasPerm } from '../session'
import { authApi } from '../api'
import { setUnauthenticatedHandler } from '../api/http'
import Layout from '../layout/Layout.vue'
import Login from '../views/Login.vue'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    group?: string
    perm?: string
    public?: boolean
    /** A detail page: the list it belongs to (breadcrumb link and highlighted menu item). */
    parent?: { title: string; path: string }
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: Login, meta: { public: true, title: 'login.title' } },
  { path: '/track', name: 'track', component: () => import('../views/public/Track.vue'),
    meta: { public: true, title: 'track.title' } },
  { path: '/wishes', name: 'public-wishes', component: () => import('../views/public/Wishes.vue'),
    meta: { public: true, title: 'wishPublic.title' } },
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'home', component: () => import('../views/Home.vue'), meta: { title: 'menu.home' } },
      // No permission on the route: chain leaders read it through their positions; a 403 is explained on the page.
      { path: 'cockpit', name: 'cockpit', component: () => import('../views/cockpit/Cockpit.vue'), meta: { title: 'menu.cockpit' } },
      { path: 'chains', name: 'chains', component: () => import('../views/chain/Chains.vue'),
        meta: { title: 'menu.chains', group: 'menu.chain', perm: 'chain:chain:read' } },
      { path: 'chains/:id(\\d+)', name: 'chain-map', component: () => import('../views/chain/ChainMap.vue'),
        meta: { title: 'menu.chainMap', group: 'menu.chain', perm: 'chain:chain:read',
          parent: { title: 'menu.chains', path: '/chains' } } },
      { path: 'support-bodies', name: 'support-bodies', component: () => import('../views/support/SupportBodies.vue'),
        meta: { title: 'menu.supportBodies', group: 'menu.chain', perm: 'chain:chain:read' } },
      { path: 'challenges', name: 'challenges', component: () => import('../views/support/Challenges.vue'),
        meta: { title: 'menu.challenges', group: 'menu.chain', perm: 'chain:chain:read' } },
      { path: 'challenges/:id(\\d+)', name: 'challenge-detail', component: () => import('../views/support/ChallengeDetail.vue'),
        meta: { title: 'menu.challengeDetail', group: 'menu.chain', perm: 'chain:chain:read',
          parent: { title: 'menu.challenges', path: '/challenges' } } },
      { path: 'work-tasks', name: 'work-tasks', component: () => import('../views/plan/WorkTasks.vue'),
        meta: { title: 'menu.workTasks', group: 'menu.chain', perm: 'case:case:read' } },
      { path: 'work-tasks/:id(\\d+)', name: 'work-task-detail', component: () => import('../views/plan/WorkTaskDetail.vue'),
        meta: { title: 'menu.workTaskDetail', group: 'menu.chain', perm: 'case:case:read',
          parent: { title: 'menu.workTasks', path: '/work-tasks' } } },
      { path: 'investment', name: 'investment-board', component: () => import('../views/investment/Pipeline.vue'),
        meta: { title: 'menu.investmentBoard', group: 'menu.chain', perm: 'chain:project:read' } },
      { path: 'investment/projects', name: 'investment-projects', component: () => import('../views/investment/Projects.vue'),
        meta: { title: 'menu.investmentProjects', group: 'menu.chain', perm: 'chain:project:read' } },
      { path: 'investment/projects/:id(\\d+)', name: 'investment-project-detail', component: () => import('../views/investment/ProjectDetail.vue'),
        meta: { title: 'menu.investmentProjectDetail', group: 'menu.chain', perm: 'chain:project:read',
          parent: { title: 'menu.investmentProjects', path: '/investment/projects' } } },
      { path: 'investment/events', name: 'investment-events', component: () => import('../views/investment/Events.vue'),
        meta: { title: 'menu.investmentEvents', group: 'menu.chain', perm: 'chain:project:read' } },
      { path: 'investment/events/:id(\\d+)', name: 'investment-event-detail', component: () => import('../views/investment/EventDetail.vue'),
        meta: { title: 'menu.investmentEventDetail', group: 'menu.chain', perm: 'chain:project:read',
          parent: { title: 'menu.investmentEvents', path: '/investment/events' } } },
      { path: 'policies', name: 'policies', component: () => import('../views/policy/Policies.vue'),
        meta: { title: 'menu.policies', group: 'menu.chain', perm: 'chain:policy:read' } },
      { path: 'policies/:id(\\d+)', name: 'policy-detail', component: () => import('../views/policy/PolicyDetail.vue'),
        meta: { title: 'menu.policyDetail', group: 'menu.chain', perm: 'chain:policy:read',
          parent: { title: 'menu.policies', path: '/policies' } } },
      { path: 'enterprises', name: 'enterprises', component: () => import('../views/chain/Enterprises.vue'),
        meta: { title: 'menu.enterprises', group: 'menu.chain', perm: 'chain:enterprise:read' } },
      { path: 'enterprises/:id(\\d+)', name: 'enterprise-profile', component: () => import('../views/chain/EnterpriseProfile.vue'),
        meta: { title: 'menu.enterpriseProfile', group: 'menu.chain', perm: 'chain:enterprise:read',
          parent: { title: 'menu.enterprises', path: '/enterprises' } } },
      { path: 'demands', name: 'demands', component: () => import('../views/demand/Demands.vue'),
        meta: { title: 'menu.demands', group: 'menu.case', perm: 'case:demand:file' } },
      { path: 'demands/new', name: 'demand-new', component: () => import('../views/demand/DemandNew.vue'),
        meta: { title: 'menu.demandNew', group: 'menu.case', perm: 'case:demand:file',
          parent: { title: 'menu.demands', path: '/demands' } } },
      { path: 'demands/:id(\\d+)', name: 'demand-detail', component: () => import('../views/demand/DemandDetail.vue'),
        meta: { title: 'menu.demandDetail', group: 'menu.case', perm: 'case:demand:file',
          parent: { title: 'menu.demands', path: '/demands' } } },
      { path: 'patrol', name: 'patrol', component: () => import('../views/case/Patrol.vue'),
        meta: { title: 'menu.patrol', group: 'menu.case', perm: 'case:case:patrol' } },
      { path: 'cases/inbox', name: 'case-inbox', component: () => import('../views/case/Inbox.vue'),
        meta: { title: 'menu.caseInbox', group: 'menu.case', perm: 'case:case:read' } },
      { path: 'cases', name: 'cases', component: () => import('../views/case/Cases.vue'),
        meta: { title: 'menu.cases', group: 'menu.case', perm: 'case:case:read' } },
      { path: 'cases/:id(\\d+)', name: 'case-detail', component: () => import('../views/case/CaseDetail.vue'),
        meta: { title: 'menu.caseDetail', group: 'menu.case', perm: 'case:case:read',
          parent: { title: 'menu.cases', path: '/cases' } } },
      { path: 'field', name: 'field-work', component: () => import('../views/field/FieldWork.vue'),
        meta: { title: 'menu.fieldWork', group: 'menu.case', perm: 'chain:enterprise:visit' } },
      { path: 'field/assignments', name: 'field-assignments', component: () => import('../views/field/Assignments.vue'),
        meta: { title: 'menu.fieldAssignments', group: 'menu.case', perm: 'chain:enterprise:assign' } },
      { path: 'field/figures', name: 'field-figures', component: () => import('../views/field/FieldFigures.vue'),
        meta: { title: 'menu.fieldFigures', group: 'menu.case', perm: 'case:kpi:read' } },
      { path: 'meetings', name: 'meetings', component: () => import('../views/meeting/Meetings.vue'),
        meta: { title: 'menu.meetings', group: 'menu.case', perm: 'case:case:read' } },
      { path: 'meetings/:id(\\d+)', name: 'meeting-detail', component: () => import('../views/meeting/MeetingDetail.vue'),
        meta: { title: 'menu.meetingDetail', group: 'menu.case', perm: 'case:case:read',
          parent: { title: 'menu.meetings', path: '/meetings' } } },
      { path: 'wish-campaigns', name: 'wish-campaigns', component: () => import('../views/wish/Campaigns.vue'),
        meta: { title: 'menu.wishCampaigns', group: 'menu.case', perm: 'case:case:read' } },
      { path: 'wish-campaigns/:id(\\d+)', name: 'wish-campaign-detail', component: () => import('../views/wish/CampaignDetail.vue'),
        meta: { title: 'menu.wishCampaignDetail', group: 'menu.case', perm: 'case:case:read',
          parent: { title: 'menu.wishCampaigns', path: '/wish-campaigns' } } },
      { path: 'cases/kpi', name: 'case-kpi', component: () => import('../views/case/CaseKpi.vue'),
        meta: { title: 'menu.caseKpi', group: 'menu.case', perm: 'case:kpi:read' } },
      { path: 'assessment', name: 'assessment', component: () => import('../views/assess/Assessment.vue'),
        meta: { title: 'menu.assessment', group: 'menu.case', perm: 'case:assess:read' } },
      { path: 'cases/categories', name: 'case-categories', component: () => import('../views/case/Categories.vue'),
        meta: { title: 'menu.caseCategories', group: 'menu.case', perm: 'case:catalogue:write' } },
      { path: 'cases/routes', name: 'case-routes', component: () => import('../views/case/Routes.vue'),
        meta: { title: 'menu.caseRoutes', group: 'menu.case', perm: 'case:catalogue:write' } },
      { path: 'cases/channels', name: 'case-channels', component: () => import('../views/case/Channels.vue'),
        meta: { title: 'menu.caseChannels', group: 'menu.case', perm: 'case:catalogue:write' } },
      { path: 'cases/calendar', name: 'case-calendar', component: () => import('../views/case/Calendar.vue'),
        meta: { title: 'menu.caseCalendar', group: 'menu.case', perm: 'case:catalogue:write' } },
      { path: 'org/regions', name: 'regions', component: () => import('../views/org/Regions.vue'),
        meta: { title: 'menu.regions', group: 'menu.org', perm: 'org:region:read' } },
      { path: 'org/units', name: 'units', component: () => import('../views/org/Units.vue'),
        meta: { title: 'menu.units', group: 'menu.org', perm: 'org:unit:read' } },
      { path: 'org/positions', name: 'positions', component: () => import('../views/org/Positions.vue'),
        meta: { title: 'menu.positions', group: 'menu.org', perm: 'org:position:read' } },
      { path: 'system/users', name: 'users', component: () => import('../views/system/Users.vue'),
        meta: { title: 'menu.users', group: 'menu.system', perm: 'sys:user:read' } },
      { path: 'system/roles', name: 'roles', component: () => import('../views/system/Roles.vue'),
        meta: { title: 'menu.roles', group: 'menu.system', perm: 'sys:role:read' } },
      { path: 'system/api-keys', name: 'api-keys', component: () => import('../views/system/ApiKeys.vue'),
        meta: { title: 'menu.apiKeys', group: 'menu.system', perm: 'sys:apikey:write' } },
      { path: 'audit/logins', name: 'audit-logins', component: () => import('../views/audit/LoginLogs.vue'),
        meta: { title: 'menu.loginLog', group: 'menu.audit', perm: 'audit:log:read' } },
      { path: 'audit/operations', name: 'audit-operations', component: () => import('../views/audit/OperationLogs.vue'),
        meta: { title: 'menu.operationLog', group: 'menu.audit', perm: 'audit:log:read' } },
      { path: '403', name: 'forbidden', component: () => import('../views/Status.vue'), props: { kind: '403' },
        meta: { title: 'common.forbidden' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('../views/Status.vue'), props: { kind: '404' },
        meta: { title: 'common.notFound' } },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
})

/** A redirect target from the query string, only if it is a path of this site. */
export function safeRedirect(value: unknown): string {
  const s = typeof value === 'string' ? value : ''
  return s.startsWith('/') && !s.startsWith('//') && !s.startsWith('/login') ? s : '/'
}

async function probeSession(): Promise<void> {
  try {
    setSession(await authApi.me())
  } catch {
    clearSession()
  } finally {
    session.loaded = true
  }
}

router.beforeEach(async (to) => {
  if (!session.loaded) await probeSession()
  if (to.meta.public) {
    if (to.name === 'login' && session.me) return safeRedirect(to.query.redirect)
    return true
  }
  if (!session.me) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.perm && !hasPerm(to.meta.perm)) return { name: 'forbidden' }
  return true
})

setUnauthenticatedHandler(() => {
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    router.replace({ name: 'login', query: current.fullPath !== '/' ? { redirect: current.fullPath } : {} })
  }
})
