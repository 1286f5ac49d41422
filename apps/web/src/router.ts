import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router';
import { useAuthStore } from './stores/auth.js';

/** Routes; every page but /login needs a session. */
export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({
    history,
    routes: [
      {
        path: '/login',
        name: 'login',
        component: () => import('./views/LoginView.vue'),
        meta: { public: true },
      },
      { path: '/', redirect: '/incidents' },
      { path: '/incidents', name: 'incidents', component: () => import('./views/IncidentListView.vue') },
      {
        path: '/incidents/:id/:tab(overview|timeline|team|post-incident)?',
        name: 'incident',
        component: () => import('./views/IncidentView.vue'),
        props: true,
      },
      {
        // One postmortem of the incident's Post-Incident tab (deep link; the tab opens it in its editor).
        path: '/incidents/:id/post-incident/:postmortemId',
        name: 'incident-postmortem',
        component: () => import('./views/IncidentView.vue'),
        props: (r) => ({ id: r.params.id, tab: 'post-incident', postmortemId: r.params.postmortemId }),
      },
      { path: '/search', name: 'search', component: () => import('./views/SearchView.vue') },
      { path: '/insights', name: 'insights', component: () => import('./views/InsightsView.vue') },
      {
        path: '/settings/templates',
        name: 'settings-templates',
        component: () => import('./views/TemplatesView.vue'),
        meta: { permission: 'templates_manage' },
      },
      {
        path: '/settings/connected-accounts',
        name: 'settings-connected-accounts',
        component: () => import('./views/ConnectedAccountsView.vue'),
        meta: { permission: 'integrations_manage' },
      },
      {
        path: '/admin/audit',
        name: 'admin-audit',
        component: () => import('./views/AuditView.vue'),
        meta: { permission: 'audit_read' },
      },
      {
        path: '/settings/webhooks',
        name: 'settings-webhooks',
        component: () => import('./views/WebhooksView.vue'),
        meta: { permission: 'integrations_manage' },
      },
      {
        path: '/settings/contributing-factors',
        name: 'settings-contributing-factors',
        component: () => import('./views/ContributingFactorCategoriesView.vue'),
        meta: { permission: 'incident_settings_manage' },
      },
      {
        path: '/settings/api-tokens',
        name: 'settings-api-tokens',
        component: () => import('./views/ApiTokensView.vue'),
      },
      {
        path: '/settings/notifications',
        name: 'settings-notifications',
        component: () => import('./views/NotificationSettingsView.vue'),
      },
      { path: '/:pathMatch(.*)*', redirect: '/incidents' },
    ],
  });
  router.beforeEach(async (to) => {
    const auth = useAuthStore();
    if (to.meta.public) return true;
    if (!auth.isSignedIn) return { name: 'login', query: { next: to.fullPath } };
    await auth.restore().catch(() => undefined); // API down: pages show their own errors
    if (!auth.isSignedIn) return { name: 'login', query: { next: to.fullPath } };
    // Settings pages need their permission; the API enforces it too, this only avoids a page of 403s.
    const perm = to.meta.permission as string | undefined;
    if (perm && !auth.me?.permissions.includes(perm as never)) return { name: 'incidents' };
    return true;
  });
  return router;
}
