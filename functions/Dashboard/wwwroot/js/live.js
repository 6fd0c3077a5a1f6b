// Live updates: a server-sent event stream, read with fetch so the key stays in a header (EventSource cannot send one).
// A clean end (the server closes streams after a while) reconnects at once; a dropped or refused stream switches the
// page to polling and the stream is tried again later.
import { auth } from './api.js';

const RETRY_MS = 10000;

function parse(block) {
  const event = { type: 'message', data: '' };
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('event:')) event.type = line.slice(6).trim();
    else if (line.startsWith('data:')) event.data += line.slice(5).trim();
  }
  return event;
}

export function connectLive({ onChange, onState }) {
  let controller = null;
  let stopped = false;
  let retry = null;
  const connect = async () => {
    controller = new AbortController();
    let clean = false;
    try {
      const response = await fetch('/api/admin/dashboard/events', {
        headers: { 'x-functions-key': auth.key ?? '', Accept: 'text/event-stream' },
        signal: controller.signal, cache: 'no-store', referrerPolicy: 'no-referrer',
      });
      if (response.status === 401) { window.dispatchEvent(new CustomEvent('unauthorized')); return; }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      onState('stream');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const event = parse(buffer.slice(0, end));
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          if (event.type === 'change') {
            let data = null;
            try { data = JSON.parse(event.data); } catch { /* not JSON */ }
            onChange(data);
          }
        }
      }
      clean = true;
    } catch { /* dropped, refused or aborted */ }
    if (stopped) return;
    if (clean) { connect(); return; }
    onState('polling');
    retry = setTimeout(connect, RETRY_MS);
  };
  connect();
  return () => { stopped = true; clearTimeout(retry); controller?.abort(); };
}
