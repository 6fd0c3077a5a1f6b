// Admin API calls: the key typed at sign-in travels in the x-functions-key header only (sessionStorage, this tab).
const KEY = 'marketplace.adminKey';

export const auth = {
  get key() { return sessionStorage.getItem(KEY); },
  set(key) { sessionStorage.setItem(KEY, key); },
  clear() { sessionStorage.removeItem(KEY); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, contentType = 'application/json', raw = false } = {}) {
  const headers = { 'x-functions-key': auth.key ?? '', 'X-Actor': 'dashboard' };
  let payload = body;
  if (body !== undefined && contentType === 'application/json') payload = JSON.stringify(body);
  if (body !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(path, { method, headers, body: payload, cache: 'no-store', referrerPolicy: 'no-referrer' });
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('unauthorized'));
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const post = (path, body) => api(path, { method: 'POST', body: body ?? {} });

// Uploads with progress (fetch has no upload progress): XMLHttpRequest, same header.
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('x-functions-key', auth.key ?? '');
    xhr.setRequestHeader('X-Actor', 'dashboard');
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* empty */ }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('The upload failed (network).'));
    xhr.send(file);
  });
}
