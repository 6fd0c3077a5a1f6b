// The dashboard shell: sign-in, hash routing between views, and live updates: the current view refreshes on each
// server-sent change event, and polls while the event stream is down or the view watches work in progress.
import { api, auth } from './api.js';
import { h } from './ui.js';
import { connectLive } from './live.js';
import overview from './views/overview.js';
import syncs from './views/syncs.js';
import changesets from './views/changesets.js';
import products from './views/products.js';
import sales from './views/sales.js';
import unmatched from './views/unmatched.js';
import deadletters from './views/deadletters.js';
import photos from './views/photos.js';
import operations from './views/operations.js';

const views = { overview, syncs, changesets, products, sales, unmatched, deadletters, photos, operations };
const $ = id => document.getElementById(id);
let active = null;
let timer = null;
let handle = null;
let liveState = 'polling';
let disconnect = null;
let refreshing = null;
let again = false;

function signedIn(yes) {
  $('login').hidden = yes;
  $('nav').hidden = !yes;
  $('logout').hidden = !yes;
  $('live').hidden = !yes;
  if (yes && !disconnect) disconnect = connectLive({ onChange: refreshNow, onState: setLiveState });
  if (!yes) {
    disconnect?.();
    disconnect = null;
    stop();
    $('view').replaceChildren();
    $('key').focus();
  }
}

function stop() {
  clearInterval(timer);
  timer = null;
  active = null;
  handle = null;
}

// One refresh at a time; a change arriving meanwhile asks for one more.
async function refreshNow() {
  if (!handle?.refresh || document.hidden) return;
  if (refreshing) { again = true; return; }
  const root = $('view').firstElementChild;
  const current = handle;
  refreshing = (async () => {
    do {
      again = false;
      try { await current.refresh(); } catch (e) { if (root) root.dataset.refreshError = e.message; }
    } while (again && handle === current);
  })();
  await refreshing;
  refreshing = null;
}

// Polls while the event stream is down, and while the view says it is watching work in progress (a running sync's
// progress and its end are not audit records, so the stream may say nothing about them).
function schedule() {
  clearInterval(timer);
  timer = null;
  if (!handle?.refresh) return;
  const current = handle;
  timer = setInterval(() => {
    if (liveState !== 'stream' || current.busy?.()) refreshNow();
  }, current.every ?? 3000);
}

function setLiveState(state) {
  liveState = state;
  document.body.dataset.live = state;
  $('live').textContent = state === 'stream' ? 'Live' : 'Polling';
  if (state === 'stream') refreshNow();
  schedule();
}

async function route() {
  if (!auth.key) { signedIn(false); return; }
  signedIn(true);
  const name = (location.hash.replace(/^#\//, '') || 'overview').split('?')[0];
  const view = views[name] ?? overview;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  stop();
  const root = h('div', { 'data-page': name });
  $('view').replaceChildren(root);
  document.title = `${view.title} · Marketplace`;
  $('main').focus();
  const mounted = { name };
  active = mounted;
  let mountedHandle;
  try {
    mountedHandle = await view.mount(root);
    root.dataset.loaded = 'true';
  } catch (e) {
    root.append(h('p', { class: 'error', role: 'alert' }, e.message));
    return;
  }
  if (active !== mounted) return;
  handle = mountedHandle ?? null;
  schedule();
}

$('login').addEventListener('submit', async e => {
  e.preventDefault();
  const key = $('key').value;
  auth.set(key);
  try {
    await api('/api/admin/dashboard/overview');
    $('key').value = '';
    $('login-error').textContent = '';
    if (!location.hash) location.hash = '#/overview'; else route();
  } catch (err) {
    auth.clear();
    $('login-error').textContent = err.status === 401 ? 'That key is not valid.' : err.message;
  }
});

$('logout').addEventListener('click', () => { auth.clear(); signedIn(false); });
window.addEventListener('unauthorized', () => { auth.clear(); signedIn(false); $('login-error').textContent = 'Your key was refused; sign in again.'; });
window.addEventListener('hashchange', route);
route();
