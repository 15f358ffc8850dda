// The live event stream (/api/events, server-sent events) read with fetch, so the same code works with the session
// cookie and with the Basic header. Resumes with Last-Event-ID after a break; the server sends `reset` when the
// position is gone, and the page then reloads its state from the resources.
import { session } from './api.js';

export class EventStream {
  constructor(onEvent, onState) {
    this.onEvent = onEvent;
    this.onState = onState;
    this.lastId = null;
    this.controller = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.connect(0);
  }

  stop() {
    this.stopped = true;
    if (this.controller) this.controller.abort();
  }

  async connect(attempt) {
    if (this.stopped) return;
    this.controller = new AbortController();
    // The header also keeps a 401 free of WWW-Authenticate (no browser login dialog).
    const headers = { Accept: 'text/event-stream', 'X-Requested-With': 'plugboard-web' };
    if (session.basic) headers.Authorization = session.basic;
    if (this.lastId !== null) headers['Last-Event-ID'] = this.lastId;
    try {
      const r = await fetch('/api/events', { headers, signal: this.controller.signal, credentials: 'same-origin' });
      if (!r.ok) throw new Error(`events: HTTP ${r.status}`);
      this.onState('open');
      attempt = 0;
      await this.read(r.body.getReader());
    } catch (e) {
      if (this.stopped) return;
    }
    this.onState('closed');
    // Back off 1, 2, 4 ... 15 s: a restarting PBX is not hammered.
    setTimeout(() => this.connect(attempt + 1), Math.min(15000, 1000 * 2 ** attempt));
  }

  async read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        this.dispatch(block);
      }
    }
  }

  dispatch(block) {
    let id = null; let type = 'message'; const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue; // keep-alive comment
      const i = line.indexOf(':');
      const name = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (name === 'id') id = value;
      else if (name === 'event') type = value;
      else if (name === 'data') data.push(value);
    }
    if (id !== null) this.lastId = id;
    if (!data.length) return;
    let payload;
    try { payload = JSON.parse(data.join('\n')); } catch { return; }
    this.onEvent(payload.type || type, payload);
  }
}
