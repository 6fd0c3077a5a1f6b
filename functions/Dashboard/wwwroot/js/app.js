// The dashboard shell: sign-in, hash routing between views, and live updates by polling the current view.
import { api, auth } from './api.js';
import { h } from './ui.js';
import overview from './views/overview.js';
import syncs from './views/syncs.js';
import changesets from './views/changesets.js';
import products from './views/products.js';
import sales from './views/sales.js';
import unmatched from './views/unmatched.js';
import deadletters from './views/deadletters.js';
import photos from './views/photos.js';

const views = { overview, syncs, changesets, products, sales, unmatched, deadletters, photos };
const $ = id => document.getElementById(id);
let active = null;
let timer = null;

function signedIn(yes) {
  $('login').hidden = yes;
  $('nav').hidden = !yes;
  $('logout').hidden = !yes;
  if (!yes) {
    stop();
    $('view').replaceChildren();
    $('key').focus();
  }
}

function stop() {
  clearInterval(timer);
  timer = null;
  active = null;
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
  let handle;
  try {
    handle = await view.mount(root);
    root.dataset.loaded = 'true';
  } catch (e) {
    root.append(h('p', { class: 'error', role: 'alert' }, e.message));
    return;
  }
  if (active !== mounted || !handle?.refresh) return;
  const tick = async () => {
    if (document.hidden || active !== mounted) return;
    try { await handle.refresh(); } catch (e) { root.dataset.refreshError = e.message; }
  };
  timer = setInterval(tick, handle.every ?? 3000);
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
